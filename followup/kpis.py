"""The follow-up app's indicators, registered with the core's KPI engine."""

from datetime import date

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from collider.kpis import (
    PERCENT,
    grouped_count,
    percent,
    register_count,
    register_kpi,
    until,
    within,
)

from .enums import Outcome, Stage
from .models import CheckIn, Cooperation, StageMove


def _moves_to(stage: str):
    def rows(start: date, end: date):
        return StageMove.objects.filter(within("at", start, end), to_stage=stage).exclude(
            from_stage=stage
        )

    return rows


# Each cooperation counts once, however often it moved into the stage.
for _key, _label, _stage, _order in (
    (
        "cooperations.meetings_held",
        _("Cooperations that held a first meeting"),
        Stage.MEETING_HELD,
        60,
    ),
    (
        "cooperations.agreements",
        _("Cooperations that reached an agreement"),
        Stage.AGREEMENT,
        61,
    ),
    ("cooperations.completed", _("Cooperations completed"), Stage.COMPLETED, 62),
):
    register_count(
        _key,
        _label,
        _moves_to(_stage),
        programme_path="cooperation__programme",
        distinct="cooperation",
        order=_order,
        help=_(
            "Counted from the cooperation pipeline: each cooperation once, when it moved into "
            "this stage in the period (by a platform record or by hand)."
        ),
    )


def _cooperations_until(end: date):
    return Cooperation.objects.filter(until("created_at", end))


def _goals_met_until(end: date):
    """Cooperations (existing by ``end``) whose goals were met by ``end``: a check-in answered
    "goals met" by one side that the other side did not contradict in the same round (a
    one-sided "goals met" does not count while the sides disagree), or the cooperation
    completed."""
    contradicted = (
        CheckIn.objects.filter(
            until("answered_at", end),
            cooperation=OuterRef("cooperation"),
            anchor=OuterRef("anchor"),
            months=OuterRef("months"),
        )
        .exclude(side=OuterRef("side"))
        .exclude(outcome=Outcome.GOALS_MET)
    )
    goals_met = CheckIn.objects.filter(
        until("answered_at", end), cooperation=OuterRef("pk"), outcome=Outcome.GOALS_MET
    ).exclude(Exists(contradicted))
    completed = StageMove.objects.filter(
        until("at", end), cooperation=OuterRef("pk"), to_stage=Stage.COMPLETED
    )
    return _cooperations_until(end).filter(
        Q(Exists(goals_met)) | Q(Exists(completed)) | Q(stage=Stage.COMPLETED)
    )


def _goals_met_many(programmes, start: date, end: date) -> dict[int, int]:
    whole = grouped_count(_cooperations_until(end), "programme", programmes)
    part = grouped_count(_goals_met_until(end), "programme", programmes)
    return {pk: percent(part[pk], whole[pk]) for pk in whole}


@register_kpi(
    "cooperations.goals_met",
    _("Cooperations whose goals were met"),
    unit=PERCENT,
    order=63,
    help=_(
        "Share of the programme's cooperations (recorded by the end of the period) with a "
        "check-in answered “goals met” (and not contradicted by the other side) or "
        "completed, rounded down. Not summed across programmes."
    ),
    many=_goals_met_many,
)
def goals_met(programme, start: date, end: date) -> int:
    whole = _cooperations_until(end).filter(programme=programme).count()
    part = _goals_met_until(end).filter(programme=programme).count()
    return percent(part, whole)


# --- Feedback surveys
from .feedback.selectors import responses_submitted  # noqa: E402

register_count(
    "feedback.responses",
    _("Feedback survey responses"),
    responses_submitted,
    programme_path="survey__programme",
    unit=_("responses"),
    order=63,
)
