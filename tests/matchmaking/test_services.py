from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.formats import date_format

from collider.enums import ReminderState, Role, Sector
from collider.models import Reminder
from matchmaking import services
from matchmaking.enums import AgreementStatus, PickKind, RequestMode, RequestStatus
from matchmaking.models import Agreement
from tests.factories import member

from .factories import accepted, begin, profile, workshop

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
        "Booking for this workshop closed on "
        f"{date_format(timezone.localtime(closes, w.event.tz), 'DATETIME_FORMAT')}."
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
    services.agreement_sign(
        actor=meeting.requester.user, agreement=agreement, name=meeting.requester.user.display_name
    )

    agreement = services.agreement_update(
        actor=meeting.recipient.user, agreement=agreement, budget=12000
    )

    party = agreement.parties.get(user=meeting.requester.user)
    assert (
        party.signed_at,
        agreement.revision,
        agreement.signatures_cleared_note.endswith("1 signature cleared; every party signs again."),
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

    services.agreement_sign(
        actor=meeting.requester.user, agreement=agreement, name=meeting.requester.user.display_name
    )
    services.agreement_sign(
        actor=meeting.recipient.user, agreement=agreement, name=meeting.recipient.user.display_name
    )

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
    services.agreement_sign(
        actor=meeting.requester.user, agreement=agreement, name=meeting.requester.user.display_name
    )
    services.agreement_sign(
        actor=meeting.recipient.user, agreement=agreement, name=meeting.recipient.user.display_name
    )
    begin(meeting.workshop)
    services.meeting_mark_held(actor=meeting.requester.user, request=meeting)
    today = timezone.localdate()

    values = compute(programme, today, today)

    assert (
        values["matchmaking.cooperation_agreements_signed"],
        values["matchmaking.business_agreements_signed"],
        values["matchmaking.meetings_held"],
    ) == (1, 0, 1)


# --- Workshops: sessions and the booking deadline ---------------------------------------------


def test_workshop_create_makes_a_morning_and_an_afternoon_session(programme, partner):
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=10)

    w = services.workshop_create(
        actor=partner,
        programme=programme,
        title="Two blocks",
        starts_at=start,
        slots=3,
        tables=2,
        meeting_minutes=20,
        break_minutes=10,
        more_sessions=[(start.replace(hour=13, minute=30), 2)],
    )

    times = [(s.starts_at - start, s.ends_at - start) for s in w.slots.all()]
    h, m = timedelta(hours=1), timedelta(minutes=1)
    assert (times, w.event.ends_at - start) == (
        [
            (0 * m, 20 * m),
            (30 * m, 50 * m),
            (60 * m, 80 * m),
            (4 * h + 30 * m, 4 * h + 50 * m),
            (5 * h, 5 * h + 20 * m),
        ],
        5 * h + 30 * m,
    )


def test_workshop_create_refuses_a_session_that_overlaps_the_previous_one(programme, partner):
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=10)

    with pytest.raises(ValidationError) as error:
        services.workshop_create(
            actor=partner,
            programme=programme,
            title="Overlap",
            starts_at=start,
            slots=4,
            tables=2,
            more_sessions=[(start.replace(hour=10), 2)],
        )

    assert list(error.value.message_dict) == ["more_sessions"]


def test_workshop_create_refuses_a_booking_deadline_after_the_start(programme, partner):
    start = timezone.now() + timedelta(days=10)

    with pytest.raises(ValidationError) as error:
        workshop(programme, actor=partner, booking_closes_at=start + timedelta(days=1))

    assert error.value.message_dict == {
        "booking_closes_at": ["Booking must close before the first meeting starts."]
    }


# --- Experts ----------------------------------------------------------------------------------


@pytest.fixture
def expert(programme):
    return member(programme, Role.EXPERT, first_name="Georg", last_name="Haas")


