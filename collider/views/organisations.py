"""Views of organisations managing their own people: members, roles, colleagues' invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import selectors, services
from ..access import require
from ..enums import OrganisationRole
from ..forms import OrganisationInvitationForm, OrganisationRoleForm
from ..viewutils import act, error_text, form_data, paginate, submit


def _require_manager(request: HttpRequest, organisation) -> None:
    require(
        request.user,
        "collider.manage_organisation",
        organisation,
        denied=_("Only the organisation's administrators manage its members."),
    )


def _managed(request: HttpRequest, pk: int):
    """The organisation, for its administrators; other members get 403, anybody else 404."""
    organisation = selectors.organisation_get_visible(user=request.user, pk=pk)
    _require_manager(request, organisation)
    return organisation


@require_GET
@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    everyone = None
    if request.user.has_perm("collider.add_programme"):  # platform admins see them all
        everyone = paginate(request, selectors.organisation_list_all(query=query))
    return render(
        request,
        "collider/organisation_list.html",
        {
            "organisations": list(selectors.organisations_of(request.user)),
            "page": everyone,
            "query": query,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisation's members; its administrators invite colleagues here (the POST)."""
    organisation = selectors.organisation_get_visible(user=request.user, pk=pk)
    can_manage = request.user.has_perm("collider.manage_organisation", organisation)
    if request.method == "POST":
        _require_manager(request, organisation)

    members = selectors.organisation_members(organisation)

    def sent(invitation):
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("collider:organisation_detail", pk=organisation.pk)

    return submit(
        request,
        OrganisationInvitationForm(form_data(request)),
        lambda data: services.organisation_invitation_create(
            actor=request.user, organisation=organisation, **data
        ),
        sent,
        template="collider/organisation_detail.html",
        context={
            "organisation": organisation,
            "members": members,
            "admin_count": sum(m.role == OrganisationRole.ADMIN for m in members),
            "invitations": selectors.organisation_invitations_open(organisation),
            "can_manage": can_manage,
            "roles": OrganisationRoleForm.base_fields["role"].choices,
        },
    )


@require_POST
@login_required
def organisation_member_role(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    organisation = _managed(request, pk)
    member = selectors.organisation_member_get(organisation=organisation, pk=member_pk)
    form = OrganisationRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose administrator or member."))
        return redirect("collider:organisation_detail", pk=organisation.pk)
    role = form.cleaned_data["role"]
    return act(
        request,
        lambda: services.organisation_member_set_role(actor=request.user, member=member, role=role),
        done=_("%(name)s is now %(role)s.")
        % {"name": member.user.display_name, "role": dict(form.fields["role"].choices)[role]},
        to="collider:organisation_detail",
        to_kwargs={"pk": organisation.pk},
    )


@require_POST
@login_required
def organisation_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    organisation = _managed(request, pk)
    member = selectors.organisation_member_get(organisation=organisation, pk=member_pk)
    return act(
        request,
        lambda: services.organisation_member_remove(actor=request.user, member=member),
        done=_("%(name)s was removed from %(organisation)s.")
        % {"name": member.user.display_name, "organisation": organisation.name},
        to="collider:organisation_detail",
        to_kwargs={"pk": organisation.pk},
    )


@require_POST
@login_required
def organisation_invitation_revoke(
    request: HttpRequest, pk: int, invitation_pk: int
) -> HttpResponse:
    organisation = _managed(request, pk)
    invitation = selectors.organisation_invitation_get(organisation=organisation, pk=invitation_pk)
    return act(
        request,
        lambda: services.organisation_invitation_revoke(actor=request.user, invitation=invitation),
        done=_("Invitation revoked."),
        to="collider:organisation_detail",
        to_kwargs={"pk": organisation.pk},
    )


@require_http_methods(["GET", "POST"])
@login_required
def organisation_invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.organisation_invitation_get_by_token(token)
    error = None
    if request.method == "POST":
        try:
            services.organisation_invitation_accept(user=request.user, invitation=invitation)
        except (ValidationError, PermissionDenied) as exc:
            error = error_text(exc)
        else:
            messages.success(
                request,
                _("Welcome! You are now a member of %(organisation)s.")
                % {"organisation": invitation.organisation},
            )
            return redirect("collider:organisation_detail", pk=invitation.organisation_id)
    return render(
        request,
        "collider/organisation_invitation_accept.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )
