from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from collider.enums import ReminderState, Role, Sector
from collider.models import Reminder
from matchmaking import services
from matchmaking.enums import AgreementStatus, PickKind, RequestMode, RequestStatus
from tests.factories import member

from .factories import accepted, profile, workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


def test_term_create_refuses_a_duplicate_with_a_field_message(programme, partner):
    services.term_create(actor=partner, programme=programme, kind="domain", name="UX")

    with pytest.raises(ValidationError) as error:
        services.term_create(actor=partner, programme=programme, kind="domain", name="ux")

    assert error.value.message_dict == {"name": ["“ux” is already in this taxonomy."]}


def test_term_create_refused_to_participants(programme, cci):
    with pytest.raises(PermissionDenied):
        services.term_create(actor=cci, programme=programme, kind="domain", name="UX")


def test_profile_side_follows_the_membership_sector(programme):
    avm = profile(programme, "robotics", sector=Sector.AVM)
    cci = profile(programme, "UX")

    assert (avm.side, cci.side) == ("avm", "cci")


def test_meeting_request_to_oneself_is_refused(programme, partner):
    w = workshop(programme, actor=partner)
    cci = profile(programme, "UX")

    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(actor=cci.user, workshop=w, recipient=cci, reason="hi")

    assert error.value.messages == ["You cannot request a meeting with yourself."]


def test_meeting_request_duplicate_is_refused(programme, partner):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    services.meeting_request_create(actor=cci.user, workshop=w, recipient=avm, reason="hi")

    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(actor=cci.user, workshop=w, recipient=avm, reason="again")

    assert error.value.messages == ["There is already an open request between you two."]


def test_asking_back_is_mutual_interest_and_accepts_the_open_request(programme, partner):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    first = services.meeting_request_create(actor=cci.user, workshop=w, recipient=avm, reason="hi")

    answered = services.meeting_request_create(
        actor=avm.user, workshop=w, recipient=cci, reason="We wanted to ask you too"
    )

    problem, _lookup = services.problem_for(w)
    assert (answered.pk, answered.status, answered.mutual, w.requests.count()) == (
        first.pk,
        RequestStatus.ACCEPTED,
        True,
        1,
    ) and [m.weight for m in problem.meetings] == [3]


def test_meeting_request_over_the_cap_is_refused(programme, partner):
    w = workshop(programme, actor=partner, default_cap=1)
    cci = profile(programme, "UX")
    a1, a2 = (
        profile(programme, "UX", sector=Sector.AVM),
        profile(programme, "UX", sector=Sector.AVM),
    )
    services.meeting_request_create(actor=cci.user, workshop=w, recipient=a1, reason="hi")

    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(actor=cci.user, workshop=w, recipient=a2, reason="hi")

    assert error.value.messages == ["You have reached the cap of 1 meetings."]


def test_meeting_request_outside_the_booking_window_is_refused(programme, partner):
    w = workshop(programme, actor=partner)
    closes = timezone.now() - timedelta(hours=1)
    w.booking_closes_at = closes
    w.save()
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)

    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(actor=cci.user, workshop=w, recipient=avm, reason="hi")

    assert error.value.messages == [
        f"Booking for this workshop closed on {timezone.localtime(closes):%Y-%m-%d %H:%M}."
    ]


def test_meeting_request_mails_the_recipient_and_schedules_a_reminder(
    programme, partner, django_capture_on_commit_callbacks
):
    w = workshop(programme, actor=partner, request_expiry_days=4)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)

    with django_capture_on_commit_callbacks(execute=True):
        request = services.meeting_request_create(
            actor=cci.user, workshop=w, recipient=avm, reason="Let us talk UX."
        )

    reminder = Reminder.objects.get(dedupe_key=f"mm-remind:{request.pk}")
    assert (
        [m.to for m in mail.outbox],
        reminder.state,
        reminder.due_at - request.created_at < timedelta(days=2, minutes=1),
    ) == (
        [[avm.user.email]],
        ReminderState.PENDING,
        True,
    )


def test_accept_cancels_the_reminder_and_tells_the_requester(
    programme, partner, django_capture_on_commit_callbacks
):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_request_accept(actor=avm.user, request=request, answer="Gladly")

    request.refresh_from_db()
    assert (
        request.status,
        Reminder.objects.get(dedupe_key=f"mm-remind:{request.pk}").state,
        [m.to for m in mail.outbox],
    ) == (
        RequestStatus.ACCEPTED,
        ReminderState.CANCELLED,
        [[cci.user.email]],
    )


