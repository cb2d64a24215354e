"""Thin views of the joint evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.viewutils import act, form_data, submit

from ..charts import kpi_chart
from ..selectors import period_get
from . import selectors, services
from .forms import EvaluationForm


def _evaluation_context(request, programme, period) -> dict:
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
    }


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_evaluation")
def evaluation(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    period = period_get(programme=programme, pk=pk)

    def saved(result) -> HttpResponse:
        _evaluation, cleared = result
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

    context = _evaluation_context(request, programme, period)
    return submit(
        request,
        # A GET shows the saved text; a POST is validated on its own (the service saves it).
        EvaluationForm(form_data(request))
        if request.method == "POST"
        else EvaluationForm(instance=context["evaluation"]),
        lambda data: services.evaluation_save(actor=request.user, period=period, **data),
        saved,
        template="followup/evaluation/evaluation.html",
        context=context,
    )


def _confirmed(evaluation) -> str:
    if evaluation.is_final:
        return _(
            "Confirmed. Every partner organisation has confirmed: the evaluation is final and "
            "the period's KPI values are frozen into it."
        )
    return _("Confirmed. The other partner organisation confirms next.")


@require_POST
@programme_view("followup.manage_evaluation")
def evaluation_confirm(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Confirm for the user's partner organisation; the message says whether the evaluation
    became final."""
    period = period_get(programme=programme, pk=pk)

    def confirm():
        found = selectors.evaluation_for(period=period)
        if found is None:
            raise ValidationError(_("Write the evaluation before confirming it."))
        return services.evaluation_confirm(actor=request.user, evaluation=found)

    return act(
        request,
        confirm,
        done=_confirmed,
        to="followup:evaluation",
        to_kwargs={"slug": programme.slug, "pk": period.pk},
    )


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
