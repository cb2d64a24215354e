"""The tandem's joint evaluation of a reporting period: selectors and services.

Both partner organisations of the tandem write one shared text (strengths, weaknesses, biggest
challenges, lessons learned). Each partner organisation confirms it; a change after a
confirmation clears every confirmation. When every partner organisation has confirmed, the
evaluation is final and the period's KPI rows (with targets and corrections) are frozen into it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from collider.models import Programme, User
from collider.rules import is_partner
from collider.versioning import ensure_current
from tandems.models import TandemPartner
from tandems.rules import partner_organisation_ids

from .models import EvaluationConfirmation, JointEvaluation, ReportingPeriod
from .selectors import KpiRow, kpi_rows

#: Longest text a section takes.
SECTION_MAX = 5000


# --- Selectors --------------------------------------------------------------------------------


def evaluation_for(*, period: ReportingPeriod) -> JointEvaluation | None:
    return (
        JointEvaluation.objects.filter(period=period)
        .prefetch_related("confirmations__partner__organisation", "confirmations__confirmed_by")
        .select_related("edited_by")
        .first()
    )


def evaluation_get(*, programme: Programme, pk: int) -> JointEvaluation:
    """An evaluation of ``programme`` (another programme's is 404)."""
    return get_object_or_404(
        JointEvaluation.objects.select_related("period__programme"),
        period__programme=programme,
        pk=pk,
    )


def tandem_partners(*, programme: Programme) -> list[TandemPartner]:
    return list(TandemPartner.objects.filter(programme=programme).select_related("organisation"))


def partner_of(*, user: User, programme: Programme) -> TandemPartner | None:
    """The tandem partner organisation ``user`` acts for in ``programme`` (None if none)."""
    if not is_partner.test(user, programme):
        return None
    organisations = partner_organisation_ids(user, programme)
    return (
        TandemPartner.objects.filter(programme=programme, organisation_id__in=organisations)
        .select_related("organisation")
        .order_by("-is_lead", "pk")
        .first()
    )


@dataclass
class EvaluationStatus:
    evaluation: JointEvaluation | None
    partners: list[TandemPartner]
    confirmations: list[EvaluationConfirmation] = field(default_factory=list)
    missing: list[TandemPartner] = field(default_factory=list)


def evaluation_status(
    evaluation: JointEvaluation | None, partners: list[TandemPartner]
) -> EvaluationStatus:
    """Who confirmed (who, when) and which partner organisations have not yet."""
    if evaluation is None:
        return EvaluationStatus(None, partners, missing=list(partners))
    confirmations = list(evaluation.confirmations.all())
    done = {c.partner_id for c in confirmations}
    return EvaluationStatus(
        evaluation, partners, confirmations, [p for p in partners if p.pk not in done]
    )


@dataclass(frozen=True)
class FrozenRow:
    """A KPI row as the final evaluation froze it (the same fields as ``KpiRow``)."""

    key: str
    label: str
    unit: str
    computed: int
    correction: int
    target: int | None
    value: int
    progress: int | None
    additive: bool = True
    help: str = ""


def evaluation_kpi_rows(evaluation: JointEvaluation | None, period: ReportingPeriod) -> list:
    """The frozen rows of a final evaluation; the live rows of the period otherwise."""
    if evaluation is not None and evaluation.is_final:
        return [FrozenRow(**row) for row in evaluation.kpi_snapshot]
    return kpi_rows(period=period)


def _freeze(rows: list[KpiRow]) -> list[dict]:
    return [{**asdict(row), "value": row.value, "progress": row.progress} for row in rows]


# --- Services ---------------------------------------------------------------------------------


def _require_manager(actor: User, programme: Programme) -> None:
    if not actor.has_perm("followup.manage_evaluation", programme):
        raise PermissionDenied(_("You are not allowed to do this."))


@transaction.atomic
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
    _require_manager(actor, period.programme)
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


@transaction.atomic
def evaluation_confirm(*, actor: User, evaluation: JointEvaluation) -> JointEvaluation:
    """``actor`` confirms the current text for their own partner organisation. The last
    confirmation makes the evaluation final and freezes the period's KPI rows into it."""
    evaluation = (
        JointEvaluation.objects.select_for_update()
        .select_related("period__programme")
        .get(pk=evaluation.pk)
    )
    programme = evaluation.period.programme
    partner = partner_of(user=actor, programme=programme)
    if partner is None:
        raise PermissionDenied(
            _("Only staff of the tandem's partner organisations can confirm the evaluation.")
        )
    if evaluation.is_final:
        raise ValidationError(_("The evaluation is final already."))
    if not all(getattr(evaluation, name).strip() for name in JointEvaluation.SECTIONS):
        raise ValidationError(_("Fill in every section before confirming."))
    if evaluation.confirmations.filter(partner=partner).exists():
        raise ValidationError(
            _("%(org)s has confirmed this evaluation already.") % {"org": partner}
        )
    now = timezone.now()
    with set_actor(actor):
        EvaluationConfirmation.objects.create(
            evaluation=evaluation, partner=partner, confirmed_by=actor, confirmed_at=now
        )
        confirmed = set(evaluation.confirmations.values_list("partner_id", flat=True))
        everyone = set(
            TandemPartner.objects.filter(programme=programme).values_list("pk", flat=True)
        )
        if everyone <= confirmed:
            evaluation.kpi_snapshot = _freeze(kpi_rows(period=evaluation.period))
            evaluation.finalised_at = now
            evaluation.save(update_fields=["kpi_snapshot", "finalised_at"])
    return evaluation


def final_evaluations(*, programme: Programme) -> dict[int, JointEvaluation]:
    """The final evaluation of each period of ``programme``, by period id (one query)."""
    rows = JointEvaluation.objects.filter(
        period__programme=programme, finalised_at__isnull=False
    ).prefetch_related("confirmations__partner__organisation", "confirmations__confirmed_by")
    return {evaluation.period_id: evaluation for evaluation in rows}


def evaluation_pdf_context(evaluation: JointEvaluation) -> dict:
    """Everything the evaluation PDF shows (a pure function of the evaluation)."""
    from .charts import kpi_chart

    period = evaluation.period
    rows = evaluation_kpi_rows(evaluation, period)
    status = evaluation_status(evaluation, tandem_partners(programme=period.programme))
    return {
        "programme": period.programme,
        "period": period,
        "evaluation": evaluation,
        "status": status,
        "rows": rows,
        "chart": kpi_chart(rows),
        "generated_at": timezone.now(),
    }