def test_only_the_recipient_answers(programme, partner):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )

    with pytest.raises(PermissionDenied):
        services.meeting_request_accept(actor=cci.user, request=request)


def test_expired_requests_cannot_be_accepted(programme, partner):
    w = workshop(programme, actor=partner, request_expiry_days=1)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )

    with pytest.raises(ValidationError) as error:
        services.meeting_request_accept(
            actor=avm.user, request=request, now=timezone.now() + timedelta(days=2)
        )

    request.refresh_from_db()
    assert (error.value.messages, request.status) == (
        ["This request is already expired."],
        RequestStatus.EXPIRED,
    )


def test_expire_sweep_expires_only_overdue_requests(programme, partner):
    w = workshop(programme, actor=partner, request_expiry_days=2)
    cci, avm, avm2 = (
        profile(programme, "UX"),
        profile(programme, "UX", sector=Sector.AVM),
        profile(programme, "UX", sector=Sector.AVM),
    )
    old = services.meeting_request_create(
        actor=cci.user,
        workshop=w,
        recipient=avm,
        reason="hi",
        now=timezone.now() - timedelta(days=3),
    )
    fresh = services.meeting_request_create(actor=cci.user, workshop=w, recipient=avm2, reason="hi")

    count = services.meeting_requests_expire()

    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (count, old.status, fresh.status) == (1, RequestStatus.EXPIRED, RequestStatus.PENDING)


def test_auto_accept_mode_accepts_at_once(programme, partner):
    w = workshop(programme, actor=partner, request_mode=RequestMode.AUTO)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)

    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )

    assert request.status == RequestStatus.ACCEPTED


def test_pick_marks_later_requests_as_facilitator_picks(programme, partner):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    services.pick_set(actor=partner, company=avm, candidate=cci, kind=PickKind.PICK)

    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )

    assert request.facilitator_pick is True


def _three_meetings(programme, partner):
    w = workshop(programme, actor=partner, slots=3, tables=2)
    avm1, avm2 = (
        profile(programme, "UX", sector=Sector.AVM),
        profile(programme, "UX", sector=Sector.AVM),
    )
    c1, c2 = profile(programme, "UX"), profile(programme, "UX")
    tables = list(w.tables.all())
    services.table_fix(actor=partner, table=tables[0], profile=avm1)
    services.table_fix(actor=partner, table=tables[1], profile=avm2)
    meetings = [accepted(w, c1, avm1), accepted(w, c1, avm2), accepted(w, c2, avm1)]
    return w, meetings


def test_schedule_run_places_every_meeting_with_konig(programme, partner):
    w, _meetings = _three_meetings(programme, partner)

    outcome = services.schedule_run(actor=partner, workshop=w)

    slots = sorted((m.requester_id, m.slot.index) for m in w.requests.select_related("slot"))
    assert (
        outcome["result"].method,
        len(outcome["result"].assignment),
        outcome["violations"],
        len({s for _, s in slots}),
    ) == (
        "konig",
        3,
        [],
        2,
    )


def test_publish_notifies_only_participants_whose_meetings_changed(
    programme, partner, django_capture_on_commit_callbacks
):
    w, meetings = _three_meetings(programme, partner)
    services.schedule_run(actor=partner, workshop=w)
    first = services.schedule_publish(actor=partner, workshop=w)
    # Move one meeting by hand to a free slot (slot 3 is empty): only its two people change.
    moved = w.requests.select_related("slot").get(pk=meetings[2].pk)
    moved.slot = w.slots.get(index=2)
    moved.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        second = services.schedule_publish(actor=partner, workshop=w)

    assert (
        first.number,
        first.notified,
        second.number,
        second.notified,
        sorted(m.to[0] for m in mail.outbox),
    ) == (
        1,
        4,
        2,
        2,
        sorted([meetings[2].requester.user.email, meetings[2].recipient.user.email]),
    )


