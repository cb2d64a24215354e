"""Views of events: list, edit, registration, attendance, iCal."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from .. import registry, selectors, services
from ..access import deny, event_view, programme_view
from ..actions import NoFields, action_view
from ..enums import EventKind, RegistrationStatus
from ..forms import (
    EventForm,
    GuestRegistrationForm,
)
from ..ical import calendar_for, ics_response
from ..models import Programme
from ..pagecache import cached_page
from ..ratelimit import public_write
from ..rules import can_register_for_event, online_link_for
from ..viewutils import act, form_data, submit
from ..viewutils import paginate as _page

# --- Events -----------------------------------------------------------------------------------


@cached_page
@require_GET
@programme_view("collider.view_programme")
def event_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    events = selectors.event_list_visible_to(user=request.user, programme=programme)
    show = request.GET.get("show", "upcoming")
    if show == "past":
        events = events.filter(ends_at__lt=timezone.now()).order_by("-starts_at")
    else:
        events = events.filter(ends_at__gte=timezone.now())
    kind = request.GET.get("kind", "")
    if kind:
        events = events.filter(kind=kind)
    return render(
        request,
        "collider/event_list.html",
        {
            "programme": programme,
            "page": _page(request, events),
            "show": show,
            "kind": kind,
            "kinds": EventKind.choices,
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def event_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def created(event):
        messages.success(request, _("Event created."))
        return redirect(event)

    return submit(
        request,
        EventForm(form_data(request), initial={"timezone": programme.timezone}),
        lambda data: services.event_create(actor=request.user, programme=programme, **data),
        created,
        template="collider/event_form.html",
        context={"programme": programme},
    )


@cached_page
@require_GET
@event_view()
def event_detail(request: HttpRequest, event) -> HttpResponse:
    registration = selectors.registration_for(user=request.user, event=event)
    can_manage = request.user.has_perm("collider.manage_event", event)
    can_register = event.registration_open and can_register_for_event.test(request.user, event)
    user = request.user if request.user.is_authenticated else None
    return render(
        request,
        "collider/event_detail.html",
        {
            "programme": event.programme,
            "event": event,
            "registration": registration,
            "position": selectors.waitlist_position(registration) if registration else None,
            "can_manage": can_manage,
            "online_link": online_link_for(event, user=request.user),
            "can_register": can_register,
            "registration_page": registry.registration_page_for(event, user)
            if can_register
            else "",
            "guest_form": GuestRegistrationForm() if not request.user.is_authenticated else None,
        },
    )


@require_http_methods(["GET", "POST"])
@event_view("collider.manage_event")
def event_edit(request: HttpRequest, event) -> HttpResponse:
    def saved(_event):
        messages.success(request, _("Event saved; registrants' reminders follow the new time."))
        return redirect(event)

    return submit(
        request,
        EventForm(form_data(request), instance=event),
        lambda data: services.event_update(actor=request.user, event=event, **data),
        saved,
        template="collider/event_form.html",
        context={"programme": event.programme, "event": event},
    )


@require_POST
@event_view()
def event_cancel(request: HttpRequest, event) -> HttpResponse:
    """The button of ``collider.event_cancel``: its declaration says who may, and when."""
    return action_view(request, event, "cancel")


def _registered(registration) -> str:
    if registration.status == RegistrationStatus.CONFIRMED:
        return _("You are registered. See you there!")
    return _(
        "The event is full, so you are on the waitlist. We will e-mail you if a seat frees up."
    )


@require_http_methods(["GET", "POST"])
@public_write("event_register", key_field="email")
@event_view()
def event_register(request: HttpRequest, event) -> HttpResponse:
    """Members register with one click; guests fill a short form for public events."""
    user = request.user if request.user.is_authenticated else None
    if not can_register_for_event.test(request.user, event):
        return deny(request, _("Only members of this programme can register."))
    own_page = registry.registration_page_for(event, user)
    if own_page:
        # One way in per event kind: its own page applies the kind's rules.
        if request.method == "POST":
            messages.error(
                request, _("This event takes registrations on its own page, where its rules apply.")
            )
        return redirect(own_page)
    if user is not None:
        # Members register by POST from the event page; a GET just shows that page.
        if request.method != "POST":
            return redirect(event)
        return act(
            request,
            lambda: services.registration_create(event=event, user=user),
            done=lambda registration: _registered(registration),
            to=event,
        )

    def registered(registration):
        messages.success(request, _registered(registration))
        return redirect("collider:registration_manage", token=registration.token)

    return submit(
        request,
        GuestRegistrationForm(form_data(request)),
        lambda data: services.registration_create(
            event=event,
            user=None,
            **{key: value for key, value in data.items() if key != "consent"},
        ),
        registered,
        template="collider/event_register.html",
        context={"programme": event.programme, "event": event},
    )


@login_required
@require_POST
@event_view()
def event_unregister(request: HttpRequest, event) -> HttpResponse:
    registration = selectors.registration_for(user=request.user, event=event)
    if registration is None:
        raise Http404
    return act(
        request,
        lambda: services.registration_cancel(actor=request.user, registration=registration),
        done=_("Your registration was cancelled."),
        to=event,
    )


@require_http_methods(["GET", "POST"])
@public_write("registration_manage")
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    """A guest's own page for their registration, reached from the e-mailed secret link."""
    registration = selectors.registration_get_by_token(token)
    if request.method == "POST":
        return act(
            request,
            lambda: services.registration_cancel(actor=None, registration=registration),
            done=_("Your registration was cancelled."),
            to="collider:registration_manage",
            to_kwargs={"token": token},
        )
    return render(
        request,
        "collider/registration_manage.html",
        {
            "registration": registration,
            "event": registration.event,
            "online_link": online_link_for(registration.event, registration=registration),
            "position": selectors.waitlist_position(registration),
        },
    )


def _attendance_context(request: HttpRequest, event, registrations) -> dict:
    return {
        "programme": event.programme,
        "event": event,
        "page": _page(request, registrations, 200),
        "can_mark": request.user.has_perm("collider.attendance_mark", event),
    }


@require_http_methods(["GET", "POST"])
@event_view("collider.manage_event")
def event_attendance(request: HttpRequest, event) -> HttpResponse:
    registrations = selectors.registration_list(event=event)

    def ids(name: str) -> set[int]:
        try:
            return {int(value) for value in request.POST.getlist(name)}
        except ValueError as error:
            raise ValidationError(_("Invalid selection.")) from error

    def mark(_data):
        present = ids("present")
        confirmed = {r.pk for r in registrations if r.status == RegistrationStatus.CONFIRMED}
        return services.attendance_mark(
            actor=request.user,
            event=event,
            attended_ids=present,
            absent_ids=confirmed - present,
        )

    def marked(changed):
        messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
        return redirect("collider:event_attendance", slug=event.programme.slug, pk=event.pk)

    return submit(
        request,
        NoFields(form_data(request)),
        mark,
        marked,
        template="collider/event_attendance.html",
        context=_attendance_context(request, event, registrations),
        form_name="refusal",
    )


@require_GET
@event_view()
def event_ics(request: HttpRequest, event) -> HttpResponse:
    ics = calendar_for([event], name=event.title, user=request.user)
    return ics_response(ics, filename=f"event-{event.pk}.ics")
