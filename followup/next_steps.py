"""What the follow-up app asks of people on their dashboard: due check-ins to answer; for
partners, cooperations that need attention (overdue milestones, sides that disagree), joint
evaluations to confirm; for participants, success stories to consent to."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collider.cached import cached_many
from collider.enums import Role
from collider.registry import NextStep, register_next_steps
from collider.rules import organisation_ids_as, programme_ids_as

from .enums import Stage, StoryStatus
from .models import (
    CheckIn,
    Cooperation,
    JointEvaluation,
    Milestone,
    StoryConsent,
    SuccessStory,
)
from .selectors import overdue_milestone, sides_disagree
from .stories.selectors import consents_by_side, sides_of


def _due_checkins(user) -> dict[int, list[CheckIn]]:
    """The user's due, unanswered check-ins per programme: one query, cached on the user,
    because the dashboard asks once per programme."""
    cached = getattr(user, "_followup_due_checkins", None)
    if cached is None:
        cached = {}
        rows = CheckIn.objects.filter(
            respondent=user, answered_at__isnull=True, due_at__lte=timezone.now()
        ).select_related("cooperation")
        for checkin in rows.exclude(cooperation__stage="stopped"):
            cached.setdefault(checkin.cooperation.programme_id, []).append(checkin)
        user._followup_due_checkins = cached
    return cached


def attention_scope(programme_id: int) -> str:
    """The rows the partners' attention counts of a programme read: its cooperations, their
    milestones and check-ins (``receivers.py`` forgets the counts when one of them changes)."""
    return f"followup:attention:{programme_id}"


def _count_attention(programme_ids: list[int]) -> dict[int, tuple[int, int]]:
    """Per programme: (active cooperations with an overdue milestone, active cooperations whose
    two sides answered a check-in round differently). One query."""
    rows = (
        Cooperation.objects.filter(programme_id__in=programme_ids)
        .exclude(stage__in=[Stage.COMPLETED, Stage.STOPPED])
        .values("programme")
        .annotate(
            overdue=Count("pk", filter=Q(overdue_milestone())),
            disagree=Count("pk", filter=Q(sides_disagree())),
        )
    )
    found = {row["programme"]: (row["overdue"], row["disagree"]) for row in rows}
    return {pk: found.get(pk, (0, 0)) for pk in programme_ids}


def _needing_attention(user) -> dict[int, tuple[int, int]]:
    """``_count_attention`` for the programmes the user runs as a partner or facilitator, cached
    on the user.

    The counts read every active cooperation of a programme, so they are also kept per
    programme and day (a milestone becomes overdue when the day changes) in the shared cache
    until a cooperation, milestone or check-in of the programme changes: the query runs only
    for the programmes whose counts are not cached."""
    counts = getattr(user, "_followup_attention", None)
    if counts is None:
        # Facilitators follow the cooperations up with the partners: the same two counts.
        runs = programme_ids_as(user, Role.PARTNER) | programme_ids_as(user, Role.FACILITATOR)
        scopes = {pk: attention_scope(pk) for pk in runs}
        counts = cached_many(scopes, timezone.localdate().isoformat(), _count_attention)
        user._followup_attention = counts
    return counts


def _attention_steps(user, programme) -> list[NextStep]:
    overdue, disagree = _needing_attention(user).get(programme.pk, (0, 0))
    board = reverse("followup:board", kwargs={"slug": programme.slug})
    wording = (
        (
            overdue,
            ngettext(
                "%(n)d cooperation has an overdue milestone",
                "%(n)d cooperations have an overdue milestone",
                overdue,
            ),
            _("Ask the parties what holds them up: time, competences or scope."),
        ),
        (
            disagree,
            ngettext(
                "In %(n)d cooperation the two sides disagree",
                "In %(n)d cooperations the two sides disagree",
                disagree,
            ),
            _("They answered a check-in differently: talk to both."),
        ),
    )
    return [
        NextStep(title=title % {"n": n}, url=board, reason=reason, priority=30)
        for n, title, reason in wording
        if n
    ]


def next_steps(*, user, programme, roles):
    if not getattr(user, "is_authenticated", False):
        return []
    runs = {Role.PARTNER, Role.FACILITATOR} & set(roles)
    steps = _attention_steps(user, programme) if runs else []
    return steps + [
        NextStep(
            title=_("Answer the check-in on “%(title)s”") % {"title": checkin.cooperation.title},
            url=reverse(
                "followup:checkin_answer", kwargs={"slug": programme.slug, "pk": checkin.pk}
            ),
            reason=_("The tandem partners ask both sides how the cooperation is going."),
            priority=20,
        )
        for checkin in _due_checkins(user).get(programme.pk, [])
    ]


# --- Joint evaluation and success stories


def _open_evaluations(user) -> dict[int, list]:
    """Evaluations with text, not final, by programme, that the user's partner organisation
    has not confirmed: one query, cached on the user."""
    cached = getattr(user, "_followup_open_evaluations", None)
    if cached is None:
        cached = {}
        organisations = organisation_ids_as(user, Role.PARTNER)
        rows = (
            JointEvaluation.objects.filter(
                finalised_at__isnull=True,
                period__programme__tandem_partners__organisation__in=organisations,
            )
            .exclude(strengths="")
            .exclude(confirmations__partner__organisation__in=organisations)
            .select_related("period")
            .distinct()
        )
        for evaluation in rows:
            cached.setdefault(evaluation.period.programme_id, []).append(evaluation)
        user._followup_open_evaluations = cached
    return cached


def _stories_to_consent(user) -> dict[int, list]:
    """Stories waiting for this user's consent, by programme (two queries, cached)."""
    cached = getattr(user, "_followup_stories_to_consent", None)
    if cached is None:
        cached = {}
        rows = (
            SuccessStory.objects.filter(status=StoryStatus.ASKED)
            .filter(Q(cooperation__cci_contact=user) | Q(cooperation__avm_contact=user))
            .select_related("cooperation")
            .prefetch_related(
                Prefetch(
                    "consents", queryset=StoryConsent.objects.filter(withdrawn_at__isnull=True)
                )
            )
        )
        for story in rows:
            if set(sides_of(user, story)) - set(consents_by_side(story)):
                cached.setdefault(story.programme_id, []).append(story)
        user._followup_stories_to_consent = cached
    return cached