def test_expert_invite_gives_an_expert_profile_a_participation_and_one_email(
    programme, partner, expert, django_capture_on_commit_callbacks
):
    w = workshop(programme, actor=partner)

    with django_capture_on_commit_callbacks(execute=True):
        participation = services.expert_invite(actor=partner, workshop=w, expert=expert)
        again = services.expert_invite(actor=partner, workshop=w, expert=expert)

    assert (
        participation.pk == again.pk,
        participation.profile.side,
        participation.profile.user,
        [m.to for m in mail.outbox],
        "expert" in mail.outbox[0].subject,
    ) == (True, "exp", expert, [[expert.email]], True)


def test_expert_invite_refuses_a_participant(programme, partner, cci):
    w = workshop(programme, actor=partner)

    with pytest.raises(ValidationError) as error:
        services.expert_invite(actor=partner, workshop=w, expert=cci)

    assert error.value.message_dict == {"expert": ["Invite an expert of this programme."]}


def test_expert_invite_is_refused_to_participants(programme, partner, cci, expert):
    w = workshop(programme, actor=partner)

    with pytest.raises(PermissionDenied):
        services.expert_invite(actor=cci, workshop=w, expert=expert)


def test_expert_candidates_list_idea_pitch_reviewers_first(programme, partner):
    from challenges.models import Review
    from tests.challenges.factories import IdeaFactory, open_challenge

    w = workshop(programme, actor=partner)
    outsider = member(programme, Role.EXPERT, first_name="Anna", last_name="Adler")
    reviewer = member(programme, Role.EXPERT, first_name="Zora", last_name="Zupan")
    translator = member(programme, Role.EXPERT, first_name="Mira", last_name="Maier")
    challenge = open_challenge(programme, translator=translator)
    Review.objects.create(
        idea=IdeaFactory(challenge=challenge),
        reviewer=reviewer,
        due_at=timezone.now() + timedelta(days=3),
    )
    services.expert_invite(actor=partner, workshop=w, expert=reviewer)

    from matchmaking import selectors

    rows = selectors.expert_candidates(programme=programme, workshop=w)

    assert [(u.pk, u.took_part, u.invited) for u in rows] == [
        (translator.pk, True, False),
        (reviewer.pk, True, True),
        (outsider.pk, False, False),
    ]


def test_an_invited_expert_can_be_asked_for_a_meeting_and_accept(programme, partner, expert):
    w = workshop(programme, actor=partner)
    services.expert_invite(actor=partner, workshop=w, expert=expert)
    cci = profile(programme, "UX")
    the_expert = services.profile_for_expert(expert, programme)

    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=the_expert, reason="IP advice on our licence"
    )
    services.meeting_request_accept(actor=expert, request=request)

    request.refresh_from_db()
    assert (request.status, request.recipient.side) == (RequestStatus.ACCEPTED, "exp")


def test_an_expert_not_invited_to_this_workshop_cannot_be_asked(programme, partner, expert):
    invited_to = workshop(programme, actor=partner)
    other = workshop(programme, actor=partner)
    services.expert_invite(actor=partner, workshop=invited_to, expert=expert)
    cci = profile(programme, "UX")

    with pytest.raises(ValidationError) as error:
        services.meeting_request_create(
            actor=cci.user,
            workshop=other,
            recipient=services.profile_for_expert(expert, programme),
            reason="hi",
        )

    assert error.value.messages == ["This expert is not invited to this workshop."]


