"""The demo data: ``load_demo`` builds a realistic programme and is safe to run again."""

from io import StringIO

import pytest
from django.core.management import call_command

from collider.demo import DEMO_PASSWORD, DEMO_SLUG
from collider.enums import MembershipStatus, Role, Sector
from collider.models import Event, Membership, Organisation, Programme, Registration, User

pytestmark = pytest.mark.django_db

CORE_EVENTS = [
    "Tandem kick-off: charter and task division",
    "Info day: Creative meets Manufacturing",
    "Hands-on know-how: additive manufacturing for designers",
    "Mindset: how to make a good pitch to AVM",
    "Guided visit: Petek Robotics",
    "Challenge pitch workshop",
    "Idea pitch day",
    "Specialised match-making workshop",
]


def snapshot() -> dict[str, int]:
    programme = Programme.objects.get(slug=DEMO_SLUG)
    participants = Membership.objects.filter(programme=programme, role=Role.PARTICIPANT)
    return {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "memberships": Membership.objects.filter(programme=programme).count(),
        "cci": participants.filter(sector=Sector.CCI).count(),
        "avm": participants.filter(sector=Sector.AVM).count(),
        "events": Event.objects.filter(programme=programme).count(),
        "registrations": Registration.objects.filter(event__programme=programme).count(),
        "phases": programme.phases.count(),
    }


def test_load_demo_twice_creates_nothing_twice(demo_loaded):
    second_output = StringIO()
    first = snapshot()

    call_command("load_demo", stdout=second_output)

    titles = list(Event.objects.values_list("title", flat=True))
    assert snapshot() == first
    assert (first["cci"], first["avm"], first["phases"]) == (20, 10, 6)
    # Phase apps add events of their own; the core's eight exist exactly once each.
    assert {title: titles.count(title) for title in CORE_EVENTS} == dict.fromkeys(CORE_EVENTS, 1)
    assert "admin@demo.collider.test" in demo_loaded
    assert "admin@demo.collider.test" in second_output.getvalue()


def test_load_demo_builds_the_tandem_and_a_waitlist(demo_loaded):
    programme = Programme.objects.get(slug=DEMO_SLUG)
    partners = Membership.objects.filter(
        programme=programme, role=Role.PARTNER, status=MembershipStatus.APPROVED
    ).select_related("organisation")
    training = Event.objects.get(programme=programme, capacity=12)
    statuses = list(training.registrations.values_list("status", flat=True))
    assert sorted(m.organisation.name for m in partners) == [
        "Creative Hub Graz",
        "Styrian Chamber of Commerce",
    ]
    assert (statuses.count("confirmed"), statuses.count("waitlisted")) == (12, 2)
    assert User.objects.get(email="admin@demo.collider.test").is_superuser is True


def test_load_demo_prints_every_demo_login(demo_loaded):
    logins = [line.split()[-1] for line in demo_loaded.splitlines() if "@" in line]
    assert logins[0] == "admin@demo.collider.test"
    assert len(logins) == 8
    assert User.objects.filter(email__in=logins).count() == 8


def test_every_demo_account_signs_in_with_the_demo_password_hashed_once(demo_loaded):
    users = list(User.objects.all())

    assert len(users) > 30
    assert len({user.password for user in users}) == 1
    assert all(user.check_password(DEMO_PASSWORD) for user in users)


def test_the_demo_password_is_hashed_with_the_hasher_in_force(settings):
    from collider.demo import _user

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = _user("new.person@demo.collider.test", "New Person")

    user.refresh_from_db()
    assert user.password.startswith("pbkdf2_sha256$")
    assert user.check_password(DEMO_PASSWORD)
