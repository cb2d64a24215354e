"""Services of phase 4: transitions with actor and from-state checks, audit, e-mails."""

from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.formats import date_format

from challenges import services
from challenges.enums import ChallengeStatus, CoAuthorStatus, IdeaStatus, MaturityItem
from challenges.models import NDA_VERSION, Challenge, NdaAcceptance, Score
from collider.enums import Role, Sector
from collider.models import Reminder
from tests.factories import member
from tests.outreach.factories import png_bytes

from .factories import (
    ChallengeFactory,
    FundingFactory,
    IdeaFactory,
    criteria,
    open_challenge,
    pitch_events,
)

pytestmark = pytest.mark.django_db

PNG = png_bytes()  # a real picture: uploads are decoded, not only sniffed
PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n%%EOF"


def subjects_to(user) -> list[str]:
    return [m.subject for m in mail.outbox if user.email in m.to]


# --- Challenge template and review loop -------------------------------------------------------


def test_challenge_create_by_avm_stores_template_and_competence_tags(programme):
    owner = member(programme, Role.PARTICIPANT, Sector.AVM)

    challenge = services.challenge_create(
        actor=owner,
        programme=programme,
        competences=["Sound design", "UX research", "sound design"],
        title="Make cobot zones visible",
        public_summary="Summary",
        context="Context",
        problem_statement="Problem",
        scope="Scope",
        expected_outcome="Outcome",
        ip_stance="licence",
        confidential_details="Secret customer",
    )

    assert challenge.status == ChallengeStatus.DRAFT
    assert sorted(t.name for t in challenge.required_competences.all()) == [
        "Sound design",
        "UX research",
    ]


def test_challenge_create_by_cci_is_refused(programme, cci):
    with pytest.raises(PermissionDenied):
        services.challenge_create(actor=cci, programme=programme, title="x")


def test_challenge_full_workflow_records_audit_and_emails_on_commit(
    programme, django_capture_on_commit_callbacks
):
    partner = member(programme, Role.PARTNER)
    expert = member(programme, Role.EXPERT)
    facilitator = member(programme, Role.FACILITATOR)
    challenge = ChallengeFactory(programme=programme)
    owner = challenge.owner
    pitch, idea_event = pitch_events(programme, pitch_in_days=-1)

    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_translator_assign(actor=partner, challenge=challenge, expert=expert)
        services.challenge_submit_for_review(actor=owner, challenge=challenge)
        services.challenge_request_changes(actor=expert, challenge=challenge, note="Narrow scope")
        services.challenge_update(actor=owner, challenge=challenge, scope="One machine group")
        services.challenge_submit_for_review(actor=owner, challenge=challenge)
        services.challenge_maturity_update(
            actor=expert, challenge=challenge, items=list(MaturityItem.values)
        )
        services.challenge_approve(actor=partner, challenge=challenge)
        services.challenge_publish(actor=partner, challenge=challenge)
        services.challenge_schedule(
            actor=facilitator,
            challenge=challenge,
            pitch_event=pitch,
            idea_event=idea_event,
            idea_deadline=pitch.starts_at + timedelta(days=14),
        )
        services.challenge_mark_pitched(actor=facilitator, challenge=challenge)
        services.challenge_ideation_open(actor=facilitator, challenge=challenge)
        services.challenge_ideation_close(actor=facilitator, challenge=challenge)
        services.challenge_selection_complete(actor=facilitator, challenge=challenge)
        services.challenge_close(actor=partner, challenge=challenge)

    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.CLOSED
    assert challenge.scope == "One machine group"
    statuses = [
        entry.changes_dict["status"][1]
        for entry in LogEntry.objects.get_for_object(challenge).order_by("pk")
        if entry.action == LogEntry.Action.UPDATE and "status" in entry.changes_dict
    ]
    assert statuses == [
        "in_review",
        "changes_requested",
        "in_review",
        "approved",
        "published",
        "pitched",
        "ideation_open",
        "ideation_closed",
        "selection_done",
        "closed",
    ]
    assert subjects_to(expert)[:2] == [
        f"[Collider] [Action required] Help define the challenge “{challenge.title}”",
        f"[Collider] [Action required] Review the challenge “{challenge.title}”",
    ]
    assert len(subjects_to(owner)) == 8
    assert subjects_to(owner)[0] == (
        f"[Collider] [Action required] Challenge “{challenge.title}”: Changes requested"
    )


