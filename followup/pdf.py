"""The programme report PDF: a pure function builds the context, collider.pdf renders it."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from collider.enums import PhaseState
from collider.models import Programme
from collider.selectors import programme_phases

from .charts import kpi_chart
from .enums import Stage
from .evaluation.selectors import evaluation_kpi_rows, final_evaluations
from .selectors import kpi_rows, period_list
from .stories.selectors import published_stories


def report_context(programme: Programme) -> dict:
    """KPIs of every reporting period (value against target, as a table and a chart) with the
    period's final joint evaluation, the phase timeline, the pipeline's stage counts and the
    highlights (the published success stories)."""
    finals = final_evaluations(programme=programme)
    periods = []
    for period in period_list(programme=programme):
        evaluation = finals.get(period.pk)
        rows = kpi_rows(period=period)
        periods.append(
            {
                "period": period,
                "rows": [row for row in rows if row.target or row.value],
                "chart": kpi_chart(rows),
                "evaluation": evaluation,
                # What the tandem signed off with the evaluation, beside the period's figures.
                "frozen": [row for row in evaluation_kpi_rows(evaluation, period) if row.target]
                if evaluation
                else [],
            }
        )
    stage_counts = dict(
        programme.cooperations.values("stage").annotate(n=Count("pk")).values_list("stage", "n")
    )
    return {
        "programme": programme,
        "phases": [
            (phase, PhaseState(phase.state_on()).label) for phase in programme_phases(programme)
        ],
        "periods": periods,
        "pipeline": [(stage.label, stage_counts.get(stage.value, 0)) for stage in Stage],
        "highlights": published_stories(programme=programme),
        "generated_at": timezone.now(),
    }
