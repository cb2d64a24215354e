"""Access declarations of the challenges app, in the format of tests/test_access_matrix.py.

``ROUTES`` (one per URL pattern), ``ADMIN_MODELS`` (the read-only admin pages of challenges and
ideas, with their exceptions) and ``build_world(world)``, which adds the objects these routes use
as ``world.challenges``: an ideation-open challenge owned by the AVM and translated by the expert,
a submitted idea led by the CCI (with an attachment, an expert need and the expert's pending
review), a question and a funding opportunity.

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
The admin is a superuser: Django grants superusers every permission, so where the role cannot
act the service refuses (400, or a redirect with a message) instead of a 403.
Confidential details are 403 for everyone without an accepted NDA (visitors included: never a
log-in redirect) and 404 where the challenge itself is invisible.
"""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from challenges.enums import IdeaStatus
from challenges.models import ExpertNeed, IdeaAttachment, Question, Review
from tests.access import LOGIN, Redirect, Route, everyone, named, read_only_admin, row, to

from .factories import FundingFactory, IdeaFactory, open_challenge

NOT_ALLOWED = everyone(405)
PUBLIC = everyone(200)


def c(w) -> SimpleNamespace:
    return w.challenges


def slug(w) -> dict:
    return {"slug": w.programme.slug}


def ch(w, **extra) -> dict:
    return {"slug": w.programme.slug, "pk": c(w).challenge.pk, **extra}


def idea(w, **extra) -> dict:
    return {"slug": w.programme.slug, "pk": c(w).idea.pk, **extra}


CHALLENGE = to("challenges:challenge_detail", ch)
QUESTIONS = Redirect(lambda w: c(w).challenge.get_absolute_url() + "#questions", "questions")
IDEA = to("challenges:idea_detail", idea)


def team_post(admin_outcome=IDEA) -> tuple:
    """POSTs on an idea: the lead acts; others 403; another programme's partner 404."""
    return row(LOGIN, IDEA, 403, 403, 403, 403, 404, admin_outcome)


