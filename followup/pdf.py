"""The programme report PDF: a pure function builds the context, collider.pdf renders it."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from collider.enums import PhaseState
from collider.models import Programme
from collider.selectors import programme_phases

from .enums import Stage
from .selectors import kpi_rows, period_list


def report_context(programme: Programme) -> dict:
    """KPIs of every reporting period (value against target), the phase timeline and the
    pipeline's stage counts."""
    periods = []
    for period in period_list(programme=programme):
        rows = kpi_rows(period=period)
        periods.append(
            {
                "period": period,
                "rows": [row for row in rows if row.target or row.value],
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
        "generated_at": timezone.now(),
    }
