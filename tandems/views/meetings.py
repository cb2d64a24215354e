"""Views of the partner meetings: series, agenda, minutes, action items."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.actions import action_view
from collider.models import Programme
from collider.rules import online_link_for
from collider.viewutils import act, form_data, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import (
    ActionItemForm,
    AgendaForm,
    MeetingSeriesForm,
    MinutesForm,
)
from ..models import ActionItem

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
    return render(
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
    def create(data):
        return services.meeting_series_create(
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

    def created(series):
        messages.success(
            request,
            _(
                "%(n)s partner meetings scheduled; partners are reminded 3 days and "
                "1 hour before each."
            )
            % {"n": series.meetings.count()},
        )
        return redirect("tandems:meeting_list", slug=programme.slug)

    return submit(
        request,
        MeetingSeriesForm(form_data(request), initial={"timezone": programme.timezone}),
        create,
        created,
        template="tandems/series_form.html",
        context={"programme": programme, "tab": "tandems:meeting_list"},
    )


def _meeting_context(request, programme, meeting) -> dict:
    staff = selectors.partner_staff_users(programme=programme)
    agenda = selectors.agenda_build(meeting)
    return {
        "programme": programme,
        "meeting": meeting,
        "event": meeting.event,
        "agenda": agenda,
        "agenda_form": AgendaForm(
            initial={"agenda": meeting.agenda or selectors.agenda_text(agenda)}
        ),
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
        "action_form": ActionItemForm(staff=staff),
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
    return render(
        request, "tandems/meeting_detail.html", _meeting_context(request, programme, meeting)
    )


def _meeting_form(request, programme, meeting, form, form_name: str, perform, done: str):
    """A form of the meeting page: saved, it says ``done``; refused, the page shows it again."""

    def saved(_result):
        messages.success(request, done)
        return redirect(meeting)

    return submit(
        request,
        form,
        perform,
        saved,
        template="tandems/meeting_detail.html",
        context=_meeting_context(request, programme, meeting),
        form_name=form_name,
    )


@require_POST
@programme_view("tandems.manage_tandem")
def meeting_agenda(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    if "generate" in request.POST:
        return act(
            request,
            lambda: services.meeting_agenda_generate(actor=request.user, meeting=meeting),
            done=_("Agenda generated from the current tasks, actions and figures."),
            to=meeting,
        )
    return _meeting_form(
        request,
        programme,
        meeting,
        AgendaForm(request.POST),
        "agenda_form",
        lambda data: services.meeting_agenda_update(
            actor=request.user, meeting=meeting, agenda=data["agenda"]
        ),
        _("Agenda saved."),
    )


@require_POST
@programme_view("tandems.manage_tandem")
def meeting_minutes(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    return _meeting_form(
        request,
        programme,
        meeting,
        MinutesForm(request.POST),
        "minutes_form",
        lambda data: services.meeting_minutes_record(
            actor=request.user, meeting=meeting, minutes=data["minutes"]
        ),
        _("Minutes saved."),
    )


@require_POST
@programme_view("tandems.manage_tandem")
def action_item_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    meeting = selectors.meeting_get(programme=programme, pk=pk)
    return _meeting_form(
        request,
        programme,
        meeting,
        ActionItemForm(request.POST, staff=selectors.partner_staff_users(programme=programme)),
        "action_form",
        lambda data: services.action_item_create(actor=request.user, meeting=meeting, **data),
        _("Action item added."),
    )


@require_POST
@programme_view("collider.view_programme")
def action_item_done(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The button of ``tandems.action_item_complete``. Action items are the tandem's internal
    records: to whoever may not read the minutes they do not exist."""
    if not request.user.is_authenticated:
        return deny(request)
    if not request.user.has_perm("tandems.view_internal", programme):
        raise Http404
    item = get_object_or_404(
        ActionItem.objects.select_related("meeting__event__programme"), programme=programme, pk=pk
    )
    return action_view(request, item, "done")
