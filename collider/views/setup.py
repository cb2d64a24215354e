"""The programme wizard: a platform admin creates a programme (step 1), adjusts its six phases
(step 2, the phase timeline page) and names the tandem's partner organisations with the people
invited to represent them (step 3, the partner organisations page). Each step writes through
its service at once, so a stale or repeated step never loses or doubles what an earlier one did;
``?setup=1`` only adds the step bar and sends each step on to the next."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import selectors, services
from ..access import permission_view, programme_view
from ..forms import PartnerInvitationForm, ProgrammeCreateForm
from ..models import Programme
from ..viewutils import form_data, submit

STEPS = (
    gettext_lazy("Programme"),
    gettext_lazy("Phases"),
    gettext_lazy("Partner organisations"),
)


def wizard_context(request: HttpRequest, step: int) -> dict:
    """The step bar's context, for the wizard's pages (none outside the wizard)."""
    if step != 1 and request.GET.get("setup") != "1":
        return {}
    return {"wizard": {"step": step, "steps": list(enumerate(STEPS, start=1))}}


def in_setup(request: HttpRequest) -> bool:
    return request.GET.get("setup") == "1"


@permission_view(
    "collider.add_programme", denied=gettext_lazy("Only platform admins create programmes.")
)
@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    def created(programme: Programme):
        messages.success(
            request,
            _("%(name)s was created with its six phases. Check their dates.")
            % {"name": programme.name},
        )
        return redirect(reverse("collider:programme_phases", args=[programme.slug]) + "?setup=1")

    return submit(
        request,
        ProgrammeCreateForm(form_data(request)),
        lambda data: services.programme_setup(actor=request.user, **data),
        created,
        template="collider/programme_create.html",
        context=wizard_context(request, 1),
    )


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def programme_partners(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PartnerInvitationForm(
        form_data(request),
        organisations=selectors.partner_organisations_pickable(
            user=request.user, programme=programme
        ),
    )

    def sent(invitation):
        messages.success(
            request,
            _("%(organisation)s is a partner organisation; an invitation went to %(email)s.")
            % {"organisation": invitation.organisation, "email": invitation.email},
        )
        url = reverse("collider:programme_partners", args=[programme.slug])
        return redirect(url + ("?setup=1" if in_setup(request) else ""))

    return submit(
        request,
        form,
        lambda _data: services.programme_partner_invite(
            actor=request.user, programme=programme, **form.service_arguments()
        ),
        sent,
        template="collider/programme_partners.html",
        context={
            "programme": programme,
            "invitations": list(selectors.partner_invitation_list(programme=programme)),
            "partners": list(selectors.programme_partner_organisations(programme)),
            "tab": "partners",
            **wizard_context(request, 3),
        },
    )
