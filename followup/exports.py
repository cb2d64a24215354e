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
            c.cci_organisation.country.name,
            c.avm_organisation.name,
            c.avm_organisation.country.name,
            c.cci_contact.display_name if c.cci_contact_id else "",
            c.avm_contact.display_name if c.avm_contact_id else "",
            c.get_stage_display(),
            c.stage_changed_at,
            c.milestone_count,
            c.milestones_done,
            c.goals,
        ]


register_export(
    "cooperations",
    _("Cooperations"),
    headers=[
        _("Cooperation"),
        _("CCI organisation"),
        _("CCI country"),
        _("AVM organisation"),
        _("AVM country"),
        _("CCI contact"),
        _("AVM contact"),
        _("Stage"),
        _("Stage changed at"),
        _("Milestones"),
        _("Milestones done"),
        _("Goals"),
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
    headers=[
        _("Cooperation"),
        _("Milestone"),
        _("Due on"),
        _("Done at"),
        _("Evidence link"),
        _("Evidence file"),
    ],
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
            c.get_anchor_display(),
            c.months,
            c.get_side_display(),
            c.respondent.display_name,
            c.due_at,
            c.answered_at,
            c.get_outcome_display(),
            c.comment,
        ]


register_export(
    "checkins",
    _("Check-ins"),
    headers=[
        _("Cooperation"),
        _("Counted from"),
        _("Months after"),
        _("Side"),
        _("Respondent"),
        _("Due at"),
        _("Answered at"),
        _("Outcome"),
        _("Comment"),
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
        _("Reporting period"),
        _("Indicator"),
        _("Unit"),
        _("Counted"),
        _("Correction"),
        _("Value"),
        _("Target"),
        _("Locked"),
    ],
    rows_fn=_kpi_rows,
    count_fn=lambda programme, params: (
        len(kpis.kpi_definitions()) if period_for(programme, params) else 0
    ),
    order=70,
)
