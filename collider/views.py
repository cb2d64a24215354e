"""Thin views: check access, validate a form, call a service, render."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from . import dashboard, exports, health, registry, selectors, services
from .access import deny, event_view, programme_view
from .enums import ExportStatus, MembershipStatus, RegistrationStatus, Role, Sector
from .forms import (
    ApplicationForm,
    DecisionForm,
    EventForm,
    GuestRegistrationForm,
    InvitationForm,
    NetworkForm,
    PhaseFormSet,
)
from .ical import calendar_for
from .models import Membership, Programme, User
from .pdf import render_pdf
from .ratelimit import public_write
from .rules import online_link_for
from .uploads import serve_upload
from .viewutils import error_text as _error_text
from .viewutils import paginate as _page

# --- Public and personal pages ------------------------------------------------------------


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "collider/home.html", {"programmes": selectors.programme_list_public()})


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and broker reachable: 200, else 503 naming the part that failed."""
    healthy, checks = health.run_checks()
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503
    )


@login_required
@require_GET
def dashboard_view(request: HttpRequest) -> HttpResponse:
    return render(request, "collider/dashboard.html", dashboard.build(request.user))


@login_required
@require_POST
def calendar_token_reset(request: HttpRequest) -> HttpResponse:
    services.calendar_token_reset(user=request.user)
    messages.success(request, _("Your calendar link was renewed; the old link no longer works."))
    return redirect("dashboard")


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    events = selectors.event_list_for_user(user)
    body = calendar_for(events, name=_("Collider: my events"), user=user)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- Programme ---------------------------------------------------------------------------------


@require_GET
@programme_view("collider.view_programme")
def programme_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    membership = None
    if request.user.is_authenticated:
        membership = Membership.objects.filter(
            programme=programme, user=request.user, role=Role.PARTICIPANT
        ).first()
    phases = selectors.programme_phases(programme)
    return render(
        request,
        "collider/programme_detail.html",
        {
            "programme": programme,
            "phases": phases,
            "current_phases": services.phases_current(programme, phases),
            "partners": selectors.programme_partner_organisations(programme),
            "events": selectors.upcoming_events_for(user=request.user, programme=programme),
            "counts": selectors.membership_counts(programme),
            "membership": membership,
        },
    )


def programme_onepager_context(programme: Programme, user) -> dict:
    """Pure context for the one-pager PDF."""
    phases = selectors.programme_phases(programme)
    return {
        "programme": programme,
        "phases": phases,
        "current_phases": services.phases_current(programme, phases),
        "partners": list(selectors.programme_partner_organisations(programme)),
        "events": selectors.upcoming_events_for(user=user, programme=programme, limit=5),
        "counts": selectors.membership_counts(programme),
        "generated_at": timezone.now(),
    }


@require_GET
@programme_view("collider.view_programme")
def programme_onepager(request: HttpRequest, programme: Programme) -> HttpResponse:
    pdf = render_pdf(
        "pdf/programme_onepager.html", programme_onepager_context(programme, request.user)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{programme.slug}-one-pager.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@programme_view("collider.apply_programme")
def programme_apply(request: HttpRequest, programme: Programme) -> HttpResponse:
    existing = Membership.objects.filter(
        programme=programme, user=request.user, role=Role.PARTICIPANT
    ).first()
    if existing and existing.status in {MembershipStatus.APPLIED, MembershipStatus.APPROVED}:
        messages.info(request, _("You have already applied to this programme."))
        return redirect(programme)
    form = ApplicationForm(request.POST or None, user=request.user)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    organisation = data["organisation"]
                    if data["new_organisation_name"]:
                        organisation = services.organisation_create(
                            creator=request.user,
                            name=data["new_organisation_name"],
                            kind=data["new_organisation_kind"],
                            sector=data["sector"],
                            country=data["new_organisation_country"],
                            website=data["new_organisation_website"],
                        )
                    services.membership_apply(
                        user=request.user,
                        programme=programme,
                        sector=data["sector"],
                        motivation=data["motivation"],
                        organisation=organisation,
                    )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("Thank you! Your application was sent to the tandem partners."),
                )
                return redirect(programme)
        else:
            status = 400
    return render(
        request,
        "collider/programme_apply.html",
        {"programme": programme, "form": form, "previous": existing},
        status=status,
    )