def test_schedule_run_with_an_expert_never_double_books_them(programme, partner, expert):
    w = workshop(programme, actor=partner, slots=3, tables=3)
    services.expert_invite(actor=partner, workshop=w, expert=expert)
    the_expert = services.profile_for_expert(expert, programme)
    avm = profile(programme, "UX", sector=Sector.AVM)
    services.table_fix(actor=partner, table=w.tables.first(), profile=avm)
    ccis = [profile(programme, "UX") for _ in range(2)]
    for cci in ccis:
        accepted(w, cci, avm)
        request = services.meeting_request_create(
            actor=cci.user, workshop=w, recipient=the_expert, reason="advice"
        )
        services.meeting_request_accept(actor=expert, request=request)
    # The expert also visits the company.
    request = services.meeting_request_create(
        actor=expert, workshop=w, recipient=avm, reason="standards"
    )
    services.meeting_request_accept(actor=avm.user, request=request)

    outcome = services.schedule_run(actor=partner, workshop=w)

    expert_slots = [
        r.slot.index
        for r in w.requests.filter(slot__isnull=False).select_related("slot")
        if the_expert.pk in (r.requester_id, r.recipient_id)
    ]
    assert (
        outcome["violations"],
        outcome["result"].method,
        len(outcome["result"].assignment),
        sorted(expert_slots),
    ) == ([], "cpsat-experts", 5, [0, 1, 2])


# --- External parties and signing links -------------------------------------------------------


@pytest.fixture
def drafted(programme, partner):
    w = workshop(programme, actor=partner)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    meeting = accepted(w, cci, avm)
    agreement = services.agreement_create(actor=cci.user, programme=programme, meeting=meeting)
    return agreement, cci, avm


def _link_in(message) -> str:
    import re

    return re.search(r"/matchmaking/sign/([^/\s]+)/", message.body).group(1)


def test_external_party_gets_a_signing_link_and_a_new_revision_clears_signatures(
    drafted, django_capture_on_commit_callbacks
):
    agreement, cci, _avm = drafted
    services.agreement_sign(actor=cci.user, agreement=agreement, name=cci.user.display_name)

    with django_capture_on_commit_callbacks(execute=True):
        party = services.agreement_party_add_external(
            actor=cci.user,
            agreement=agreement,
            name="Erika  External",
            email="Erika@IP-law.example",
            organisation_name="IP Law Office",
        )

    agreement.refresh_from_db()
    resolved, revision = services.sign_link_resolve(_link_in(mail.outbox[-1]))
    assert (
        party.display_name,
        party.organisation_label,
        party.role,
        agreement.revision,
        agreement.parties.exclude(signed_at=None).count(),
        [m.to for m in mail.outbox if "Please sign" in m.subject],
        (resolved.pk, revision),
    ) == (
        "Erika External",
        "IP Law Office",
        "External party",
        2,
        0,
        [["erika@ip-law.example"]],
        (party.pk, 2),
    )


def test_external_party_email_twice_is_refused(drafted):
    agreement, cci, _avm = drafted
    services.agreement_party_add_external(
        actor=cci.user, agreement=agreement, name="Erika", email="erika@ip-law.example"
    )

    with pytest.raises(ValidationError) as error:
        services.agreement_party_add_external(
            actor=cci.user, agreement=agreement, name="Erika", email="ERIKA@ip-law.example"
        )

    assert error.value.message_dict == {"email": ["erika@ip-law.example is already a party."]}


def test_signing_by_link_records_name_time_and_the_hash_signed(drafted):
    agreement, cci, _avm = drafted
    party = services.agreement_party_add_external(
        actor=cci.user, agreement=agreement, name="Erika Example", email="erika@ip-law.example"
    )
    agreement.refresh_from_db()
    token = services.sign_link_token(party, revision=agreement.revision)
    now = timezone.now()

    signed = services.agreement_sign_by_link(token=token, name=" Erika Example ", now=now)

    assert (signed.signed_name, signed.signed_at, signed.signed_hash) == (
        "Erika Example",
        now,
        services.agreement_hash(agreement),
    )


