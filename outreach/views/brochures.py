"""Views of the brochures: list, edit, publish, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.viewutils import error_text as _error_text
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
