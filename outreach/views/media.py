"""Views of the media log: commitments, commit, publish."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.enums import MembershipStatus, Role
from collider.models import Programme, User
from collider.viewutils import error_text as _error_text
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
    form = MediaCommitmentForm(
        request.POST or None,
        instance=item,
        partners=_partners(programme),
        initial={"responsible": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        fields = {n: form.cleaned_data[n] for n in MediaCommitmentForm.Meta.fields}
        responsible = fields.pop("responsible")
        try:
            if item is None:
                services.media_commitment_create(
                    actor=request.user, programme=programme, responsible=responsible, **fields
                )
            else:
                services.media_commitment_update(
                    actor=request.user, item=item, responsible=responsible, **fields
                )
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Media contact saved."))
            return redirect("outreach:media_list", slug=programme.slug)
    return render(
        request,
        "outreach/media_form.html",
        {"programme": programme, "form": form, "item": item, "tab": "outreach:media_list"},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
@programme_view(MANAGE)
def media_commit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk)
    try:
        services.media_commitment_commit(actor=request.user, item=item)
        messages.success(request, _("%(outlet)s committed.") % {"outlet": item.outlet})
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("outreach:media_list", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def media_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = selectors.media_get(programme=programme, pk=pk)
    form = MediaPublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.media_commitment_publish(actor=request.user, item=item, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, _error_text(error))
        else:
            messages.success(request, _("Publication recorded."))
            return redirect("outreach:media_list", slug=programme.slug)
    return render(
        request,
        "outreach/media_publish.html",
        {"programme": programme, "form": form, "item": item, "tab": "outreach:media_list"},
        status=400 if request.method == "POST" else 200,
    )


__all__ = ["reverse", "settings"]