# --- Programme management (partners) ------------------------------------------------------


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


@require_POST
@programme_view("collider.manage_programme")
def membership_decide(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    membership = selectors.membership_get(programme=programme, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or reject."))
        return redirect("collider:programme_manage", slug=programme.slug)
    try:
        services.membership_decide(
            actor=request.user,
            membership=membership,
            approve=form.cleaned_data["decision"] == "approve",
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("collider:programme_manage", slug=programme.slug)
    if form.cleaned_data["decision"] == "approve":
        messages.success(request, _("%(name)s was approved.") % {"name": membership.user})
    else:
        messages.success(request, _("%(name)s was rejected.") % {"name": membership.user})
    # ``next`` keeps the partner's filters; only a path on this site is followed.
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("collider:programme_manage", args=[programme.slug])
    return redirect(next_url)


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def invitation_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.invitation_create(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error("email", _error_text(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
                )
                return redirect("collider:invitation_list", slug=programme.slug)
        else:
            status = 400
    return render(
        request,
        "collider/invitation_list.html",
        {
            "programme": programme,
            "form": form,
            "page": _page(request, selectors.invitation_list(programme=programme)),
            "tab": "invitations",
        },
        status=status,
    )


@require_POST
@programme_view("collider.manage_programme")
def invitation_revoke(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    invitation = get_object_or_404(selectors.invitation_list(programme=programme), pk=pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
        messages.success(request, _("Invitation revoked."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("collider:invitation_list", slug=programme.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_get_by_token(token)
    error = None
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except (ValidationError, PermissionDenied) as exc:
            error = _error_text(exc)
        else:
            messages.success(
                request,
                _("Welcome! You are now %(role)s in %(programme)s.")
                % {"role": invitation.get_role_display(), "programme": invitation.programme},
            )
            return redirect(invitation.programme)
    return render(
        request,
        "collider/invitation_accept.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )


@require_http_methods(["GET", "POST"])
@programme_view("collider.manage_programme")
def programme_phases(request: HttpRequest, programme: Programme) -> HttpResponse:
    queryset = programme.phases.order_by("id")
    formset = PhaseFormSet(request.POST or None, queryset=queryset)
    status = 200
    if request.method == "POST":
        if formset.is_valid():
            changes = {
                form.instance.phase: {
                    name: form.cleaned_data[name] for name in form.fields if name != "id"
                }
                for form in formset.forms
            }
            try:
                services.programme_phases_update(
                    actor=request.user, programme=programme, changes=changes
                )
            except ValidationError as error:
                messages.error(request, _error_text(error))
                status = 400
            else:
                messages.success(request, _("Phase timeline saved."))
                return redirect("collider:programme_phases", slug=programme.slug)
        else:
            status = 400
    return render(
        request,
        "collider/programme_phases.html",
        {"programme": programme, "formset": formset, "tab": "phases"},
        status=status,
    )


@require_GET
@programme_view("collider.view_audit")
def programme_activity(request: HttpRequest, programme: Programme) -> HttpResponse:
    entries = selectors.ActivityTimeline(programme=programme)
    return render(
        request,
        "collider/programme_activity.html",
        {"programme": programme, "page": _page(request, entries, 50), "tab": "activity"},
    )


# --- Events -----------------------------------------------------------------------------------


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
    from .enums import EventKind

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
    form = EventForm(request.POST or None, initial={"timezone": programme.timezone})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                event = services.event_create(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            except ValidationError as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(request, _("Event created."))
                return redirect(event)
        else:
            status = 400
    return render(
        request,
        "collider/event_form.html",
        {"programme": programme, "form": form},
        status=status,
    )


@require_GET
@event_view()
def event_detail(request: HttpRequest, event) -> HttpResponse:
    registration = selectors.registration_for(user=request.user, event=event)
    can_manage = request.user.has_perm("collider.manage_event", event)
    can_register = event.registration_open and (event.is_public or _is_member(request.user, event))
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


def _is_member(user, event) -> bool:
    from .rules import roles_in

    return bool(roles_in(user, event.programme))


@require_http_methods(["GET", "POST"])
@event_view("collider.manage_event")
def event_edit(request: HttpRequest, event) -> HttpResponse:
    form = EventForm(request.POST or None, instance=event)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.event_update(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(
                    request, _("Event saved; registrants' reminders follow the new time.")
                )
                return redirect(event)
        else:
            status = 400
    return render(
        request,
        "collider/event_form.html",
        {"programme": event.programme, "form": form, "event": event},
        status=status,
    )


@require_POST
@event_view("collider.manage_event")
def event_cancel(request: HttpRequest, event) -> HttpResponse:
    if event.is_cancelled:
        messages.info(request, _("This event is already cancelled."))
    else:
        services.event_cancel(actor=request.user, event=event)
        messages.success(request, _("Event cancelled; everyone registered was told."))
    return redirect(event)


@require_http_methods(["GET", "POST"])
@public_write("event_register", key_field="email")
@event_view()
def event_register(request: HttpRequest, event) -> HttpResponse:
    """Members register with one click; guests fill a short form for public events."""
    user = request.user if request.user.is_authenticated else None
    if user is None and not event.is_public:
        return deny(request)
    if user is not None and not event.is_public and not _is_member(user, event):
        raise PermissionDenied(_("Only members of this programme can register."))
    own_page = registry.registration_page_for(event, user)
    if own_page:
        # One way in per event kind: its own page applies the kind's rules.
        if request.method == "POST":
            messages.error(
                request, _("This event takes registrations on its own page, where its rules apply.")
            )
        return redirect(own_page)
    form = GuestRegistrationForm(request.POST or None) if user is None else None
    status = 200
    if request.method == "POST":
        if form is None or form.is_valid():
            fields = (
                {}
                if form is None
                else {key: value for key, value in form.cleaned_data.items() if key != "consent"}
            )
            try:
                registration = services.registration_create(event=event, user=user, **fields)
            except ValidationError as error:
                if form is None:
                    messages.error(request, _error_text(error))
                    return redirect(event)
                form.add_error(None, _error_text(error))
                status = 400
            else:
                if registration.status == RegistrationStatus.CONFIRMED:
                    messages.success(request, _("You are registered. See you there!"))
                else:
                    messages.warning(
                        request,
                        _(
                            "The event is full, so you are on the waitlist. "
                            "We will e-mail you if a seat frees up."
                        ),
                    )
                if user is None:
                    return redirect("collider:registration_manage", token=registration.token)
                return redirect(event)
        else:
            status = 400
    if user is not None:
        # Members register by POST from the event page; a GET just shows that page.
        return redirect(event)
    return render(
        request,
        "collider/event_register.html",
        {"programme": event.programme, "event": event, "form": form},
        status=status,
    )


@login_required
@require_POST
@event_view()
def event_unregister(request: HttpRequest, event) -> HttpResponse:
    registration = selectors.registration_for(user=request.user, event=event)
    if registration is None:
        raise Http404
    try:
        services.registration_cancel(actor=request.user, registration=registration)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Your registration was cancelled."))
    return redirect(event)


@require_http_methods(["GET", "POST"])
@public_write("registration_manage")
def registration_manage(request: HttpRequest, token: str) -> HttpResponse:
    """A guest's own page for their registration, reached from the e-mailed secret link."""
    registration = selectors.registration_get_by_token(token)
    if request.method == "POST":
        try:
            services.registration_cancel(actor=None, registration=registration)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your registration was cancelled."))
        return redirect("collider:registration_manage", token=token)
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
        "can_mark": request.user.has_perm("collider.mark_attendance", event),
    }


@require_http_methods(["GET", "POST"])
@event_view("collider.manage_event")
def event_attendance(request: HttpRequest, event) -> HttpResponse:
    registrations = selectors.registration_list(event=event)
    if request.method == "POST":

        def ids(name: str) -> set[int]:
            try:
                return {int(value) for value in request.POST.getlist(name)}
            except ValueError as error:
                raise ValidationError(_("Invalid selection.")) from error

        try:
            changed = services.attendance_mark(
                actor=request.user,
                event=event,
                attended_ids=ids("present"),
                absent_ids={r.pk for r in registrations if r.status == RegistrationStatus.CONFIRMED}
                - ids("present"),
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return render(
                request,
                "collider/event_attendance.html",
                _attendance_context(request, event, registrations),
                status=400,
            )
        messages.success(request, _("Attendance saved (%(n)s changed).") % {"n": changed})
        return redirect("collider:event_attendance", slug=event.programme.slug, pk=event.pk)
    return render(
        request,
        "collider/event_attendance.html",
        _attendance_context(request, event, registrations),
    )


@require_GET
@event_view()
def event_ics(request: HttpRequest, event) -> HttpResponse:
    ics = calendar_for([event], name=event.title, user=request.user)
    response = HttpResponse(ics, content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", {"message": str(exception or "")}, status=403)


__all__ = ["deny"]


# --- Exports ----------------------------------------------------------------------------------

#: Query parameters a dataset may read (e.g. the KPIs' reporting period); others are ignored.
EXPORT_PARAMS = ("period",)


def _export_params(query) -> dict:
    return {key: query[key] for key in EXPORT_PARAMS if query.get(key)}


@require_GET
@programme_view("collider.export_data")
def export_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Every list the user may export, with its row count: one count query per list."""
    threshold = settings.EXPORT_DIRECT_MAX_ROWS
    datasets = [
        {"dataset": d, "count": (count := d.count(programme, {})), "large": count > threshold}
        for d in exports.exports_for(request.user, programme)
    ]
    return render(
        request,
        "collider/export_list.html",
        {
            "programme": programme,
            "datasets": datasets,
            "threshold": threshold,
            "jobs": selectors.export_job_list_for(user=request.user, programme=programme),
        },
    )


def _dataset_or_404(request, programme, key: str, fmt: str):
    dataset = exports.export_get(key)
    if dataset is None or fmt not in exports.FORMATS:
        raise Http404
    return dataset


@require_GET
@programme_view("collider.export_data")
def export_download(request: HttpRequest, programme: Programme, key: str, fmt: str):
    """A small list as a file right away; a large one is sent to the exports page, which offers
    to write it in the background."""
    dataset = _dataset_or_404(request, programme, key, fmt)
    if not request.user.has_perm(dataset.scope, programme):
        return deny(request)
    params = _export_params(request.GET)
    if dataset.count(programme, params) > settings.EXPORT_DIRECT_MAX_ROWS:
        messages.info(
            request,
            _("“%(list)s” is long: prepare it in the background below.") % {"list": dataset.label},
        )
        return redirect("collider:export_list", slug=programme.slug)
    body = exports.render(dataset, programme, params, fmt)
    response = HttpResponse(body, content_type=exports.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{exports.filename(programme, dataset, fmt)}"'
    )
    return response


@require_POST
@programme_view("collider.export_data")
def export_job_start(request: HttpRequest, programme: Programme, key: str, fmt: str):
    _dataset_or_404(request, programme, key, fmt)
    try:
        job = services.export_job_start(
            actor=request.user,
            programme=programme,
            dataset_key=key,
            fmt=fmt,
            params=_export_params(request.POST),
        )
    except PermissionDenied:
        return deny(request)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("collider:export_list", slug=programme.slug)
    return redirect("collider:export_job_detail", pk=job.pk)


@require_GET
@login_required
def export_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get_for(user=request.user, pk=pk)
    dataset = exports.export_get(job.dataset)
    return render(
        request,
        "collider/export_job.html",
        {
            "job": job,
            "programme": job.programme,
            "label": dataset.label if dataset else job.dataset,
        },
    )


@require_GET
@login_required
def export_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """What the progress page polls: a few numbers, never cached."""
    job = selectors.export_job_get_for(user=request.user, pk=pk)
    response = JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "rows_done": job.rows_done,
            "rows_total": job.rows_total,
            "percent": job.percent,
            "finished": job.is_finished,
            "download_url": (
                reverse("collider:export_job_download", args=[job.pk])
                if job.status == ExportStatus.DONE
                else None
            ),
            "error": job.error if job.status == ExportStatus.FAILED else "",
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@login_required
def export_job_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.export_job_get_for(user=request.user, pk=pk)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return serve_upload(
        request,
        job.file,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=exports.CONTENT_TYPES.get(job.format, "application/octet-stream"),
    )


# --- The network view -------------------------------------------------------------------------


#: The indicator the network chart shows unless another is chosen.
NETWORK_CHART = "international.meetings"


def _network_form(request):
    """The span from the query string; this calendar year when none is given."""
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("start", today.replace(month=1, day=1).isoformat())
    data.setdefault("end", today.replace(month=12, day=31).isoformat())
    data.setdefault("kpi", NETWORK_CHART)
    return NetworkForm(data)


def _network_or_deny(view):
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("collider.view_network"):
            return deny(request)
        return view(request, *args, **kwargs)

    return wrapper


@require_GET
@_network_or_deny
def network(request: HttpRequest) -> HttpResponse:
    """Every programme's indicators rolled up for platform admins, by programme and country."""
    form = _network_form(request)
    if not form.is_valid():
        return render(request, "collider/network.html", {"form": form}, status=400)
    report = selectors.network_rollup(
        start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )
    chart_key = form.cleaned_data.get("kpi") or NETWORK_CHART
    return render(
        request,
        "collider/network.html",
        {"form": form, "report": report, "chart": network_chart(report, chart_key)},
    )


@require_GET
@_network_or_deny
def network_csv(request: HttpRequest) -> HttpResponse:
    form = _network_form(request)
    if not form.is_valid():
        return HttpResponse(
            " ".join(form.errors.get("__all__", [])) or _("Give a valid span."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    report = selectors.network_rollup(
        start=form.cleaned_data["start"], end=form.cleaned_data["end"]
    )

    def rows():
        for scope, lines in (("programme", report.programmes), ("country", report.countries)):
            for r in lines:
                yield [scope, r.label, r.programmes, *r.values]
        t = report.total
        yield ["total", t.label, t.programmes, *t.values]

    table = exports.table(
        key="network",
        label=_("Network"),
        headers=["scope", "name", "programmes", *[k.key for k in report.kpis]],
        rows=rows,
    )
    response = HttpResponse(
        exports.render(table, None, {}, "csv"), content_type=exports.CONTENT_TYPES["csv"]
    )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    response["Content-Disposition"] = f'attachment; filename="network-{start}-{end}.csv"'
    return response


#: Geometry of the network chart (SVG user units).
CHART_WIDTH, CHART_BAR, CHART_GAP, CHART_LABEL = 640, 22, 8, 220


def network_chart(report, key: str) -> dict | None:
    """Horizontal bars of one indicator per programme, laid out here so the SVG needs no JS."""
    index = next((i for i, k in enumerate(report.kpis) if k.key == key), None)
    if index is None or not report.programmes:
        return None
    kpi = report.kpis[index]
    values = [row.values[index] or 0 for row in report.programmes]
    top = max(values) or 1
    span = CHART_WIDTH - CHART_LABEL - 60
    bars = [
        {
            "label": row.label,
            "value": value,
            "y": i * (CHART_BAR + CHART_GAP),
            "text_y": i * (CHART_BAR + CHART_GAP) + CHART_BAR * 0.7,
            "width": round(span * value / top, 1),
            "value_x": CHART_LABEL + round(span * value / top, 1) + 6,
        }
        for i, (row, value) in enumerate(zip(report.programmes, values, strict=True))
    ]
    return {
        "kpi": kpi,
        "bars": bars,
        "width": CHART_WIDTH,
        "height": len(bars) * (CHART_BAR + CHART_GAP),
        "bar": CHART_BAR,
        "label_x": CHART_LABEL - 8,
        "bar_x": CHART_LABEL,
    }
