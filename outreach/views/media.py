"""Views of the media log: commitments, commit, publish."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.enums import MembershipStatus, Role
from collider.models import Programme, User
from collider.viewutils import form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..enums import (
    MediaStatus,
)
from ..forms import (
    MediaCommitmentForm,
    MediaPublishForm,
)
from .common import MANAGE

# --- Media log ----------------------------------------------------------------------------------


def _partners(programme: Programme):
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def _saved(request: HttpRequest, programme: Programme, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("outreach:media_list", slug=programme.slug)


@require_GET
@programme_view(MANAGE)
def media_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in MediaStatus.values:
        status = ""
    return render(
        request,
        "outreach/media_list.html",
        {
            "programme": programme,
            "page": _page(request, selectors.media_list(programme=programme, status=status)),
            "summary": selectors.media_summary(programme=programme),
            "status": status,
            "statuses": MediaStatus.choices,
            "tab": "outreach:media_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def media_edit(request: HttpRequest, programme: Programme, pk: int | None = None) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk) if pk is not None else None

    def save(data):
        fields = {n: data[n] for n in MediaCommitmentForm.Meta.fields}
        if item is None:
            return services.media_commitment_create(
                actor=request.user, programme=programme, **fields
            )
        return services.media_commitment_update(actor=request.user, item=item, **fields)

    return submit(
        request,
        MediaCommitmentForm(
            form_data(request),
            instance=item,
            partners=_partners(programme),
            initial={"responsible": request.user.pk},
        ),
        save,
        lambda _item: _saved(request, programme, _("Media contact saved.")),
        template="outreach/media_form.html",
        context={"programme": programme, "item": item, "tab": "outreach:media_list"},
    )


@require_POST
@programme_view("outreach.view_library")
def media_commit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The button of ``outreach.media_commit``. The media log is the partners' record: to
    everyone else its rows do not exist."""
    if not request.user.is_authenticated:
        return deny(request)
    if not request.user.has_perm(MANAGE, programme):
        raise Http404
    return action_view(request, selectors.media_get(programme=programme, pk=pk), "commit")


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def media_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk)
    return submit(
        request,
        MediaPublishForm(form_data(request)),
        lambda data: services.media_commitment_publish(actor=request.user, item=item, **data),
        lambda _item: _saved(request, programme, _("Publication recorded.")),
        template="outreach/media_publish.html",
        context={"programme": programme, "item": item, "tab": "outreach:media_list"},
    )
