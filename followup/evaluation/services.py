"""The joint evaluation: every write (save the shared text, confirm it)."""

from __future__ import annotations

from dataclasses import asdict

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import User
from collider.versioning import ensure_current
from tandems.selectors import tandem_partners

from ..actions import EVALUATION_CONFIRM, EVALUATION_SAVE
from ..models import EvaluationConfirmation, JointEvaluation, ReportingPeriod
from ..selectors import KpiRow, kpi_rows
from .selectors import SECTION_MAX, partner_of


def _freeze(rows: list[KpiRow]) -> list[dict]:
    return [{**asdict(row), "value": row.value, "progress": row.progress} for row in rows]


@EVALUATION_SAVE.performs
def evaluation_save(
    *,
    actor: User,
    period: ReportingPeriod,
    strengths: str,
    weaknesses: str,
    challenges: str,
    lessons: str,
    based_on: str | None = None,
) -> tuple[JointEvaluation, int]:
    """Write the shared text. Returns the evaluation and how many confirmations the change
    cleared (a changed text must be confirmed again by every partner organisation). A text
    based on an older version (``based_on``) is refused (StaleEdit)."""
    texts = {
        "strengths": strengths.strip(),
        "weaknesses": weaknesses.strip(),
        "challenges": challenges.strip(),
        "lessons": lessons.strip(),
    }
    too_long = {
        name: _("At most %(n)s characters.") % {"n": SECTION_MAX}
        for name, text in texts.items()
        if len(text) > SECTION_MAX
    }
    if too_long:
        raise ValidationError(too_long)
    ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    evaluation = JointEvaluation.objects.filter(period=period).first()
    if evaluation is None:
        evaluation = JointEvaluation(period=period)
    elif evaluation.is_final:
        raise ValidationError(_("The evaluation is final; it can no longer change."))
    ensure_current(evaluation, based_on)
    changed = any(getattr(evaluation, name) != text for name, text in texts.items())
    if evaluation.pk and not changed:
        return evaluation, 0
    with set_actor(actor):
        for name, text in texts.items():
            setattr(evaluation, name, text)
        evaluation.edited_by = actor
        evaluation.edited_at = timezone.now()
        evaluation.save()
        cleared, _detail = evaluation.confirmations.all().delete()
    return evaluation, cleared


@EVALUATION_CONFIRM.performs
def evaluation_confirm(*, actor: User, evaluation: JointEvaluation) -> JointEvaluation:
    """``actor`` confirms the current text for their own partner organisation (the declaration
    guards who and the evaluation's state). The last confirmation makes the evaluation final
    and freezes the period's KPI rows into it."""
    programme = evaluation.period.programme
    partner = partner_of(user=actor, programme=programme)
    now = timezone.now()
    with set_actor(actor):
        EvaluationConfirmation.objects.create(
            evaluation=evaluation, partner=partner, confirmed_by=actor, confirmed_at=now
        )
        confirmed = set(evaluation.confirmations.values_list("partner_id", flat=True))
        everyone = set(tandem_partners(programme=programme).values_list("pk", flat=True))
        if everyone <= confirmed:
            evaluation.kpi_snapshot = _freeze(kpi_rows(period=evaluation.period))
            evaluation.finalised_at = now
            evaluation.save(update_fields=["kpi_snapshot", "finalised_at"])
    return evaluation
