"""Views of a programme: its page, one-pager, application, phases and activity."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
)

from .. import selectors, services
from ..access import programme_view
from ..actions import NoFields
from ..enums import MembershipStatus, Role
from ..forms import (
    ApplicationForm,
    PhaseFormSet,
)
from ..models import Membership, Programme
from ..pagecache import cached_page
from ..pdf import render_pdf
from ..viewutils import form_data, submit
from ..viewutils import paginate as _page
from .setup import in_setup, wizard_context

# --- Programme ---------------------------------------------------------------------------------


@cached_page
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

    def apply(data):
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
            return services.membership_apply(
                user=request.user,
                programme=programme,
                sector=data["sector"],
                motivation=data["motivation"],
                organisation=organisation,
            )

    def applied(_membership):
        messages.success(request, _("Thank you! Your application was sent to the tandem partners."))
        return redirect(programme)

    return submit(
        request,
        ApplicationForm(form_data(request), user=request.user),
        apply,
        applied,
        template="collider/programme_apply.html",
        context={"programme": programme, "previous": existing},
    )


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def programme_phases(request: HttpRequest, programme: Programme) -> HttpResponse:
    formset = PhaseFormSet(form_data(request), queryset=programme.phases.order_by("id"))

    def save(_data):
        changes = {
            form.instance.phase: {
                name: form.cleaned_data[name] for name in form.fields if name != "id"
            }
            for form in formset.forms
        }
        services.programme_phases_update(actor=request.user, programme=programme, changes=changes)

    def saved(_result):
        messages.success(request, _("Phase timeline saved."))
        if in_setup(request):  # the wizard goes on to the partner organisations
            return redirect(
                reverse("collider:programme_partners", args=[programme.slug]) + "?setup=1"
            )
        return redirect("collider:programme_phases", slug=programme.slug)

    # The formset is validated here; a refusal of the service shows above it.
    return submit(
        request,
        NoFields(form_data(request)),
        save,
        saved,
        template="collider/programme_phases.html",
        context={
            "programme": programme,
            "formset": formset,
            "tab": "phases",
            **wizard_context(request, 2),
        },
        form_name="refusal",
        valid=request.method == "POST" and formset.is_valid(),
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
