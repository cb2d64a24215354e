"""Follow-up's lists in the core's export registry (collider.exports): cooperations, milestones,
check-ins and the KPIs of a reporting period.

Participants and events with attendance used to be built here; they are the core's lists now
(collider/exports.py), and this app's old ``export`` URL serves every registered dataset.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from collider import kpis
from collider.exports import CHUNK, register_export

from .feedback.exports import FEEDBACK_HEADERS, feedback_answers, feedback_rows
from .models import CheckIn, Cooperation, Milestone, ReportingPeriod
from .selectors import kpi_rows


def _cooperations(programme):
    return Cooperation.objects.filter(programme=programme)


def _cooperation_rows(programme, params):
    rows = (
        _cooperations(programme)
        .select_related("cci_organisation", "avm_organisation", "cci_contact", "avm_contact")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__done_at__isnull=False), distinct=True
            ),
        )
        .order_by("created_at", "pk")
    )
    for c in rows.iterator(chunk_size=CHUNK):
        yield [
            c.title,
            c.cci_organisation.name,
            str(c.cci_organisation.country),
            c.avm_organisation.name,
            str(c.avm_organisation.country),
            c.cci_contact.display_name if c.cci_contact_id else "",
            c.avm_contact.display_name if c.avm_contact_id else "",
            c.stage,
            c.stage_changed_at,
            c.milestone_count,
            c.milestones_done,
            c.goals,
        ]


register_export(
    "cooperations",
    _("Cooperations"),
    headers=[
        "title",
        "cci_organisation",
        "cci_country",
        "avm_organisation",
        "avm_country",
        "cci_contact",
        "avm_contact",
        "stage",
        "stage_changed_at",
        "milestones",
        "milestones_done",
        "goals",
    ],
    rows_fn=_cooperation_rows,
    count_fn=lambda programme, params: _cooperations(programme).count(),
    order=60,
)


def _milestones(programme):
    return Milestone.objects.filter(cooperation__programme=programme)


def _milestone_rows(programme, params):
    rows = _milestones(programme).select_related("cooperation").order_by("due_on", "pk")
    for m in rows.iterator(chunk_size=CHUNK):
        yield [
            m.cooperation.title,
            m.title,
            m.due_on,
            m.done_at,
            m.evidence_link,
            bool(m.evidence_file),
        ]


register_export(
    "milestones",
    _("Milestones"),
    headers=["cooperation", "milestone", "due_on", "done_at", "evidence_link", "evidence_file"],
    rows_fn=_milestone_rows,
    count_fn=lambda programme, params: _milestones(programme).count(),
    order=61,
)


def _checkins(programme):
    return CheckIn.objects.filter(cooperation__programme=programme)


def _checkin_rows(programme, params):
    rows = (
        _checkins(programme)
        .select_related("cooperation", "respondent")
        .order_by("due_at", "cooperation_id", "side")
    )
    for c in rows.iterator(chunk_size=CHUNK):
        yield [
            c.cooperation.title,
            c.anchor,
            c.months,
            c.side,
            c.respondent.display_name,
            c.due_at,
            c.answered_at,
            c.outcome,
            c.comment,
        ]


register_export(
    "checkins",
    _("Check-ins"),
    headers=[
        "cooperation",
        "anchor",
        "months",
        "side",
        "respondent",
        "due_at",
        "answered_at",
        "outcome",
        "comment",
    ],
    rows_fn=_checkin_rows,
    count_fn=lambda programme, params: _checkins(programme).count(),
    order=62,
)

# --- Feedback: every answer of every survey (one survey's wide table is on its results page).
register_export(
    "feedback",
    _("Feedback"),
    headers=FEEDBACK_HEADERS,
    rows_fn=feedback_rows,
    count_fn=lambda programme, params: feedback_answers(programme).count(),
    order=63,
)


def period_for(programme, params) -> ReportingPeriod | None:
    """The period named by ``params["period"]``, else the programme's latest one."""
    periods = ReportingPeriod.objects.filter(programme=programme)
    wanted = str(params.get("period", ""))
    if wanted.isdigit():
        found = periods.filter(pk=int(wanted)).first()
        if found is not None:
            return found
    return periods.order_by("-starts_on", "-pk").first()


def _kpi_rows(programme, params):
    period = period_for(programme, params)
    if period is None:
        return
    locked = _("yes") if period.is_locked else _("no")
    for row in kpi_rows(period=period):
        yield [
            period.name,
            row.key,
            row.label,
            row.unit,
            row.computed,
            row.correction,
            row.value,
            row.target,
            locked,
        ]


register_export(
    "kpis",
    _("KPIs of the reporting period"),
    headers=[
        "period",
        "key",
        "indicator",
        "unit",
        "computed",
        "correction",
        "value",
        "target",
        "locked",
    ],
    rows_fn=_kpi_rows,
    count_fn=lambda programme, params: (
        len(kpis.kpi_definitions()) if period_for(programme, params) else 0
    ),
    order=70,
)
