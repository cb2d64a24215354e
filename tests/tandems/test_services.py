from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collider.enums import EventKind, ReminderState, Role
from collider.models import Event, Invitation, Reminder
from collider.services import reminder_sweep
from tandems import services
from tandems.enums import ContactKind, PilotStage, TaskStatus
from tandems.models import CharterConfirmation, Contact, PartnerMeeting, PilotAction, Task
from tests.factories import member

from .factories import ContactFactory, PilotActionFactory, TaskFactory

SECTIONS = {
    "rules": "Equal partners.",
    "communication": "E-mail within two days.",
    "decision_making": "Consensus.",
    "meeting_cadence": "Monthly.",
    "responsibilities": "Both partners in phase 1.",
    "budget": "EUR 10,000",
}


# --- Charter ----------------------------------------------------------------------------------


def test_charter_confirm_by_each_partner_confirms_the_version(programme, tandem):
    hub, cluster = tandem
    version = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)

    services.charter_confirm(actor=hub.person, version=version, partner=hub)
    services.charter_confirm(actor=cluster.person, version=version, partner=cluster)

    confirmed = CharterConfirmation.objects.filter(version=version).order_by("pk")
    assert [(c.partner, c.confirmed_by) for c in confirmed] == [
        (hub, hub.person),
        (cluster, cluster.person),
    ]


def test_charter_confirm_for_another_organisation_is_refused(programme, tandem):
    hub, cluster = tandem
    version = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)

    with pytest.raises(PermissionDenied):
        services.charter_confirm(actor=hub.person, version=version, partner=cluster)

    assert CharterConfirmation.objects.count() == 0


def test_charter_confirm_by_non_partner_is_refused(programme, tandem, cci):
    hub, _cluster = tandem
    version = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)

    with pytest.raises(PermissionDenied):
        services.charter_confirm(actor=cci, version=version, partner=hub)

    assert CharterConfirmation.objects.count() == 0


def test_charter_edit_creates_new_version_needing_confirmation_again(
    programme, tandem, django_capture_on_commit_callbacks
):
    hub, cluster = tandem
    first = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)
    services.charter_confirm(actor=hub.person, version=first, partner=hub)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        second = services.charter_version_create(
            actor=hub.person,
            programme=programme,
            **{**SECTIONS, "meeting_cadence": "Every two weeks."},
        )

    assert (second.number, second.confirmations.count()) == (2, 0)
    assert [m.to for m in mail.outbox] == [[cluster.person.email]]
    with pytest.raises(ValidationError):
        services.charter_confirm(actor=cluster.person, version=first, partner=cluster)


def test_charter_version_create_without_change_is_refused(programme, tandem):
    hub, _cluster = tandem
    services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)

    with pytest.raises(ValidationError):
        services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)


def test_charter_confirm_twice_is_refused(programme, tandem):
    hub, _cluster = tandem
    version = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)
    services.charter_confirm(actor=hub.person, version=version, partner=hub)

    with pytest.raises(ValidationError):
        services.charter_confirm(actor=hub.person, version=version, partner=hub)

    assert CharterConfirmation.objects.count() == 1


# --- Tasks ------------------------------------------------------------------------------------


def test_task_create_schedules_reminders_before_due_date(programme, tandem):
    hub, _cluster = tandem
    due = timezone.localdate() + timedelta(days=10)

    task = services.task_create(
        actor=hub.person,
        programme=programme,
        title="Map contacts",
        phase="meet",
        owner=hub,
        assignee=hub.person,
        starts_on=timezone.localdate(),
        due_on=due,
    )

    rows = Reminder.objects.filter(kind="tandems_task_due").order_by("due_at")
    tz = ZoneInfo(programme.timezone)
    assert [(r.email, r.due_at) for r in rows] == [
        (
            hub.person.email,
            datetime.combine(due - timedelta(days=3), datetime.min.time(), tz).replace(hour=9),
        ),
        (
            hub.person.email,
            datetime.combine(due - timedelta(days=1), datetime.min.time(), tz).replace(hour=9),
        ),
    ]
    assert task.status == TaskStatus.TODO


