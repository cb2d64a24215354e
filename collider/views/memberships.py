"""Views of programme management by partners: memberships and invitations."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from .. import selectors, services
from ..access import deny, programme_view
from ..actions import NoFields, action_view
from ..enums import MembershipStatus, Role, Sector
from ..forms import InvitationForm
from ..models import Programme
from ..pagecache import cached_page
from ..viewutils import form_data, submit
from ..viewutils import paginate as _page

# --- Programme management (partners) ------------------------------------------------------


@cached_page
@require_GET
@programme_view("collider.manage_programme")
def programme_manage(request: HttpRequest, programme: Programme) -> HttpResponse:
    filters = {
        "role": request.GET.get("role", ""),
        "status": request.GET.get("status", ""),
        "sector": request.GET.get("sector", ""),
        "query": request.GET.get("q", "").strip(),
    }
    memberships = selectors.membership_list(programme=programme, **filters)
    return render(
        request,
        "collider/programme_manage.html",
        {
            "programme": programme,
            "page": _page(request, memberships),
            "filters": filters,
            "counts": selectors.membership_counts(programme),
            "roles": Role.choices,
            "statuses": MembershipStatus.choices,
            "sectors": Sector.choices,
            "tab": "members",
        },
    )


def _decision(request: HttpRequest, programme: Programme, pk: int, verb: str) -> HttpResponse:
    """The approve and reject buttons (``collider.membership_<verb>``): the declaration says
    who may, and when. ``next`` keeps the partner's filters; only a path on this site is
    followed."""
    if not request.user.is_authenticated:
        return deny(request)  # to log in, before telling whether the application exists
    membership = selectors.membership_get(programme=programme, pk=pk)
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("collider:programme_manage", args=[programme.slug])
    decided = _("%(name)s was approved.") if verb == "approve" else _("%(name)s was rejected.")
    return action_view(
        request,
        membership,
        verb,
        next_url=lambda _membership, _result: next_url,
        done=lambda _result: decided % {"name": membership.user},
    )


@require_POST
@programme_view("collider.view_programme")
def membership_approve(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _decision(request, programme, pk, "approve")


@require_POST
@programme_view("collider.view_programme")
def membership_reject(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _decision(request, programme, pk, "reject")


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def invitation_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    def sent(invitation):
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": invitation.email})
        return redirect("collider:invitation_list", slug=programme.slug)

    return submit(
        request,
        InvitationForm(form_data(request)),
        lambda data: services.invitation_create(actor=request.user, programme=programme, **data),
        sent,
        template="collider/invitation_list.html",
        context={
            "programme": programme,
            "page": _page(request, selectors.invitation_list(programme=programme)),
            "tab": "invitations",
        },
    )


@require_POST
@programme_view("collider.view_programme")
def invitation_revoke(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The button of ``collider.invitation_revoke``: its declaration says who may, and when."""
    if not request.user.is_authenticated:
        return deny(request)  # to log in, before telling whether the invitation exists
    invitation = get_object_or_404(selectors.invitation_list(programme=programme), pk=pk)
    return action_view(request, invitation, "revoke")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_get_by_token(token)

    def welcomed(_membership) -> HttpResponse:
        messages.success(
            request,
            _("Welcome! You are now %(role)s in %(programme)s.")
            % {"role": invitation.get_role_display(), "programme": invitation.programme},
        )
        return redirect(invitation.programme)

    # Refused (no longer open: 400; sent to another address: 403): the page says why.
    return submit(
        request,
        NoFields(form_data(request)),
        lambda _data: services.invitation_accept(user=request.user, invitation=invitation),
        welcomed,
        template="collider/invitation_accept.html",
        context={"invitation": invitation},
    )
