"""Views of the contact directory: list, edit, invite, import, export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.viewutils import apply_error as _apply_error
from collider.viewutils import error_text as _text
from collider.viewutils import form_data as _data
from collider.viewutils import paginate as _page

from .. import exports, selectors, services
from ..csv_import import parse
from ..forms import (
    ContactFilterForm,
    ContactForm,
    ContactImportForm,
    InviteExpertForm,
)
from .common import _render

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
