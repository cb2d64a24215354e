"""Thin views of the follow-up app: resolve through a selector, check a rule, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.pagecache import cached_page
from collider.pdf import render_pdf
from collider.selectors import programme_get_visible
from collider.views import export_download
from collider.viewutils import form_data, form_files, paginate, submit
from matchmaking import selectors as mm_selectors
from matchmaking.forms import SignForm

from . import selectors, services
from .actions import MILESTONE_EVIDENCE, checkin_opens_on, is_due_checkin
from .enums import Stage
from .forms import (
    CheckInForm,
    CooperationForm,
    CorrectionForm,
    MilestoneDoneForm,
    MilestoneForm,
    MoveForm,
    PeriodForm,
    TargetsForm,
)
from .pdf import report_context

# --- KPIs -------------------------------------------------------------------------------------


def _selected_period(request, programme):
    periods = list(selectors.period_list(programme=programme))
    wanted = request.GET.get("period", "")
    for period in periods:
        if str(period.pk) == wanted:
            return periods, period
    return periods, (periods[-1] if periods else None)


def _chart_data(rows) -> dict:
    with_target = [row for row in rows if row.target]
    return {
        "labels": [row.label for row in with_target],
        "values": [row.value for row in with_target],
        "targets": [row.target for row in with_target],
        "valueLabel": _("Value"),
        "targetLabel": _("Target"),
    }


@cached_page
@require_GET
@programme_view("followup.view_kpis")
def kpi_dashboard(request: HttpRequest, programme: Programme) -> HttpResponse:
    periods, period = _selected_period(request, programme)
    rows, counted_at = selectors.kpi_rows_for_page(period=period) if period else ([], None)
    return render(
        request,
        "followup/kpi_dashboard.html",
        {
            "programme": programme,
            "periods": periods,
            "period": period,
            "rows": rows,
            "counted_at": counted_at,
            "chart": _chart_data(rows),
            "corrections": period.corrections.select_related("created_by") if period else [],
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_kpis")
def period_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def created(period) -> HttpResponse:
        messages.success(request, _("Reporting period created. Set its targets next."))
        return redirect("followup:period_targets", slug=programme.slug, pk=period.pk)

    return submit(
        request,
        PeriodForm(form_data(request)),
        lambda data: services.period_create(actor=request.user, programme=programme, **data),
        created,
        template="followup/period_form.html",
        context={"programme": programme},
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_kpis")
def period_targets(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The targets of a period; the service refuses a locked one with its message."""
    period = selectors.period_get(programme=programme, pk=pk)

    def saved(_period) -> HttpResponse:
        messages.success(request, _("Targets saved."))
        return redirect(period)

    return submit(
        request,
        TargetsForm(
            form_data(request), initial_targets=dict(period.targets.values_list("key", "target"))
        ),
        lambda data: services.period_targets_set(actor=request.user, period=period, targets=data),
        saved,
        template="followup/targets_form.html",
        context={"programme": programme, "period": period},
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_kpis")
def correction_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = selectors.period_get(programme=programme, pk=pk)

    def recorded(_correction) -> HttpResponse:
        messages.success(request, _("Correction recorded."))
        return redirect(period)

    return submit(
        request,
        CorrectionForm(form_data(request), form_files(request)),
        lambda data: services.kpi_correction_add(actor=request.user, period=period, **data),
        recorded,
        template="followup/correction_form.html",
        context={"programme": programme, "period": period},
    )


@require_POST
@programme_view("followup.manage_kpis")
def period_lock(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = selectors.period_get(programme=programme, pk=pk)
    return action_view(request, period, "lock")


# --- Cooperation pipeline ---------------------------------------------------------------------


@cached_page
@require_GET
@programme_view("followup.view_board")
def board(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The pipeline as columns of recent cards; ``?stage=`` lists one column in full."""

    def card(cooperation):
        return cooperation, cooperation.disagree, cooperation.overdue

    stage = request.GET.get("stage", "")
    if stage in Stage.values:
        page = paginate(request, selectors.stage_cooperations(programme=programme, stage=stage))
        context = {
            "programme": programme,
            "stage_label": Stage(stage).label,
            "page": page,
            "cards": [card(c) for c in page],
        }
        return render(request, "followup/board_stage.html", context)
    columns = selectors.board(programme=programme)
    for column in columns:
        column["cards"] = [card(c) for c in column["cards"]]
    return render(request, "followup/board.html", {"programme": programme, "columns": columns})


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_cooperations")
def cooperation_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def recorded(cooperation) -> HttpResponse:
        messages.success(request, _("Cooperation recorded at first contact."))
        return redirect("followup:cooperation_detail", slug=programme.slug, pk=cooperation.pk)

    return submit(
        request,
        CooperationForm(form_data(request), programme=programme),
        lambda data: services.cooperation_create(actor=request.user, programme=programme, **data),
        recorded,
        template="followup/cooperation_form.html",
        context={"programme": programme},
    )


def _detail_context(programme, cooperation, done_for=None) -> dict:
    today = timezone.localdate()
    return {
        "done_for": done_for,  # the milestone whose "Mark done" form holds errors
        "milestones": [(m, m.is_overdue_on(today)) for m in cooperation.milestones.all()],
        "milestone_form": MilestoneForm(),
        "done_form": MilestoneDoneForm(),
        "programme": programme,
        "cooperation": cooperation,
        "moves": cooperation.moves.select_related("by"),
        "rounds": selectors.checkin_pairs(cooperation),
        "move_form": MoveForm(stage=cooperation.stage),
        "is_open": cooperation.stage not in (Stage.COMPLETED, Stage.STOPPED),
    }


@require_GET
@programme_view("followup.view_board")
def cooperation_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)
    return render(
        request, "followup/cooperation_detail.html", _detail_context(programme, cooperation)
    )


@require_POST
@programme_view("followup.manage_cooperations")
def cooperation_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)

    def moved(_cooperation) -> HttpResponse:
        messages.success(request, _("Stage changed."))
        return redirect("followup:cooperation_detail", slug=programme.slug, pk=pk)

    return submit(
        request,
        MoveForm(request.POST),
        lambda data: services.MOVE_SERVICES[data["to"]](
            actor=request.user, cooperation=cooperation, note=data["note"]
        ),
        moved,
        template="followup/cooperation_detail.html",
        context=_detail_context(programme, cooperation),
        form_name="move_form",
    )


@require_POST
@programme_view("followup.manage_cooperations")
def milestone_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)

    def added(_milestone) -> HttpResponse:
        messages.success(request, _("Milestone added."))
        return redirect("followup:cooperation_detail", slug=programme.slug, pk=pk)

    return submit(
        request,
        MilestoneForm(request.POST),
        lambda data: services.milestone_add(actor=request.user, cooperation=cooperation, **data),
        added,
        template="followup/cooperation_detail.html",
        context=_detail_context(programme, cooperation),
        form_name="milestone_form",
    )


@require_POST
@programme_view("followup.manage_cooperations")
def milestone_done(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    milestone = selectors.milestone_get(programme=programme, pk=pk)
    cooperation = selectors.cooperation_get(programme=programme, pk=milestone.cooperation_id)

    def done(_milestone) -> HttpResponse:
        messages.success(request, _("Milestone marked done."))
        return redirect("followup:cooperation_detail", slug=programme.slug, pk=cooperation.pk)

    return submit(
        request,
        MilestoneDoneForm(request.POST, request.FILES),
        lambda data: services.milestone_done(actor=request.user, milestone=milestone, **data),
        done,
        template="followup/cooperation_detail.html",
        context=_detail_context(programme, cooperation, done_for=milestone.pk),
        form_name="done_form",
    )


# --- Check-ins --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def checkin_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_get_visible(user=request.user, slug=slug)
    if not request.user.is_authenticated:
        return deny(request)
    checkin = selectors.checkin_get_for_respondent(user=request.user, programme=programme, pk=pk)

    def answer(data):
        return services.checkin_answer(actor=request.user, checkin=checkin, **data)

    def answered(_checkin):
        messages.success(request, _("Thank you: your answer is recorded."))
        return redirect("followup:checkin_answer", slug=programme.slug, pk=pk)

    # An answered check-in refuses a second answer in the service (a 400 with its message).
    return submit(
        request,
        CheckInForm(form_data(request)),
        answer,
        answered,
        template="followup/checkin_form.html",
        context={
            "programme": programme,
            "checkin": checkin,
            # Before it is due the page says when it opens instead of offering the form.
            "not_yet": None
            if is_due_checkin.test(request.user, checkin)
            else checkin_opens_on(checkin),
        },
    )


# --- "My cooperation": the participants' own part -------------------------------------------


def _mine_context(request, programme, *, evidence_form=None, evidence_for=None) -> dict:
    """Everything a participant still has to do on their cooperations, and what they did."""
    user = request.user
    today = timezone.localdate()
    now = timezone.now()
    entries = []
    for cooperation in selectors.participant_cooperations(user=user, programme=programme):
        entries.append(
            {
                "cooperation": cooperation,
                "milestones": [(m, m.is_overdue_on(today)) for m in cooperation.milestones.all()],
                "checkins": [
                    (checkin, checkin.due_at <= now) for checkin in cooperation.my_checkins
                ],
                "stories": cooperation.told,
                "is_open": cooperation.stage not in (Stage.COMPLETED, Stage.STOPPED),
            }
        )
    return {
        "programme": programme,
        "entries": entries,
        "agreements": [
            (agreement, party, SignForm(auto_id=f"id_sign_{agreement.pk}_%s"))
            for agreement, party in mm_selectors.agreements_of_party(user=user, programme=programme)
        ],
        "evidence_form": evidence_form or MilestoneDoneForm(),
        "evidence_for": evidence_for,
    }


@require_GET
@programme_view("followup.view_own_cooperations")
def my_cooperation(request: HttpRequest, programme: Programme) -> HttpResponse:
    """The CCI or AVM participant's cooperations: agreements to sign, milestones with their
    evidence, due check-ins, the success story's consent."""
    return render(request, "followup/my_cooperation.html", _mine_context(request, programme))


@require_POST
@programme_view("followup.view_own_cooperations")
def milestone_evidence(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """A party of the cooperation delivers a milestone with its evidence (a file or a link)."""
    milestone = selectors.participant_milestone_get(user=request.user, programme=programme, pk=pk)
    form = MilestoneDoneForm(request.POST, request.FILES)

    def done(_milestone) -> HttpResponse:
        messages.success(request, MILESTONE_EVIDENCE.done)
        return redirect("followup:my_cooperation", slug=programme.slug)

    return submit(
        request,
        form,
        lambda data: services.milestone_evidence_give(
            actor=request.user, milestone=milestone, **data
        ),
        done,
        template="followup/my_cooperation.html",
        context=_mine_context(request, programme, evidence_form=form, evidence_for=milestone.pk),
        form_name="evidence_form",
    )


# --- Exports and report -----------------------------------------------------------------------


@require_GET
@programme_view("followup.export")
def export(request: HttpRequest, programme: Programme, what: str, fmt: str) -> HttpResponse:
    """Kept for old links: any registered dataset, served like the core's export page does."""
    return export_download(request, programme.slug, key=what, fmt=fmt)


@require_GET
@programme_view("followup.view_kpis")
def report_pdf(request: HttpRequest, programme: Programme) -> HttpResponse:
    pdf = render_pdf("followup/pdf/report.html", report_context(programme))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-report.pdf"'
    return response
