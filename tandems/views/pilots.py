"""Views of the pilot actions: stages, publication, peer comments, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.viewutils import act, form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..enums import PilotStage
from ..forms import (
    PeerCommentForm,
    PilotActionForm,
    PilotAdvanceForm,
)
from ..rules import can_peer_comment

# --- Pilot actions ----------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    stage = request.GET.get("stage", "")
    pilots = selectors.pilot_list_visible_to(user=request.user, programme=programme)
    if stage in PilotStage.values:
        pilots = pilots.filter(stage=stage)
    return render(
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
    return render(
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
    return render(request, "tandems/pilot_detail.html", _pilot_context(request, pilot))


def _pilot_context(request, pilot) -> dict:
    next_stage = PilotStage.next_of(pilot.stage)
    return {
        "programme": pilot.programme,
        "pilot": pilot,
        "next_stage": next_stage,
        "next_stage_label": PilotStage(next_stage).label if next_stage else "",
        "gate_missing": services.pilot_gate_missing(pilot, next_stage) if next_stage else [],
        "comments": list(pilot.peer_comments.select_related("author", "author_programme")),
        "comment_form": PeerCommentForm(),
        "stages": PilotStage.choices,
        "tab": "tandems:pilot_list",
    }


def _pilot_form(request, pilot, form, form_name: str, perform, done):
    """A form of the pilot page: saved, it says ``done(result)``; refused, the page shows
    again with the reason and a 400/403."""

    def saved(result):
        messages.success(request, done(result))
        return redirect(pilot)

    return submit(
        request,
        form,
        perform,
        saved,
        template="tandems/pilot_detail.html",
        context=_pilot_context(request, pilot),
        form_name=form_name,
    )


def _pilot_form_view(request, programme, pilot=None):
    def save(data):
        fields = {name: data[name] for name in PilotActionForm.Meta.fields}
        partners = list(fields.pop("partners"))
        if pilot is None:
            return services.pilot_action_create(
                actor=request.user, programme=programme, partners=partners, **fields
            )
        return services.pilot_action_update(
            actor=request.user,
            pilot=pilot,
            partners=partners,
            based_on=data["based_on"],
            **fields,
        )

    def saved(saved_pilot):
        messages.success(request, _("Pilot action saved."))
        return redirect(saved_pilot)

    return submit(
        request,
        PilotActionForm(form_data(request), instance=pilot, programme=programme),
        save,
        saved,
        template="tandems/pilot_form.html",
        context={"programme": programme, "pilot": pilot, "tab": "tandems:pilot_list"},
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
    return _pilot_form(
        request,
        pilot,
        PilotAdvanceForm(request.POST),
        "stage_form",
        lambda data: services.pilot_action_advance(
            actor=request.user, pilot=pilot, to_stage=data["to_stage"]
        ),
        lambda moved: _("Moved to stage: %(stage)s.") % {"stage": moved.get_stage_display()},
    )


@require_POST
@programme_view("tandems.manage_pilot")
def pilot_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    published = request.POST.get("published") == "1"
    return act(
        request,
        lambda: services.pilot_action_publish(actor=request.user, pilot=pilot, published=published),
        done=_("Toolbox visibility saved."),
        to=pilot,
    )


@require_POST
@programme_view("tandems.view_toolbox")
def pilot_action(request: HttpRequest, programme: Programme, pk: int, verb: str) -> HttpResponse:
    """The buttons of the pilot page: one declared action of ``tandems.actions`` each."""
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None:
        return deny(request)
    return action_view(request, pilot, verb)


@require_POST
@programme_view("tandems.view_toolbox")
def pilot_comment(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None or not can_peer_comment.test(request.user, pilot):
        return deny(request)
    return _pilot_form(
        request,
        pilot,
        PeerCommentForm(request.POST),
        "comment_form",
        lambda data: services.peer_comment_create(
            actor=request.user, pilot=pilot, body=data["body"]
        ),
        lambda _comment: _("Thank you for your peer comment."),
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
