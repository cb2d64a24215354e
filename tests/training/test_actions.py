"""The generated test of the training app's declared action: enrolling in a session, for every
role of the access matrix, while enrolment is open and after it closed, through the service."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from collider.enums import Role
from collider.models import ActivityEntry
from tests.factories import member
from tests.service_actions import check_services
from training import services
from training.actions import SESSION_REGISTER

from .factories import SessionFactory


def test_enrolment_follows_its_declaration(programme, people):
    calls = check_services(
        [SESSION_REGISTER],
        states=[None],
        make=lambda _state: SessionFactory(module__programme=programme),
        roles=people,
    )

    # Members of the programme (and the admin) enrol; the anonymous visitor and the partner of
    # another programme are refused with the declaration's message.
    allowed = [
        role
        for role, person in people.items()
        if person is not None
        and SESSION_REGISTER.allows(person, SessionFactory(module__programme=programme))
    ]
    assert (calls, allowed) == (
        len(people),
        ["cci", "avm", "expert", "facilitator", "partner", "admin"],
    )


def test_enrolment_closed_or_twice_is_refused_with_the_declarations_message(programme):
    cci = member(programme, Role.PARTICIPANT)
    closed = SessionFactory(
        module__programme=programme,
        event__registration_closes_at=timezone.now() - timedelta(hours=1),
    )
    session = SessionFactory(module__programme=programme)
    services.session_register(user=cci, session=session)

    refusals = [
        SESSION_REGISTER.refusal(cci, closed).messages,
        SESSION_REGISTER.refusal(cci, session).messages,
    ]

    assert refusals == [
        ["Enrolment for this session is closed."],
        ["You are enrolled in this session already."],
    ]
    assert ActivityEntry.objects.filter(action=SESSION_REGISTER.name).count() == 1
