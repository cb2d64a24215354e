"""List and dashboard pages issue the same number of SQL queries for one row as for many.

Each test renders a page with one row, adds rows, renders it again, compares the exact query
counts and checks that the added rows are on the page. A warm-up request before each
measurement fills the process-wide caches (content types, the session), so that only the rows
differ between the two measurements. The page cache is off: a page served again from it costs no
query at all, whatever its rows, and the current minute is part of its key, so a warm-up and a
measurement on either side of a minute's turn would compare a kept page with a fresh one.
"""

import re
from datetime import timedelta
from io import StringIO

import pytest
from auditlog.context import set_actor
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from collider import services
from collider.enums import (
    MembershipStatus,
    OrganisationRole,
    Phase,
    RegistrationMode,
    RegistrationStatus,
    Role,
)
from collider.models import (
    Invitation,
    OrganisationInvitation,
    OrganisationMember,
    ProgrammePhase,
)
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
    member,
)
from tests.snapshot import Snapshot

pytestmark = pytest.mark.usefixtures("page_cache_off")

MANY = 6


def _render(client, url: str) -> tuple[list[str], str]:
    """The queries of one GET of ``url`` (after a warm-up GET) and the page it returned."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return [query["sql"] for query in context.captured_queries], response.content.decode()


def _shape(sql: str) -> str:
    """The query without its literal values, so the same query for another row compares equal."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)[:300]


def _assert_flat(one: list[str], many: list[str]) -> None:
    """Equal counts; on failure, show the queries the larger page added."""
    extra = [_shape(sql) for sql in many]
    for sql in one:
        if _shape(sql) in extra:
            extra.remove(_shape(sql))
    assert len(many) == len(one), "queries grew with the rows:\n" + "\n".join(extra)


# --- Public pages -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_queries_do_not_grow_with_programmes(client):
    ProgrammeFactory()
    one, _page = _render(client, reverse("home"))
    last = ProgrammeFactory.create_batch(MANY - 1)[-1]

    many, page = _render(client, reverse("home"))

    _assert_flat(one, many)
    assert last.name in page


def _events(programme, count: int, **fields) -> list:
    """Events with a host organisation and a confirmed and a waitlisted registration each."""
    events = EventFactory.create_batch(
        count, programme=programme, host_organisation=OrganisationFactory(), **fields
    )
    for event in events:
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    return events


def test_programme_detail_queries_do_not_grow_with_events_and_partners(client, programme, cci):
    client.force_login(cci)
    url = reverse("collider:programme_detail", args=[programme.slug])
    _events(programme, 1)
    MembershipFactory(
        programme=programme, role=Role.PARTNER, sector="", organisation=OrganisationFactory()
    )
    one, _page = _render(client, url)
    # The page lists the next five events.
    _events(programme, 4)
    partners = [OrganisationFactory() for _ in range(MANY - 1)]
    for organisation in partners:
        MembershipFactory(
            programme=programme, role=Role.PARTNER, sector="", organisation=organisation
        )

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert partners[-1].name in page


def test_event_list_queries_do_not_grow_with_events_for_a_member(client, programme, cci):
    client.force_login(cci)
    url = reverse("collider:event_list", args=[programme.slug])
    _events(programme, 1)
    one, _page = _render(client, url)
    _events(programme, MANY - 1)
    public = _events(programme, 2, registration_mode=RegistrationMode.PUBLIC)

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert public[-1].title in page


def test_event_list_queries_do_not_grow_with_events_for_anonymous(client, programme):
    url = reverse("collider:event_list", args=[programme.slug])
    _events(programme, 1, registration_mode=RegistrationMode.PUBLIC)
    one, _page = _render(client, url)
    public = _events(programme, MANY - 1, registration_mode=RegistrationMode.PUBLIC)

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert public[-1].title in page