# Registered here (the module is imported by FollowupConfig.ready()) beside ``next_steps``.
@register_next_steps
def evaluation_story_steps(*, user, programme, roles):
    if not getattr(user, "is_authenticated", False):
        return []
    steps = []
    if "partner" in roles:
        steps += [
            NextStep(
                title=_("Confirm the joint evaluation of “%(period)s”")
                % {"period": evaluation.period.name},
                url=reverse(
                    "followup:evaluation",
                    kwargs={"slug": programme.slug, "pk": evaluation.period_id},
                ),
                reason=_("Both partner organisations confirm it; then it is final."),
                priority=30,
            )
            for evaluation in _open_evaluations(user).get(programme.pk, [])
        ]
    steps += [
        NextStep(
            title=_("Read the success story “%(title)s” and give your consent")
            % {"title": story.title},
            url=reverse("followup:story_consent", kwargs={"slug": programme.slug, "pk": story.pk}),
            reason=_("It is published only if both sides of the cooperation agree."),
            priority=25,
        )
        for story in _stories_to_consent(user).get(programme.pk, [])
    ]
    return steps


# --- The participants' own cooperation

#: Open milestones due within this many days (or overdue) are a next step on the dashboard.
MILESTONE_HORIZON_DAYS = 14


def _milestones_to_deliver(user) -> dict[int, list[Milestone]]:
    """Open milestones of the user's own cooperations due soon or overdue, by programme: one
    query, cached on the user (the dashboard asks once per programme)."""
    cached = getattr(user, "_followup_milestones_to_deliver", None)
    if cached is None:
        cached = {}
        organisations = organisation_ids_as(user, Role.PARTICIPANT)
        horizon = timezone.localdate() + timedelta(days=MILESTONE_HORIZON_DAYS)
        rows = (
            Milestone.objects.filter(
                done_at__isnull=True,
                due_on__lte=horizon,
                cooperation__programme_id__in=programme_ids_as(user, Role.PARTICIPANT),
            )
            .filter(
                Q(cooperation__cci_contact=user)
                | Q(cooperation__avm_contact=user)
                | Q(cooperation__cci_organisation_id__in=organisations)
                | Q(cooperation__avm_organisation_id__in=organisations)
            )
            .exclude(cooperation__stage__in=[Stage.COMPLETED, Stage.STOPPED])
            .select_related("cooperation")
            .order_by("due_on", "pk")
        )
        for milestone in rows:
            cached.setdefault(milestone.cooperation.programme_id, []).append(milestone)
        user._followup_milestones_to_deliver = cached
    return cached


@register_next_steps
def my_cooperation_steps(*, user, programme, roles):
    """Participants: the milestones their cooperation owes soon, leading to "My cooperation"
    (where the evidence is uploaded)."""
    if not getattr(user, "is_authenticated", False) or "participant" not in roles:
        return []
    url = reverse("followup:my_cooperation", kwargs={"slug": programme.slug})
    return [
        NextStep(
            title=_("Deliver “%(title)s” and upload the evidence") % {"title": milestone.title},
            url=url,
            reason=_("Due on %(day)s in “%(cooperation)s”.")
            % {
                "day": date_format(milestone.due_on),
                "cooperation": milestone.cooperation.title,
            },
            priority=12,
        )
        for milestone in _milestones_to_deliver(user).get(programme.pk, [])
    ]