def test_task_update_to_done_cancels_reminders(programme, tandem):
    hub, _cluster = tandem
    task = services.task_create(
        actor=hub.person,
        programme=programme,
        title="Map contacts",
        phase="meet",
        owner=hub,
        assignee=hub.person,
        starts_on=timezone.localdate(),
        due_on=timezone.localdate() + timedelta(days=10),
    )

    services.task_update(actor=hub.person, task=task, status=TaskStatus.DONE)

    states = set(Reminder.objects.filter(kind="tandems_task_due").values_list("state", flat=True))
    assert states == {ReminderState.CANCELLED}


def test_task_create_with_outsider_assignee_is_refused(programme, tandem, cci):
    hub, _cluster = tandem

    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=hub.person,
            programme=programme,
            title="X",
            phase="meet",
            owner=hub,
            assignee=cci,
            starts_on=timezone.localdate(),
            due_on=timezone.localdate(),
        )

    assert list(error.value.message_dict) == ["assignee"]


def test_task_update_with_dependency_cycle_is_refused(programme, tandem):
    hub, _cluster = tandem
    first = TaskFactory(owner=hub)
    second = TaskFactory(owner=hub, depends_on=first, starts_on=first.starts_on)

    with pytest.raises(ValidationError) as error:
        services.task_update(actor=hub.person, task=first, depends_on=second)

    assert list(error.value.message_dict) == ["depends_on"]


# --- Meetings ---------------------------------------------------------------------------------


def _first_start():
    return (timezone.now() + timedelta(days=5)).replace(hour=10, minute=0, second=0, microsecond=0)


def test_meeting_series_monthly_creates_partner_meeting_events_and_reminders(programme, tandem):
    hub, _cluster = tandem
    start = _first_start()

    series = services.meeting_series_create(
        actor=hub.person,
        programme=programme,
        title="Tandem meeting",
        rrule="FREQ=MONTHLY;COUNT=3",
        first_starts_at=start,
        tz="Europe/Vienna",
        online_url="https://meet.example/t",
    )

    events = Event.objects.filter(programme=programme).order_by("starts_at")
    vienna = ZoneInfo("Europe/Vienna")
    assert [e.kind for e in events] == [EventKind.PARTNER_MEETING] * 3
    assert [e.starts_at.astimezone(vienna).hour for e in events] == [
        start.astimezone(vienna).hour
    ] * 3
    assert series.meetings.count() == 3
    # Two partner people, two offsets, three meetings.
    assert Reminder.objects.filter(kind="tandems_meeting_reminder").count() == 12


def test_meeting_series_with_invalid_rule_is_refused_and_creates_nothing(programme, tandem):
    hub, _cluster = tandem

    with pytest.raises(ValidationError):
        services.meeting_series_create(
            actor=hub.person,
            programme=programme,
            title="X",
            rrule="FREQ=SOMETIMES",
            first_starts_at=_first_start(),
        )

    assert (Event.objects.count(), PartnerMeeting.objects.count()) == (0, 0)


def test_meeting_reminder_sweep_sends_agenda_and_ics(programme, tandem):
    hub, cluster = tandem
    TaskFactory(
        owner=hub,
        title="Collect best practices",
        due_on=timezone.localdate() - timedelta(days=1),
        starts_on=timezone.localdate() - timedelta(days=9),
    )
    start = _first_start()
    services.meeting_series_create(
        actor=hub.person,
        programme=programme,
        title="Tandem meeting",
        rrule="FREQ=MONTHLY;COUNT=1",
        first_starts_at=start,
        online_url="https://meet.example/t",
    )
    mail.outbox.clear()

    result = reminder_sweep(now=start - timedelta(days=3) + timedelta(minutes=1))

    assert result.sent == 2
    message = next(m for m in mail.outbox if m.to == [cluster.person.email])
    assert "Collect best practices" in message.body
    assert "2. Overdue tasks" in message.body
    assert [a[0] for a in message.attachments] == [f"meeting-{Event.objects.get().pk}.ics"]


