"""Demo data of the follow-up app: a reporting period with the ELCA plan's targets and a few
cooperations at different stages (idempotent)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from outreach.selectors import brochure_list_visible_to

from .enums import Anchor, Stage
from .evaluation.services import evaluation_confirm, evaluation_save
from .models import Cooperation, JointEvaluation, ReportingPeriod, SuccessStory
from .services import (
    checkins_schedule,
    cooperation_agreement_reach,
    cooperation_complete,
    cooperation_create,
    cooperation_meeting_held,
    cooperation_negotiation_start,
    cooperation_run,
    milestone_add,
    period_create,
    period_targets_set,
)
from .stories.selectors import text_hash
from .stories.services import (
    story_consent_give,
    story_consent_request,
    story_create,
    story_publish,
)

#: Targets from the ELCA cross-fertilisation plan.
ELCA_TARGETS = {
    "matchmaking.cooperation_agreements_signed": 38,
    "matchmaking.business_agreements_signed": 10,
    "events.total": 38,
    # "International meetings" of the plan: events or 1:1 meetings with two countries or more.
    "international.meetings": 12,
    "events.workshops": 10,
}

PAIRS = (
    ("Sensor housing redesign with user research", Stage.RUNNING),
    ("Showroom storytelling for a machining line", Stage.NEGOTIATION),
    ("AR assembly instructions pilot", Stage.MEETING_HELD),
)

_PATH = {
    Stage.MEETING_HELD: [cooperation_meeting_held],
    Stage.NEGOTIATION: [cooperation_meeting_held, cooperation_negotiation_start],
    Stage.RUNNING: [
        cooperation_meeting_held,
        cooperation_negotiation_start,
        cooperation_agreement_reach,
        cooperation_run,
    ],
}


def _organisation_of(programme, user):
    membership = programme.memberships.filter(user=user, organisation__isnull=False).first()
    return membership.organisation if membership else None


def build_demo(*, programme, people, stdout=None) -> None:
    actor = people.partners[0]
    if not ReportingPeriod.objects.filter(programme=programme).exists():
        period = period_create(
            actor=actor,
            programme=programme,
            name="Programme period",
            starts_on=programme.starts_on,
            ends_on=programme.ends_on,
        )
        period_targets_set(actor=actor, period=period, targets=ELCA_TARGETS)
    # Cooperations the pipeline recorded from signed agreements are there already; these are
    # the ones the partners entered by hand.
    if not Cooperation.objects.filter(programme=programme, title__in=[t for t, _s in PAIRS]):
        _build_cooperations(programme, people, actor)
    _build_story_and_evaluation(programme, people)
    if stdout:
        stdout.write("  follow-up: reporting period, targets and cooperations\n")


def _build_cooperations(programme, people, actor) -> None:
    for (title, stage), cci, avm in zip(PAIRS, people.cci, people.avm, strict=False):
        cci_org, avm_org = _organisation_of(programme, cci), _organisation_of(programme, avm)
        if cci_org is None or avm_org is None or cci_org == avm_org:
            continue
        cooperation = cooperation_create(
            actor=actor,
            programme=programme,
            title=title,
            cci_organisation=cci_org,
            avm_organisation=avm_org,
            cci_contact=cci,
            avm_contact=avm,
        )
        if stage == Stage.NEGOTIATION:
            # Met five weeks ago: the 1-month check-ins are due, so "My cooperation" shows one.
            checkins_schedule(
                cooperation=cooperation,
                anchor=Anchor.MEETING,
                at=timezone.now() - timedelta(days=35),
            )
        for service in _PATH[stage]:
            cooperation = service(
                actor=actor, cooperation=cooperation, note="Agreed in the partner meeting."
            )
        if stage == Stage.NEGOTIATION:
            milestone_add(
                actor=actor,
                cooperation=cooperation,
                title="Storyboard for the showroom",
                due_on=timezone.localdate() + timedelta(days=7),
            )
        if stage == Stage.NEGOTIATION and people.facilitator is not None:
            # Facilitators follow cooperations up with the partners: a next step they agreed.
            milestone_add(
                actor=people.facilitator,
                cooperation=cooperation,
                title="Concept sketches shared with the AVM side",
                due_on=timezone.localdate() + timedelta(days=21),
            )


# --- Joint evaluation and success stories

STORY = {
    "title": "A sensor housing that mounts in half the time",
    "summary": "A design studio and a sensor maker rethought a housing with the people who "
    "mount it every day.",
    "challenge": "Fitters found the housing awkward to mount; complaints kept coming.",
    "solution": "Shop-floor user research, three printed prototypes and a joint test week.",
    "results": "Mounting time halved, complaints down, and a new product line for 2027.",
    "quote": "We finally speak the same language as our designers.",
    "quote_by": "Production lead of the AVM partner",
}

EVALUATION = {
    "strengths": "Clear split of roles: the hub brings the creatives, the chamber the "
    "manufacturers; decisions in the monthly call.",
    "weaknesses": "Minutes of partner meetings came late; follow-ups slipped.",
    "challenges": "Recruiting AVM companies for the matchmaking workshop.",
    "lessons": "Book venues three months ahead and share minutes within two days.",
}


def _build_story_and_evaluation(programme, people) -> None:
    """The running cooperation completes and is told as a published success story (both
    sides consented); both partners confirm the joint evaluation of the demo period."""
    actor = people.partners[0]
    running = Cooperation.objects.filter(programme=programme, stage=Stage.RUNNING).first()
    if running is not None and not SuccessStory.objects.filter(programme=programme).exists():
        completed = cooperation_complete(
            actor=actor, cooperation=running, note="Final deliverables accepted."
        )
        story = story_create(actor=actor, cooperation=completed, **STORY)
        story = story_consent_request(actor=actor, story=story)
        for person in (completed.cci_contact, completed.avm_contact):
            story_consent_give(actor=person, story=story, text_hash_seen=text_hash(story))
        story_publish(
            actor=actor,
            story=story,
            brochure=brochure_list_visible_to(user=actor, programme=programme)
            .order_by("pk")
            .first(),
        )
    period = ReportingPeriod.objects.filter(programme=programme).order_by("pk").first()
    if period is not None and not JointEvaluation.objects.filter(period=period).exists():
        evaluation, _cleared = evaluation_save(actor=actor, period=period, **EVALUATION)
        for partner in people.partners[:2]:
            evaluation = evaluation_confirm(actor=partner, evaluation=evaluation)
