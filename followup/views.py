"""Thin views of the follow-up app: resolve through a selector, check a rule, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.selectors import programme_get_visible
from collider.views import export_download
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import form_data, paginate, submit
from collider.viewutils import form_data as _data

from . import selectors, services
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


def _render(request, template, context, *, status=200):
    return render(request, template, context, status=status)


def _status(form) -> int:
    return 400 if form.is_bound else 200


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


@require_GET
@programme_view("followup.view_kpis")
def kpi_dashboard(request: HttpRequest, programme: Programme) -> HttpResponse:
    periods, period = _selected_period(request, programme)
    rows, counted_at = selectors.kpi_rows_for_page(period=period) if period else ([], None)
    return _render(
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
    form = PeriodForm(_data(request))
    if form.is_valid():
        try:
            period = services.period_create(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Reporting period created. Set its targets next."))
            return redirect("followup:period_targets", slug=programme.slug, pk=period.pk)
    return _render(
        request,
        "followup/period_form.html",
        {"programme": programme, "form": form},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_kpis")
def period_targets(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = selectors.period_get(programme=programme, pk=pk)
    form = TargetsForm(
        _data(request), initial_targets=dict(period.targets.values_list("key", "target"))
    )
    if request.method == "POST" and period.is_locked:
        form.is_valid()
        form.add_error(None, _("This period is locked; its figures can no longer change."))
    elif form.is_valid():
        try:
            services.period_targets_set(
                actor=request.user, period=period, targets=form.cleaned_data
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Targets saved."))
            return _to_dashboard(programme, period)
    return _render(
        request,
        "followup/targets_form.html",
        {"programme": programme, "period": period, "form": form},
        status=_status(form),
    )


def _to_dashboard(programme, period):
    response = redirect("followup:kpi_dashboard", slug=programme.slug)
    response["Location"] += f"?period={period.pk}"
    return response


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_kpis")
def correction_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = selectors.period_get(programme=programme, pk=pk)
    form = CorrectionForm(_data(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_correction_add(actor=request.user, period=period, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Correction recorded."))
            return _to_dashboard(programme, period)
    return _render(
        request,
        "followup/correction_form.html",
        {"programme": programme, "period": period, "form": form},
        status=_status(form),
    )


@require_POST
@programme_view("followup.manage_kpis")
def period_lock(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = selectors.period_get(programme=programme, pk=pk)
    try:
        services.period_lock(actor=request.user, period=period)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The period is locked; its figures are frozen."))
    return _to_dashboard(programme, period)


# --- Cooperation pipeline ---------------------------------------------------------------------


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
        return _render(request, "followup/board_stage.html", context)
    columns = selectors.board(programme=programme)
    for column in columns:
        column["cards"] = [card(c) for c in column["cards"]]
    return _render(request, "followup/board.html", {"programme": programme, "columns": columns})


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_cooperations")
def cooperation_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = CooperationForm(_data(request), programme=programme)
    if form.is_valid():
        try:
            cooperation = services.cooperation_create(
                actor=request.user, programme=programme, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Cooperation recorded at first contact."))
            return redirect("followup:cooperation_detail", slug=programme.slug, pk=cooperation.pk)
    return _render(
        request,
        "followup/cooperation_form.html",
        {"programme": programme, "form": form},
        status=_status(form),
    )


def _detail_context(
    programme, cooperation, move_form=None, milestone_form=None, done_form=None, done_for=None
) -> dict:
    today = timezone.localdate()
    return {
        "done_for": done_for,  # the milestone whose "Mark done" form holds errors
        "milestones": [(m, m.is_overdue_on(today)) for m in cooperation.milestones.all()],
        "milestone_form": milestone_form or MilestoneForm(),
        "done_form": done_form or MilestoneDoneForm(),
        "programme": programme,
        "cooperation": cooperation,
        "moves": cooperation.moves.select_related("by"),
        "rounds": selectors.checkin_pairs(cooperation),
        "move_form": move_form or MoveForm(stage=cooperation.stage),
        "is_open": cooperation.stage not in (Stage.COMPLETED, Stage.STOPPED),
    }


@require_GET
@programme_view("followup.view_board")
def cooperation_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)
    return _render(
        request, "followup/cooperation_detail.html", _detail_context(programme, cooperation)
    )


@require_POST
@programme_view("followup.manage_cooperations")
def cooperation_move(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        service = services.MOVE_SERVICES[form.cleaned_data["to"]]
        try:
            service(actor=request.user, cooperation=cooperation, note=form.cleaned_data["note"])
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Stage changed."))
            return redirect("followup:cooperation_detail", slug=programme.slug, pk=pk)
    return _render(
        request,
        "followup/cooperation_detail.html",
        _detail_context(programme, cooperation, form),
        status=400,
    )


@require_POST
@programme_view("followup.manage_cooperations")
def milestone_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_add(actor=request.user, cooperation=cooperation, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Milestone added."))
            return redirect("followup:cooperation_detail", slug=programme.slug, pk=pk)
    return _render(
        request,
        "followup/cooperation_detail.html",
        _detail_context(programme, cooperation, milestone_form=form),
        status=400,
    )


@require_POST
@programme_view("followup.manage_cooperations")
def milestone_done(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    milestone = selectors.milestone_get(programme=programme, pk=pk)
    cooperation = selectors.cooperation_get(programme=programme, pk=milestone.cooperation_id)
    form = MilestoneDoneForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.milestone_done(actor=request.user, milestone=milestone, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Milestone marked done."))
            return redirect("followup:cooperation_detail", slug=programme.slug, pk=cooperation.pk)
    return _render(
        request,
        "followup/cooperation_detail.html",
        _detail_context(programme, cooperation, done_form=form, done_for=milestone.pk),
        status=400,
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
        context={"programme": programme, "checkin": checkin},
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
