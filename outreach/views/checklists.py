"""Views of the readiness checklists: builder, results, paper entry and public answering."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider import exports
from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.pagecache import cached_page
from collider.pdf import render_pdf
from collider.ratelimit import public_write
from collider.viewutils import act, form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..enums import (
    QuestionKind,
    RespondentSector,
    ResponseSource,
)
from ..forms import (
    AnswersForm,
    ChecklistForm,
    PaperRespondentForm,
    QuestionForm,
    RespondentForm,
    SectionForm,
)
from ..models import ChecklistQuestion, ChecklistResponse
from ..pdf import checklist_context
from ..qr import qr_svg, qr_svg_document
from .common import MANAGE, RESPONDENTS, RESULTS, VIEW

# --- Checklists: builder (partners) --------------------------------------------------------------


@require_GET
@programme_view(RESULTS)
def checklist_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "outreach/checklist_list.html",
        {
            "programme": programme,
            "page": _page(request, selectors.checklist_list(programme=programme)),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:checklist_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def checklist_create(request: HttpRequest, programme: Programme) -> HttpResponse:

    def create(data):
        return services.checklist_create(actor=request.user, programme=programme, **data)

    def created(checklist):
        messages.success(request, _("Checklist created. Add sections and questions."))
        return redirect(checklist)

    return submit(
        request,
        ChecklistForm(form_data(request)),
        create,
        created,
        template="outreach/checklist_form.html",
        context={"programme": programme, "tab": "outreach:checklist_list"},
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def checklist_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)

    def save(data):
        return services.checklist_update(actor=request.user, checklist=checklist, **data)

    def saved(checklist):
        messages.success(request, _("Checklist saved."))
        return redirect(checklist)

    return submit(
        request,
        ChecklistForm(form_data(request), instance=checklist),
        save,
        saved,
        template="outreach/checklist_form.html",
        context={"programme": programme, "checklist": checklist, "tab": "outreach:checklist_list"},
    )


@require_GET
@programme_view(RESULTS)
def checklist_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    url = request.build_absolute_uri(checklist.public_path())
    return render(
        request,
        "outreach/checklist_detail.html",
        {
            "programme": programme,
            "checklist": checklist,
            "sections": selectors.checklist_sections(checklist),
            "section_form": SectionForm(),
            "public_url": url,
            "qr": qr_svg(url, title=_("QR code of the checklist link")),
            "locked": checklist.responses.exists(),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:checklist_list",
        },
    )


def _checklist_action(request: HttpRequest, programme: Programme, pk: int, verb: str):
    """A button of the checklist's page (``outreach.checklist_<verb>``): the declaration says
    who may, and when."""
    if not request.user.is_authenticated:
        return deny(request)
    return action_view(request, selectors.checklist_get(programme=programme, pk=pk), verb)


@require_POST
@programme_view(VIEW)
def checklist_open(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _checklist_action(request, programme, pk, "open")


@require_POST
@programme_view(VIEW)
def checklist_close(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _checklist_action(request, programme, pk, "close")


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def section_edit(
    request: HttpRequest, programme: Programme, pk: int, section_pk: int | None = None
) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    section = (
        get_object_or_404(checklist.sections, pk=section_pk) if section_pk is not None else None
    )

    def saved(_section):
        messages.success(request, _("Section saved."))
        return redirect(checklist)

    return submit(
        request,
        SectionForm(form_data(request), instance=section),
        lambda data: services.checklist_section_save(
            actor=request.user, checklist=checklist, section=section, **data
        ),
        saved,
        template="outreach/section_form.html",
        context={
            "programme": programme,
            "checklist": checklist,
            "section": section,
            "tab": "outreach:checklist_list",
        },
    )


@require_POST
@programme_view(MANAGE)
def section_delete(request: HttpRequest, programme: Programme, pk: int, section_pk: int):
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    section = get_object_or_404(checklist.sections, pk=section_pk)
    return act(
        request,
        lambda: services.checklist_section_delete(actor=request.user, section=section),
        done=_("Section removed."),
        to=checklist,
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def question_edit(
    request: HttpRequest,
    programme: Programme,
    pk: int,
    section_pk: int,
    question_pk: int | None = None,
) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    section = get_object_or_404(checklist.sections, pk=section_pk)
    question = (
        get_object_or_404(section.questions, pk=question_pk) if question_pk is not None else None
    )

    def save(data):
        services.checklist_question_save(
            actor=request.user,
            section=section,
            question=question,
            options=data["parsed_options"],
            **{name: data[name] for name in QuestionForm.Meta.fields},
        )

    def saved(_result):
        messages.success(request, _("Question saved."))
        return redirect(checklist)

    return submit(
        request,
        QuestionForm(
            form_data(request), instance=question, initial={"order": section.questions.count()}
        ),
        save,
        saved,
        template="outreach/question_form.html",
        context={
            "programme": programme,
            "checklist": checklist,
            "section": section,
            "question": question,
            "tab": "outreach:checklist_list",
        },
    )


@require_POST
@programme_view(MANAGE)
def question_delete(request: HttpRequest, programme: Programme, pk: int, question_pk: int):
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    question = get_object_or_404(ChecklistQuestion, pk=question_pk, section__checklist=checklist)
    return act(
        request,
        lambda: services.checklist_question_delete(actor=request.user, question=question),
        done=_("Question removed."),
        to=checklist,
    )


@require_GET
@programme_view(RESULTS)
def checklist_qr(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    body = qr_svg_document(request.build_absolute_uri(checklist.public_path()))
    response = HttpResponse(body, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="checklist-{checklist.pk}-qr.svg"'
    return response


def _checklist_pdf(request: HttpRequest, checklist, sector: str) -> HttpResponse:
    if sector not in checklist.sectors:
        sector = ""
    pdf = render_pdf("outreach/pdf/checklist.html", checklist_context(checklist, sector=sector))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"checklist-{checklist.pk}{'-' + sector if sector else ''}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
@programme_view(RESULTS)
def checklist_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    return _checklist_pdf(request, checklist, request.GET.get("sector", ""))


# --- Checklists: results ---------------------------------------------------------------------


@cached_page
@require_GET
@programme_view(RESULTS)
def checklist_results(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    aggregate = selectors.checklist_aggregate(checklist=checklist)
    chart = {
        "labels": aggregate["labels"],
        "series": aggregate["series"],
        "title": _("Average readiness per section (0–100)"),
    }
    return render(
        request,
        "outreach/checklist_results.html",
        {
            "programme": programme,
            "checklist": checklist,
            "aggregate": aggregate,
            "chart": chart,
            "sector_labels": [label for _v, label in RespondentSector.choices],
            "tab": "outreach:checklist_list",
        },
    )


@require_GET
@programme_view(RESPONDENTS)
def checklist_responses(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    return render(
        request,
        "outreach/checklist_responses.html",
        {
            "programme": programme,
            "checklist": checklist,
            "page": _page(request, selectors.response_list(checklist=checklist), 50),
            "tab": "outreach:checklist_list",
        },
    )


def responses_table(checklist) -> exports.Dataset:
    """Responses as a table whose columns depend only on the checklist's structure.

    One column per question, headed by its number and text as the printed checklist shows
    them ("1.2 Have you visited a factory?"), then one score column per section.
    """
    sections = selectors.checklist_sections(checklist)
    questions = [q for s in sections for q in s.questions.all()]
    numbered = [
        f"{s_number}.{q_number} {question.text}"
        for s_number, section in enumerate(sections, start=1)
        for q_number, question in enumerate(section.questions.all(), start=1)
    ]
    headers = [
        _("Response"),
        _("Submitted at"),
        _("Answered"),
        _("Sector"),
        _("E-mail"),
        _("Organisation"),
        _("Total score"),
        *numbered,
        *[_("Score: %(section)s") % {"section": s.title} for s in sections],
    ]
    responses = (
        ChecklistResponse.objects.filter(checklist=checklist)
        .prefetch_related("answers__options", "section_scores")
        .order_by("submitted_at", "pk")
    )
    return exports.table(
        key=f"checklist-{checklist.pk}",
        label=_("Responses"),
        headers=headers,
        rows=lambda: _response_rows(responses, questions, sections),
    )


def _response_rows(responses, questions, sections):
    for response in responses:
        answers = {a.question_id: a for a in response.answers.all()}
        scores = {s.section_id: s.score for s in response.section_scores.all()}
        row = [
            response.pk,
            response.submitted_at,
            response.get_source_display(),
            response.get_sector_display(),
            response.email,
            response.respondent_label,
            "" if response.total_score is None else response.total_score,
        ]
        for question in questions:
            answer = answers.get(question.pk)
            if answer is None:
                row.append("")
            elif question.kind == QuestionKind.YES_NO:
                row.append(_("yes") if answer.number else _("no"))
            elif question.kind == QuestionKind.SCALE:
                row.append(answer.number)
            elif question.kind == QuestionKind.TEXT:
                row.append(answer.text)
            else:
                row.append("; ".join(o.label for o in answer.options.all()))
        row.extend("" if scores.get(s.pk) is None else scores[s.pk] for s in sections)
        yield row


@require_GET
@programme_view(RESPONDENTS)
def checklist_export(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    response = HttpResponse(
        exports.render(responses_table(checklist), programme, {}, "csv"),
        content_type=exports.CONTENT_TYPES["csv"],
    )
    response["Content-Disposition"] = f'attachment; filename="checklist-{checklist.pk}.csv"'
    return response


def _answer_forms(request: HttpRequest, checklist, sector: str, respondent_form_class):
    sections = selectors.checklist_sections(checklist)
    data = request.POST if request.method == "POST" else None
    respondent = respondent_form_class(data, initial={"sector": sector})
    answers = AnswersForm(data, sections=sections, sector=sector)
    return respondent, answers


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def checklist_paper(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """A partner types in a checklist answered on paper (e.g. during a company visit)."""
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    sector = request.POST.get("sector") or request.GET.get("sector") or checklist.sectors[0]
    if sector not in checklist.sectors:
        sector = checklist.sectors[0]
    respondent, answers = _answer_forms(request, checklist, sector, PaperRespondentForm)

    def save(data):
        return services.checklist_response_submit(
            checklist=checklist,
            sector=data["sector"],
            email=data["email"],
            organisation_name=data["organisation_name"],
            send_results=data["send_results"],
            consent=data["consent"],
            answers=answers.answers(),
            source=ResponseSource.PAPER,
            entered_by=request.user,
        )

    def saved(response):
        messages.success(
            request,
            _("Paper answers of %(org)s saved (total score %(score)s).")
            % {"org": response.respondent_label, "score": response.total_score},
        )
        return redirect("outreach:checklist_paper", slug=programme.slug, pk=checklist.pk)

    return submit(
        request,
        respondent,
        save,
        saved,
        template="outreach/checklist_paper.html",
        context={
            "programme": programme,
            "checklist": checklist,
            "sector": sector,
            "answers_form": answers,
            "tab": "outreach:checklist_list",
        },
        form_name="respondent_form",
        valid=answers.is_valid(),
    )


# --- Checklists: public answering ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@public_write("checklist_answer", key_field="email")
def checklist_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public link: anyone answers without an account."""
    checklist = selectors.checklist_get_public(token)
    sector = request.POST.get("sector") or request.GET.get("sector", "")
    if sector not in checklist.sectors:
        if len(checklist.sectors) == 1:
            sector = checklist.sectors[0]
        elif request.method == "POST":
            sector = ""
        else:
            return render(
                request,
                "outreach/checklist_choose.html",
                {"checklist": checklist, "programme": checklist.programme},
            )
    if not sector:
        return render(
            request,
            "outreach/checklist_choose.html",
            {"checklist": checklist, "programme": checklist.programme, "invalid": True},
            status=400,
        )
    respondent, answers = _answer_forms(request, checklist, sector, RespondentForm)
    if request.user.is_authenticated and not respondent.is_bound:
        respondent.initial["email"] = request.user.email

    def save(data):
        return services.checklist_response_submit(
            checklist=checklist,
            sector=data["sector"],
            email=data["email"],
            organisation_name=data["organisation_name"],
            send_results=data["send_results"],
            consent=data["consent"],
            answers=answers.answers(),
            respondent=request.user if request.user.is_authenticated else None,
        )

    return submit(
        request,
        respondent,
        save,
        lambda response: redirect("outreach:checklist_result", token=response.token),
        template="outreach/checklist_answer.html",
        context={
            "checklist": checklist,
            "programme": checklist.programme,
            "sector": sector,
            "sector_label": dict(RespondentSector.choices)[sector],
            "answers_form": answers,
        },
        form_name="respondent_form",
        valid=answers.is_valid(),
    )


