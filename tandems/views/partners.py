"""Views of the tandem and its partner organisations."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collider.access import programme_view
from collider.models import Programme
from collider.viewutils import form_data, submit

from .. import selectors, services
from ..forms import (
    TandemPartnerForm,
)
from .common import TAB

# --- Tandem -----------------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_tandem")
def tandem_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    partners = selectors.tandem_partner_list(programme=programme)
    versions = selectors.charter_versions(programme=programme)
    status = selectors.charter_status(versions[0] if versions else None, partners)
    overdue = selectors.task_list(programme=programme, overdue=True).count()
    return render(
        request,
        "tandems/tandem_detail.html",
        {
            "programme": programme,
            "partners": partners,
            "charter": status,
            "overdue_count": overdue,
            "meetings": selectors.upcoming_meeting_events(programme=programme),
            "joinable": selectors.organisations_joinable(programme=programme).exists(),
            "tab": TAB,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def tandem_partner_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    organisations = selectors.organisations_joinable(programme=programme)

    def added(partner):
        messages.success(request, _("%(org)s joined the tandem.") % {"org": partner.organisation})
        return redirect("tandems:tandem_detail", slug=programme.slug)

    return submit(
        request,
        TandemPartnerForm(form_data(request), organisations=organisations),
        lambda data: services.tandem_partner_add(actor=request.user, programme=programme, **data),
        added,
        template="tandems/partner_form.html",
        context={"programme": programme, "partner": None, "tab": TAB},
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def tandem_partner_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    partner = selectors.tandem_partner_get(programme=programme, pk=pk)

    def saved(_partner):
        messages.success(request, _("Partner profile saved."))
        return redirect("tandems:tandem_detail", slug=programme.slug)

    return submit(
        request,
        TandemPartnerForm(form_data(request), instance=partner, organisations=None),
        lambda data: services.tandem_partner_update(
            actor=request.user,
            partner=selectors.tandem_partner_get(programme=programme, pk=pk),
            **data,
        ),
        saved,
        template="tandems/partner_form.html",
        context={"programme": programme, "partner": partner, "tab": TAB},
    )
