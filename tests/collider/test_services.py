"""Services of the programme core: every write, with its e-mails and outbox rows."""

import threading
from datetime import date, timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections
from django.utils import timezone
from django.utils.formats import date_format

from collider import services
from collider.enums import (
    EventKind,
    EventStatus,
    MembershipStatus,
    Phase,
    PhaseOverride,
    PhaseState,
    ProgrammeStatus,
    RegistrationMode,
    RegistrationStatus,
    ReminderState,
    Role,
    Sector,
)
from collider.models import Event, Membership, ProgrammePhase, Registration, Reminder, User
from collider.rules import roles_in
from tests.factories import (
    EventFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    RegistrationFactory,
    UserFactory,
    member,
)

pytestmark = pytest.mark.django_db


def sent_mail() -> list[tuple[str, str]]:
    """(recipient, subject) of every e-mail sent so far, sorted."""
    return sorted((message.to[0], message.subject) for message in mail.outbox)


def reminder_due_times(registration) -> dict[str, object]:
    """Pending event reminders of a registration, keyed by their offset in seconds."""
    rows = Reminder.objects.filter(
        kind="event_reminder", target_id=registration.pk, state=ReminderState.PENDING
    )
    return {row.dedupe_key.rsplit(":", 1)[1]: row.due_at for row in rows}


# --- Programmes and phases -----------------------------------------------------------------


def test_programme_create_spreads_six_phases_over_its_span():
    programme = services.programme_create(
        name="Alpine Collider", starts_on=date(2027, 1, 1), ends_on=date(2027, 6, 30)
    )

    phases = [
        (row.phase, row.starts_on, row.ends_on) for row in programme.phases.order_by("starts_on")
    ]
    assert phases == [
        (Phase.MEET, date(2027, 1, 1), date(2027, 1, 30)),
        (Phase.CONNECT, date(2027, 1, 31), date(2027, 3, 1)),
        (Phase.SHARE, date(2027, 3, 2), date(2027, 3, 31)),
        (Phase.SOLVE, date(2027, 4, 1), date(2027, 4, 30)),
        (Phase.COOPERATE, date(2027, 5, 1), date(2027, 5, 30)),
        (Phase.FOLLOW_UP, date(2027, 5, 31), date(2027, 6, 30)),
    ]
    assert programme.slug == "alpine-collider"


@pytest.mark.parametrize(
    ("override", "day", "expected"),
    [
        (PhaseOverride.AUTO, date(2027, 2, 28), PhaseState.UPCOMING),
        (PhaseOverride.AUTO, date(2027, 3, 1), PhaseState.OPEN),
        (PhaseOverride.AUTO, date(2027, 3, 31), PhaseState.OPEN),
        (PhaseOverride.AUTO, date(2027, 4, 1), PhaseState.CLOSED),
        (PhaseOverride.OPEN, date(2027, 2, 1), PhaseState.OPEN),
        (PhaseOverride.OPEN, date(2027, 5, 1), PhaseState.OPEN),
        (PhaseOverride.CLOSED, date(2027, 3, 15), PhaseState.CLOSED),
    ],
)
def test_phase_state_on_follows_dates_unless_overridden(override, day, expected):
    phase = ProgrammePhase(
        phase=Phase.SHARE, starts_on=date(2027, 3, 1), ends_on=date(2027, 3, 31), override=override
    )

    assert phase.state_on(day) == expected


def test_phase_state_on_without_dates_is_upcoming():
    phase = ProgrammePhase(phase=Phase.SHARE, starts_on=None, ends_on=None)

    assert phase.state_on(date(2027, 3, 1)) == PhaseState.UPCOMING