@require_GET
def checklist_public_pdf(request: HttpRequest, token: str) -> HttpResponse:
    checklist = selectors.checklist_get_public(token)
    return _checklist_pdf(request, checklist, request.GET.get("sector", ""))


def result_steps(scores) -> list[dict]:
    """Sections below the threshold, weakest first, with the partners' suggested next steps."""
    weak = sorted(
        (s for s in scores if s.score < services.NEXT_STEP_THRESHOLD), key=lambda s: s.score
    )
    return [
        {
            "section": s.section,
            "score": s.score,
            "text": s.section.next_steps
            or _("Look out for trainings on %(dimension)s in this programme.")
            % {"dimension": s.section.get_dimension_display().lower()},
        }
        for s in weak
    ]


@require_GET
def checklist_result(request: HttpRequest, token: str) -> HttpResponse:
    """The respondent's own result page, reached by the secret link (also e-mailed)."""
    response = selectors.response_get_by_token(token)
    scores = selectors.response_section_scores(response)
    return render(
        request,
        "outreach/checklist_result.html",
        {
            "response": response,
            "checklist": response.checklist,
            "programme": response.checklist.programme,
            "scores": scores,
            "steps": result_steps(scores),
            "threshold": services.NEXT_STEP_THRESHOLD,
        },
    )