def test_meeting_minutes_before_start_are_refused(programme, tandem):
    hub, _cluster = tandem
    services.meeting_series_create(
        actor=hub.person,
        programme=programme,
        title="M",
        rrule="FREQ=MONTHLY;COUNT=1",
        first_starts_at=_first_start(),
        online_url="https://meet.example/t",
    )

    with pytest.raises(ValidationError):
        services.meeting_minutes_record(
            actor=hub.person, meeting=PartnerMeeting.objects.get(), minutes="Done."
        )


def test_action_item_open_is_carried_to_next_agenda_until_done(programme, tandem):
    from tandems.selectors import agenda_build

    from .factories import PartnerMeetingFactory

    hub, cluster = tandem
    past = PartnerMeetingFactory(
        event__programme=programme,
        event__starts_at=timezone.now() - timedelta(days=20),
    )
    upcoming = PartnerMeetingFactory(event__programme=programme)
    item = services.action_item_create(
        actor=hub.person, meeting=past, title="Share the AVM list", assignee=cluster.person
    )
    before = [i.title for i in agenda_build(upcoming)["action_items"]]

    services.action_item_complete(actor=cluster.person, item=item)

    assert (before, agenda_build(upcoming)["action_items"]) == (["Share the AVM list"], [])


def test_agenda_changes_since_last_meeting_with_minutes(programme, tandem):
    from tandems.selectors import agenda_build

    from .factories import PartnerMeetingFactory

    hub, _cluster = tandem
    past = PartnerMeetingFactory(
        event__programme=programme, event__starts_at=timezone.now() - timedelta(days=20)
    )
    services.meeting_minutes_record(actor=hub.person, meeting=past, minutes="Kick-off held.")
    ContactFactory(programme=programme)
    ContactFactory(programme=programme)
    upcoming = PartnerMeetingFactory(event__programme=programme)

    changes = {c["key"]: c["delta"] for c in agenda_build(upcoming)["changes"]}

    assert (changes["contacts"], changes["cci"]) == (2, 0)


# --- Contacts ---------------------------------------------------------------------------------

HEADER = "kind,name,organisation,sector,email,phone,tags,source,consent_basis,consent_date,notes\n"


def test_contact_import_valid_file_imports_after_confirmation(programme, tandem):
    hub, _cluster = tandem
    ContactFactory(programme=programme, email="known@example.org", name="Old name")
    data = (
        HEADER + "target_group,Martina Weiss,Weiss Metallbau,avm,martina@weiss.example,,metal,list,"
        "legitimate_interest,,\n"
        + "expert,Irene Koch,FH Joanneum,,KNOWN@example.org,,design,referral,consent,2024-03-01,\n"
    ).encode()

    parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="c.csv", data=data
    )
    count_before_confirm = Contact.objects.count()
    services.contact_import_apply(actor=hub.person, contact_import=pending)

    assert (parsed.errors, count_before_confirm) == ([], 1)
    assert sorted(Contact.objects.values_list("email", "name", "kind")) == [
        ("known@example.org", "Irene Koch", ContactKind.EXPERT),
        ("martina@weiss.example", "Martina Weiss", ContactKind.TARGET_GROUP),
    ]


def test_contact_import_with_bad_rows_reports_each_and_imports_nothing(programme, tandem):
    hub, _cluster = tandem
    data = (
        HEADER
        + "target_group,Martina Weiss,,avm,martina@weiss.example,,,,legitimate_interest,,\n"
        + "colleague,Luka Vidmar,,cci,luka@vidmar.example,,,,consent,2024-01-01,\n"
        + "expert,Irene Koch,,,not-an-email,,,,consent,2024-13-45,\n"
    ).encode()

    parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="c.csv", data=data
    )

    assert pending is None
    assert [(e.line, e.field) for e in parsed.errors] == [
        (3, "kind"),
        (4, "email"),
        (4, "consent_date"),
    ]
    assert Contact.objects.count() == 0