def test_phase_sync_stores_changed_states_and_audits_them(programme):
    # The factory stores every phase as upcoming; today the first is over and the second open.
    today = timezone.localdate()

    changed = services.phase_sync(today=today)

    states = dict(programme.phases.values_list("phase", "state"))
    assert changed == 2
    assert states == {
        Phase.MEET: PhaseState.CLOSED,
        Phase.CONNECT: PhaseState.OPEN,
        Phase.SHARE: PhaseState.UPCOMING,
        Phase.SOLVE: PhaseState.UPCOMING,
        Phase.COOPERATE: PhaseState.UPCOMING,
        Phase.FOLLOW_UP: PhaseState.UPCOMING,
    }
    meet = programme.phases.get(phase=Phase.MEET)
    entry = LogEntry.objects.get_for_object(meet).get(action=LogEntry.Action.UPDATE)
    assert entry.changes_dict == {"state": ["upcoming", "closed"]}


def test_phase_sync_twice_changes_nothing_the_second_time(programme):
    today = timezone.localdate()
    services.phase_sync(today=today)

    changed = services.phase_sync(today=today)

    assert changed == 0
    assert LogEntry.objects.filter(action=LogEntry.Action.UPDATE).count() == 2


# --- Memberships -----------------------------------------------------------------------------


def test_membership_apply_creates_application_and_emails_applicant_and_partners(
    programme, django_capture_on_commit_callbacks
):
    first_partner = member(programme, Role.PARTNER)
    second_partner = member(programme, Role.PARTNER)
    member(programme, Role.FACILITATOR)
    applicant = UserFactory(first_name="Mira", last_name="Kovač")

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.membership_apply(
            user=applicant,
            programme=programme,
            sector=Sector.CCI,
            motivation="Product design for machine builders.",
        )

    membership.refresh_from_db()
    assert (membership.role, membership.status, membership.sector) == (
        Role.PARTICIPANT,
        MembershipStatus.APPLIED,
        Sector.CCI,
    )
    review = f"[Collider] [Action required] Mira Kovač applied to {programme.name}"
    assert sent_mail() == sorted(
        [
            (applicant.email, f"[Collider] We received your application to {programme.name}"),
            (first_partner.email, review),
            (second_partner.email, review),
        ]
    )


def test_membership_apply_after_rejection_applies_again(
    programme, partner, django_capture_on_commit_callbacks
):
    applicant = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.membership_apply(
            user=applicant, programme=programme, sector=Sector.CCI, motivation="First try."
        )
        services.membership_decide(actor=partner, membership=first, approve=False, note="Later")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        second = services.membership_apply(
            user=applicant, programme=programme, sector=Sector.AVM, motivation="Second try."
        )

    second.refresh_from_db()
    assert second.pk == first.pk
    assert (second.status, second.sector, second.motivation, second.decided_by) == (
        MembershipStatus.APPLIED,
        Sector.AVM,
        "Second try.",
        None,
    )
    # The second application is news again, for the applicant and for the partners.
    assert sent_mail() == sorted(
        [
            (applicant.email, f"[Collider] We received your application to {programme.name}"),
            (
                partner.email,
                f"[Collider] [Action required] {applicant.display_name} applied to "
                f"{programme.name}",
            ),
        ]
    )


@pytest.mark.parametrize("status", [MembershipStatus.APPLIED, MembershipStatus.APPROVED])
def test_membership_apply_refused_when_already_applied_or_member(programme, status):
    applicant = UserFactory()
    MembershipFactory(programme=programme, user=applicant, status=status)

    with pytest.raises(ValidationError) as error:
        services.membership_apply(
            user=applicant, programme=programme, sector=Sector.CCI, motivation="Again."
        )

    assert error.value.messages == ["You have already applied to this programme."]


@pytest.mark.parametrize("status", [ProgrammeStatus.DRAFT, ProgrammeStatus.CLOSED])
def test_membership_apply_refused_when_programme_not_accepting(status):
    programme = ProgrammeFactory(status=status)

    with pytest.raises(ValidationError) as error:
        services.membership_apply(
            user=UserFactory(), programme=programme, sector=Sector.CCI, motivation="Hello."
        )

    assert error.value.messages == ["This programme does not accept applications at the moment."]
    assert Membership.objects.filter(programme=programme).count() == 0