def test_calendar_feed_queries_do_not_grow_with_registrations(client, programme, cci):
    url = reverse("collider:calendar_feed", args=[cci.calendar_token])
    RegistrationFactory(event=EventFactory(programme=programme), user=cci)
    one, _feed = _render(client, url)
    other = ProgrammeFactory()
    events = [EventFactory(programme=programme if i % 2 else other) for i in range(MANY - 1)]
    for event in events:
        RegistrationFactory(event=event, user=cci)

    many, feed = _render(client, url)

    _assert_flat(one, many)
    assert feed.count("BEGIN:VEVENT") == MANY


# --- Dashboards -------------------------------------------------------------------------------


def _participant_rows(user, count: int) -> list:
    """Programmes joined (with upcoming events, one registered), invitations, applications."""
    programmes = []
    for _ in range(count):
        programme = ProgrammeFactory()
        MembershipFactory(programme=programme, user=user)
        registered, _open = EventFactory.create_batch(2, programme=programme)
        RegistrationFactory(event=registered, user=user)
        Invitation.objects.create(
            programme=ProgrammeFactory(),
            email=user.email,
            role=Role.EXPERT,
            expires_at=timezone.now() + timedelta(days=7),
        )
        MembershipFactory(programme=ProgrammeFactory(), user=user, status=MembershipStatus.APPLIED)
        programmes.append(programme)
    return programmes


def test_dashboard_queries_do_not_grow_for_a_participant(client, db):
    user = UserFactory()
    client.force_login(user)
    _participant_rows(user, 1)
    one, _page = _render(client, reverse("dashboard"))
    last = _participant_rows(user, MANY - 1)[-1]

    many, page = _render(client, reverse("dashboard"))

    _assert_flat(one, many)
    assert last.name in page


def _partner_rows(user, count: int) -> list:
    """Programmes run by ``user``, each with an application waiting and a phase without dates."""
    programmes = []
    for _ in range(count):
        programme = ProgrammeFactory()
        MembershipFactory(programme=programme, user=user, role=Role.PARTNER, sector="")
        MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
        EventFactory(programme=programme)
        programme.phases.filter(phase=Phase.values[-1]).update(starts_on=None, ends_on=None)
        programmes.append(programme)
    return programmes


def test_dashboard_queries_do_not_grow_for_a_partner(client, db):
    user = UserFactory()
    client.force_login(user)
    _partner_rows(user, 1)
    one, _page = _render(client, reverse("dashboard"))
    last = _partner_rows(user, MANY - 1)[-1]

    many, page = _render(client, reverse("dashboard"))

    _assert_flat(one, many)
    assert reverse("collider:programme_phases", args=[last.slug]) in page


# --- Management pages -------------------------------------------------------------------------


def _members(programme, count: int) -> list:
    """Approved and applied participants of both sectors, each with an organisation."""
    return [
        MembershipFactory(
            programme=programme,
            organisation=OrganisationFactory(),
            sector="avm" if index % 2 else "cci",
            status=MembershipStatus.APPLIED if index % 3 else MembershipStatus.APPROVED,
        )
        for index in range(count)
    ]


def test_programme_manage_queries_do_not_grow_with_members(client, programme, partner):
    client.force_login(partner)
    url = reverse("collider:programme_manage", args=[programme.slug])
    _members(programme, 1)
    one, _page = _render(client, url)
    last = _members(programme, MANY - 1)[-1]

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert last.organisation.name in page


def _invitations(programme, inviter, count: int) -> list:
    return [
        Invitation.objects.create(
            programme=programme,
            email=f"invitee-{programme.pk}-{inviter.pk}-{index}@example.org",
            role=Role.EXPERT,
            invited_by=inviter,
            expires_at=timezone.now() + timedelta(days=7),
        )
        for index in range(count)
    ]


def test_invitation_list_queries_do_not_grow_with_invitations(client, programme, partner):
    client.force_login(partner)
    url = reverse("collider:invitation_list", args=[programme.slug])
    _invitations(programme, partner, 1)
    one, _page = _render(client, url)
    last = _invitations(programme, member(programme, Role.PARTNER), MANY - 1)[-1]

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert last.email in page