def test_contact_import_windows_1252_file_is_read(programme, tandem):
    hub, _cluster = tandem
    data = (
        HEADER
        + "target_group,Jürgen Pölzl,Pölzl GmbH,avm,jp@poelzl.example,,,,legitimate_interest,,\n"
    ).encode("cp1252")

    parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="c.csv", data=data
    )
    services.contact_import_apply(actor=hub.person, contact_import=pending)

    assert parsed.encoding == "windows-1252"
    assert Contact.objects.get().name == "Jürgen Pölzl"


def test_contact_import_binary_file_is_reported(programme, tandem):
    hub, _cluster = tandem

    parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="c.csv", data=b"PK\x03\x04\x00\x00binary"
    )

    assert (pending, [(e.line, e.field) for e in parsed.errors]) == (None, [(1, "")])


def test_contact_import_duplicate_email_in_file_is_an_error(programme, tandem):
    hub, _cluster = tandem
    data = (
        HEADER
        + "target_group,A,,,a@example.org,,,,legitimate_interest,,\n"
        + "target_group,B,,,A@example.org,,,,legitimate_interest,,\n"
    ).encode()

    parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="c.csv", data=data
    )

    assert (pending, [(e.line, e.field, e.message) for e in parsed.errors]) == (
        None,
        [(3, "email", "Duplicate of line 2 in this file.")],
    )


def test_contact_import_apply_twice_is_refused(programme, tandem):
    hub, _cluster = tandem
    data = (HEADER + "target_group,A,,,a@example.org,,,,legitimate_interest,,\n").encode()
    _parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="c.csv", data=data
    )
    services.contact_import_apply(actor=hub.person, contact_import=pending)

    with pytest.raises(ValidationError):
        services.contact_import_apply(actor=hub.person, contact_import=pending)

    assert Contact.objects.count() == 1


def test_contact_invite_expert_creates_expert_invitation(programme, tandem):
    hub, _cluster = tandem
    contact = ContactFactory(programme=programme, kind=ContactKind.EXPERT, email="irene@fh.example")

    invitation = services.contact_invite_expert(actor=hub.person, contact=contact)

    contact.refresh_from_db()
    assert (invitation.email, invitation.role, contact.invitation) == (
        "irene@fh.example",
        Role.EXPERT,
        invitation,
    )
    assert Invitation.objects.count() == 1


def test_contact_invite_target_group_contact_is_refused(programme, tandem):
    hub, _cluster = tandem
    contact = ContactFactory(programme=programme)

    with pytest.raises(ValidationError):
        services.contact_invite_expert(actor=hub.person, contact=contact)

    assert Invitation.objects.count() == 0


# --- Pilot actions ----------------------------------------------------------------------------


def test_pilot_advance_without_gate_fields_is_refused(programme, tandem):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme)

    with pytest.raises(ValidationError) as error:
        services.pilot_action_advance(actor=hub.person, pilot=pilot, to_stage=PilotStage.CONCEPT)

    assert "target group" in error.value.messages[0]
    assert PilotAction.objects.get().stage == PilotStage.IDEA


def test_pilot_close_requires_results_and_lessons(programme, tandem):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme, stage=PilotStage.EVALUATION)

    with pytest.raises(ValidationError):
        services.pilot_action_advance(actor=hub.person, pilot=pilot, to_stage=PilotStage.CLOSED)
    services.pilot_action_update(
        actor=hub.person, pilot=pilot, results="34 people", lessons="Start early"
    )
    closed = services.pilot_action_advance(
        actor=hub.person, pilot=pilot, to_stage=PilotStage.CLOSED
    )

    assert closed.stage == PilotStage.CLOSED


def test_pilot_publish_before_closed_is_refused(programme, tandem):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme, stage=PilotStage.EVALUATION)

    with pytest.raises(ValidationError):
        services.pilot_action_publish(actor=hub.person, pilot=pilot, published=True)

    assert PilotAction.objects.get().published is False


def test_peer_comment_by_other_programmes_partner_is_saved_and_mailed(
    programme, other_programme, tandem, django_capture_on_commit_callbacks
):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme, created_by=hub.person)
    peer = member(other_programme, Role.PARTNER)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        comment = services.peer_comment_create(
            actor=peer, pilot=pilot, body="Try a jury of makers."
        )

    assert (comment.author_programme, [m.to for m in mail.outbox]) == (
        other_programme,
        [[hub.person.email]],
    )