def test_challenge_transition_from_wrong_state_is_refused_with_clear_message(programme):
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.DRAFT)

    with pytest.raises(ValidationError) as error:
        services.challenge_publish(actor=partner, challenge=challenge)

    assert error.value.messages == [
        "Cannot publish: the challenge is “Draft” (expected: Approved)."
    ]


def test_challenge_approve_by_expert_is_refused(programme):
    expert = member(programme, Role.EXPERT)
    challenge = ChallengeFactory(
        programme=programme, status=ChallengeStatus.IN_REVIEW, translator=expert
    )

    with pytest.raises(PermissionDenied):
        services.challenge_approve(actor=expert, challenge=challenge)


def test_challenge_approve_with_incomplete_checklist_is_refused(programme):
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(
        programme=programme, status=ChallengeStatus.IN_REVIEW, maturity=["problem_clear"]
    )

    with pytest.raises(ValidationError) as error:
        services.challenge_approve(actor=partner, challenge=challenge)

    assert error.value.messages[0].startswith("The maturity checklist is not complete:")
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.IN_REVIEW


def test_challenge_update_after_submission_is_refused(programme):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.IN_REVIEW)

    with pytest.raises(ValidationError) as error:
        services.challenge_update(actor=challenge.owner, challenge=challenge, title="New")

    assert error.value.messages == [
        "The challenge is “In expert review” and can no longer be edited."
    ]


def test_challenge_comment_by_unassigned_expert_is_refused(programme):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.IN_REVIEW)
    other_expert = member(programme, Role.EXPERT)

    with pytest.raises(PermissionDenied):
        services.challenge_comment_add(
            actor=other_expert, challenge=challenge, field="scope", body="Hm"
        )


def test_translator_assign_requires_an_expert_of_the_programme(programme, other_programme):
    partner = member(programme, Role.PARTNER)
    outsider = member(other_programme, Role.EXPERT)
    challenge = ChallengeFactory(programme=programme)

    with pytest.raises(ValidationError):
        services.challenge_translator_assign(actor=partner, challenge=challenge, expert=outsider)


def test_challenge_withdraw_cancels_idea_reminders(programme):
    challenge = open_challenge(programme)
    idea = services.idea_create(
        lead=member(programme, Role.PARTICIPANT, Sector.CCI),
        challenge=challenge,
        title="t",
        summary="s",
        approach="a",
        deliverables="d",
        time_plan="p",
    )

    services.challenge_withdraw(actor=challenge.owner, challenge=challenge)

    states = set(
        Reminder.objects.filter(kind="challenges_idea_deadline", target_id=idea.pk).values_list(
            "state", flat=True
        )
    )
    assert states == {"cancelled"}


# --- Ideation window ----------------------------------------------------------------------------


def test_schedule_deadline_inside_ideation_window_is_refused_with_earliest_date(programme):
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    pitch, idea_event = pitch_events(programme)

    with pytest.raises(ValidationError) as error:
        services.challenge_schedule(
            actor=partner,
            challenge=challenge,
            pitch_event=pitch,
            idea_event=idea_event,
            idea_deadline=pitch.starts_at + timedelta(days=13, hours=23),
        )

    assert error.value.messages[0].startswith(
        "The idea deadline must be at least 14 days after the challenge pitch"
    )
    challenge.refresh_from_db()
    assert challenge.idea_deadline is None


