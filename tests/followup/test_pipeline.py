"""Platform records move the cooperation pipeline: a confirmed selected idea records the pair,
a held meeting moves it to "meeting held", a signed agreement to "agreement" with its
deliverables as milestones."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from challenges import services as challenge_services
from challenges.enums import IdeaStatus
from collider.enums import OrganisationKind, ReminderState, Role, Sector
from collider.models import Membership, Reminder
from followup import services
from followup.enums import Anchor, Stage
from followup.models import CheckIn, Cooperation, Milestone
from matchmaking import services as mm
from matchmaking.enums import AgreementKind
from tests.challenges.factories import IdeaFactory, open_challenge
from tests.factories import OrganisationFactory, member
from tests.matchmaking.factories import accepted, begin, profile, workshop

pytestmark = pytest.mark.django_db


def _participant(programme, sector, organisation, email):
    user = member(programme, Role.PARTICIPANT, sector, email=email)
    Membership.objects.filter(user=user, programme=programme).update(organisation=organisation)
    return user


@pytest.fixture
def orgs():
    cci = OrganisationFactory(name="Studio Lumen", sector=Sector.CCI, country="AT")
    avm = OrganisationFactory(
        name="Prevent Metal", sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY, country="SI"
    )
    return cci, avm


@pytest.fixture
def meeting(programme, partner, orgs):
    cci_user = _participant(programme, Sector.CCI, orgs[0], "ana@studio.example")
    avm_user = _participant(programme, Sector.AVM, orgs[1], "marko@metal.example")
    cci = profile(programme, "Product design", user=cci_user)
    avm = profile(programme, "Product design", sector=Sector.AVM, user=avm_user)
    request = accepted(workshop(programme, actor=partner), cci, avm)
    begin(request.workshop)
    return request


def _sign_all(agreement):
    for party in agreement.parties.select_related("user"):
        mm.agreement_sign(actor=party.user, agreement=agreement, name=party.user.display_name)
    agreement.refresh_from_db()
    return agreement


def test_a_held_meeting_records_the_pair_and_moves_it_to_meeting_held(meeting, orgs):
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)

    cooperation = Cooperation.objects.get()
    assert (cooperation.cci_organisation, cooperation.avm_organisation) == orgs
    assert cooperation.cci_contact == meeting.requester.user
    assert cooperation.avm_contact == meeting.recipient.user
    assert cooperation.stage == Stage.MEETING_HELD
    assert cooperation.meeting == meeting
    moves = list(cooperation.moves.values_list("from_stage", "to_stage", "by"))
    assert moves == [
        (Stage.FIRST_CONTACT, Stage.FIRST_CONTACT, None),
        (Stage.FIRST_CONTACT, Stage.MEETING_HELD, None),
    ]
    assert "Match-making workshop" in cooperation.moves.last().note
    # The 1/3/6/12-month check-ins after the meeting, for each side.
    assert CheckIn.objects.filter(cooperation=cooperation, anchor=Anchor.MEETING).count() == 8


def test_marking_the_same_meeting_held_again_moves_nothing(meeting):
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    mm.meeting_mark_held(actor=meeting.requester.user, request=meeting)
    cooperation = Cooperation.objects.get()
    assert cooperation.moves.count() == 2
    assert CheckIn.objects.count() == 8


def test_a_held_meeting_joins_the_pairs_open_cooperation(programme, partner, meeting, orgs):
    by_hand = services.cooperation_create(
        actor=partner,
        programme=programme,
        title="Sensor housing",
        cci_organisation=orgs[0],
        avm_organisation=orgs[1],
    )
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    by_hand.refresh_from_db()
    assert Cooperation.objects.count() == 1
    assert by_hand.stage == Stage.MEETING_HELD and by_hand.meeting == meeting


def test_automatic_moves_never_go_back_nor_leave_stopped(programme, partner, meeting, orgs):
    stopped = services.cooperation_create(
        actor=partner,
        programme=programme,
        title="Old try",
        cci_organisation=orgs[0],
        avm_organisation=orgs[1],
    )
    stopped.meeting = meeting
    stopped.save()
    services.cooperation_stop(actor=partner, cooperation=stopped, note="No budget this year.")
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    stopped.refresh_from_db()
    assert stopped.stage == Stage.STOPPED
    assert stopped.moves.filter(to_stage=Stage.MEETING_HELD).count() == 0


def test_a_signed_agreement_moves_to_agreement_and_its_deliverables_become_milestones(
    programme, meeting
):
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    agreement = mm.agreement_create(
        actor=meeting.requester.user, programme=programme, meeting=meeting
    )
    mm.agreement_update(
        actor=meeting.requester.user,
        agreement=agreement,
        goals="A prototype housing tested on the line.",
        deliverables=[("Design concept", date(2027, 2, 1)), ("Prototype", date(2027, 4, 1))],
    )
    cooperation = Cooperation.objects.get()
    assert cooperation.milestones.count() == 0  # not before every party signed

    _sign_all(agreement)

    cooperation.refresh_from_db()
    assert cooperation.stage == Stage.AGREEMENT
    assert cooperation.agreement == agreement
    assert cooperation.goals == "A prototype housing tested on the line."
    milestones = list(cooperation.milestones.values_list("title", "due_on", "agreement"))
    assert milestones == [
        ("Design concept", date(2027, 2, 1), agreement.pk),
        ("Prototype", date(2027, 4, 1), agreement.pk),
    ]
    assert CheckIn.objects.filter(cooperation=cooperation, anchor=Anchor.AGREEMENT).count() == 8
    # Each milestone reminds both contacts the day after it is due.
    overdue = Reminder.objects.filter(kind=services.MILESTONE_OVERDUE_KIND)
    assert overdue.count() == 4


def test_a_signed_nda_moves_the_pair_only_to_negotiation(programme, meeting):
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    nda = mm.agreement_create(
        actor=meeting.requester.user, programme=programme, meeting=meeting, kind=AgreementKind.NDA
    )

    _sign_all(nda)

    cooperation = Cooperation.objects.get()
    assert cooperation.stage == Stage.NEGOTIATION
    assert cooperation.agreement is None
    assert not CheckIn.objects.filter(cooperation=cooperation, anchor=Anchor.AGREEMENT).exists()
    assert "signed by every party" in cooperation.moves.latest("at").note


def test_re_signing_an_edited_agreement_keeps_milestones_in_step(programme, partner, meeting):
    agreement = mm.agreement_create(
        actor=meeting.requester.user, programme=programme, meeting=meeting
    )
    mm.agreement_update(
        actor=partner,
        agreement=agreement,
        deliverables=[("Design concept", date(2027, 2, 1)), ("Prototype", date(2027, 4, 1))],
    )
    _sign_all(agreement)
    cooperation = Cooperation.objects.get()
    concept = cooperation.milestones.get(title="Design concept")
    services.milestone_done(actor=partner, milestone=concept, evidence_link="https://x.example/c")
    prototype = cooperation.milestones.get(title="Prototype")

    mm.agreement_update(
        actor=partner,
        agreement=agreement,
        deliverables=[("Pilot on line 3", date(2027, 5, 1))],
    )
    _sign_all(agreement)

    titles = set(cooperation.milestones.values_list("title", flat=True))
    # The delivered concept stays; the dropped prototype goes, with its reminders.
    assert titles == {"Design concept", "Pilot on line 3"}
    assert not Milestone.objects.filter(pk=prototype.pk).exists()
    assert not Reminder.objects.filter(
        kind=services.MILESTONE_OVERDUE_KIND, target_id=prototype.pk, state=ReminderState.PENDING
    ).exists()
    # The stage moved once, and the check-ins after the agreement exist once.
    assert cooperation.moves.filter(to_stage=Stage.AGREEMENT).count() == 1
    assert CheckIn.objects.filter(anchor=Anchor.AGREEMENT).count() == 8


def test_a_confirmed_selected_idea_records_the_pair_at_first_contact(programme, orgs):
    owner = _participant(programme, Sector.AVM, orgs[1], "owner@metal.example")
    lead = _participant(programme, Sector.CCI, orgs[0], "lead@studio.example")
    challenge = open_challenge(programme, owner=owner, organisation=orgs[1])
    idea = IdeaFactory(challenge=challenge, lead=lead, status=IdeaStatus.SELECTED)

    challenge_services.idea_selection_confirm(actor=lead, idea=idea)

    cooperation = Cooperation.objects.get()
    assert cooperation.stage == Stage.FIRST_CONTACT
    assert cooperation.idea == idea
    assert (cooperation.cci_contact, cooperation.avm_contact) == (lead, owner)
    assert idea.title in cooperation.moves.get().note

    # The agreement drafted from that idea finds the same cooperation when signed.
    agreement = mm.agreement_create(actor=owner, programme=programme, idea=idea)
    _sign_all(agreement)
    cooperation.refresh_from_db()
    assert Cooperation.objects.count() == 1
    assert cooperation.stage == Stage.AGREEMENT and cooperation.agreement == agreement


def test_a_pair_without_organisations_is_not_recorded(programme, partner):
    cci = profile(programme, "UX")
    avm = profile(programme, "UX", sector=Sector.AVM)
    request = accepted(workshop(programme, actor=partner), cci, avm)
    begin(request.workshop)
    mm.meeting_mark_held(actor=partner, request=request)
    assert Cooperation.objects.count() == 0
    request.refresh_from_db()
    assert request.held_at is not None


def test_a_failing_receiver_rolls_back_the_meeting(meeting, monkeypatch):
    from followup import pipeline

    def broken(request):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pipeline, "record_meeting_held", broken)
    with pytest.raises(RuntimeError):
        mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    meeting.refresh_from_db()
    assert meeting.held_at is None
    assert Cooperation.objects.count() == 0


def test_checkins_after_the_meeting_are_due_from_the_meeting_time(meeting):
    held = timezone.now() - timedelta(days=3)
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting, now=held)
    first = CheckIn.objects.filter(months=1).first()
    assert first.due_at == held + timedelta(days=30)


def test_the_cooperation_page_links_the_records_and_marks_platform_moves(
    client, programme, partner, meeting
):
    mm.meeting_mark_held(actor=meeting.recipient.user, request=meeting)
    agreement = mm.agreement_create(actor=partner, programme=programme, meeting=meeting)
    mm.agreement_update(
        actor=partner, agreement=agreement, deliverables=[("Concept", date(2027, 1, 5))]
    )
    _sign_all(agreement)
    cooperation = Cooperation.objects.get()
    client.force_login(partner)
    page = client.get(
        f"/p/{programme.slug}/followup/cooperations/{cooperation.pk}/"
    ).content.decode()
    assert agreement.get_absolute_url() in page
    assert f"/p/{programme.slug}/matchmaking/workshops/{meeting.workshop_id}/" in page
    assert "agreed deliverable" in page
    assert page.count("by the platform") == 3
    # From "agreement" the form offers only the moves allowed from there.
    select = re.search(r'<select name="to".*?</select>', page, re.S).group(0)
    options = set(re.findall(r'<option value="(\w+)"', select))
    assert options == {Stage.RUNNING, Stage.STOPPED}