def test_membership_apply_refused_for_someone_elses_organisation(programme):
    organisation = OrganisationFactory()

    with pytest.raises(PermissionDenied):
        services.membership_apply(
            user=UserFactory(),
            programme=programme,
            sector=Sector.CCI,
            motivation="Hello.",
            organisation=organisation,
        )

    assert Membership.objects.filter(programme=programme).count() == 0


@pytest.mark.parametrize(
    ("approve", "status", "subject"),
    [
        (True, MembershipStatus.APPROVED, "[Collider] Welcome to {}"),
        (False, MembershipStatus.REJECTED, "[Collider] Your application to {}"),
    ],
)
def test_membership_decide_records_decision_and_emails_applicant(
    programme, partner, django_capture_on_commit_callbacks, approve, status, subject
):
    applicant = UserFactory()
    application = MembershipFactory(
        programme=programme, user=applicant, status=MembershipStatus.APPLIED
    )

    with django_capture_on_commit_callbacks(execute=True):
        decided = services.membership_decide(
            actor=partner, membership=application, approve=approve, note="Thanks"
        )

    decided.refresh_from_db()
    assert (decided.status, decided.decided_by, decided.decision_note) == (
        status,
        partner,
        "Thanks",
    )
    assert sent_mail() == [(applicant.email, subject.format(programme.name))]


def test_membership_decide_approval_grants_the_participant_role(programme, partner):
    applicant = UserFactory()
    application = MembershipFactory(
        programme=programme, user=applicant, status=MembershipStatus.APPLIED
    )

    services.membership_decide(actor=partner, membership=application, approve=True)

    assert roles_in(User.objects.get(pk=applicant.pk), programme) == frozenset({Role.PARTICIPANT})


def test_membership_decide_twice_is_refused(programme, partner):
    application = MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
    services.membership_decide(actor=partner, membership=application, approve=True)

    with pytest.raises(ValidationError) as error:
        services.membership_decide(actor=partner, membership=application, approve=False)

    assert error.value.messages == ["Only open applications can be decided."]
    application.refresh_from_db()
    assert application.status == MembershipStatus.APPROVED


# --- Invitations -----------------------------------------------------------------------------


def test_invitation_create_emails_the_invitee(
    programme, partner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=partner, programme=programme, email=" New.Expert@Example.org ", role=Role.EXPERT
        )

    assert (invitation.email, invitation.role, invitation.status) == (
        "new.expert@example.org",
        Role.EXPERT,
        "open",
    )
    assert sent_mail() == [
        ("new.expert@example.org", f"[Collider] [Action required] Invitation to {programme.name}")
    ]


def test_invitation_create_refuses_participant_role(programme, partner):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=partner, programme=programme, email="p@example.org", role=Role.PARTICIPANT
        )

    assert error.value.messages == ["Participants apply to the programme; invite staff roles only."]


def test_invitation_create_refuses_second_open_invitation(programme, partner):
    services.invitation_create(
        actor=partner, programme=programme, email="twice@example.org", role=Role.FACILITATOR
    )

    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=partner, programme=programme, email="Twice@example.org", role=Role.FACILITATOR
        )

    assert error.value.messages == [
        "twice@example.org already has an open invitation for this role."
    ]
    assert programme.invitations.count() == 1


def test_invitation_create_refuses_someone_who_has_the_role(programme, partner):
    with pytest.raises(ValidationError) as error:
        services.invitation_create(
            actor=partner, programme=programme, email=partner.email, role=Role.PARTNER
        )

    assert error.value.messages == [f"{partner.email} already has this role."]


def test_invitation_accept_grants_the_invited_role(programme):
    invitee = UserFactory(email="facilitator@example.org")
    invitation = InvitationFactory(
        programme=programme, email="facilitator@example.org", role=Role.FACILITATOR
    )

    membership = services.invitation_accept(user=invitee, invitation=invitation)

    invitation.refresh_from_db()
    assert (membership.role, membership.status) == (Role.FACILITATOR, MembershipStatus.APPROVED)
    assert (invitation.status, invitation.accepted_by) == ("accepted", invitee)
    assert roles_in(invitee, programme) == frozenset({Role.FACILITATOR})