def test_schedule_idea_pitch_before_deadline_is_refused(programme):
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    pitch, idea_event = pitch_events(programme)
    idea_event.starts_at = pitch.starts_at + timedelta(days=10)
    idea_event.ends_at = idea_event.starts_at + timedelta(hours=2)
    idea_event.save()

    with pytest.raises(ValidationError) as error:
        services.challenge_schedule(
            actor=partner,
            challenge=challenge,
            pitch_event=pitch,
            idea_event=idea_event,
            idea_deadline=pitch.starts_at + timedelta(days=14),
        )

    assert error.value.messages[0].startswith(
        "The idea pitch cannot take place before the idea deadline"
    )


def test_schedule_follows_the_programme_window_setting(programme):
    programme.ideation_window_days = 21
    programme.save()
    partner = member(programme, Role.PARTNER)
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    pitch, _idea_event = pitch_events(programme)

    with pytest.raises(ValidationError) as error:
        services.challenge_schedule(
            actor=partner,
            challenge=challenge,
            pitch_event=pitch,
            idea_event=None,
            idea_deadline=pitch.starts_at + timedelta(days=20),
        )

    assert "at least 21 days" in error.value.messages[0]


# --- NDA and Q&A -------------------------------------------------------------------------------


def test_nda_accept_records_version_and_time_and_confirms_by_email(
    programme, cci, django_capture_on_commit_callbacks
):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    before = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        acceptance = services.nda_accept(user=cci, challenge=challenge)
        again = services.nda_accept(user=cci, challenge=challenge)

    assert again.pk == acceptance.pk
    assert acceptance.version == NDA_VERSION
    assert acceptance.accepted_at >= before
    assert subjects_to(cci) == [f"[Collider] NDA accepted: “{challenge.title}”"]
    assert NdaAcceptance.objects.count() == 1


def test_nda_accept_by_avm_is_refused(programme):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    avm = member(programme, Role.PARTICIPANT, Sector.AVM)

    with pytest.raises(PermissionDenied):
        services.nda_accept(user=avm, challenge=challenge)


def test_question_ask_and_answer_emails_owner_then_asker(
    programme, cci, django_capture_on_commit_callbacks
):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        question = services.question_ask(user=cci, challenge=challenge, body="Sound samples?")
        services.question_answer(actor=challenge.owner, question=question, answer="Tuesdays.")

    question.refresh_from_db()
    assert (question.answer, question.answered_by) == ("Tuesdays.", challenge.owner)
    assert subjects_to(challenge.owner) == [
        f"[Collider] [Action required] New question on “{challenge.title}”"
    ]
    assert subjects_to(cci) == [f"[Collider] Your question on “{challenge.title}” was answered"]


def test_question_answer_by_other_cci_is_refused(programme, cci):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    question = services.question_ask(user=cci, challenge=challenge, body="Q?")

    with pytest.raises(PermissionDenied):
        services.question_answer(actor=cci, question=question, answer="A")


# --- Ideas ----------------------------------------------------------------------------------


def _idea_fields():
    return dict(
        title="Zones you can hear",
        summary="s",
        approach="a",
        deliverables="d",
        time_plan="p",
        budget_estimate=12000,
    )


def test_idea_create_schedules_deadline_reminders_3_and_1_days_before(programme, cci):
    challenge = open_challenge(programme)

    idea = services.idea_create(lead=cci, challenge=challenge, **_idea_fields())

    due = sorted(
        Reminder.objects.filter(kind="challenges_idea_deadline", target_id=idea.pk).values_list(
            "due_at", flat=True
        )
    )
    assert due == [
        challenge.idea_deadline - timedelta(days=3),
        challenge.idea_deadline - timedelta(days=1),
    ]


