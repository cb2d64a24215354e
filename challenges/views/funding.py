"""Funding opportunities: the list every member reads, the form the partners keep it with."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from collider.access import programme_view
from collider.models import Programme
from collider.viewutils import form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import FundingForm


@require_GET
@programme_view("challenges.view_funding")
def funding_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    organisation = selectors.organisation_of(request.user, programme)
    page = _page(request, selectors.funding_list(programme=programme))
    return render(
        request,
        "challenges/funding_list.html",
        {
            "programme": programme,
            "page": page,
            "eligible": {o.pk for o in page if o.is_eligible(organisation)}
            if organisation
            else set(),
            "organisation": organisation,
            "can_manage": request.user.has_perm("challenges.manage_funding", programme),
            "today": timezone.localdate(),
            "tab": "challenges:funding_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("challenges.manage_funding")
def funding_edit(request: HttpRequest, programme: Programme, pk: int | None = None) -> HttpResponse:
    opportunity = get_object_or_404(programme.funding_opportunities, pk=pk) if pk else None

    def success(_item) -> HttpResponse:
        messages.success(request, _("Funding opportunity saved."))
        return redirect("challenges:funding_list", slug=programme.slug)

    return submit(
        request,
        FundingForm(form_data(request), instance=opportunity),
        lambda data: services.funding_opportunity_save(
            actor=request.user, programme=programme, opportunity=opportunity, **data
        ),
        success,
        template="challenges/funding_form.html",
        context={
            "programme": programme,
            "opportunity": opportunity,
            "tab": "challenges:funding_list",
        },
    )
