"""Thin views of the feedback surveys: resolve through a selector, check a rule, call a service."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.exports import CONTENT_TYPES
from collider.exports import render as export_render
from collider.models import Programme
from collider.selectors import programme_get_visible
from collider.viewutils import form_data, paginate, submit

from ..enums import SurveyState
from . import selectors, services
from .exports import survey_export
from .forms import (
    QuestionFormSet,
    ResponseForm,
    SurveyCreateForm,
    SurveySettingsForm,
    question_initial,
)

#: The programme tab the staff pages highlight.
TAB = "followup:feedback_list"
#: Free-text answers per page on the answers list.
ANSWERS_PAGE = 20


@require_GET
@programme_view("followup.view_feedback")
def feedback_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = paginate(request, selectors.survey_list(programme=programme))
    now = timezone.now()
    rows = [(survey, survey.state_at(now)) for survey in page]
    return render(
        request,
        "followup/feedback/list.html",
        {"programme": programme, "page": page, "rows": rows, "tab": TAB},
    )


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_feedback")
def feedback_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    today = timezone.localdate()

    def created(survey) -> HttpResponse:
        messages.success(
            request, _("Draft created with the default questions. Review them, then open it.")
        )
        return redirect("followup:feedback_edit", slug=programme.slug, pk=survey.pk)

    return submit(
        request,
        SurveyCreateForm(
            form_data(request),
            programme=programme,
            initial={
                "opens_on": today,
                "closes_on": today + timedelta(days=14),
                "audience": "both",
                "subject_kind": request.GET.get("subject", "event"),
                "event": request.GET.get("event"),
            },
        ),
        lambda data: services.survey_create(actor=request.user, programme=programme, **data),
        created,
        template="followup/feedback/create.html",
        context={"programme": programme, "tab": TAB},
    )


def _detail(request, programme, survey) -> HttpResponse:
    return render(
        request,
        "followup/feedback/detail.html",
        {
            "programme": programme,
            "tab": TAB,
            "survey": survey,
            "state": survey.state,
            "questions": survey.questions.all(),
        },
    )


@require_GET
@programme_view("followup.view_feedback")
def feedback_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = selectors.survey_get(programme=programme, pk=pk)
    return _detail(request, programme, survey)


@require_http_methods(["GET", "POST"])
@programme_view("followup.manage_feedback")
def feedback_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Settings and questions of a draft, on one page."""
    survey = selectors.survey_get(programme=programme, pk=pk)
    form = SurveySettingsForm(
        form_data(request),
        initial={
            "title": survey.title,
            "audience": survey.audience,
            "opens_on": survey.opens_on,
            "closes_on": survey.closes_on,
            "anonymous": survey.anonymous,
            "intro": survey.intro,
        },
    )
    formset = QuestionFormSet(form_data(request), initial=question_initial(survey), prefix="q")

    posted = request.method == "POST"
    if posted and not survey.is_draft:
        # Said whatever was posted (even a page without its questions), not only once valid.
        form.add_error(
            None, _("The survey is open already: its questions and settings can no longer change.")
        )

    def saved(_survey) -> HttpResponse:
        messages.success(request, _("Survey saved."))
        return redirect(survey)

    return submit(
        request,
        form,
        lambda data: services.survey_update(
            actor=request.user, survey=survey, questions=formset.questions(), **data
        ),
        saved,
        template="followup/feedback/edit.html",
        context={"programme": programme, "survey": survey, "formset": formset, "tab": TAB},
        valid=posted and survey.is_draft and formset.is_valid(),
    )


@require_POST
@programme_view("followup.manage_feedback")
def feedback_open(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The open button (declared as ``SURVEY_OPEN``); its message counts the invited."""
    survey = selectors.survey_get(programme=programme, pk=pk)
    return action_view(
        request,
        survey,
        "open",
        done=lambda opened: (
            _("The survey is open: %(n)d people are invited by e-mail.")
            % {"n": opened.invitations.count()}
        ),
    )


@require_POST
@programme_view("followup.manage_feedback")
def feedback_close(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = selectors.survey_get(programme=programme, pk=pk)
    return action_view(request, survey, "close")


@require_GET
@programme_view("followup.view_feedback")
def feedback_results(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    survey = selectors.survey_get(programme=programme, pk=pk)
    results = selectors.survey_results(survey=survey)
    return render(
        request,
        "followup/feedback/results.html",
        {
            "programme": programme,
            "tab": TAB,
            "survey": survey,
            "results": results,
            "colours": list(zip(range(1, 6), selectors.RATING_COLOURS, strict=True)),
        },
    )


@require_GET
@programme_view("followup.view_feedback")
def feedback_answers(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Every free-text answer, paginated; ``?question=`` narrows to one question."""
    survey = selectors.survey_get(programme=programme, pk=pk)
    questions = [q for q in survey.questions.all() if not q.is_rating]
    wanted = request.GET.get("question", "")
    question = next((q for q in questions if str(q.pk) == wanted), None)
    rows = selectors.text_answers(survey=survey, question_id=question.pk if question else None)
    page = paginate(request, rows, ANSWERS_PAGE)
    return render(
        request,
        "followup/feedback/answers.html",
        {
            "programme": programme,
            "tab": TAB,
            "survey": survey,
            "questions": questions,
            "question": question,
            "page": page,
        },
    )


@require_GET
@programme_view("followup.view_feedback")
def feedback_export(request: HttpRequest, programme: Programme, pk: int, fmt: str) -> HttpResponse:
    survey = selectors.survey_get(programme=programme, pk=pk)
    if fmt not in CONTENT_TYPES:
        raise Http404
    body = export_render(survey_export(survey), programme, {}, fmt)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = slugify(survey.title)[:60] or "survey"
    response["Content-Disposition"] = f'attachment; filename="feedback-{survey.pk}-{name}.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def feedback_respond(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The invited person's answers: open → a form (pre-filled when answered already);
    not yet open or closed → a notice (and their answers, read only)."""
    programme = programme_get_visible(user=request.user, slug=slug)
    if not request.user.is_authenticated:
        return deny(request)
    survey = selectors.survey_get_for_respondent(user=request.user, programme=programme, pk=pk)
    response = selectors.response_of(user=request.user, survey=survey)
    state = survey.state
    is_open = state == SurveyState.OPEN
    form = ResponseForm(
        form_data(request) if is_open else None,
        questions=survey.questions.all(),
        response=response,
        disabled=not is_open,
    )
    context = {
        "programme": programme,
        "tab": TAB,
        "survey": survey,
        "response": response,
        "is_open": is_open,
        "is_closed": state == SurveyState.CLOSED,
        "error": "",
    }
    if request.method == "POST" and not is_open:
        context["error"] = (
            _("This survey is closed; answers can no longer change.")
            if state == SurveyState.CLOSED
            else _("This survey is not open yet.")
        )

    def recorded(_response) -> HttpResponse:
        messages.success(
            request,
            _("Thank you: your answers are recorded. You can change them until %(day)s.")
            % {"day": date_format(survey.closes_on)},
        )
        return redirect("followup:feedback_respond", slug=programme.slug, pk=pk)

    return submit(
        request,
        form,
        lambda data: services.response_submit(
            actor=request.user, survey=survey, answers=form.answers()
        ),
        recorded,
        template="followup/feedback/respond.html",
        context=context,
        valid=is_open,
    )