def test_idea_deadline_reminder_is_sent_to_draft_lead_and_cancelled_once_submitted(
    programme, cci, django_capture_on_commit_callbacks
):
    challenge = open_challenge(programme)
    other = member(programme, Role.PARTICIPANT, Sector.CCI)
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.idea_create(lead=cci, challenge=challenge, **_idea_fields())
        submitted = services.idea_create(lead=other, challenge=challenge, **_idea_fields())
        services.idea_submit(actor=other, idea=submitted)
    mail.outbox.clear()

    from collider.services import reminder_sweep

    result = reminder_sweep(now=challenge.idea_deadline - timedelta(days=3) + timedelta(minutes=1))

    assert result.sent == 1
    assert subjects_to(cci) == [
        "[Collider] [Action required] 3 day(s) left to submit “Zones you can hear”"
    ]
    assert subjects_to(other) == []
    assert draft.status == IdeaStatus.DRAFT


def test_idea_submit_before_deadline_emails_team(
    programme, cci, django_capture_on_commit_callbacks
):
    challenge = open_challenge(programme)
    idea = services.idea_create(lead=cci, challenge=challenge, **_idea_fields())
    mate = member(programme, Role.PARTICIPANT, Sector.CCI)
    services.idea_coauthor_invite(actor=cci, idea=idea, user=mate)
    services.idea_coauthor_respond(user=mate, idea=idea, accept=True)

    with django_capture_on_commit_callbacks(execute=True):
        idea = services.idea_submit(actor=cci, idea=idea)

    assert idea.status == IdeaStatus.SUBMITTED
    assert subjects_to(cci) == ["[Collider] Idea submitted: “Zones you can hear”"]
    assert subjects_to(mate) == ["[Collider] Idea submitted: “Zones you can hear”"]


def test_idea_submit_after_deadline_is_refused(programme, cci):
    challenge = open_challenge(programme)
    idea = IdeaFactory(challenge=challenge, lead=cci)
    Challenge.objects.filter(pk=challenge.pk).update(
        idea_deadline=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError) as error:
        services.idea_submit(actor=cci, idea=idea)

    assert error.value.messages == [
        "The idea deadline has passed; late submissions are not accepted."
    ]


def test_idea_edit_after_lock_is_refused(programme, cci):
    challenge = open_challenge(programme)
    idea = IdeaFactory(challenge=challenge, lead=cci, status=IdeaStatus.SUBMITTED)
    Challenge.objects.filter(pk=challenge.pk).update(
        idea_deadline=timezone.now() - timedelta(minutes=1)
    )

    with pytest.raises(ValidationError) as error:
        services.idea_update(actor=cci, idea=idea, title="Changed")

    assert error.value.messages == ["The idea deadline has passed; the idea is locked."]
    idea.refresh_from_db()
    assert idea.title != "Changed"


def test_idea_submit_while_ideation_not_open_is_refused(programme, cci):
    challenge = ChallengeFactory(programme=programme, status=ChallengeStatus.PUBLISHED)
    idea = IdeaFactory(challenge=challenge, lead=cci)

    with pytest.raises(ValidationError) as error:
        services.idea_submit(actor=cci, idea=idea)

    assert error.value.messages == ["Ideation is not open for this challenge yet."]


def test_idea_submit_by_coauthor_is_refused(programme, cci):
    challenge = open_challenge(programme)
    idea = IdeaFactory(challenge=challenge, lead=cci)
    mate = member(programme, Role.PARTICIPANT, Sector.CCI)
    services.idea_coauthor_invite(actor=cci, idea=idea, user=mate)
    services.idea_coauthor_respond(user=mate, idea=idea, accept=True)

    with pytest.raises(PermissionDenied):
        services.idea_submit(actor=mate, idea=idea)