def test_the_last_signature_by_link_signs_the_agreement_and_sends_the_signal_once(drafted):
    from matchmaking.signals import agreement_signed

    agreement, cci, avm = drafted
    party = services.agreement_party_add_external(
        actor=cci.user, agreement=agreement, name="Erika", email="erika@ip-law.example"
    )
    agreement.refresh_from_db()
    received = []

    def receiver(sender, *, agreement, actor, **kwargs):
        received.append((agreement.pk, agreement.status, actor))

    agreement_signed.connect(receiver)
    try:
        services.agreement_sign(actor=cci.user, agreement=agreement, name=cci.user.display_name)
        services.agreement_sign(actor=avm.user, agreement=agreement, name=avm.user.display_name)
        after_users = list(received)
        services.agreement_sign_by_link(
            token=services.sign_link_token(party, revision=agreement.revision), name="Erika"
        )
    finally:
        agreement_signed.disconnect(receiver)

    agreement.refresh_from_db()
    assert (after_users, received, agreement.status) == (
        [],
        [(agreement.pk, AgreementStatus.SIGNED, None)],
        AgreementStatus.SIGNED,
    )


def test_signing_link_refusals_expired_old_revision_and_bad_token(drafted):
    agreement, cci, _avm = drafted
    party = services.agreement_party_add_external(
        actor=cci.user, agreement=agreement, name="Erika", email="erika@ip-law.example"
    )
    agreement.refresh_from_db()
    token = services.sign_link_token(party, revision=agreement.revision)
    old = services.sign_link_token(party, revision=agreement.revision - 1)
    later = timezone.now() + services.SIGN_LINK_MAX_AGE + timedelta(minutes=1)
    refusals = []
    for kwargs in (
        {"token": token, "now": later},
        {"token": old},
        {"token": token[:-2] + "zz"},
        {"token": "not-a-token"},
    ):
        with pytest.raises(services.SignLinkRefused) as error:
            services.agreement_sign_by_link(name="Erika", **kwargs)
        refusals.append((error.value.status, error.value.message))

    party.refresh_from_db()
    assert (refusals, party.signed_at) == (
        [
            (
                400,
                "This signing link has expired (links work for 14 days). Ask the programme "
                "team for a new one.",
            ),
            (
                400,
                "This link is for revision 1 of the agreement, which has since been changed "
                "(now revision 2). Use the link in our newest e-mail.",
            ),
            (404, "This signing link is not valid."),
            (404, "This signing link is not valid."),
        ],
        None,
    )


def test_an_edit_after_an_external_signature_clears_it_and_mails_a_new_link(
    drafted, django_capture_on_commit_callbacks
):
    agreement, cci, _avm = drafted
    party = services.agreement_party_add_external(
        actor=cci.user, agreement=agreement, name="Erika", email="erika@ip-law.example"
    )
    agreement.refresh_from_db()
    first = services.sign_link_token(party, revision=agreement.revision)
    services.agreement_sign_by_link(token=first, name="Erika")

    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_update(actor=cci.user, agreement=agreement, budget=9000)

    party.refresh_from_db()
    with pytest.raises(services.SignLinkRefused):
        services.sign_link_resolve(first)
    new_token = _link_in(mail.outbox[-1])
    assert (party.signed_at, services.sign_link_resolve(new_token)[1]) == (None, 3)


def test_meeting_is_held_only_after_it_started(programme, partner):
    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]

    with pytest.raises(ValidationError) as early:
        services.meeting_mark_held(actor=meeting.requester.user, request=meeting)
    begin(meeting.workshop)
    held = services.meeting_mark_held(actor=meeting.requester.user, request=meeting)

    assert early.value.messages[0].startswith("The meeting has not taken place yet: it starts on")
    assert held.held_at is not None


def test_signature_must_match_the_signer_whatever_case_accents_and_spaces(programme, partner):
    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]
    signer = meeting.requester.user
    signer.first_name, signer.last_name = "Ana", "Marić"
    signer.save(update_fields=["first_name", "last_name"])
    agreement = services.agreement_create(actor=partner, programme=programme, meeting=meeting)

    with pytest.raises(ValidationError) as wrong:
        services.agreement_sign(actor=signer, agreement=agreement, name="Ana Marković")
    party = services.agreement_sign(actor=signer, agreement=agreement, name="  ana   MARIC ")

    assert wrong.value.message_dict == {
        "name": [
            "The name does not match this party. Type your name as the agreement lists it: "
            "Ana Marić (capitals and accents do not matter)."
        ]
    }
    assert (party.signed_name, party.signed_at is not None) == ("ana MARIC", True)