def test_lock_survives_a_rerun(programme, partner):
    w, meetings = _three_meetings(programme, partner)
    services.schedule_run(actor=partner, workshop=w)
    locked = w.requests.get(pk=meetings[0].pk)
    locked_slot = locked.slot_id
    services.meeting_lock(actor=partner, request=locked, locked=True)

    services.schedule_run(actor=partner, workshop=w, method="cpsat")

    locked.refresh_from_db()
    assert (locked.slot_id, locked.locked) == (locked_slot, True)


def test_agreement_edit_after_a_signature_clears_it_and_says_so(programme, partner):
    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]
    agreement = services.agreement_create(
        actor=meeting.requester.user, programme=programme, meeting=meeting
    )
    services.agreement_sign(actor=meeting.requester.user, agreement=agreement, name="Ana Novak")

    agreement = services.agreement_update(
        actor=meeting.recipient.user, agreement=agreement, budget=12000
    )

    party = agreement.parties.get(user=meeting.requester.user)
    assert (
        party.signed_at,
        agreement.revision,
        agreement.signatures_cleared_note.endswith(
            "1 signature(s) cleared; every party signs again."
        ),
    ) == (
        None,
        2,
        True,
    )


def test_agreement_signed_when_every_party_signed_with_the_version_hash(programme, partner):
    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]
    agreement = services.agreement_create(actor=partner, programme=programme, meeting=meeting)
    digest = services.agreement_hash(agreement)

    services.agreement_sign(actor=meeting.requester.user, agreement=agreement, name="A")
    services.agreement_sign(actor=meeting.recipient.user, agreement=agreement, name="B")

    agreement.refresh_from_db()
    assert (agreement.status, sorted(agreement.parties.values_list("signed_hash", flat=True))) == (
        AgreementStatus.SIGNED,
        [digest, digest],
    )


def test_only_a_party_signs(programme, partner):
    _w, meetings = _three_meetings(programme, partner)
    agreement = services.agreement_create(actor=partner, programme=programme, meeting=meetings[0])

    with pytest.raises(PermissionDenied):
        services.agreement_sign(actor=partner, agreement=agreement, name="Partner")


def test_agreement_from_a_selected_idea_prefills_parties_and_ip_terms(programme, partner):
    from challenges.enums import IdeaStatus
    from challenges.selectors import selected_ideas_of_programme
    from tests.challenges.factories import ChallengeFactory, IdeaFactory

    challenge = ChallengeFactory(programme=programme)
    IdeaFactory(challenge=challenge, status=IdeaStatus.SELECTED)
    idea = selected_ideas_of_programme(programme).get()

    agreement = services.agreement_create(actor=idea.lead, programme=programme, idea=idea)

    assert (
        sorted(agreement.parties.values_list("user_id", flat=True)),
        agreement.ip_terms,
        agreement.goals,
        agreement.idea_id,
    ) == (
        sorted([challenge.owner_id, idea.lead_id]),
        services.IP_TEMPLATES["licence"],
        challenge.expected_outcome,
        idea.pk,
    )


def test_schedule_run_explains_conflicting_locks(programme, partner):
    w, meetings = _three_meetings(programme, partner)
    services.schedule_run(actor=partner, workshop=w)
    first, second = (w.requests.get(pk=m.pk) for m in meetings[:2])  # both with c1
    second.slot = first.slot
    second.save()
    for request in (first, second):
        services.meeting_lock(actor=partner, request=request, locked=True)

    with pytest.raises(ValidationError) as error:
        services.schedule_run(actor=partner, workshop=w)

    assert error.value.messages == [
        f"locked meetings conflict: {first.requester_id} has 2 meetings in slot {first.slot.index}"
    ]


def test_signed_agreements_count_in_the_kpis(programme, partner):
    from collider.kpis import compute

    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]
    agreement = services.agreement_create(actor=partner, programme=programme, meeting=meeting)
    services.agreement_sign(actor=meeting.requester.user, agreement=agreement, name="A")
    services.agreement_sign(actor=meeting.recipient.user, agreement=agreement, name="B")
    services.meeting_mark_held(actor=meeting.requester.user, request=meeting)
    today = timezone.localdate()

    values = compute(programme, today, today)

    assert (
        values["matchmaking.cooperation_agreements_signed"],
        values["matchmaking.business_agreements_signed"],
        values["matchmaking.meetings_held"],
    ) == (1, 0, 1)