def test_idea_withdraw_then_submit_is_refused(programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    services.idea_withdraw(actor=cci, idea=idea)

    with pytest.raises(ValidationError) as error:
        services.idea_submit(actor=cci, idea=idea)

    assert error.value.messages == ["Cannot submit: the idea is “Withdrawn” (expected: Draft)."]


def test_coauthor_invite_sends_action_required_and_accept_joins_team(
    programme, cci, django_capture_on_commit_callbacks
):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    mate = member(programme, Role.PARTICIPANT, Sector.CCI)

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_coauthor_invite(actor=cci, idea=idea, user=mate)
    coauthor = services.idea_coauthor_respond(user=mate, idea=idea, accept=True)

    assert coauthor.status == CoAuthorStatus.ACCEPTED
    assert services.team_members(idea) == [mate]
    assert subjects_to(mate) == [f"[Collider] [Action required] Join the team of “{idea.title}”"]


def test_coauthor_invite_of_avm_is_refused(programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    avm = member(programme, Role.PARTICIPANT, Sector.AVM)

    with pytest.raises(ValidationError):
        services.idea_coauthor_invite(actor=cci, idea=idea, user=avm)


def test_expert_need_is_typed(programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)

    need = services.idea_expert_need_add(
        actor=cci, idea=idea, kind="legal_ipr", description="Licence terms"
    )

    assert (need.get_kind_display(), need.description) == ("Legal / IPR", "Licence terms")
    with pytest.raises(ValidationError):
        services.idea_expert_need_add(actor=cci, idea=idea, kind="astrology", description="x")


def test_attachment_pdf_and_png_are_accepted_with_detected_type(programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)

    pdf = services.idea_attachment_add(
        actor=cci, idea=idea, upload=SimpleUploadedFile("plan.pdf", PDF)
    )
    png = services.idea_attachment_add(
        actor=cci, idea=idea, upload=SimpleUploadedFile("sketch.PNG", PNG)
    )

    assert (pdf.content_type, png.content_type) == ("application/pdf", "image/png")
    assert [a.name for a in idea.attachments.all()] == ["plan.pdf", "sketch.PNG"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("run.exe", b"MZ\x90\x00", "Upload one of these file types: PDF, PNG, JPEG, WebP."),
        ("fake.pdf", b"<html>not a pdf</html>", "The file's content is not a PDF file."),
        ("empty.png", b"", "The file is empty."),
    ],
)
def test_attachment_of_wrong_type_is_refused(programme, cci, name, content, message):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)

    with pytest.raises(ValidationError) as error:
        services.idea_attachment_add(actor=cci, idea=idea, upload=SimpleUploadedFile(name, content))

    assert error.value.messages == [message]
    assert idea.attachments.count() == 0


def test_attachment_over_the_limit_is_refused(programme, cci):
    idea = IdeaFactory(challenge=open_challenge(programme), lead=cci)
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * services.ATTACHMENTS.max_bytes)

    with pytest.raises(ValidationError) as error:
        services.idea_attachment_add(actor=cci, idea=idea, upload=big)

    assert error.value.messages == ["The file is 5.0 MB; the limit is 5 MB."]


# --- Reviews, shortlist, selection ------------------------------------------------------------


def _submitted_idea(programme, **kwargs):
    challenge = open_challenge(programme, **kwargs)
    return IdeaFactory(challenge=challenge, status=IdeaStatus.SUBMITTED)


def test_review_assign_emails_action_required_and_schedules_due_reminder(
    programme, django_capture_on_commit_callbacks
):
    facilitator = member(programme, Role.FACILITATOR)
    expert = member(programme, Role.EXPERT)
    idea = _submitted_idea(programme)
    due = timezone.now() + timedelta(days=7)

    with django_capture_on_commit_callbacks(execute=True):
        review = services.review_assign(actor=facilitator, idea=idea, reviewer=expert, due_at=due)

    assert subjects_to(expert) == [f"[Collider] [Action required] Review the idea “{idea.title}”"]
    reminder = Reminder.objects.get(kind="challenges_review_due", target_id=review.pk)
    assert reminder.due_at == due - timedelta(days=2)
    assert [c.name for c in services.review_criteria_ensure(programme=programme)] == [
        "Fit to the problem",
        "Feasibility",
        "Innovation",
        "Team",
        "Cost",
    ]


def test_review_assign_of_cci_is_refused(programme, cci):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)

    with pytest.raises(ValidationError) as error:
        services.review_assign(
            actor=facilitator, idea=idea, reviewer=cci, due_at=timezone.now() + timedelta(days=3)
        )

    assert error.value.messages == [
        "Reviewers are facilitators, experts or the challenge's AVM owner."
    ]


