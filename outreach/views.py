"""Thin views of the outreach app: check access, validate a form, call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider import exports
from collider.access import programme_view
from collider.enums import MembershipStatus, RegistrationStatus, Role
from collider.models import Programme, User
from collider.pdf import render_pdf
from collider.ratelimit import public_write
from collider.uploads import serve_upload
from collider.viewutils import act, form_data, submit
from collider.viewutils import error_text as _error_text
from collider.viewutils import paginate as _page

from . import selectors, services
from .enums import (
    ChecklistStatus,
    Dimension,
    MediaStatus,
    PublicationStatus,
    QuestionKind,
    RespondentSector,
    ResponseSource,
)
from .forms import (
    INFO_DAY_FIELDS,
    AnswersForm,
    BrochureForm,
    ChecklistForm,
    HandoutForm,
    InfoDayForm,
    InfoDayItemForm,
    InfoDayRegistrationForm,
    MediaCommitmentForm,
    MediaPublishForm,
    PaperRespondentForm,
    PracticeFilter,
    PracticeForm,
    PracticeImageForm,
    QuestionForm,
    RespondentForm,
    SectionForm,
)
from .models import ChecklistQuestion, ChecklistResponse, InfoDayItem
from .pdf import checklist_context
from .qr import qr_svg, qr_svg_document

VIEW = "outreach.view_library"
MANAGE = "outreach.manage_outreach"
RESULTS = "outreach.view_results"
RESPONDENTS = "outreach.view_respondents"


def _model_fields(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields if name in form.cleaned_data}


# --- Best-practice library ----------------------------------------------------------------------


@require_GET
@programme_view(VIEW)
def practice_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    queryset = selectors.practice_list_visible_to(user=request.user, programme=programme)
    filters = PracticeFilter(request.GET or None, queryset=queryset)
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.practice_search(filters.qs, query)
    return render(
        request,
        "outreach/practice_list.html",
        {
            "programme": programme,
            "filter": filters,
            "query": query,
            "page": _page(request, results),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:practice_list",
        },
    )


@require_GET
@programme_view(VIEW)
def practice_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_visible(user=request.user, programme=programme, pk=pk)
    return render(
        request,
        "outreach/practice_detail.html",
        {
            "programme": programme,
            "practice": practice,
            "can_manage": request.user.has_perm(MANAGE, programme)
            and practice.programme_id == programme.pk,
            "tab": "outreach:practice_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def practice_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PracticeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                practice = services.practice_create(
                    actor=request.user, programme=programme, **_model_fields(form)
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Case saved as a draft. Add images, then publish it."))
                return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)
        status = 400
    return render(
        request,
        "outreach/practice_form.html",
        {"programme": programme, "form": form, "tab": "outreach:practice_list"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def practice_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_managed(programme=programme, pk=pk)
    form = PracticeForm(request.POST or None, instance=practice)
    image_form = PracticeImageForm()
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.practice_update(
                    actor=request.user, practice=practice, **_model_fields(form)
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                messages.success(request, _("Case saved."))
                return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)
        status = 400
    return render(
        request,
        "outreach/practice_form.html",
        {
            "programme": programme,
            "form": form,
            "practice": practice,
            "image_form": image_form,
            "images": practice.images.all(),
            "tab": "outreach:practice_list",
        },
        status=status,
    )


@require_POST
@programme_view(MANAGE)
def practice_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_managed(programme=programme, pk=pk)
    try:
        if request.POST.get("action") == "unpublish":
            services.practice_unpublish(actor=request.user, practice=practice)
            messages.success(request, _("The case is a draft again."))
        else:
            services.practice_publish(actor=request.user, practice=practice)
            messages.success(request, _("The case is published."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)


@require_POST
@programme_view(MANAGE)
def practice_image_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_managed(programme=programme, pk=pk)

    def add(data):
        services.practice_image_add(actor=request.user, practice=practice, **data)

    def added(_result):
        messages.success(request, _("Image added."))
        return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)

    return submit(
        request,
        PracticeImageForm(request.POST, request.FILES),
        add,
        added,
        template="outreach/practice_form.html",
        context={
            "programme": programme,
            "form": PracticeForm(instance=practice),
            "practice": practice,
            "images": practice.images.all(),
            "tab": "outreach:practice_list",
        },
        form_name="image_form",
    )


@require_POST
@programme_view(MANAGE)
def practice_image_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    image = selectors.practice_image_get_visible(user=request.user, programme=programme, pk=pk)
    if image.practice.programme_id != programme.pk:
        raise Http404
    return act(
        request,
        lambda: services.practice_image_delete(actor=request.user, image=image),
        done=_("Image removed."),
        to="outreach:practice_edit",
        to_kwargs={"slug": programme.slug, "pk": image.practice_id},
    )


@require_GET
@programme_view(VIEW)
def practice_image(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    image = selectors.practice_image_get_visible(user=request.user, programme=programme, pk=pk)
    return serve_upload(
        request,
        image.image,
        content_type=image.content_type,
        inline=True,
        headers=[("Cache-Control", "private, max-age=3600")],
    )


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


@require_POST
@programme_view(MANAGE)
def checklist_status(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    try:
        if request.POST.get("action") == "close":
            services.checklist_close(actor=request.user, checklist=checklist)
            messages.success(request, _("The checklist is closed."))
        else:
            services.checklist_open(actor=request.user, checklist=checklist)
            messages.success(request, _("The checklist is open: share its link or QR code."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(checklist)


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def section_edit(
    request: HttpRequest, programme: Programme, pk: int, section_pk: int | None = None
) -> HttpResponse:
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    section = (
        get_object_or_404(checklist.sections, pk=section_pk) if section_pk is not None else None
    )
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.checklist_section_save(
                actor=request.user, checklist=checklist, section=section, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Section saved."))
            return redirect(checklist)
    return render(
        request,
        "outreach/section_form.html",
        {
            "programme": programme,
            "checklist": checklist,
            "section": section,
            "form": form,
            "tab": "outreach:checklist_list",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@programme_view(MANAGE)
def section_delete(request: HttpRequest, programme: Programme, pk: int, section_pk: int):
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    section = get_object_or_404(checklist.sections, pk=section_pk)
    try:
        services.checklist_section_delete(actor=request.user, section=section)
        messages.success(request, _("Section removed."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(checklist)


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
    form = QuestionForm(
        request.POST or None, instance=question, initial={"order": section.questions.count()}
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in QuestionForm.Meta.fields}
        try:
            services.checklist_question_save(
                actor=request.user,
                section=section,
                question=question,
                options=form.cleaned_data["parsed_options"],
                **fields,
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Question saved."))
            return redirect(checklist)
    return render(
        request,
        "outreach/question_form.html",
        {
            "programme": programme,
            "checklist": checklist,
            "section": section,
            "question": question,
            "form": form,
            "tab": "outreach:checklist_list",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@programme_view(MANAGE)
def question_delete(request: HttpRequest, programme: Programme, pk: int, question_pk: int):
    checklist = selectors.checklist_get(programme=programme, pk=pk)
    question = get_object_or_404(ChecklistQuestion, section__checklist=checklist, pk=question_pk)
    try:
        services.checklist_question_delete(actor=request.user, question=question)
        messages.success(request, _("Question removed."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(checklist)


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
            response.organisation_name,
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
    status = 200
    if request.method == "POST":
        if respondent.is_valid() and answers.is_valid():
            try:
                response = services.checklist_response_submit(
                    checklist=checklist,
                    sector=respondent.cleaned_data["sector"],
                    email=respondent.cleaned_data["email"],
                    organisation_name=respondent.cleaned_data["organisation_name"],
                    consent=respondent.cleaned_data["consent"],
                    answers=answers.answers(),
                    source=ResponseSource.PAPER,
                    entered_by=request.user,
                )
            except ValidationError as error:
                respondent.add_error(None, _error_text(error))
            else:
                messages.success(
                    request,
                    _("Paper answers of %(org)s saved (total score %(score)s).")
                    % {"org": response.organisation_name, "score": response.total_score},
                )
                return redirect("outreach:checklist_paper", slug=programme.slug, pk=checklist.pk)
        status = 400
    return render(
        request,
        "outreach/checklist_paper.html",
        {
            "programme": programme,
            "checklist": checklist,
            "sector": sector,
            "respondent_form": respondent,
            "answers_form": answers,
            "tab": "outreach:checklist_list",
        },
        status=status,
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
    status = 200
    if request.method == "POST":
        if respondent.is_valid() and answers.is_valid():
            try:
                response = services.checklist_response_submit(
                    checklist=checklist,
                    sector=respondent.cleaned_data["sector"],
                    email=respondent.cleaned_data["email"],
                    organisation_name=respondent.cleaned_data["organisation_name"],
                    consent=respondent.cleaned_data["consent"],
                    answers=answers.answers(),
                    respondent=request.user if request.user.is_authenticated else None,
                )
            except ValidationError as error:
                respondent.add_error(None, _error_text(error))
            else:
                return redirect("outreach:checklist_result", token=response.token)
        status = 400
    return render(
        request,
        "outreach/checklist_answer.html",
        {
            "checklist": checklist,
            "programme": checklist.programme,
            "sector": sector,
            "sector_label": dict(RespondentSector.choices)[sector],
            "respondent_form": respondent,
            "answers_form": answers,
        },
        status=status,
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


# --- Info days --------------------------------------------------------------------------------


@require_GET
@programme_view(VIEW)
def info_day_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    events = selectors.info_day_list_visible_to(user=request.user, programme=programme)
    return render(
        request,
        "outreach/info_day_list.html",
        {
            "programme": programme,
            "page": _page(request, events),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:info_day_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def info_day_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = InfoDayForm(request.POST or None, initial={"timezone": programme.timezone})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.info_day_create(
                actor=request.user,
                programme=programme,
                **{name: form.cleaned_data[name] for name in INFO_DAY_FIELDS},
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Info day created. Add its programme and materials."))
            return redirect("outreach:info_day_manage", slug=programme.slug, pk=event.pk)
    return render(
        request,
        "outreach/info_day_form.html",
        {"programme": programme, "form": form, "tab": "outreach:info_day_list"},
        status=400 if request.method == "POST" else 200,
    )


def _info_day_context(request, programme, event) -> dict:
    items = selectors.info_day_items(event)
    by_dimension = []
    labels = dict(Dimension.choices)
    for value in Dimension.values:
        rows = [item for item in items if item.dimension == value]
        if rows:
            by_dimension.append({"dimension": labels[value], "items": rows})
    checklists = [
        c for c in selectors.checklist_list(programme=programme) if c.status == ChecklistStatus.OPEN
    ]
    brochures = selectors.brochure_list_visible_to(user=request.user, programme=programme).filter(
        status=PublicationStatus.PUBLISHED
    )
    return {
        "programme": programme,
        "event": event,
        "items": items,
        "by_dimension": by_dimension,
        "handouts": selectors.handout_list(programme=programme, event=event),
        "checklists": checklists,
        "brochures": brochures,
        "tab": "outreach:info_day_list",
    }


@require_http_methods(["GET", "POST"])
@public_write("info_day_register", key_field="email")
@programme_view(VIEW)
def info_day_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The public page of an info day: its programme per dimension, materials and sign-up."""
    event = selectors.info_day_get_visible(user=request.user, programme=programme, pk=pk)
    form = InfoDayRegistrationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not event.is_public:
            raise PermissionDenied
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
            try:
                registration = services.info_day_register(event=event, **fields)
            except ValidationError as error:
                form.add_error(None, _error_text(error))
            else:
                return render(
                    request,
                    "outreach/info_day_registered.html",
                    {
                        "programme": programme,
                        "event": event,
                        "registration": registration,
                        "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
                        # The visitor's own session decides, never the e-mail typed in: the
                        # page must not tell whether an address has an account.
                        "signed_in": request.user.is_authenticated,
                    },
                )
        status = 400
    context = _info_day_context(request, programme, event)
    context["form"] = form
    context["can_manage"] = request.user.has_perm(MANAGE, programme)
    return render(request, "outreach/info_day_detail.html", context, status=status)


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def info_day_manage(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    event = selectors.info_day_get_visible(user=request.user, programme=programme, pk=pk)
    events = selectors.info_day_list_visible_to(user=request.user, programme=programme)
    which = request.POST.get("form") if request.method == "POST" else None
    item_form = InfoDayItemForm(request.POST if which == "item" else None)
    handout_form = HandoutForm(
        request.POST if which == "handout" else None,
        request.FILES if which == "handout" else None,
        events=events,
        initial={"event": event.pk},
    )

    def add(data):
        if which == "item":
            services.info_day_item_add(actor=request.user, event=event, **data)
            return _("Programme item added.")
        services.handout_add(actor=request.user, programme=programme, **data)
        return _("Material uploaded.")

    def added(message):
        messages.success(request, message)
        return redirect("outreach:info_day_manage", slug=programme.slug, pk=event.pk)

    context = _info_day_context(request, programme, event)
    context.update(
        {
            "item_form": item_form,
            "handout_form": handout_form,
            "registrations": event.registrations.exclude(status="cancelled").count(),
        }
    )
    # A POST naming neither form is refused like an invalid one.
    posted = handout_form if which == "handout" else item_form
    return submit(
        request,
        posted,
        add,
        added,
        template="outreach/info_day_manage.html",
        context=context,
        form_name="handout_form" if which == "handout" else "item_form",
        valid=which in {"item", "handout"},
    )


@require_POST
@programme_view(MANAGE)
def info_day_item_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = get_object_or_404(
        InfoDayItem.objects.select_related("event__programme"), event__programme=programme, pk=pk
    )
    return act(
        request,
        lambda: services.info_day_item_delete(actor=request.user, item=item),
        done=_("Programme item removed."),
        to="outreach:info_day_manage",
        to_kwargs={"slug": programme.slug, "pk": item.event_id},
    )


@require_GET
@programme_view(VIEW)
def handout_download(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    handout = selectors.handout_get_visible(user=request.user, programme=programme, pk=pk)
    extension = handout.file.name.rsplit(".", 1)[-1]
    return serve_upload(
        request,
        handout.file,
        content_type=handout.content_type,
        filename=f"handout-{handout.pk}.{extension}",
    )


@require_POST
@programme_view(MANAGE)
def handout_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    handout = selectors.handout_get_visible(user=request.user, programme=programme, pk=pk)
    services.handout_delete(actor=request.user, handout=handout)
    messages.success(request, _("Material removed."))
    if handout.event_id:
        return redirect("outreach:info_day_manage", slug=programme.slug, pk=handout.event_id)
    return redirect("outreach:info_day_list", slug=programme.slug)


# --- Brochures ---------------------------------------------------------------------------------


@require_GET
@programme_view(VIEW)
def brochure_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "outreach/brochure_list.html",
        {
            "programme": programme,
            "page": _page(
                request, selectors.brochure_list_visible_to(user=request.user, programme=programme)
            ),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:brochure_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def brochure_edit(request: HttpRequest, programme: Programme, pk: int | None = None):
    brochure = (
        selectors.brochure_get_visible(user=request.user, programme=programme, pk=pk)
        if pk is not None
        else None
    )
    practices = selectors.practice_choices_for_brochure(programme=programme)
    form = BrochureForm(request.POST or None, instance=brochure, practices=practices)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["stories"]
        ordered = [p for p in practices if p in set(chosen)]
        try:
            brochure = services.brochure_save(
                actor=request.user,
                programme=programme,
                brochure=brochure,
                practices=ordered,
                **{name: form.cleaned_data[name] for name in BrochureForm.Meta.fields},
            )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Brochure saved; its PDF is rebuilt on the next download."))
            return redirect("outreach:brochure_edit", slug=programme.slug, pk=brochure.pk)
    return render(
        request,
        "outreach/brochure_form.html",
        {
            "programme": programme,
            "form": form,
            "brochure": brochure,
            "tab": "outreach:brochure_list",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@programme_view(MANAGE)
def brochure_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    brochure = selectors.brochure_get_visible(user=request.user, programme=programme, pk=pk)
    try:
        if request.POST.get("action") == "unpublish":
            services.brochure_unpublish(actor=request.user, brochure=brochure)
            messages.success(request, _("The brochure is a draft again."))
        else:
            services.brochure_publish(actor=request.user, brochure=brochure)
            messages.success(request, _("The brochure is published on the programme's pages."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("outreach:brochure_edit", slug=programme.slug, pk=brochure.pk)


@require_GET
@programme_view(VIEW)
def brochure_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    brochure = selectors.brochure_get_visible(user=request.user, programme=programme, pk=pk)
    pdf = services.brochure_render(brochure=brochure)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brochure-{brochure.pk}.pdf"'
    return response


# --- Media log ----------------------------------------------------------------------------------


def _partners(programme: Programme):
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


@require_GET
@programme_view(MANAGE)
def media_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in MediaStatus.values:
        status = ""
    return render(
        request,
        "outreach/media_list.html",
        {
            "programme": programme,
            "page": _page(request, selectors.media_list(programme=programme, status=status)),
            "summary": selectors.media_summary(programme=programme),
            "status": status,
            "statuses": MediaStatus.choices,
            "tab": "outreach:media_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def media_edit(request: HttpRequest, programme: Programme, pk: int | None = None) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk) if pk is not None else None
    form = MediaCommitmentForm(
        request.POST or None,
        instance=item,
        partners=_partners(programme),
        initial={"responsible": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        fields = {n: form.cleaned_data[n] for n in MediaCommitmentForm.Meta.fields}
        responsible = fields.pop("responsible")
        try:
            if item is None:
                services.media_commitment_create(
                    actor=request.user, programme=programme, responsible=responsible, **fields
                )
            else:
                services.media_commitment_update(
                    actor=request.user, item=item, responsible=responsible, **fields
                )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Media contact saved."))
            return redirect("outreach:media_list", slug=programme.slug)
    return render(
        request,
        "outreach/media_form.html",
        {"programme": programme, "form": form, "item": item, "tab": "outreach:media_list"},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@programme_view(MANAGE)
def media_commit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk)
    try:
        services.media_commitment_commit(actor=request.user, item=item)
        messages.success(request, _("%(outlet)s committed.") % {"outlet": item.outlet})
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("outreach:media_list", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def media_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk)
    form = MediaPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.media_commitment_publish(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Publication recorded."))
            return redirect("outreach:media_list", slug=programme.slug)
    return render(
        request,
        "outreach/media_publish.html",
        {"programme": programme, "form": form, "item": item, "tab": "outreach:media_list"},
        status=400 if request.method == "POST" else 200,
    )


__all__ = ["reverse", "settings"]
