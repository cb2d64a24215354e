"""Views of the info days: list, create, register, manage items and handouts."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view, require
from collider.enums import RegistrationStatus
from collider.models import Programme
from collider.ratelimit import public_write
from collider.rules import takes_guests
from collider.uploads import serve_upload
from collider.viewutils import act, form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..enums import (
    ChecklistStatus,
    Dimension,
    PublicationStatus,
)
from ..forms import (
    INFO_DAY_FIELDS,
    HandoutForm,
    InfoDayForm,
    InfoDayItemForm,
    InfoDayRegistrationForm,
)
from ..models import InfoDayItem
from .common import MANAGE, VIEW

# --- Info days --------------------------------------------------------------------------------


@require_GET
@programme_view(VIEW)
def info_day_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    events = selectors.info_day_list_visible_to(user=request.user, programme=programme)
    return render(
        request,
        "outreach/info_day_list.html",
        {
            "programme": programme,
            "page": _page(request, events),
            "can_manage": request.user.has_perm(MANAGE, programme),
            "tab": "outreach:info_day_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def info_day_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def created(event):
        messages.success(request, _("Info day created. Add its programme and materials."))
        return redirect("outreach:info_day_manage", slug=programme.slug, pk=event.pk)

    return submit(
        request,
        InfoDayForm(form_data(request), initial={"timezone": programme.timezone}),
        lambda data: services.info_day_create(
            actor=request.user,
            programme=programme,
            **{name: data[name] for name in INFO_DAY_FIELDS},
        ),
        created,
        template="outreach/info_day_form.html",
        context={"programme": programme, "tab": "outreach:info_day_list"},
    )


def _info_day_context(request, programme, event) -> dict:
    items = selectors.info_day_items(event)
    by_dimension = []
    labels = dict(Dimension.choices)
    for value in Dimension.values:
        rows = [item for item in items if item.dimension == value]
        if rows:
            by_dimension.append({"dimension": labels[value], "items": rows})
    checklists = [
        c for c in selectors.checklist_list(programme=programme) if c.status == ChecklistStatus.OPEN
    ]
    brochures = selectors.brochure_list_visible_to(user=request.user, programme=programme).filter(
        status=PublicationStatus.PUBLISHED
    )
    return {
        "programme": programme,
        "event": event,
        "items": items,
        "by_dimension": by_dimension,
        "handouts": selectors.handout_list(programme=programme, event=event),
        "checklists": checklists,
        "brochures": brochures,
        "tab": "outreach:info_day_list",
    }


@require_http_methods(["GET", "POST"])
@public_write("info_day_register", key_field="email")
@programme_view(VIEW)
def info_day_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The public page of an info day: its programme per dimension, materials and sign-up."""
    event = selectors.info_day_get_visible(user=request.user, programme=programme, pk=pk)
    if request.method == "POST":
        # Sign-ups on this page are for public info days; members use the event's own page.
        require(request.user, takes_guests, event)

    def registered(registration):
        return render(
            request,
            "outreach/info_day_registered.html",
            {
                "programme": programme,
                "event": event,
                "registration": registration,
                "waitlisted": registration.status == RegistrationStatus.WAITLISTED,
                # The visitor's own session decides, never the e-mail typed in: the
                # page must not tell whether an address has an account.
                "signed_in": request.user.is_authenticated,
            },
        )

    context = _info_day_context(request, programme, event)
    context["can_manage"] = request.user.has_perm(MANAGE, programme)
    return submit(
        request,
        InfoDayRegistrationForm(form_data(request)),
        lambda data: services.info_day_register(
            event=event, **{k: v for k, v in data.items() if k != "consent"}
        ),
        registered,
        template="outreach/info_day_detail.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
@programme_view(MANAGE)
def info_day_manage(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    event = selectors.info_day_get_visible(user=request.user, programme=programme, pk=pk)
    events = selectors.info_day_list_visible_to(user=request.user, programme=programme)
    which = request.POST.get("form") if request.method == "POST" else None
    item_form = InfoDayItemForm(request.POST if which == "item" else None)
    handout_form = HandoutForm(
        request.POST if which == "handout" else None,
        request.FILES if which == "handout" else None,
        events=events,
        initial={"event": event.pk},
    )

    def add(data):
        if which == "item":
            services.info_day_item_add(actor=request.user, event=event, **data)
            return _("Programme item added.")
        services.handout_add(actor=request.user, programme=programme, **data)
        return _("Material uploaded.")

    def added(message):
        messages.success(request, message)
        return redirect("outreach:info_day_manage", slug=programme.slug, pk=event.pk)

    context = _info_day_context(request, programme, event)
    context.update(
        {
            "item_form": item_form,
            "handout_form": handout_form,
            "registrations": event.registrations.exclude(status="cancelled").count(),
        }
    )
    # A POST naming neither form is refused like an invalid one.
    posted = handout_form if which == "handout" else item_form
    return submit(
        request,
        posted,
        add,
        added,
        template="outreach/info_day_manage.html",
        context=context,
        form_name="handout_form" if which == "handout" else "item_form",
        valid=which in {"item", "handout"},
    )


@require_POST
@programme_view(MANAGE)
def info_day_item_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = get_object_or_404(
        InfoDayItem.objects.select_related("event__programme"), event__programme=programme, pk=pk
    )
    return act(
        request,
        lambda: services.info_day_item_delete(actor=request.user, item=item),
        done=_("Programme item removed."),
        to="outreach:info_day_manage",
        to_kwargs={"slug": programme.slug, "pk": item.event_id},
    )


@require_GET
@programme_view(VIEW)
def handout_download(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    handout = selectors.handout_get_visible(user=request.user, programme=programme, pk=pk)
    extension = handout.file.name.rsplit(".", 1)[-1]
    return serve_upload(
        request,
        handout.file,
        content_type=handout.content_type,
        filename=f"handout-{handout.pk}.{extension}",
    )


@require_POST
@programme_view(MANAGE)
def handout_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    handout = selectors.handout_get_visible(user=request.user, programme=programme, pk=pk)
    if handout.event_id:
        back = reverse("outreach:info_day_manage", args=[programme.slug, handout.event_id])
    else:
        back = reverse("outreach:info_day_list", args=[programme.slug])
    return act(
        request,
        lambda: services.handout_delete(actor=request.user, handout=handout),
        done=_("Material removed."),
        to=back,
    )