def test_review_submit_by_unassigned_reviewer_is_refused(programme):
    facilitator = member(programme, Role.FACILITATOR)
    expert = member(programme, Role.EXPERT)
    idea = _submitted_idea(programme)
    review = services.review_assign(
        actor=facilitator, idea=idea, reviewer=expert, due_at=timezone.now() + timedelta(days=3)
    )

    with pytest.raises(PermissionDenied):
        services.review_submit(actor=facilitator, review=review, scores={})


def test_review_submit_by_conflicted_reviewer_is_refused(programme):
    facilitator = member(programme, Role.FACILITATOR)
    expert = member(programme, Role.EXPERT)
    idea = _submitted_idea(programme)
    review = services.review_assign(
        actor=facilitator, idea=idea, reviewer=expert, due_at=timezone.now() + timedelta(days=3)
    )
    services.review_declare_conflict(
        actor=expert, review=review, conflict=True, note="Former employer"
    )

    with pytest.raises(PermissionDenied) as error:
        services.review_submit(actor=expert, review=review, scores={})

    assert str(error.value) == "You declared a conflict of interest and cannot score this idea."
    assert Reminder.objects.get(kind="challenges_review_due").state == "cancelled"


def test_review_submit_without_no_conflict_confirmation_is_refused(programme):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)
    review = services.review_assign(
        actor=facilitator,
        idea=idea,
        reviewer=facilitator,
        due_at=timezone.now() + timedelta(days=3),
    )

    with pytest.raises(ValidationError) as error:
        services.review_submit(actor=facilitator, review=review, scores={})

    assert error.value.messages == ["Confirm that you have no conflict of interest first."]


def test_review_submit_stores_scores_and_refuses_out_of_range(programme):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)
    crits = criteria(programme)
    review = services.review_assign(
        actor=facilitator,
        idea=idea,
        reviewer=facilitator,
        due_at=timezone.now() + timedelta(days=3),
    )
    services.review_declare_conflict(actor=facilitator, review=review, conflict=False)

    with pytest.raises(ValidationError):
        services.review_submit(
            actor=facilitator, review=review, scores={c.pk: (6, "") for c in crits}
        )
    services.review_submit(
        actor=facilitator,
        review=review,
        scores={c.pk: (i + 1, f"c{i}") for i, c in enumerate(crits)},
        comment="Solid",
    )

    review.refresh_from_db()
    assert review.is_submitted
    assert list(
        Score.objects.filter(review=review)
        .order_by("criterion__order")
        .values_list("value", flat=True)
    ) == [1, 2, 3, 4, 5]
    with pytest.raises(ValidationError):
        services.review_submit(
            actor=facilitator, review=review, scores={c.pk: (3, "") for c in crits}
        )


def test_shortlist_and_select_send_action_required_emails(
    programme, django_capture_on_commit_callbacks
):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)
    Challenge.objects.filter(pk=idea.challenge_id).update(status=ChallengeStatus.IDEATION_CLOSED)
    idea.refresh_from_db()
    lead = idea.lead

    with django_capture_on_commit_callbacks(execute=True):
        services.idea_shortlist(actor=facilitator, idea=idea)
        idea = services.idea_select(actor=facilitator, idea=idea, selected=True)
        services.idea_selection_confirm(actor=lead, idea=idea)

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.SELECTED
    assert idea.lead_confirmed_at is not None
    event = idea.challenge.idea_event
    assert subjects_to(lead) == [
        f"[Collider] [Action required] Pitch “{idea.title}” at {event.title}",
        f"[Collider] [Action required] Your idea “{idea.title}” was selected",
    ]
    assert subjects_to(idea.challenge.owner) == [f"[Collider] The team of “{idea.title}” confirmed"]


