"""The joint evaluation: reads (the evaluation of a period, who confirmed, its KPI rows).


Both partner organisations of the tandem write one shared text (strengths, weaknesses, biggest
challenges, lessons learned). Each partner organisation confirms it; a change after a
confirmation clears every confirmation. When every partner organisation has confirmed, the
evaluation is final and the period's KPI rows (with targets and corrections) are frozen into it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from django.utils import timezone

from collider.models import Programme, User
from collider.rules import is_partner
from tandems.rules import partner_organisation_ids
from tandems.selectors import tandem_partners as _tandem_partners

from ..charts import kpi_chart
from ..models import EvaluationConfirmation, JointEvaluation, ReportingPeriod
from ..selectors import kpi_rows

if TYPE_CHECKING:  # annotations only: reads go through the earlier app's selectors
    from tandems.models import TandemPartner

#: Longest text a section takes.
SECTION_MAX = 5000


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
    return list(_tandem_partners(programme=programme))


def partner_of(*, user: User, programme: Programme) -> TandemPartner | None:
    """The tandem partner organisation ``user`` acts for in ``programme`` (None if none)."""
    if not is_partner.test(user, programme):
        return None
    organisations = partner_organisation_ids(user, programme)
    return (
        _tandem_partners(programme=programme)
        .filter(organisation_id__in=organisations)
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


def final_evaluations(*, programme: Programme) -> dict[int, JointEvaluation]:
    """The final evaluation of each period of ``programme``, by period id (one query)."""
    rows = JointEvaluation.objects.filter(
        period__programme=programme, finalised_at__isnull=False
    ).prefetch_related("confirmations__partner__organisation", "confirmations__confirmed_by")
    return {evaluation.period_id: evaluation for evaluation in rows}


def evaluation_pdf_context(evaluation: JointEvaluation) -> dict:
    """Everything the evaluation PDF shows (a pure function of the evaluation)."""
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