def _audited_changes(programme, count: int) -> list:
    """Audit entries by different people about memberships, events and phases."""
    actors = UserFactory.create_batch(count)
    for actor in actors:
        with set_actor(actor):
            MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
            event = EventFactory(programme=programme)
            event.capacity = 10
            event.save()
            phase = programme.phases.first()
            phase.ends_on = phase.ends_on + timedelta(days=1)
            phase.save()
    return actors


def test_programme_activity_queries_do_not_grow_with_audit_entries(client, programme, partner):
    client.force_login(partner)
    url = reverse("collider:programme_activity", args=[programme.slug])
    _audited_changes(programme, 1)
    one, _page = _render(client, url)
    last = _audited_changes(programme, MANY - 1)[-1]

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert last.display_name in page


def test_event_attendance_queries_do_not_grow_with_registrations(client, programme, partner):
    client.force_login(partner)
    event = EventFactory(programme=programme)
    url = reverse("collider:event_attendance", args=[programme.slug, event.pk])
    RegistrationFactory(event=event)
    one, _page = _render(client, url)
    RegistrationFactory.create_batch(MANY - 1, event=event)
    RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)
    guest = RegistrationFactory(event=event, user=None, name="Guest", email="guest@example.org")

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert guest.email in page


def test_programme_phases_queries_do_not_grow_with_phases(client, partner, programme):
    """The phase formset: one phase against all six."""
    client.force_login(partner)
    url = reverse("collider:programme_phases", args=[programme.slug])
    ProgrammePhase.objects.filter(programme=programme).exclude(phase=Phase.values[0]).delete()
    one, _page = _render(client, url)
    today = timezone.localdate()
    for index, phase in enumerate(Phase.values[1:], start=1):
        ProgrammePhase.objects.create(
            programme=programme, phase=phase, starts_on=today + timedelta(days=30 * index)
        )

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert f'name="form-{len(Phase.values) - 1}-id"' in page


# --- Dashboards at two programme sizes --------------------------------------------------------

DASHBOARD_ROLES = ("partner", "facilitator", "expert", "cci", "avm")


@pytest.fixture(scope="session")
def bench_copy(django_db_setup, django_db_blocker):
    """The page benchmark's programme (``bench_pages``: participants, events, meetings,
    cooperations, a challenge with reviewed ideas, checklists, modules) seeded at two sizes once
    per session, copied and rolled back: seeding cost seconds in each of two dozen tests."""
    from followup.management.commands.bench_pages import _pages

    with django_db_blocker.unblock(), transaction.atomic():
        pages = tuple({page.name: page for page in _pages(scale, StringIO())} for scale in (20, 60))
        copy = Snapshot.take(skip=frozenset({"sessions.session"}))
        transaction.set_rollback(True)
    return pages, copy


@pytest.fixture
def bench_pages(db, bench_copy):
    """The benchmark's pages of its programme at two sizes, ``({name: Page}, {name: Page})``."""
    pages, copy = bench_copy
    copy.restore()
    return pages


@pytest.fixture
def benchmark_people(bench_pages):
    """Each role's person in the page benchmark's programme at two sizes."""
    return tuple(
        {
            name[len("dashboard (") : -1]: page.user
            for name, page in pages.items()
            if name.startswith("dashboard")
        }
        for pages in bench_pages
    )


@pytest.mark.parametrize("role", DASHBOARD_ROLES)
def test_dashboard_queries_do_not_grow_with_the_programme(client, benchmark_people, role):
    small, large = benchmark_people
    client.force_login(small[role])
    one, _small_page = _render(client, reverse("dashboard"))
    client.force_login(large[role])

    many, page = _render(client, reverse("dashboard"))

    _assert_flat(one, many)
    assert "followup-bench-60" in page


@pytest.mark.parametrize("role", DASHBOARD_ROLES)
def test_dashboard_next_steps_share_the_users_memberships(client, benchmark_people, role):
    """The next-step providers read the user's programmes, roles, organisations and sectors
    from the one cached query of approved memberships instead of joining memberships again."""
    client.force_login(benchmark_people[1][role])
    queries, _page = _render(client, reverse("dashboard"))

    approved = [sql for sql in queries if '"collider_membership"' in sql and "'applied'" not in sql]
    assert len(approved) == 1, "\n".join(approved)