def test_external_signature_must_match_the_name_they_were_added_with(programme, partner):
    _w, meetings = _three_meetings(programme, partner)
    agreement = services.agreement_create(actor=partner, programme=programme, meeting=meetings[0])
    party = services.agreement_party_add_external(
        actor=partner, agreement=agreement, name="Erika Brünner", email="erika@ip-law.example"
    )
    agreement.refresh_from_db()
    token = services.sign_link_token(party, revision=agreement.revision)

    with pytest.raises(ValidationError):
        services.agreement_sign_by_link(token=token, name="Someone Else")
    signed = services.agreement_sign_by_link(token=token, name="erika brunner")

    assert signed.signed_at is not None


def test_parties_with_accounts_are_asked_to_sign_and_reminded_until_they_do(
    programme, partner, mailoutbox, django_capture_on_commit_callbacks
):
    from collider.services import reminder_sweep

    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]
    cci, avm = meeting.requester.user, meeting.recipient.user
    reminder_sweep()  # the meeting requests' own e-mails
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agreement = services.agreement_create(actor=cci, programme=programme, meeting=meeting)
    asked = sorted((m.to[0], m.subject) for m in mailoutbox)
    services.agreement_sign(actor=avm, agreement=agreement, name=avm.display_name)
    mailoutbox.clear()

    reminder_sweep(now=timezone.now() + timedelta(days=3, minutes=1))
    after_three = [(m.to[0], m.subject) for m in mailoutbox]
    mailoutbox.clear()
    services.agreement_sign(
        actor=cci, agreement=Agreement.objects.get(pk=agreement.pk), name=cci.display_name
    )
    reminder_sweep(now=timezone.now() + timedelta(days=8))

    title = agreement.title
    assert asked == [(avm.email, f"[Collider] [Action required] Sign the agreement “{title}”")]
    assert after_three == [
        (
            cci.email,
            f"[Collider] [Action required] Reminder: your signature on “{title}” is missing",
        )
    ]
    assert mailoutbox == []


def test_an_edit_that_clears_a_signature_asks_the_signer_again(
    programme, partner, mailoutbox, django_capture_on_commit_callbacks
):
    _w, meetings = _three_meetings(programme, partner)
    meeting = meetings[0]
    cci, avm = meeting.requester.user, meeting.recipient.user
    agreement = services.agreement_create(actor=cci, programme=programme, meeting=meeting)
    services.agreement_sign(actor=avm, agreement=agreement, name=avm.display_name)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_update(
            actor=cci, agreement=Agreement.objects.get(pk=agreement.pk), goals="Changed goals"
        )

    assert [(m.to[0], m.subject) for m in mailoutbox] == [
        (avm.email, f"[Collider] [Action required] Sign the agreement “{agreement.title}”")
    ]


def test_expiry_by_click_is_announced_to_the_requester_like_the_sweep(programme, partner):
    w = workshop(programme, actor=partner, request_expiry_days=1)
    cci, avm = profile(programme, "UX"), profile(programme, "UX", sector=Sector.AVM)
    request = services.meeting_request_create(
        actor=cci.user, workshop=w, recipient=avm, reason="hi"
    )

    with pytest.raises(ValidationError):
        services.meeting_request_accept(
            actor=avm.user, request=request, now=timezone.now() + timedelta(days=2)
        )
    services.meeting_requests_expire(now=timezone.now() + timedelta(days=3))

    notices = Reminder.objects.filter(kind="matchmaking_request_answered", target_id=request.pk)
    assert [(n.email, n.context["state"]) for n in notices] == [(cci.user.email, "Expired")]