def test_shortlist_while_ideation_open_is_refused(programme):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)

    with pytest.raises(ValidationError) as error:
        services.idea_shortlist(actor=facilitator, idea=idea)

    assert error.value.messages == ["Close ideation before shortlisting."]


def test_selection_complete_marks_unshortlisted_ideas_not_selected(programme):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)
    challenge = idea.challenge
    Challenge.objects.filter(pk=challenge.pk).update(status=ChallengeStatus.IDEATION_CLOSED)

    services.challenge_selection_complete(actor=facilitator, challenge=challenge)

    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NOT_SELECTED


def test_selection_complete_with_undecided_shortlist_is_refused(programme):
    facilitator = member(programme, Role.FACILITATOR)
    idea = _submitted_idea(programme)
    Challenge.objects.filter(pk=idea.challenge_id).update(status=ChallengeStatus.IDEATION_CLOSED)
    idea.status = IdeaStatus.SHORTLISTED
    idea.save()

    with pytest.raises(ValidationError):
        services.challenge_selection_complete(actor=facilitator, challenge=idea.challenge)


# --- Funding ---------------------------------------------------------------------------------


def test_funding_considered_by_an_idea_schedules_deadline_reminders(programme, cci):
    challenge = open_challenge(programme)
    opportunity = FundingFactory(programme=programme)

    idea = services.idea_create(
        lead=cci, challenge=challenge, funding_opportunities=[opportunity], **_idea_fields()
    )

    keys = sorted(
        Reminder.objects.filter(kind="challenges_funding_deadline").values_list(
            "dedupe_key", flat=True
        )
    )
    assert keys == [
        f"challenges-funding:{idea.pk}:{opportunity.pk}:1",
        f"challenges-funding:{idea.pk}:{opportunity.pk}:7",
    ]


def test_a_funding_alert_already_due_is_sent_at_once_with_the_days_left(programme, cci):
    challenge = open_challenge(programme)
    opportunity = FundingFactory(
        programme=programme, deadline=timezone.localdate() + timedelta(days=4)
    )

    idea = services.idea_create(
        lead=cci, challenge=challenge, funding_opportunities=[opportunity], **_idea_fields()
    )

    rows = {
        r.dedupe_key: (r.due_at <= timezone.now(), r.context["days"])
        for r in Reminder.objects.filter(kind="challenges_funding_deadline")
    }
    assert rows == {
        f"challenges-funding:{idea.pk}:{opportunity.pk}:7": (True, 4),
        f"challenges-funding:{idea.pk}:{opportunity.pk}:1": (False, 1),
    }


@pytest.mark.parametrize("action", ["challenge_mark_pitched", "challenge_ideation_open"])
def test_pitch_steps_wait_until_the_challenge_pitch_took_place(programme, action):
    facilitator = member(programme, Role.FACILITATOR)
    pitch, idea_event = pitch_events(programme, pitch_in_days=2)
    state = ChallengeStatus.PUBLISHED if action == "challenge_mark_pitched" else "pitched"
    challenge = ChallengeFactory(
        programme=programme,
        status=state,
        pitch_event=pitch,
        idea_event=idea_event,
        idea_deadline=pitch.starts_at + timedelta(days=20),
    )

    with pytest.raises(ValidationError) as refused:
        getattr(services, action)(actor=facilitator, challenge=challenge)

    when = date_format(timezone.localtime(pitch.starts_at, pitch.tz), "DATETIME_FORMAT")
    assert refused.value.messages == [
        f"The challenge pitch is on {when}: the challenge is pitched, and ideation opens, "
        "only once it has taken place."
    ]
    challenge.refresh_from_db()
    assert challenge.status == state

    pitch.starts_at = timezone.now() - timedelta(hours=1)
    pitch.save(update_fields=["starts_at"])
    challenge.refresh_from_db()
    moved = getattr(services, action)(actor=facilitator, challenge=challenge)
    assert moved.status == (
        ChallengeStatus.PITCHED if state == ChallengeStatus.PUBLISHED else "ideation_open"
    )