def test_invitation_accept_by_another_address_is_denied(programme):
    invitation = InvitationFactory(programme=programme, email="invited@example.org")

    with pytest.raises(PermissionDenied):
        services.invitation_accept(
            user=UserFactory(email="other@example.org"), invitation=invitation
        )

    invitation.refresh_from_db()
    assert invitation.status == "open"


@pytest.mark.parametrize(
    "fields",
    [
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {"revoked_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["expired", "revoked"],
)
def test_invitation_accept_refused_when_no_longer_open(programme, fields):
    invitee = UserFactory(email="late@example.org")
    invitation = InvitationFactory(programme=programme, email="late@example.org", **fields)

    with pytest.raises(ValidationError) as error:
        services.invitation_accept(user=invitee, invitation=invitation)

    assert error.value.messages == ["This invitation is no longer valid."]
    assert roles_in(invitee, programme) == frozenset()


# --- Registrations ---------------------------------------------------------------------------


def test_registration_create_confirms_while_seats_last_then_waitlists(
    programme, django_capture_on_commit_callbacks
):
    event = EventFactory(programme=programme, capacity=1)
    first, second = member(programme), member(programme)

    with django_capture_on_commit_callbacks(execute=True):
        seat = services.registration_create(event=event, user=first)
        queued = services.registration_create(event=event, user=second)

    assert (seat.status, queued.status) == (
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    )
    assert sent_mail() == sorted(
        [
            (first.email, f"[Collider] You are registered: {event.title}"),
            (second.email, f"[Collider] You are on the waitlist: {event.title}"),
        ]
    )
    # Only the confirmed seat is reminded, one day and one hour before the start.
    assert reminder_due_times(seat) == {
        "86400": event.starts_at - timedelta(days=1),
        "3600": event.starts_at - timedelta(hours=1),
    }
    assert reminder_due_times(queued) == {}


def test_registration_create_attaches_the_event_as_ics(
    programme, django_capture_on_commit_callbacks
):
    event = EventFactory(programme=programme)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_create(event=event, user=member(programme))

    (message,) = mail.outbox
    assert [(name, mimetype) for name, _content, mimetype in message.attachments] == [
        (f"event-{event.pk}.ics", "text/calendar")
    ]


def test_registration_create_twice_for_the_same_address_is_refused(programme):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    services.registration_create(event=event, name="Guest", email="guest@example.org")

    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, name="Guest", email="GUEST@example.org ")

    assert error.value.messages == ["guest@example.org is already registered for this event."]
    assert event.registrations.count() == 1


def test_registration_create_after_cancelling_registers_again(programme):
    event = EventFactory(programme=programme)
    person = member(programme)
    registration = services.registration_create(event=event, user=person)
    services.registration_cancel(actor=person, registration=registration)

    again = services.registration_create(event=event, user=person)

    assert (again.pk, again.status) == (registration.pk, RegistrationStatus.CONFIRMED)


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_closes_at": timezone.now() - timedelta(hours=1)},
        {"status": EventStatus.CANCELLED},
        {"registration_mode": RegistrationMode.INVITE_ONLY},
        {
            "starts_at": timezone.now() - timedelta(hours=1),
            "ends_at": timezone.now() + timedelta(hours=1),
        },
    ],
    ids=["closing-time-passed", "cancelled", "invite-only", "started"],
)
def test_registration_create_refused_when_registration_closed(programme, fields):
    event = EventFactory(programme=programme, **fields)

    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, user=member(programme))

    assert error.value.messages == ["Registration for this event is closed."]
    assert event.registrations.count() == 0