def test_peer_comment_by_own_partner_is_refused(programme, tandem):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme)

    with pytest.raises(PermissionDenied):
        services.peer_comment_create(actor=hub.person, pilot=pilot, body="Self-praise.")


def test_charter_confirm_by_admin_for_an_organisation_is_refused(programme, tandem):
    from tests.factories import UserFactory

    hub, _cluster = tandem
    version = services.charter_version_create(actor=hub.person, programme=programme, **SECTIONS)
    admin = UserFactory(is_superuser=True, is_staff=True)

    with pytest.raises(PermissionDenied):
        services.charter_confirm(actor=admin, version=version, partner=hub)

    assert CharterConfirmation.objects.count() == 0


def test_meeting_event_moved_on_core_pages_retimes_reminders(programme, tandem):
    from collider.services import event_update

    hub, _cluster = tandem
    start = _first_start()
    services.meeting_series_create(
        actor=hub.person,
        programme=programme,
        title="M",
        rrule="FREQ=MONTHLY;COUNT=1",
        first_starts_at=start,
        online_url="https://meet.example/t",
    )
    event = Event.objects.get()

    event_update(
        actor=hub.person,
        event=event,
        starts_at=start + timedelta(days=2),
        ends_at=start + timedelta(days=2, hours=1),
    )

    due = sorted(
        set(
            Reminder.objects.filter(kind="tandems_meeting_reminder").values_list(
                "due_at", flat=True
            )
        )
    )
    assert due == [start - timedelta(days=1), start + timedelta(days=2) - timedelta(hours=1)]


def test_meeting_event_cancelled_cancels_reminders(programme, tandem):
    from collider.services import event_cancel

    hub, _cluster = tandem
    services.meeting_series_create(
        actor=hub.person,
        programme=programme,
        title="M",
        rrule="FREQ=MONTHLY;COUNT=1",
        first_starts_at=_first_start(),
        online_url="https://meet.example/t",
    )

    event_cancel(actor=hub.person, event=Event.objects.get())

    states = set(
        Reminder.objects.filter(kind="tandems_meeting_reminder").values_list("state", flat=True)
    )
    assert states == {ReminderState.CANCELLED}


def test_task_due_reminder_sweep_mails_assignee_unless_done(programme, tandem):
    hub, cluster = tandem
    due = timezone.localdate() + timedelta(days=10)
    open_task = services.task_create(
        actor=hub.person,
        programme=programme,
        title="Book trainers",
        phase="share",
        owner=hub,
        assignee=cluster.person,
        starts_on=timezone.localdate(),
        due_on=due,
    )
    done_task = services.task_create(
        actor=hub.person,
        programme=programme,
        title="Map contacts",
        phase="meet",
        owner=hub,
        assignee=hub.person,
        starts_on=timezone.localdate(),
        due_on=due,
    )
    # Done after the reminders were scheduled; the renderer re-reads the task and skips it.
    Task.objects.filter(pk=done_task.pk).update(status=TaskStatus.DONE)
    mail.outbox.clear()

    result = reminder_sweep(now=timezone.now() + timedelta(days=7, hours=23))

    assert (result.sent, result.cancelled) == (1, 1)
    (message,) = mail.outbox
    assert (message.to, "Book trainers" in message.subject) == ([cluster.person.email], True)
    assert open_task.title in message.body


def test_contact_export_reimports_without_changes(programme, tandem):
    from tandems.exports import contacts_export
    from tandems.selectors import contact_list

    hub, _cluster = tandem
    ContactFactory(
        programme=programme, name="Jürgen Pölzl", email="jp@poelzl.example", tags="CNC, robots"
    )
    body, _type = contacts_export(contact_list(programme=programme), fmt="csv")

    parsed, pending = services.contact_import_prepare(
        actor=hub.person, programme=programme, filename="export.csv", data=body
    )
    applied = services.contact_import_apply(actor=hub.person, contact_import=pending)

    assert (parsed.errors, applied.created_count, applied.updated_count) == ([], 0, 0)
