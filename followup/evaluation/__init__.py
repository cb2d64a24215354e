"""The tandem's joint evaluation of a reporting period: one shared text that every partner
organisation confirms; the confirmed evaluation freezes the period's KPI rows.

Layers: ``services`` (writes), ``selectors`` (reads, the PDF context), ``forms``, ``views``.
The services and selectors are re-exported here as the feature's API.
"""

from .selectors import (
    SECTION_MAX,
    EvaluationStatus,
    FrozenRow,
    evaluation_for,
    evaluation_get,
    evaluation_kpi_rows,
    evaluation_pdf_context,
    evaluation_status,
    final_evaluations,
    partner_of,
    tandem_partners,
)
from .services import (
    evaluation_confirm,
    evaluation_save,
)

__all__ = [
    "SECTION_MAX",
    "EvaluationStatus",
    "FrozenRow",
    "evaluation_confirm",
    "evaluation_for",
    "evaluation_get",
    "evaluation_kpi_rows",
    "evaluation_pdf_context",
    "evaluation_save",
    "evaluation_status",
    "final_evaluations",
    "partner_of",
    "tandem_partners",
]