def test_registration_cancel_gives_the_seat_to_the_earliest_waitlisted(
    programme, django_capture_on_commit_callbacks
):
    event = EventFactory(programme=programme, capacity=1)
    holder, first_in_line, second_in_line = member(programme), member(programme), member(programme)
    seat = services.registration_create(event=event, user=holder)
    earliest = services.registration_create(event=event, user=first_in_line)
    later = services.registration_create(event=event, user=second_in_line)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=holder, registration=seat)

    statuses = dict(Registration.objects.filter(event=event).values_list("user", "status"))
    assert statuses == {
        holder.pk: RegistrationStatus.CANCELLED,
        first_in_line.pk: RegistrationStatus.CONFIRMED,
        second_in_line.pk: RegistrationStatus.WAITLISTED,
    }
    assert sent_mail() == [
        (first_in_line.email, f"[Collider] A seat freed up: you are in for {event.title}")
    ]
    assert "seat freed up" in mail.outbox[0].subject
    assert sorted(reminder_due_times(earliest)) == ["3600", "86400"]
    assert reminder_due_times(seat) == {}
    assert reminder_due_times(later) == {}


def test_registration_cancel_twice_is_refused(programme):
    event = EventFactory(programme=programme)
    person = member(programme)
    registration = services.registration_create(event=event, user=person)
    services.registration_cancel(actor=person, registration=registration)

    with pytest.raises(ValidationError) as error:
        services.registration_cancel(actor=person, registration=registration)

    assert error.value.messages == ["This registration is already cancelled."]


def test_event_update_raising_capacity_promotes_the_waitlist(programme):
    event = EventFactory(programme=programme, capacity=1)
    services.registration_create(event=event, user=member(programme))
    waiting = services.registration_create(event=event, user=member(programme))

    services.event_update(actor=None, event=event, capacity=2)

    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.CONFIRMED


def test_event_update_moving_the_start_retimes_pending_reminders(programme, partner):
    event = EventFactory(programme=programme)
    registration = services.registration_create(event=event, user=member(programme))
    new_start = event.starts_at + timedelta(days=3, hours=2)

    updated = services.event_update(
        actor=partner, event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2)
    )

    assert reminder_due_times(registration) == {
        "86400": new_start - timedelta(days=1),
        "3600": new_start - timedelta(hours=1),
    }
    assert updated.sequence == 1
    assert Reminder.objects.filter(kind="event_reminder").count() == 2


def test_event_update_moving_the_start_close_cancels_the_day_before_reminder(programme, partner):
    event = EventFactory(programme=programme)
    registration = services.registration_create(event=event, user=member(programme))
    new_start = timezone.now() + timedelta(hours=5)

    services.event_update(
        actor=partner, event=event, starts_at=new_start, ends_at=new_start + timedelta(hours=2)
    )

    assert reminder_due_times(registration) == {"3600": new_start - timedelta(hours=1)}
    day_before = Reminder.objects.get(dedupe_key=f"event-reminder:{registration.pk}:86400")
    assert day_before.state == ReminderState.CANCELLED


def test_event_update_saves_an_event_whose_creator_is_gone(programme, partner):
    creator = member(programme, Role.PARTNER)
    event = services.event_create(
        actor=creator,
        programme=programme,
        kind=EventKind.INFO_DAY,
        title="Info day",
        venue="Creative Hub",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
    )
    # What deleting the creator's account does to the event (on_delete=SET_NULL).
    Event.objects.filter(pk=event.pk).update(created_by=None)

    updated = services.event_update(actor=partner, event=event, title="Info day (new room)")

    updated.refresh_from_db()
    assert (updated.title, updated.created_by) == ("Info day (new room)", None)


def test_event_create_without_an_actor_saves_the_event(programme):
    event = services.event_create(
        actor=None,
        programme=programme,
        kind=EventKind.INFO_DAY,
        title="Open house",
        venue="Creative Hub",
        starts_at=timezone.now() + timedelta(days=5),
        ends_at=timezone.now() + timedelta(days=5, hours=2),
    )

    assert list(programme.events.values_list("title", "created_by")) == [(event.title, None)]


