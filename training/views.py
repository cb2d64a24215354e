"""Thin views of the training app: resolve through a selector, check a rule, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view, require
from collider.enums import MembershipStatus, RegistrationStatus, Role
from collider.models import Membership, Programme
from collider.pagecache import cached_page
from collider.pdf import render_pdf
from collider.rules import online_link_for
from collider.selectors import waitlist_position
from collider.uploads import serve_upload
from collider.viewutils import act, form_data, form_files, submit
from collider.viewutils import paginate as _page

from . import selectors, services
from .forms import (
    FeedbackForm,
    MaterialFilter,
    MaterialForm,
    ModuleFilter,
    ModuleForm,
    OutputForm,
    ReflectionForm,
    RegisterForm,
    SessionForm,
    VerifyForm,
)
from .pdf import certificate_context
from .rules import has_attended

VIEW = "training.view_catalogue"
MANAGE = "training.manage_training"
LIBRARY = "training.view_library"
LEARN = "training.learn"


def _participant_sector(user, programme: Programme) -> str:
    if not user.is_authenticated:
        return ""
    membership = Membership.objects.filter(
        programme=programme, user=user, role=Role.PARTICIPANT, status=MembershipStatus.APPROVED
    ).first()
    return membership.sector if membership else ""


# --- Catalogue ---------------------------------------------------------------------------------


@cached_page
@require_GET
@programme_view(VIEW)
def module_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    filterset = ModuleFilter(
        request.GET or None, queryset=selectors.module_list(programme=programme)
    )
    return render(
        request,
        "training/module_list.html",
        {
            "programme": programme,
            "filter": filterset,
            "page": _page(request, filterset.qs),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "training:module_list",
        },
    )


def _module_form(request: HttpRequest, programme: Programme, module=None) -> HttpResponse:
    def save(data):
        fields = {k: v for k, v in data.items() if k != "trainers"}
        if module is None:
            return services.module_create(
                actor=request.user, programme=programme, trainers=data["trainers"], **fields
            )
        return services.module_update(
            actor=request.user, module=module, trainers=data["trainers"], **fields
        )

    def saved(saved_module):
        messages.success(request, _("Module saved."))
        return redirect(saved_module)

    return submit(
        request,
        ModuleForm(form_data(request), instance=module, programme=programme),
        save,
        saved,
        template="training/module_form.html",
        context={"programme": programme, "module": module, "tab": "training:module_list"},
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def module_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _module_form(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def module_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    module = selectors.module_get(programme=programme, pk=pk)
    return _module_form(request, programme, module)


@require_GET
@programme_view(VIEW)
def module_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    module = selectors.module_get(programme=programme, pk=pk)
    sessions = selectors.session_list_visible_to(
        user=request.user, programme=programme, module=module
    )
    return render(
        request,
        "training/module_detail.html",
        {
            "programme": programme,
            "module": module,
            "sessions": sessions,
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "training:module_list",
        },
    )


# --- Sessions and company visits ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def session_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    module = selectors.module_get(programme=programme, pk=pk)
    initial = {"title": module.title, "timezone": programme.timezone}
    if module.format == "company_visit":
        initial["kind"] = "company_visit"

    def scheduled(session):
        messages.success(request, _("Session scheduled."))
        return redirect(session)

    return submit(
        request,
        SessionForm(form_data(request), initial=initial),
        lambda data: services.session_create(
            actor=request.user, module=module, timezone=programme.timezone, **data
        ),
        scheduled,
        template="training/session_form.html",
        context={"programme": programme, "module": module, "tab": "training:module_list"},
    )


def _session_or_login(request: HttpRequest, programme: Programme, pk: int):
    try:
        return selectors.session_get_visible(user=request.user, programme=programme, pk=pk)
    except Http404:
        if not request.user.is_authenticated:
            return None
        raise


@require_GET
@programme_view(VIEW)
def session_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = _session_or_login(request, programme, pk)
    if session is None:
        return redirect_to_login(request.get_full_path())
    return render(
        request, "training/session_detail.html", _session_context(request, programme, session)
    )


def _session_context(request: HttpRequest, programme: Programme, session) -> dict:
    user = request.user
    registration = selectors.registration_of(user=user, session=session)
    is_member = user.has_perm(LIBRARY, programme)
    can_manage = user.has_perm(MANAGE, programme)
    feedback = getattr(registration, "training_feedback", None) if registration else None
    return {
        "programme": programme,
        "session": session,
        "event": session.event,
        "module": session.module,
        "registration": registration,
        "position": waitlist_position(registration) if registration else None,
        "register_form": RegisterForm(),
        "outputs": selectors.session_outputs(session) if is_member else [],
        "output_form": OutputForm() if can_manage else None,
        "can_manage": can_manage,
        "online_link": online_link_for(session.event, user=user),
        "feedback": feedback,
        "can_give_feedback": bool(
            registration
            and registration.attended
            and registration.status == RegistrationStatus.CONFIRMED
            and feedback is None
        ),
        "feedback_list": selectors.feedback_for_session(session) if can_manage else [],
        "tab": "training:module_list",
    }


@require_POST
@programme_view(LIBRARY)
def session_register(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = selectors.session_get_visible(user=request.user, programme=programme, pk=pk)

    def registered(registration):
        if registration.status == RegistrationStatus.CONFIRMED:
            messages.success(request, _("You are enrolled. See you there!"))
        else:
            messages.warning(
                request,
                _(
                    "The session is full, so you are on the waitlist. We will e-mail you if a "
                    "seat frees up."
                ),
            )
        return redirect(session)

    return submit(
        request,
        RegisterForm(request.POST),
        lambda data: services.session_register(
            user=request.user,
            session=session,
            confidentiality_confirmed=data.get("confirm", False),
        ),
        registered,
        template="training/session_detail.html",
        context=_session_context(request, programme, session),
        form_name="register_form",
    )


@require_POST
@programme_view(MANAGE)
def output_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = selectors.session_get_visible(user=request.user, programme=programme, pk=pk)

    def archived(_output):
        messages.success(request, _("Output archived."))
        return redirect(session)

    return submit(
        request,
        OutputForm(request.POST, request.FILES),
        lambda data: services.session_output_add(
            actor=request.user,
            session=session,
            kind=data["kind"],
            title=data["title"],
            file=data.get("file"),
            content_type=data.get("content_type", ""),
            url=data.get("url", ""),
            alt_text=data.get("alt_text", ""),
        ),
        archived,
        template="training/session_detail.html",
        context=_session_context(request, programme, session),
        form_name="output_form",
    )


@require_GET
@programme_view(LIBRARY)
def output_file(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    output = selectors.output_get_visible(user=request.user, programme=programme, pk=pk)
    return _file_response(request, output.file, output.content_type, f"output-{output.pk}")


def _file_response(request, field, content_type: str, name: str) -> HttpResponse:
    if not field:
        raise Http404
    extension = field.name.rsplit(".", 1)[-1]
    return serve_upload(
        request,
        field,
        content_type=content_type,
        filename=f"{name}.{extension}",
        inline=content_type.startswith("image/"),
    )


@require_http_methods(["GET", "POST"])
@programme_view(LEARN)
def feedback(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    session = selectors.session_get_visible(user=request.user, programme=programme, pk=pk)
    require(
        request.user, has_attended, session, denied=_("Only people who attended can give feedback.")
    )
    registration = selectors.registration_of(user=request.user, session=session)
    form_class = ReflectionForm if session.is_visit else FeedbackForm

    def thanked(_feedback):
        messages.success(request, _("Thank you for your feedback."))
        return redirect(session)

    return submit(
        request,
        form_class(form_data(request)),
        lambda data: services.feedback_submit(user=request.user, session=session, **data),
        thanked,
        template="training/feedback_form.html",
        context={
            "programme": programme,
            "session": session,
            "already": hasattr(registration, "training_feedback"),
            "tab": "training:module_list",
        },
    )


# --- Materials library -------------------------------------------------------------------------


@require_GET
@programme_view(LIBRARY)
def material_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    user = request.user
    filterset = MaterialFilter(
        request.GET or None, queryset=selectors.material_list(user=user, programme=programme)
    )
    learner = user.has_perm(LEARN, programme)
    return render(
        request,
        "training/material_list.html",
        {
            "programme": programme,
            "filter": filterset,
            "page": _page(request, filterset.qs),
            "learner": learner,
            "progress": selectors.progress_per_dimension(
                user=user, programme=programme, sector=_participant_sector(user, programme)
            )
            if learner
            else [],
            "can_manage": user.has_perm(MANAGE, programme),
            "tab": "training:material_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def material_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def added(_material):
        messages.success(request, _("Material added to the library."))
        return redirect("training:material_list", slug=programme.slug)

    return submit(
        request,
        MaterialForm(form_data(request), form_files(request)),
        lambda data: services.material_create(actor=request.user, programme=programme, **data),
        added,
        template="training/material_form.html",
        context={"programme": programme, "tab": "training:material_list"},
    )


@require_GET
@programme_view(LIBRARY)
def material_file(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    material = selectors.material_get(user=request.user, programme=programme, pk=pk)
    return _file_response(request, material.file, material.content_type, f"material-{material.pk}")


@require_POST
@programme_view(LEARN)
def material_done(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    material = selectors.material_get(user=request.user, programme=programme, pk=pk)
    done = request.POST.get("done", "1") != "0"
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("training:material_list", args=[programme.slug])
    return act(
        request,
        lambda: services.material_complete(user=request.user, material=material, done=done),
        done=(_("“%(title)s” marked as done.") if done else _("“%(title)s” marked as not done."))
        % {"title": material.title},
        to=target,
    )


# --- My learning and certificates --------------------------------------------------------------


@require_GET
@programme_view(LEARN)
def my_learning(request: HttpRequest, programme: Programme) -> HttpResponse:
    user = request.user
    sector = _participant_sector(user, programme)
    return render(
        request,
        "training/my_learning.html",
        {
            "programme": programme,
            "scores": selectors.scores_labelled(
                selectors.checklist_scores_for(user=user, programme=programme)
            ),
            "path": selectors.learning_path_for(user=user, programme=programme, sector=sector),
            "progress": selectors.progress_per_dimension(
                user=user, programme=programme, sector=sector
            ),
            "attended": selectors.attended_sessions_for(user=user, programme=programme),
            "certificate": selectors.certificate_for(user=user, programme=programme),
            "tab": "training:my_learning",
        },
    )


@require_POST
@programme_view(LEARN)
def certificate_issue(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Issue (or bring up to date) the certificate; downloading it is a separate GET."""
    return act(
        request,
        lambda: services.certificate_issue(user=request.user, programme=programme),
        done=_("Your certificate of attendance is ready to download."),
        to="training:my_learning",
        to_kwargs={"slug": programme.slug},
    )


@require_GET
@programme_view(LEARN)
def certificate_pdf(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Download the certificate already issued; a GET never issues one."""
    certificate = selectors.certificate_for(user=request.user, programme=programme)
    if certificate is None:
        messages.info(request, _("Issue your certificate of attendance first."))
        return redirect("training:my_learning", slug=programme.slug)
    pdf = render_pdf("training/pdf/certificate.html", certificate_context(certificate))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.code}.pdf"'
    return response


@require_GET
def certificate_verify(request: HttpRequest) -> HttpResponse:
    """Public: anyone holding a certificate's code can check that it is genuine."""
    form = VerifyForm(request.GET or None)
    certificate = None
    checked = False
    status = 200
    if request.GET:
        if form.is_valid():
            checked = True
            certificate = selectors.certificate_get_by_code(form.cleaned_data["code"])
            if certificate is None:
                status = 404
        else:
            status = 400
    return render(
        request,
        "training/certificate_verify.html",
        {"form": form, "certificate": certificate, "checked": checked},
        status=status,
    )