@pytest.mark.parametrize("role", ["partner", "facilitator", "expert"])
def test_dashboard_asks_participant_steps_of_participants_only(client, benchmark_people, role):
    """Co-author invitations, idea drafts, match-making profiles and requests are next steps of
    participants: nobody else's dashboard queries them."""
    client.force_login(benchmark_people[1][role])
    queries, _page = _render(client, reverse("dashboard"))

    for table in ("challenges_idea", "matchmaking_profile", "matchmaking_meetingrequest"):
        assert not [sql for sql in queries if f'FROM "{table}"' in sql], table


# --- The page benchmark's other pages at two programme sizes -----------------------------------

BENCH_PAGES = (
    "programme",
    "events",
    "event detail",
    "members",
    "idea list",
    "ranking",
    "KPI dashboard",
    "cooperation board",
    "checklist results",
    "library",
    "catalogue",
)


@pytest.mark.parametrize("name", BENCH_PAGES)
def test_benchmarked_page_queries_do_not_grow_with_the_programme(client, bench_pages, name):
    small, large = (pages[name] for pages in bench_pages)
    if small.user:
        client.force_login(small.user)
    one, _small_page = _render(client, small.url)
    if large.user:
        client.force_login(large.user)

    many, page = _render(client, large.url)

    _assert_flat(one, many)
    assert "followup-bench-60" in page


@pytest.mark.django_db
def test_a_logged_in_page_reads_its_session_from_the_cache(client, programme, cci):
    client.force_login(cci)
    url = reverse("collider:event_list", args=[programme.slug])

    queries, _page = _render(client, url)

    assert [sql for sql in queries if "django_session" in sql] == []


# --- The wizard's partner organisations and organisations' own pages -----------------------


def _partner_invitations(programme, actor, count: int) -> list:
    return [
        services.programme_partner_invite(
            actor=actor,
            programme=programme,
            email=f"rep{index}-{programme.pk}-{UserFactory().pk}@example.org",
            organisation=OrganisationFactory(),
        )
        for index in range(count)
    ]


@pytest.mark.django_db
def test_programme_partners_queries_do_not_grow_with_partner_organisations(
    client, programme, partner
):
    client.force_login(partner)
    url = reverse("collider:programme_partners", args=[programme.slug])
    _partner_invitations(programme, partner, 1)
    one, _page = _render(client, url)
    last = _partner_invitations(programme, partner, MANY - 1)[-1]

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert last.organisation.name in page


@pytest.mark.django_db
def test_organisation_page_queries_do_not_grow_with_members_and_invitations(client):
    organisation = OrganisationFactory()
    admin = UserFactory()
    OrganisationMember.objects.create(
        organisation=organisation, user=admin, role=OrganisationRole.ADMIN
    )
    client.force_login(admin)
    url = reverse("collider:organisation_detail", args=[organisation.pk])

    def grow(count: int):
        for _index in range(count):
            person = UserFactory()
            OrganisationMember.objects.create(organisation=organisation, user=person)
            OrganisationInvitation.objects.create(
                organisation=organisation,
                email=f"invited-{person.pk}@example.org",
                invited_by=admin,
                expires_at=timezone.now() + timedelta(days=3),
            )
        return person

    grow(1)
    one, _page = _render(client, url)
    last = grow(MANY - 1)

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert last.email in page
    assert f"invited-{last.pk}@example.org" in page


@pytest.mark.django_db
def test_organisation_list_queries_do_not_grow_with_organisations(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("collider:organisation_list")

    def grow(count: int):
        for _index in range(count):
            organisation = OrganisationFactory()
            OrganisationMember.objects.create(
                organisation=organisation, user=admin, role=OrganisationRole.ADMIN
            )
        return organisation

    grow(1)
    one, _page = _render(client, url)
    last = grow(MANY - 1)

    many, page = _render(client, url)

    _assert_flat(one, many)
    assert last.name in page
