"""Thin views of the tandem app: resolve through a selector, check a rule, call a service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.enums import Phase
from collider.models import Programme
from collider.pdf import render_pdf
from collider.rules import online_link_for
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text as _text
from collider.viewutils import form_data as _data
from collider.viewutils import paginate as _page

from . import exports, selectors, services
from .enums import PilotStage
from .forms import (
    ActionItemForm,
    AgendaForm,
    CharterForm,
    ConfirmForm,
    ContactFilterForm,
    ContactForm,
    ContactImportForm,
    InviteExpertForm,
    MeetingSeriesForm,
    MinutesForm,
    PeerCommentForm,
    PilotActionForm,
    TandemPartnerForm,
    TaskFilterForm,
    TaskForm,
)
from .models import ActionItem, TandemPartner
from .rules import can_peer_comment, partner_organisation_ids


def _render(request, template, context, *, status=200):
    context.setdefault("tab", "tandems:tandem_detail")
    return render(request, template, context, status=status)


# --- Tandem -----------------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_tandem")
def tandem_detail(request: HttpRequest, programme: Programme) -> HttpResponse:
    partners = selectors.tandem_partner_list(programme=programme)
    versions = selectors.charter_versions(programme=programme)
    status = selectors.charter_status(versions[0] if versions else None, partners)
    overdue = selectors.task_list(programme=programme, overdue=True).count()
    return _render(
        request,
        "tandems/tandem_detail.html",
        {
            "programme": programme,
            "partners": partners,
            "charter": status,
            "overdue_count": overdue,
            "meetings": selectors.upcoming_meeting_events(programme=programme),
            "joinable": selectors.organisations_joinable(programme=programme).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def tandem_partner_add(request: HttpRequest, programme: Programme) -> HttpResponse:
    organisations = selectors.organisations_joinable(programme=programme)
    form = TandemPartnerForm(_data(request), organisations=organisations)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                services.tandem_partner_add(actor=request.user, programme=programme, **data)
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(
                    request, _("%(org)s joined the tandem.") % {"org": data["organisation"]}
                )
                return redirect("tandems:tandem_detail", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/partner_form.html",
        {"programme": programme, "form": form, "partner": None},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def tandem_partner_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    partner = selectors.tandem_partner_get(programme=programme, pk=pk)
    form = TandemPartnerForm(_data(request), instance=partner, organisations=None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.tandem_partner_update(
                    actor=request.user,
                    partner=selectors.tandem_partner_get(programme=programme, pk=pk),
                    **form.cleaned_data,
                )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Partner profile saved."))
                return redirect("tandems:tandem_detail", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/partner_form.html",
        {"programme": programme, "form": form, "partner": partner},
        status=status,
    )


# --- Charter ----------------------------------------------------------------------------------


def _charter_context(request, programme, *, confirm_form=None) -> dict:
    internal = request.user.has_perm("tandems.view_internal", programme)
    partners = selectors.tandem_partner_list(programme=programme)
    versions = selectors.charter_versions(programme=programme)
    current = versions[0] if versions else None
    status = selectors.charter_status(current, partners)
    own = partner_organisation_ids(request.user, programme)
    mine = [p for p in status.missing if p.organisation_id in own]
    by_number = {v.number: v for v in versions}
    diff, old, new = [], None, current
    if len(versions) > 1:
        try:
            old = by_number[int(request.GET.get("from", current.number - 1))]
            new = by_number[int(request.GET.get("to", current.number))]
        except (KeyError, ValueError):
            old, new = versions[1], current
        diff = selectors.charter_diff(old, new, internal=internal)
    if confirm_form is None and mine:
        confirm_form = ConfirmForm(
            partners=TandemPartner.objects.filter(pk__in=[p.pk for p in mine]),
            initial={"partner": mine[0].pk},
        )
    return {
        "programme": programme,
        "versions": versions,
        "status": status,
        "confirmed_version": selectors.charter_confirmed_version(versions, partners),
        "confirm_form": confirm_form,
        "sections": status.version.sections(internal=internal) if status.version else [],
        "diff": diff,
        "diff_old": old,
        "diff_new": new,
    }


@require_GET
@programme_view("tandems.view_tandem")
def charter(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _render(request, "tandems/charter.html", _charter_context(request, programme))


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def charter_edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    versions = selectors.charter_versions(programme=programme)
    initial = {}
    if versions:
        initial = {name: getattr(versions[0], name) for name, _l in versions[0].SECTIONS}
    form = CharterForm(_data(request), initial=initial, record=versions[0] if versions else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                version = services.charter_version_create(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(
                    request,
                    _("Charter version %(n)s saved. Every partner organisation confirms it now.")
                    % {"n": version.number},
                )
                return redirect("tandems:charter", slug=programme.slug)
        status = 400
    return _render(
        request, "tandems/charter_form.html", {"programme": programme, "form": form}, status=status
    )


@require_POST
@programme_view("tandems.manage_tandem")
def charter_confirm(request: HttpRequest, programme: Programme, number: int) -> HttpResponse:
    version = selectors.charter_version_get(programme=programme, number=number)
    form = ConfirmForm(request.POST, partners=TandemPartner.objects.filter(programme=programme))
    if form.is_valid():
        try:
            services.charter_confirm(
                actor=request.user, version=version, partner=form.cleaned_data["partner"]
            )
        except PermissionDenied as error:
            form.add_error("partner", _text(error))
            return _render(
                request,
                "tandems/charter.html",
                _charter_context(request, programme, confirm_form=form),
                status=403,
            )
        except ValidationError as error:
            form.add_error("partner", _text(error))
        else:
            messages.success(
                request,
                _("%(org)s confirmed charter version %(n)s.")
                % {"org": form.cleaned_data["partner"], "n": version.number},
            )
            return redirect("tandems:charter", slug=programme.slug)
    return _render(
        request,
        "tandems/charter.html",
        _charter_context(request, programme, confirm_form=form),
        status=400,
    )


def charter_pdf_context(programme: Programme, *, internal: bool = True) -> dict:
    """Pure context for the PDF of the confirmed charter version (None if nothing confirmed);
    ``internal=False`` leaves out the internal sections (budget lines)."""
    partners = selectors.tandem_partner_list(programme=programme)
    versions = selectors.charter_versions(programme=programme)
    version = selectors.charter_confirmed_version(versions, partners)
    if version is None:
        return {}
    return {
        "programme": programme,
        "version": version,
        "sections": version.sections(internal=internal),
        "partners": partners,
        "confirmations": list(version.confirmations.all()),
        "generated_at": timezone.now(),
    }


@require_GET
@programme_view("tandems.view_tandem")
def charter_pdf(request: HttpRequest, programme: Programme) -> HttpResponse:
    context = charter_pdf_context(
        programme, internal=request.user.has_perm("tandems.view_internal", programme)
    )
    if not context:
        raise Http404(_("No charter version has been confirmed by every partner yet."))
    pdf = render_pdf("tandems/pdf/charter.html", context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="{programme.slug}-charter-v{context["version"].number}.pdf"'
    )
    return response


# --- Tasks ------------------------------------------------------------------------------------


def _task_filters(request, programme):
    form = TaskFilterForm(request.GET or None, programme=programme)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "phase": data["phase"],
            "status": data["status"],
            "owner": data["owner"].pk if data["owner"] else None,
            "overdue": data["overdue"],
        }
    return form, filters


@require_GET
@programme_view("tandems.view_tandem")
def task_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    form, filters = _task_filters(request, programme)
    return _render(
        request,
        "tandems/task_list.html",
        {
            "programme": programme,
            "filter_form": form,
            "page": _page(request, selectors.task_list(programme=programme, **filters)),
            "today": timezone.localdate(),
            "tab": "tandems:task_list",
        },
    )


@require_GET
@programme_view("tandems.view_tandem")
def timeline(request: HttpRequest, programme: Programme) -> HttpResponse:
    form, filters = _task_filters(request, programme)
    tasks = list(selectors.task_list(programme=programme, **filters))
    return _render(
        request,
        "tandems/timeline.html",
        {
            "programme": programme,
            "filter_form": form,
            "timeline": selectors.timeline_build(tasks),
            "phases": Phase.choices,
            "tab": "tandems:task_list",
        },
    )


def _task_form_view(request, programme, task=None):
    staff = selectors.partner_staff_users(programme=programme)
    form = TaskForm(_data(request), instance=task, programme=programme, staff=staff)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if task is None:
                    services.task_create(actor=request.user, programme=programme, **data)
                else:
                    services.task_update(
                        actor=request.user,
                        task=task,
                        based_on=form.cleaned_data["based_on"],
                        **data,
                    )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Task saved."))
                return redirect("tandems:task_list", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/task_form.html",
        {"programme": programme, "form": form, "task": task, "tab": "tandems:task_list"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def task_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _task_form_view(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def task_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _task_form_view(request, programme, selectors.task_get(programme=programme, pk=pk))


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


# --- Contacts ---------------------------------------------------------------------------------


def _contact_filters(request):
    form = ContactFilterForm(request.GET or None)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {"kind": data["kind"], "sector": data["sector"], "query": data["q"].strip()}
    return form, filters


@require_GET
@programme_view("tandems.view_contacts")
def contact_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    form, filters = _contact_filters(request)
    return _render(
        request,
        "tandems/contact_list.html",
        {
            "programme": programme,
            "filter_form": form,
            "page": _page(request, selectors.contact_list(programme=programme, **filters)),
            "query": request.GET.urlencode(),
            "tab": "tandems:contact_list",
        },
    )


@require_GET
@programme_view("tandems.view_contacts")
def contact_export(request: HttpRequest, programme: Programme, fmt: str) -> HttpResponse:
    _form, filters = _contact_filters(request)
    contacts = selectors.contact_list(programme=programme, **filters)
    body, content_type = exports.contacts_export(contacts, fmt=fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{programme.slug}-contacts.{fmt}"'
    return response


def _contact_form_view(request, programme, contact=None):
    form = ContactForm(_data(request), instance=contact)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if contact is None:
                    services.contact_create(actor=request.user, programme=programme, **data)
                else:
                    services.contact_update(
                        actor=request.user,
                        contact=selectors.contact_get(programme=programme, pk=contact.pk),
                        based_on=form.cleaned_data["based_on"],
                        **data,
                    )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Contact saved."))
                return redirect("tandems:contact_list", slug=programme.slug)
        status = 400
    return _render(
        request,
        "tandems/contact_form.html",
        {
            "programme": programme,
            "form": form,
            "contact": contact,
            "tab": "tandems:contact_list",
            "invite_form": InviteExpertForm(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_contacts")
def contact_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _contact_form_view(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_contacts")
def contact_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    return _contact_form_view(request, programme, selectors.contact_get(programme=programme, pk=pk))


@require_POST
@programme_view("tandems.manage_contacts")
def contact_invite(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    contact = selectors.contact_get(programme=programme, pk=pk)
    form = InviteExpertForm(request.POST)
    if form.is_valid():
        try:
            services.contact_invite_expert(
                actor=request.user, contact=contact, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, _text(error))
            return redirect("tandems:contact_edit", slug=programme.slug, pk=contact.pk)
        messages.success(
            request, _("%(email)s was invited as expert member.") % {"email": contact.email}
        )
    return redirect("tandems:contact_list", slug=programme.slug)


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_contacts")
def contact_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ContactImportForm(_data(request), request.FILES if request.method == "POST" else None)
    parsed = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            parsed, pending = services.contact_import_prepare(
                actor=request.user, programme=programme, filename=upload.name, data=upload.read()
            )
            if pending is not None:
                return redirect(
                    "tandems:contact_import_preview", slug=programme.slug, pk=pending.pk
                )
        status = 400
    return _render(
        request,
        "tandems/contact_import.html",
        {"programme": programme, "form": form, "parsed": parsed, "tab": "tandems:contact_list"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_contacts")
def contact_import_preview(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pending = selectors.contact_import_get(programme=programme, pk=pk)
    if pending.applied_at is not None:
        messages.info(request, _("This file was imported already."))
        return redirect("tandems:contact_list", slug=programme.slug)
    if request.method == "POST":
        try:
            done = services.contact_import_apply(actor=request.user, contact_import=pending)
        except ValidationError as error:
            messages.error(request, _text(error))
            return redirect("tandems:contact_import", slug=programme.slug)
        messages.success(
            request,
            _("Imported %(n)s contacts: %(new)s new, %(updated)s updated.")
            % {"n": done.row_count, "new": done.created_count, "updated": done.updated_count},
        )
        return redirect("tandems:contact_list", slug=programme.slug)
    from .csv_import import parse

    parsed = parse(pending.content.encode("utf-8"))
    return _render(
        request,
        "tandems/contact_import_preview.html",
        {
            "programme": programme,
            "pending": pending,
            "rows": parsed.rows[:20],
            "tab": "tandems:contact_list",
        },
    )


# --- Pilot actions ----------------------------------------------------------------------------


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    stage = request.GET.get("stage", "")
    pilots = selectors.pilot_list_visible_to(user=request.user, programme=programme)
    if stage in PilotStage.values:
        pilots = pilots.filter(stage=stage)
    return _render(
        request,
        "tandems/pilot_list.html",
        {
            "programme": programme,
            "page": _page(request, pilots.order_by("-updated_at", "pk")),
            "stage": stage,
            "stages": PilotStage.choices,
            "tab": "tandems:pilot_list",
        },
    )


@require_GET
@programme_view("tandems.view_toolbox")
def toolbox(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _render(
        request,
        "tandems/toolbox.html",
        {
            "programme": programme,
            "page": _page(request, selectors.toolbox_list(user=request.user, programme=programme)),
            "tab": "tandems:toolbox",
        },
    )


def _pilot_visible(request, programme, pk):
    try:
        return selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    except Http404:
        if not request.user.is_authenticated:
            return None
        raise


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None:
        return deny(request)
    return _render(request, "tandems/pilot_detail.html", _pilot_context(request, pilot))


def _pilot_context(request, pilot, comment_form=None) -> dict:
    next_stage = PilotStage.next_of(pilot.stage)
    return {
        "programme": pilot.programme,
        "pilot": pilot,
        "next_stage": next_stage,
        "next_stage_label": PilotStage(next_stage).label if next_stage else "",
        "gate_missing": services.pilot_gate_missing(pilot, next_stage) if next_stage else [],
        "comments": list(pilot.peer_comments.select_related("author", "author_programme")),
        "comment_form": comment_form or PeerCommentForm(),
        "stages": PilotStage.choices,
        "tab": "tandems:pilot_list",
    }


def _pilot_form_view(request, programme, pilot=None):
    form = PilotActionForm(_data(request), instance=pilot, programme=programme)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.Meta.fields}
            partners = list(data.pop("partners"))
            try:
                if pilot is None:
                    saved = services.pilot_action_create(
                        actor=request.user, programme=programme, partners=partners, **data
                    )
                else:
                    saved = services.pilot_action_update(
                        actor=request.user,
                        pilot=pilot,
                        partners=partners,
                        based_on=form.cleaned_data["based_on"],
                        **data,
                    )
            except (ValidationError, PermissionDenied) as error:
                _apply_error(form, error)
            else:
                messages.success(request, _("Pilot action saved."))
                return redirect(saved)
        status = 400
    return _render(
        request,
        "tandems/pilot_form.html",
        {"programme": programme, "form": form, "pilot": pilot, "tab": "tandems:pilot_list"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_pilot")
def pilot_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    return _pilot_form_view(request, programme)


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_pilot")
def pilot_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    return _pilot_form_view(request, programme, pilot)


@require_POST
@programme_view("tandems.manage_pilot")
def pilot_advance(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    try:
        pilot = services.pilot_action_advance(
            actor=request.user, pilot=pilot, to_stage=request.POST.get("to_stage", "")
        )
    except ValidationError as error:
        messages.error(request, _text(error))
        return _render(
            request, "tandems/pilot_detail.html", _pilot_context(request, pilot), status=400
        )
    messages.success(
        request, _("Moved to stage: %(stage)s.") % {"stage": pilot.get_stage_display()}
    )
    return redirect(pilot)


@require_POST
@programme_view("tandems.manage_pilot")
def pilot_publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = selectors.pilot_get_visible(user=request.user, programme=programme, pk=pk)
    try:
        services.pilot_action_publish(
            actor=request.user, pilot=pilot, published=request.POST.get("published") == "1"
        )
    except ValidationError as error:
        messages.error(request, _text(error))
        return _render(
            request, "tandems/pilot_detail.html", _pilot_context(request, pilot), status=400
        )
    messages.success(request, _("Toolbox visibility saved."))
    return redirect(pilot)


@require_POST
@programme_view("tandems.view_toolbox")
def pilot_comment(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None or not can_peer_comment.test(request.user, pilot):
        return deny(request)
    form = PeerCommentForm(request.POST)
    if form.is_valid():
        try:
            services.peer_comment_create(
                actor=request.user, pilot=pilot, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            _apply_error(form, error)
        else:
            messages.success(request, _("Thank you for your peer comment."))
            return redirect(pilot)
    return _render(
        request, "tandems/pilot_detail.html", _pilot_context(request, pilot, form), status=400
    )


def pilot_pdf_context(pilot) -> dict:
    """Pure context for the pilot action sheet."""
    return {
        "programme": pilot.programme,
        "pilot": pilot,
        "partners": list(pilot.partners.all()),
        "generated_at": timezone.now(),
    }


@require_GET
@programme_view("tandems.view_toolbox")
def pilot_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pilot = _pilot_visible(request, programme, pk)
    if pilot is None:
        return deny(request)
    pdf = render_pdf("tandems/pdf/pilot_action.html", pilot_pdf_context(pilot))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pilot-action-{pilot.pk}.pdf"'
    return response
