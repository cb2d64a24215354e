"""Thin views of the joint evaluation and the success stories."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.selectors import programme_get_visible
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text, paginate
from collider.viewutils import form_data as _data

from . import evaluation as evaluations
from . import selectors, stories
from .charts import kpi_chart
from .enums import StoryStatus
from .forms_stories import ConsentForm, EvaluationForm, PublishForm, StoryForm

# --- Joint evaluation -------------------------------------------------------------------------


def _evaluation_context(request, programme, period, form=None) -> dict:
    evaluation = evaluations.evaluation_for(period=period)
    status = evaluations.evaluation_status(
        evaluation, evaluations.tandem_partners(programme=programme)
    )
    mine = evaluations.partner_of(user=request.user, programme=programme)
    rows = evaluations.evaluation_kpi_rows(evaluation, period)
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
    period = selectors.period_get(programme=programme, pk=pk)
    form = EvaluationForm(_data(request))
    if form.is_valid():
        try:
            _evaluation, cleared = evaluations.evaluation_save(
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
    period = selectors.period_get(programme=programme, pk=pk)
    found = evaluations.evaluation_for(period=period)
    if found is None:
        messages.error(request, _("Write the evaluation before confirming it."))
    else:
        try:
            confirmed = evaluations.evaluation_confirm(actor=request.user, evaluation=found)
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
    period = selectors.period_get(programme=programme, pk=pk)
    found = evaluations.evaluation_for(period=period)
    if found is None:
        raise Http404
    pdf = render_pdf(
        "followup/evaluation/evaluation_pdf.html", evaluations.evaluation_pdf_context(found)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{programme.slug}-evaluation-{period.pk}.pdf"'
    )
    return response


# --- Success stories --------------------------------------------------------------------------

COMPLETED_SHOWN = 10


@require_GET
@programme_view("followup.manage_stories")
def story_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = paginate(request, stories.story_list(programme=programme))
    rows = [(story, stories.consents_by_side(story)) for story in page]
    # The newest few; the board's "completed" column lists them all.
    completed = list(stories.completed_cooperations(programme=programme)[:COMPLETED_SHOWN])
    return render(
        request,
        "followup/stories/story_list.html",
        {"programme": programme, "page": page, "rows": rows, "completed": completed},
    )


def _form_page(request, programme, form, *, cooperation, story=None):
    return render(
        request,
        "followup/stories/story_form.html",
        {"programme": programme, "form": form, "cooperation": cooperation, "story": story},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_stories")
def story_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    cooperation = selectors.cooperation_get(programme=programme, pk=pk)
    form = StoryForm(_data(request), request.FILES or None)
    if form.is_valid():
        try:
            fields = form.service_fields()
            fields.pop("based_on")
            story = stories.story_create(actor=request.user, cooperation=cooperation, **fields)
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The story is drafted. Ask both sides for consent next."))
            return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)
    return _form_page(request, programme, form, cooperation=cooperation)


def _detail(request, programme, story, publish_form=None, status=200):
    return render(
        request,
        "followup/stories/story_detail.html",
        {
            "programme": programme,
            "story": story,
            "consents": stories.consents_by_side(story),
            "consented": stories.is_consented(story),
            "history": story.consents.model.objects.filter(story=story).select_related("user"),
            "publish_form": publish_form or PublishForm(programme=programme),
        },
        status=status,
    )


@require_GET
@programme_view("followup.manage_stories")
def story_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _detail(request, programme, stories.story_get(programme=programme, pk=pk))


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_stories")
def story_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = stories.story_get(programme=programme, pk=pk)
    form = StoryForm(_data(request), request.FILES or None, instance=story)
    if form.is_valid():
        was_published = story.status == StoryStatus.PUBLISHED
        try:
            story, cleared = stories.story_update(
                actor=request.user, story=story, **form.service_fields()
            )
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The story is saved."))
            if cleared or (was_published and story.status != StoryStatus.PUBLISHED):
                messages.warning(
                    request,
                    _(
                        "The text changed, so the consents given so far are cleared and both "
                        "sides are asked again. A published story has left the library until "
                        "then."
                    ),
                )
            return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)
    return _form_page(request, programme, form, cooperation=story.cooperation, story=story)


@require_POST
@programme_view("followup.manage_stories")
def story_ask(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = stories.story_get(programme=programme, pk=pk)
    try:
        stories.story_consent_request(actor=request.user, story=story)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Both sides are asked for their consent by e-mail."))
    return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)


@require_POST
@programme_view("followup.manage_stories")
def story_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    story = stories.story_get(programme=programme, pk=pk)
    form = PublishForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            stories.story_publish(actor=request.user, story=story, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("The story is published in the best-practice library."))
            return redirect("followup:story_detail", slug=programme.slug, pk=story.pk)
    return _detail(request, programme, story, publish_form=form, status=400)


@require_http_methods(["GET", "POST"])
def story_consent(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The contact's page (linked from the e-mail): read the story, consent or withdraw."""
    programme = programme_get_visible(user=request.user, slug=slug)
    if not request.user.is_authenticated:
        return deny(request)
    story = stories.story_get_for_contact(user=request.user, programme=programme, pk=pk)
    form = ConsentForm(_data(request))
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == "consent":
                stories.story_consent_give(
                    actor=request.user, story=story, text_hash_seen=form.cleaned_data["text_hash"]
                )
                messages.success(request, _("Thank you: your consent is recorded."))
            else:
                stories.story_consent_withdraw(actor=request.user, story=story)
                messages.success(
                    request,
                    _("Your consent is withdrawn; the story is no longer published."),
                )
        except (ValidationError, PermissionDenied) as error:
            _apply_error(form, error)
        else:
            return redirect("followup:story_consent", slug=programme.slug, pk=story.pk)
    mine = [
        c for c in story.consents.all() if c.user_id == request.user.pk and c.withdrawn_at is None
    ]
    return render(
        request,
        "followup/stories/story_consent.html",
        {
            "programme": programme,
            "story": story,
            "form": form,
            "text_hash": stories.text_hash(story),
            "my_consent": next((c for c in mine if c.text_hash == stories.text_hash(story)), None),
            "can_consent": story.status == StoryStatus.ASKED,
        },
        status=400 if form.is_bound else 200,
    )
