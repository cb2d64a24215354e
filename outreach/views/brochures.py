"""Views of the brochures: list, edit, publish, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.viewutils import form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import (
    BrochureForm,
)
from .common import MANAGE, VIEW

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

    def save(data):
        chosen = set(data["stories"])
        return services.brochure_save(
            actor=request.user,
            programme=programme,
            brochure=brochure,
            practices=[p for p in practices if p in chosen],
            **{name: data[name] for name in BrochureForm.Meta.fields},
        )

    def saved(saved_brochure):
        messages.success(request, _("Brochure saved; its PDF is rebuilt on the next download."))
        return redirect("outreach:brochure_edit", slug=programme.slug, pk=saved_brochure.pk)

    return submit(
        request,
        BrochureForm(form_data(request), instance=brochure, practices=practices),
        save,
        saved,
        template="outreach/brochure_form.html",
        context={"programme": programme, "brochure": brochure, "tab": "outreach:brochure_list"},
    )


def _brochure_action(request: HttpRequest, programme: Programme, pk: int, verb: str):
    """A button of the brochure's edit page (``outreach.brochure_<verb>``): the declaration
    says who may, and when; drafts others may not see are 404."""
    if not request.user.is_authenticated:
        return deny(request)
    brochure = selectors.brochure_get_visible(user=request.user, programme=programme, pk=pk)
    return action_view(request, brochure, verb)


@require_POST
@programme_view(VIEW)
def brochure_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _brochure_action(request, programme, pk, "publish")


@require_POST
@programme_view(VIEW)
def brochure_unpublish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _brochure_action(request, programme, pk, "unpublish")


@require_GET
@programme_view(VIEW)
def brochure_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    brochure = selectors.brochure_get_visible(user=request.user, programme=programme, pk=pk)
    pdf = services.brochure_render(brochure=brochure)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="brochure-{brochure.pk}.pdf"'
    return response
