"""Views of the pilot actions: stages, publication, peer comments, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text as _text
from collider.viewutils import form_data as _data
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..enums import PilotStage
from ..forms import (
    PeerCommentForm,
    PilotActionForm,
)
from ..rules import can_peer_comment
from .common import _render

# --- Pilot actions ----------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    stage = request.GET.get("stage", "")
    pilots = selectors.pilot_list_visible_to(user=request.user, programme=programme)
    if stage in PilotStage.values:
        pilots = pilots.filter(stage=stage)
    return _render(
        request,
        "tandems/pilot_list.html",
        {
            "programme": programme,
            "page": _page(request, pilots.order_by("-updated_at", "pk")),
            "stage": stage,
            "stages": PilotStage.choices,
            "tab": "tandems:pilot_list",
        },
    )


@require_GET
@programme_view("tandems.view_toolbox")
def toolbox(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _render(
        request,
        "tandems/toolbox.html",
        {
            "programme": programme,
            "page": _page(request, selectors.toolbox_list(user=request.user, programme=programme)),
            "tab": "tandems:toolbox",
        },
    )


def _pilot_visible(request, programme, pk):
    try:
        return selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    except Http404:
        if not request.user.is_authenticated:
            return None
        raise


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None:
        return deny(request)
    return _render(request, "tandems/pilot_detail.html", _pilot_context(request, pilot))


def _pilot_context(request, pilot, comment_form=None) -> dict:
    next_stage = PilotStage.next_of(pilot.stage)
    return {
        "programme": pilot.programme,
        "pilot": pilot,
        "next_stage": next_stage,
        "next_stage_label": PilotStage(next_stage).label if next_stage else "",
        "gate_missing": services.pilot_gate_missing(pilot, next_stage) if next_stage else [],
        "comments": list(pilot.peer_comments.select_related("author", "author_programme")),
        "comment_form": comment_form or PeerCommentForm(),
        "stages": PilotStage.choices,
        "tab": "tandems:pilot_list",
    }


def _pilot_form_view(request, programme, pilot=None):
    form = PilotActionForm(_data(request), instance=pilot, programme=programme)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            partners = list(data.pop("partners"))
            try:
                if pilot is None:
                    saved = services.pilot_action_create(
                        actor=request.user, programme=programme, partners=partners, **data
                    )
                else:
                    saved = services.pilot_action_update(
                        actor=request.user,
                        pilot=pilot,
                        partners=partners,
                        based_on=form.cleaned_data["based_on"],
                        **data,
                    )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Pilot action saved."))
                return redirect(saved)
        status = 400
    return _render(
        request,
        "tandems/pilot_form.html",
        {"programme": programme, "form": form, "pilot": pilot, "tab": "tandems:pilot_list"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_pilot")
def pilot_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _pilot_form_view(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_pilot")
def pilot_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    return _pilot_form_view(request, programme, pilot)


@require_POST
@programme_view("tandems.manage_pilot")
def pilot_advance(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    try:
        pilot = services.pilot_action_advance(
            actor=request.user, pilot=pilot, to_stage=request.POST.get("to_stage", "")
        )
    except ValidationError as error:
        messages.error(request, _text(error))
        return _render(
            request, "tandems/pilot_detail.html", _pilot_context(request, pilot), status=400
        )
    messages.success(
        request, _("Moved to stage: %(stage)s.") % {"stage": pilot.get_stage_display()}
    )
    return redirect(pilot)


@require_POST
@programme_view("tandems.manage_pilot")
def pilot_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    try:
        services.pilot_action_publish(
            actor=request.user, pilot=pilot, published=request.POST.get("published") == "1"
        )
    except ValidationError as error:
        messages.error(request, _text(error))
        return _render(
            request, "tandems/pilot_detail.html", _pilot_context(request, pilot), status=400
        )
    messages.success(request, _("Toolbox visibility saved."))
    return redirect(pilot)


@require_POST
@programme_view("tandems.view_toolbox")
def pilot_comment(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None or not can_peer_comment.test(request.user, pilot):
        return deny(request)
    form = PeerCommentForm(request.POST)
    if form.is_valid():
        try:
            services.peer_comment_create(
                actor=request.user, pilot=pilot, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Thank you for your peer comment."))
            return redirect(pilot)
    return _render(
        request, "tandems/pilot_detail.html", _pilot_context(request, pilot, form), status=400
    )


def pilot_pdf_context(pilot) -> dict:
    """Pure context for the pilot action sheet."""
    return {
        "programme": pilot.programme,
        "pilot": pilot,
        "partners": list(pilot.partners.all()),
        "generated_at": timezone.now(),
    }


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None:
        return deny(request)
    pdf = render_pdf("tandems/pdf/pilot_action.html", pilot_pdf_context(pilot))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pilot-action-{pilot.pk}.pdf"'
    return response
