"""Views of the best-practice library: list, detail, edit, publish, images."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.pagecache import cached_page
from collider.uploads import serve_upload
from collider.viewutils import act, form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import (
    PracticeFilter,
    PracticeForm,
    PracticeImageForm,
)
from .common import MANAGE, VIEW, _model_fields

# --- Best-practice library ----------------------------------------------------------------------


@cached_page
@require_GET
@programme_view(VIEW)
def practice_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    queryset = selectors.practice_list_visible_to(user=request.user, programme=programme)
    filters = PracticeFilter(request.GET or None, queryset=queryset)
    query = request.GET.get("q", "").strip()[:200]
    results = selectors.practice_search(filters.qs, query)
    return render(
        request,
        "outreach/practice_list.html",
        {
            "programme": programme,
            "filter": filters,
            "query": query,
            "page": _page(request, results),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:practice_list",
        },
    )


@require_GET
@programme_view(VIEW)
def practice_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_visible(user=request.user, programme=programme, pk=pk)
    return render(
        request,
        "outreach/practice_detail.html",
        {
            "programme": programme,
            "practice": practice,
            "can_manage": request.user.has_perm(MANAGE, programme)
            and practice.programme_id == programme.pk,
            "tab": "outreach:practice_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def practice_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = PracticeForm(form_data(request))

    def saved(practice):
        messages.success(request, _("Case saved as a draft. Add images, then publish it."))
        return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)

    return submit(
        request,
        form,
        lambda data: services.practice_create(
            actor=request.user, programme=programme, **_model_fields(form)
        ),
        saved,
        template="outreach/practice_form.html",
        context={"programme": programme, "tab": "outreach:practice_list"},
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def practice_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_managed(programme=programme, pk=pk)
    form = PracticeForm(form_data(request), instance=practice)

    def saved(_practice):
        messages.success(request, _("Case saved."))
        return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)

    return submit(
        request,
        form,
        lambda data: services.practice_update(
            actor=request.user, practice=practice, **_model_fields(form)
        ),
        saved,
        template="outreach/practice_form.html",
        context={
            "programme": programme,
            "practice": practice,
            "image_form": PracticeImageForm(),
            "images": practice.images.all(),
            "tab": "outreach:practice_list",
        },
    )


def _practice_action(request: HttpRequest, programme: Programme, pk: int, verb: str):
    """A button of the case's edit page (``outreach.practice_<verb>``): the declaration says
    who may, and when; drafts others may not see are 404, as on the case's page."""
    if not request.user.is_authenticated:
        return deny(request)
    practice = selectors.practice_get_visible(user=request.user, programme=programme, pk=pk)
    if practice.programme_id != programme.pk:
        raise Http404  # another programme's shared case is theirs to publish
    return action_view(
        request,
        practice,
        verb,
        next_url=lambda p, _result: reverse("outreach:practice_edit", args=[programme.slug, p.pk]),
    )


@require_POST
@programme_view(VIEW)
def practice_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _practice_action(request, programme, pk, "publish")


@require_POST
@programme_view(VIEW)
def practice_unpublish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _practice_action(request, programme, pk, "unpublish")


@require_POST
@programme_view(MANAGE)
def practice_image_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    practice = selectors.practice_get_managed(programme=programme, pk=pk)

    def add(data):
        services.practice_image_add(actor=request.user, practice=practice, **data)

    def added(_result):
        messages.success(request, _("Image added."))
        return redirect("outreach:practice_edit", slug=programme.slug, pk=practice.pk)

    return submit(
        request,
        PracticeImageForm(request.POST, request.FILES),
        add,
        added,
        template="outreach/practice_form.html",
        context={
            "programme": programme,
            "form": PracticeForm(instance=practice),
            "practice": practice,
            "images": practice.images.all(),
            "tab": "outreach:practice_list",
        },
        form_name="image_form",
    )


@require_POST
@programme_view(MANAGE)
def practice_image_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    image = selectors.practice_image_get_visible(user=request.user, programme=programme, pk=pk)
    if image.practice.programme_id != programme.pk:
        raise Http404
    return act(
        request,
        lambda: services.practice_image_delete(actor=request.user, image=image),
        done=_("Image removed."),
        to="outreach:practice_edit",
        to_kwargs={"slug": programme.slug, "pk": image.practice_id},
    )


@require_GET
@programme_view(VIEW)
def practice_image(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    image = selectors.practice_image_get_visible(user=request.user, programme=programme, pk=pk)
    return serve_upload(
        request,
        image.image,
        content_type=image.content_type,
        inline=True,
        headers=[("Cache-Control", "private, max-age=3600")],
    )