def test_event_cancel_cancels_reminders_and_emails_everyone_registered(
    programme, partner, django_capture_on_commit_callbacks
):
    event = EventFactory(programme=programme, capacity=1)
    confirmed_person, waiting_person, gone_person = (
        member(programme),
        member(programme),
        member(programme),
    )
    confirmed = services.registration_create(event=event, user=confirmed_person)
    services.registration_create(event=event, user=waiting_person)
    RegistrationFactory(event=event, user=gone_person, status=RegistrationStatus.CANCELLED)

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = services.event_cancel(actor=partner, event=event)

    assert (cancelled.status, cancelled.sequence) == (EventStatus.CANCELLED, 1)
    subject = f"[Collider] Cancelled: {event.title}"
    assert sent_mail() == sorted(
        [(confirmed_person.email, subject), (waiting_person.email, subject)]
    )
    states = set(
        Reminder.objects.filter(kind="event_reminder", target_id=confirmed.pk).values_list(
            "state", flat=True
        )
    )
    assert states == {ReminderState.CANCELLED}


def _started_event(programme, **fields):
    return EventFactory(
        programme=programme, starts_at=timezone.now() - timedelta(hours=1), **fields
    )


def test_attendance_mark_records_present_and_absent_confirmed_registrations(programme, partner):
    event = _started_event(programme, capacity=2)
    came = RegistrationFactory(event=event)
    missed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=RegistrationStatus.WAITLISTED)

    changed = services.attendance_mark(
        actor=partner, event=event, attended_ids={came.pk, waiting.pk}, absent_ids={missed.pk}
    )

    attendance = dict(event.registrations.values_list("pk", "attended"))
    assert changed == 2
    assert attendance == {came.pk: True, missed.pk: False, waiting.pk: None}


def test_attendance_mark_again_changes_nothing(programme, partner):
    event = _started_event(programme)
    came = RegistrationFactory(event=event)
    services.attendance_mark(actor=partner, event=event, attended_ids={came.pk}, absent_ids=set())

    changed = services.attendance_mark(
        actor=partner, event=event, attended_ids={came.pk}, absent_ids=set()
    )

    assert changed == 0


def test_attendance_mark_before_the_start_is_refused(programme, partner):
    # The review's case: a 27 December session marked present on 4 December.
    starts = timezone.now() + timedelta(days=23)
    event = EventFactory(programme=programme, starts_at=starts, timezone="UTC")
    registration = RegistrationFactory(event=event)

    with pytest.raises(ValidationError) as error:
        services.attendance_mark(
            actor=partner, event=event, attended_ids={registration.pk}, absent_ids=set()
        )

    registration.refresh_from_db()
    assert error.value.messages == [
        f"Attendance can be recorded from the start of the event "
        f"({date_format(starts, 'DATETIME_FORMAT')})."
    ]
    assert (registration.attended, registration.attendance_marked_at) == (None, None)


def test_attendance_mark_refuses_present_and_absent_at_once(programme, partner):
    event = _started_event(programme)
    registration = RegistrationFactory(event=event)

    with pytest.raises(ValidationError) as error:
        services.attendance_mark(
            actor=partner,
            event=event,
            attended_ids={registration.pk},
            absent_ids={registration.pk},
        )

    assert error.value.messages == ["A person cannot be both present and absent."]


# --- Concurrency (PostgreSQL only) -----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_registration_create_two_people_racing_for_the_last_seat_get_one_seat():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite serialises every writer on one database lock and ignores SELECT ... FOR "
            "UPDATE, so two threads cannot race here; the row lock is tested on PostgreSQL."
        )
    programme = ProgrammeFactory()
    event = EventFactory(programme=programme, capacity=1)
    people = [member(programme), member(programme)]
    start = threading.Barrier(len(people))
    statuses, errors = [], []

    def register(person) -> None:
        try:
            start.wait(timeout=10)
            statuses.append(services.registration_create(event=event, user=person).status)
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(statuses) == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1
