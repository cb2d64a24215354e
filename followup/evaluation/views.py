"""Thin views of the joint evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text
from collider.viewutils import form_data as _data

from ..charts import kpi_chart
from ..selectors import period_get
from . import selectors, services
from .forms import EvaluationForm


def _evaluation_context(request, programme, period, form=None) -> dict:
    evaluation = selectors.evaluation_for(period=period)
    status = selectors.evaluation_status(evaluation, selectors.tandem_partners(programme=programme))
    mine = selectors.partner_of(user=request.user, programme=programme)
    rows = selectors.evaluation_kpi_rows(evaluation, period)
    return {
        "programme": programme,
        "period": period,
        "evaluation": evaluation,
        "status": status,
        "my_partner": mine,
        "can_confirm": bool(
            evaluation and not evaluation.is_final and mine is not None and mine in status.missing
        ),
        "rows": rows,
        "chart": kpi_chart(rows),
        "form": form or EvaluationForm(instance=evaluation),
    }


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_evaluation")
def evaluation(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = period_get(programme=programme, pk=pk)
    form = EvaluationForm(_data(request))
    if form.is_valid():
        try:
            _evaluation, cleared = services.evaluation_save(
                actor=request.user, period=period, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The evaluation is saved."))
            if cleared:
                messages.warning(
                    request,
                    ngettext(
                        "The text changed, so %(n)s confirmation was cleared: every partner "
                        "organisation confirms it again.",
                        "The text changed, so %(n)s confirmations were cleared: every partner "
                        "organisation confirms it again.",
                        cleared,
                    )
                    % {"n": cleared},
                )
            return redirect("followup:evaluation", slug=programme.slug, pk=period.pk)
    status = 400 if form.is_bound else 200
    context = _evaluation_context(request, programme, period, form if form.is_bound else None)
    return render(request, "followup/evaluation/evaluation.html", context, status=status)


@require_POST
@programme_view("followup.manage_evaluation")
def evaluation_confirm(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = period_get(programme=programme, pk=pk)
    found = selectors.evaluation_for(period=period)
    if found is None:
        messages.error(request, _("Write the evaluation before confirming it."))
    else:
        try:
            confirmed = services.evaluation_confirm(actor=request.user, evaluation=found)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            if confirmed.is_final:
                messages.success(
                    request,
                    _(
                        "Confirmed. Every partner organisation has confirmed: the evaluation is "
                        "final and the period's KPI values are frozen into it."
                    ),
                )
            else:
                messages.success(
                    request, _("Confirmed. The other partner organisation confirms next.")
                )
    return redirect("followup:evaluation", slug=programme.slug, pk=period.pk)


@require_GET
@programme_view("followup.manage_evaluation")
def evaluation_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = period_get(programme=programme, pk=pk)
    found = selectors.evaluation_for(period=period)
    if found is None:
        raise Http404
    pdf = render_pdf(
        "followup/evaluation/evaluation_pdf.html", selectors.evaluation_pdf_context(found)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{programme.slug}-evaluation-{period.pk}.pdf"'
    )
    return response
