"""Views of the partner meetings: series, agenda, minutes, action items."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.rules import online_link_for
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text as _text
from collider.viewutils import form_data as _data
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import (
    ActionItemForm,
    AgendaForm,
    MeetingSeriesForm,
    MinutesForm,
)
from ..models import ActionItem
from .common import _render

# --- Meetings ---------------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_tandem")
def meeting_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    show = "past" if request.GET.get("show") == "past" else "upcoming"
    meetings = selectors.meeting_list(programme=programme)
    now = timezone.now()
    meetings = (
        meetings.filter(event__starts_at__lt=now).order_by("-event__starts_at")
        if show == "past"
        else meetings.filter(event__starts_at__gte=now)
    )
    return _render(
        request,
        "tandems/meeting_list.html",
        {
            "programme": programme,
            "page": _page(request, meetings),
            "show": show,
            "open_items": selectors.action_items_open(programme=programme)[:50],
            "tab": "tandems:meeting_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def meeting_series_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = MeetingSeriesForm(_data(request), initial={"timezone": programme.timezone})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                series = services.meeting_series_create(
                    actor=request.user,
                    programme=programme,
                    title=data["title"],
                    rrule=data["rule"],
                    first_starts_at=data["first_starts_at"],
                    duration_minutes=data["duration_minutes"],
                    tz=data["timezone"],
                    format=data["format"],
                    venue=data["venue"],
                    online_url=data["online_url"],
                )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "%(n)s partner meetings scheduled; partners are reminded 3 days and "
                        "1 hour before each."
                    )
                    % {"n": series.meetings.count()},
                )
                return redirect("tandems:meeting_list", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/series_form.html",
        {"programme": programme, "form": form, "tab": "tandems:meeting_list"},
        status=status,
    )


def _meeting_context(request, programme, meeting, **forms) -> dict:
    staff = selectors.partner_staff_users(programme=programme)
    agenda = selectors.agenda_build(meeting)
    return {
        "programme": programme,
        "meeting": meeting,
        "event": meeting.event,
        "agenda": agenda,
        "agenda_form": forms.get("agenda_form")
        or AgendaForm(initial={"agenda": meeting.agenda or selectors.agenda_text(agenda)}),
        "minutes_form": forms.get("minutes_form")
        or MinutesForm(initial={"minutes": meeting.minutes}),
        "action_form": forms.get("action_form") or ActionItemForm(staff=staff),
        "items": list(meeting.action_items.select_related("assignee")),
        "started": meeting.event.starts_at <= timezone.now(),
        "can_view_internal": request.user.has_perm("tandems.view_internal", programme),
        "online_link": online_link_for(meeting.event, user=request.user),
        "tab": "tandems:meeting_list",
    }


@require_GET
@programme_view("tandems.view_tandem")
def meeting_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    return _render(
        request, "tandems/meeting_detail.html", _meeting_context(request, programme, meeting)
    )


@require_POST
@programme_view("tandems.manage_tandem")
def meeting_agenda(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    if "generate" in request.POST:
        services.meeting_agenda_generate(actor=request.user, meeting=meeting)
        messages.success(
            request, _("Agenda generated from the current tasks, actions and figures.")
        )
        return redirect(meeting)
    form = AgendaForm(request.POST)
    if form.is_valid():
        services.meeting_agenda_update(
            actor=request.user, meeting=meeting, agenda=form.cleaned_data["agenda"]
        )
        messages.success(request, _("Agenda saved."))
        return redirect(meeting)
    return _render(
        request,
        "tandems/meeting_detail.html",
        _meeting_context(request, programme, meeting, agenda_form=form),
        status=400,
    )


@require_POST
@programme_view("tandems.manage_tandem")
def meeting_minutes(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_minutes_record(
                actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"]
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Minutes saved."))
            return redirect(meeting)
    return _render(
        request,
        "tandems/meeting_detail.html",
        _meeting_context(request, programme, meeting, minutes_form=form),
        status=400,
    )


@require_POST
@programme_view("tandems.manage_tandem")
def action_item_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    form = ActionItemForm(request.POST, staff=selectors.partner_staff_users(programme=programme))
    if form.is_valid():
        try:
            services.action_item_create(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Action item added."))
            return redirect(meeting)
    return _render(
        request,
        "tandems/meeting_detail.html",
        _meeting_context(request, programme, meeting, action_form=form),
        status=400,
    )


@require_POST
@programme_view("tandems.manage_tandem")
def action_item_done(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    item = get_object_or_404(
        ActionItem.objects.select_related("meeting__event__programme"), programme=programme, pk=pk
    )
    try:
        services.action_item_complete(actor=request.user, item=item)
        messages.success(request, _("Action marked as done."))
    except ValidationError as error:
        messages.error(request, _text(error))
    return redirect(item.meeting)
