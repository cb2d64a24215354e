"""Views of the tandem and its partner organisations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collider.access import programme_view
from collider.models import Programme
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import form_data as _data

from .. import selectors, services
from ..forms import (
    TandemPartnerForm,
)
from .common import _render

# --- Tandem -----------------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_tandem")
def tandem_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    partners = selectors.tandem_partner_list(programme=programme)
    versions = selectors.charter_versions(programme=programme)
    status = selectors.charter_status(versions[0] if versions else None, partners)
    overdue = selectors.task_list(programme=programme, overdue=True).count()
    return _render(
        request,
        "tandems/tandem_detail.html",
        {
            "programme": programme,
            "partners": partners,
            "charter": status,
            "overdue_count": overdue,
            "meetings": selectors.upcoming_meeting_events(programme=programme),
            "joinable": selectors.organisations_joinable(programme=programme).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def tandem_partner_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    organisations = selectors.organisations_joinable(programme=programme)
    form = TandemPartnerForm(_data(request), organisations=organisations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.tandem_partner_add(actor=request.user, programme=programme, **data)
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(
                    request, _("%(org)s joined the tandem.") % {"org": data["organisation"]}
                )
                return redirect("tandems:tandem_detail", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/partner_form.html",
        {"programme": programme, "form": form, "partner": None},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def tandem_partner_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    partner = selectors.tandem_partner_get(programme=programme, pk=pk)
    form = TandemPartnerForm(_data(request), instance=partner, organisations=None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.tandem_partner_update(
                    actor=request.user,
                    partner=selectors.tandem_partner_get(programme=programme, pk=pk),
                    **form.cleaned_data,
                )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Partner profile saved."))
                return redirect("tandems:tandem_detail", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/partner_form.html",
        {"programme": programme, "form": form, "partner": partner},
        status=status,
    )
