"""Views of a programme: its page, one-pager, application, phases and activity."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
)

from .. import selectors, services
from ..access import programme_view
from ..enums import MembershipStatus, Role
from ..forms import (
    ApplicationForm,
    PhaseFormSet,
)
from ..models import Membership, Programme
from ..pdf import render_pdf
from ..viewutils import error_text as _error_text
from ..viewutils import paginate as _page

# --- Programme ---------------------------------------------------------------------------------


@require_GET
@programme_view("collider.view_programme")
def programme_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    membership = None
    if request.user.is_authenticated:
        membership = Membership.objects.filter(
            programme=programme, user=request.user, role=Role.PARTICIPANT
        ).first()
    phases = selectors.programme_phases(programme)
    return render(
        request,
        "collider/programme_detail.html",
        {
            "programme": programme,
            "phases": phases,
            "current_phases": services.phases_current(programme, phases),
            "partners": selectors.programme_partner_organisations(programme),
            "events": selectors.upcoming_events_for(user=request.user, programme=programme),
            "counts": selectors.membership_counts(programme),
            "membership": membership,
        },
    )


def programme_onepager_context(programme: Programme, user) -> dict:
    """Pure context for the one-pager PDF."""
    phases = selectors.programme_phases(programme)
    return {
        "programme": programme,
        "phases": phases,
        "current_phases": services.phases_current(programme, phases),
        "partners": list(selectors.programme_partner_organisations(programme)),
        "events": selectors.upcoming_events_for(user=user, programme=programme, limit=5),
        "counts": selectors.membership_counts(programme),
        "generated_at": timezone.now(),
    }


@require_GET
@programme_view("collider.view_programme")
def programme_onepager(request: HttpRequest, programme: Programme) -> HttpResponse:
    pdf = render_pdf(
        "pdf/programme_onepager.html", programme_onepager_context(programme, request.user)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-one-pager.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@programme_view("collider.apply_programme")
def programme_apply(request: HttpRequest, programme: Programme) -> HttpResponse:
    existing = Membership.objects.filter(
        programme=programme, user=request.user, role=Role.PARTICIPANT
    ).first()
    if existing and existing.status in {MembershipStatus.APPLIED, MembershipStatus.APPROVED}:
        messages.info(request, _("You have already applied to this programme."))
        return redirect(programme)
    form = ApplicationForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    organisation = data["organisation"]
                    if data["new_organisation_name"]:
                        organisation = services.organisation_create(
                            creator=request.user,
                            name=data["new_organisation_name"],
                            kind=data["new_organisation_kind"],
                            sector=data["sector"],
                            country=data["new_organisation_country"],
                            website=data["new_organisation_website"],
                        )
                    services.membership_apply(
                        user=request.user,
                        programme=programme,
                        sector=data["sector"],
                        motivation=data["motivation"],
                        organisation=organisation,
                    )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("Thank you! Your application was sent to the tandem partners."),
                )
                return redirect(programme)
        else:
            status = 400
    return render(
        request,
        "collider/programme_apply.html",
        {"programme": programme, "form": form, "previous": existing},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def programme_phases(request: HttpRequest, programme: Programme) -> HttpResponse:
    queryset = programme.phases.order_by("id")
    formset = PhaseFormSet(request.POST or None, queryset=queryset)
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            changes = {
                form.instance.phase: {
                    name: form.cleaned_data[name] for name in form.fields if name != "id"
                }
                for form in formset.forms
            }
            try:
                services.programme_phases_update(
                    actor=request.user, programme=programme, changes=changes
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
                status = 400
            else:
                messages.success(request, _("Phase timeline saved."))
                return redirect("collider:programme_phases", slug=programme.slug)
        else:
            status = 400
    return render(
        request,
        "collider/programme_phases.html",
        {"programme": programme, "formset": formset, "tab": "phases"},
        status=status,
    )


@require_GET
@programme_view("collider.view_audit")
def programme_activity(request: HttpRequest, programme: Programme) -> HttpResponse:
    entries = selectors.ActivityTimeline(programme=programme)
    return render(
        request,
        "collider/programme_activity.html",
        {"programme": programme, "page": _page(request, entries, 50), "tab": "activity"},
    )
