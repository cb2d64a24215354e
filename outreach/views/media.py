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
from ..actions import MEDIA_PUBLISH
from ..enums import (
    MediaStatus,
)
from ..forms import (
    MediaCommitmentForm,
)
from .common import MANAGE, VIEW

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


def _media_action(request: HttpRequest, programme: Programme, pk: int, verb: str):
    """The POST of ``outreach.media_<verb>``. The media log is the partners' record: to
    everyone else its rows do not exist."""
    if not request.user.is_authenticated:
        return deny(request)
    if not request.user.has_perm(MANAGE, programme):
        raise Http404
    return action_view(request, selectors.media_get(programme=programme, pk=pk), verb)


@require_POST
@programme_view(VIEW)
def media_commit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The button of ``outreach.media_commit``."""
    return _media_action(request, programme, pk, "commit")


@require_http_methods(["GET", "POST"])
@programme_view(VIEW)
def media_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """``outreach.media_publish``: a page asks for the link, date and reach (GET); its form is
    the declaration's, and its POST the declared action's, as a button's would be."""
    if request.method == "POST":
        return _media_action(request, programme, pk, "published")
    if not request.user.has_perm(MANAGE, programme):
        return deny(request)
    item = selectors.media_get(programme=programme, pk=pk)
    return render(
        request,
        "outreach/media_publish.html",
        {
            "programme": programme,
            "item": item,
            "form": MEDIA_PUBLISH.form(),
            "tab": "outreach:media_list",
        },
    )