ROUTES: dict[str, Route] = {
    # The list of a public programme is public; drafts are filtered by the selector.
    "challenges:challenge_list": Route(
        named("challenges:challenge_list", slug), PUBLIC, NOT_ALLOWED
    ),
    "challenges:challenge_create": Route(
        named("challenges:challenge_create", slug),
        row(LOGIN, 403, 200, 403, 403, 403, 403, 200),
        row(LOGIN, 403, 400, 403, 403, 403, 403, 400),
    ),
    "challenges:criteria": Route(
        named("challenges:criteria", slug),
        row(LOGIN, 403, 403, 403, 200, 200, 403, 200),
        row(LOGIN, 403, 403, 403, 400, 400, 403, 400),
    ),
    "challenges:challenge_detail": Route(
        named("challenges:challenge_detail", ch), PUBLIC, NOT_ALLOWED
    ),
    # Only the owner edits, and only drafts: in ideation the page sends them back with a message.
    "challenges:challenge_edit": Route(
        named("challenges:challenge_edit", ch),
        row(LOGIN, 403, CHALLENGE, 403, 403, 403, 403, CHALLENGE),
        row(LOGIN, 403, CHALLENGE, 403, 403, 403, 403, CHALLENGE),
    ),
    "challenges:challenge_confidential": Route(
        named("challenges:challenge_confidential", ch),
        row(403, 403, 200, 200, 200, 200, 403, 200),
        NOT_ALLOWED,
    ),
    # The NDA is for CCI; an empty POST (box not ticked) is refused.
    "challenges:challenge_nda": Route(
        named("challenges:challenge_nda", ch),
        row(LOGIN, 200, 403, 403, 403, 403, 403, 200),
        row(LOGIN, 400, 403, 403, 403, 403, 403, 400),
    ),
    "challenges:challenge_review": Route(
        named("challenges:challenge_review", ch),
        row(LOGIN, 403, 403, 200, 403, 200, 403, 200),
        row(LOGIN, 403, 403, 400, 403, 400, 403, 400),
    ),
    "challenges:challenge_translator": Route(
        named("challenges:challenge_translator", ch),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, 403, CHALLENGE, 403, CHALLENGE),
    ),
    "challenges:challenge_schedule": Route(
        named("challenges:challenge_schedule", ch),
        row(LOGIN, 403, 403, 403, 200, 200, 403, 200),
        row(LOGIN, 403, 403, 403, 400, 400, 403, 400),
    ),
    "challenges:challenge_sheet": Route(
        named("challenges:challenge_sheet", ch), PUBLIC, NOT_ALLOWED
    ),
    # Publishing a challenge in ideation is the wrong from-state: 400 with the reason.
    "challenges:challenge_transition": Route(
        named("challenges:challenge_transition", lambda w: ch(w, action="publish")),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, 403, 400, 403, 400),
    ),
    "challenges:question_ask": Route(
        named("challenges:question_ask", ch),
        NOT_ALLOWED,
        row(LOGIN, QUESTIONS, 403, 403, 403, 403, 403, QUESTIONS),
    ),
    "challenges:question_answer": Route(
        named("challenges:question_answer", lambda w: ch(w, question_pk=c(w).question.pk)),
        NOT_ALLOWED,
        row(LOGIN, 403, QUESTIONS, 403, QUESTIONS, QUESTIONS, 403, QUESTIONS),
    ),
    "challenges:idea_list": Route(
        named("challenges:idea_list", ch),
        row(LOGIN, 403, 200, 403, 200, 200, 403, 200),
        NOT_ALLOWED,
    ),
    "challenges:idea_create": Route(
        named("challenges:idea_create", ch),
        row(LOGIN, 200, 403, 403, 403, 403, 403, 200),
        row(LOGIN, 400, 403, 403, 403, 403, 403, 400),
    ),
    "challenges:ranking": Route(
        named("challenges:ranking", ch),
        row(LOGIN, 403, 403, 403, 200, 200, 403, 200),
        NOT_ALLOWED,
    ),
    "challenges:my_ideas": Route(
        named("challenges:my_ideas", slug),
        row(LOGIN, 200, 403, 403, 403, 403, 403, 200),
        NOT_ALLOWED,
    ),
    # Ideas are private: 404 where invisible (another programme's partner), log-in for visitors.
    "challenges:idea_detail": Route(
        named("challenges:idea_detail", idea),
        row(LOGIN, 200, 200, 200, 200, 200, 404, 200),
        NOT_ALLOWED,
    ),
    "challenges:idea_edit": Route(
        named("challenges:idea_edit", idea),
        row(LOGIN, 200, 403, 403, 403, 403, 404, 200),
        row(LOGIN, 400, 403, 403, 403, 403, 404, 400),
    ),
    # The lead withdraws; the admin is not the lead, so the declaration refuses with 403.
    "challenges:idea_action": Route(
        named("challenges:idea_action", lambda w: idea(w, action="withdraw")),
        NOT_ALLOWED,
        team_post(admin_outcome=403),
    ),
    "challenges:idea_coauthor_invite": Route(
        named("challenges:idea_coauthor_invite", idea), NOT_ALLOWED, team_post()
    ),
    "challenges:idea_need_add": Route(
        named("challenges:idea_need_add", idea), NOT_ALLOWED, team_post()
    ),
    "challenges:idea_need_remove": Route(
        named("challenges:idea_need_remove", lambda w: idea(w, need_pk=c(w).need.pk)),
        NOT_ALLOWED,
        team_post(),
    ),
    "challenges:idea_attachment_add": Route(
        named("challenges:idea_attachment_add", idea),
        NOT_ALLOWED,
        row(LOGIN, 400, 403, 403, 403, 403, 404, 400),
    ),
    "challenges:idea_attachment_download": Route(
        named(
            "challenges:idea_attachment_download",
            lambda w: idea(w, attachment_pk=c(w).attachment.pk),
        ),
        row(LOGIN, 200, 200, 200, 200, 200, 404, 200),
        NOT_ALLOWED,
    ),
    "challenges:idea_attachment_remove": Route(
        named(
            "challenges:idea_attachment_remove",
            lambda w: idea(w, attachment_pk=c(w).attachment.pk),
        ),
        NOT_ALLOWED,
        team_post(),
    ),
    "challenges:review_assign": Route(
        named("challenges:review_assign", idea),
        NOT_ALLOWED,
        row(LOGIN, 403, 403, 403, IDEA, IDEA, 404, IDEA),
    ),
    "challenges:my_reviews": Route(
        named("challenges:my_reviews", slug),
        row(LOGIN, 403, 200, 200, 200, 403, 403, 200),
        NOT_ALLOWED,
    ),
    # Only the reviewer acts on a review; organisers may look; everyone else gets 404.
    "challenges:review_form": Route(
        named("challenges:review_form", lambda w: {"slug": w.programme.slug, "pk": c(w).review.pk}),
        row(LOGIN, 404, 404, 200, 200, 200, 404, 200),
        row(LOGIN, 404, 404, 400, 403, 403, 404, 403),
    ),
    "challenges:funding_list": Route(
        named("challenges:funding_list", slug),
        row(LOGIN, 200, 200, 200, 200, 200, 403, 200),
        NOT_ALLOWED,
    ),
    "challenges:funding_create": Route(
        named("challenges:funding_create", slug),
        row(LOGIN, 403, 403, 403, 403, 200, 403, 200),
        row(LOGIN, 403, 403, 403, 403, 400, 403, 400),
    ),
    "challenges:funding_edit": Route(
        named(
            "challenges:funding_edit",
            lambda w: {"slug": w.programme.slug, "pk": c(w).funding.pk},
        ),
        row(LOGIN, 403, 403, 403, 403, 200, 403, 200),
        row(LOGIN, 403, 403, 403, 403, 400, 403, 400),
    ),
}

# The admin shows challenges and ideas read-only: every write goes through a service.
ADMIN_MODELS = {
    "challenges/challenge": lambda w: c(w).challenge,
    "challenges/idea": lambda w: c(w).idea,
}
ADMIN_MODEL_EXCEPTIONS = read_only_admin(ADMIN_MODELS)


def build_world(world: SimpleNamespace) -> SimpleNamespace:
    users = world.users
    challenge = open_challenge(world.programme, owner=users["avm"], translator=users["expert"])
    the_idea = IdeaFactory(challenge=challenge, lead=users["cci"], status=IdeaStatus.SUBMITTED)
    world.challenges = SimpleNamespace(
        challenge=challenge,
        idea=the_idea,
        review=Review.objects.create(
            idea=the_idea, reviewer=users["expert"], due_at=timezone.now() + timedelta(days=5)
        ),
        attachment=IdeaAttachment.objects.create(
            idea=the_idea,
            file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 test"),
            name="plan.pdf",
            content_type="application/pdf",
            size=13,
        ),
        need=ExpertNeed.objects.create(idea=the_idea, kind="design", description="Packaging"),
        question=Question.objects.create(challenge=challenge, author=users["cci"], body="Q?"),
        funding=FundingFactory(programme=world.programme),
    )
    return world
