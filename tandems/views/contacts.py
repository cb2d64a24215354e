"""Views of the contact directory: list, edit, invite, import, export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.viewutils import act, form_data, form_files, submit
from collider.viewutils import paginate as _page

from .. import exports, selectors, services
from ..csv_import import parse
from ..forms import (
    ContactFilterForm,
    ContactForm,
    ContactImportForm,
    InviteExpertForm,
)

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
    return render(
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


def _contact_page(programme, contact) -> dict:
    return {
        "programme": programme,
        "contact": contact,
        "tab": "tandems:contact_list",
        "form": ContactForm(instance=contact),
        "invite_form": InviteExpertForm(),
    }


def _contact_form_view(request, programme, contact=None):
    def save(data):
        fields = {name: data[name] for name in ContactForm.Meta.fields}
        if contact is None:
            return services.contact_create(actor=request.user, programme=programme, **fields)
        return services.contact_update(
            actor=request.user,
            contact=selectors.contact_get(programme=programme, pk=contact.pk),
            based_on=data["based_on"],
            **fields,
        )

    def saved(_contact):
        messages.success(request, _("Contact saved."))
        return redirect("tandems:contact_list", slug=programme.slug)

    return submit(
        request,
        ContactForm(form_data(request), instance=contact),
        save,
        saved,
        template="tandems/contact_form.html",
        context=_contact_page(programme, contact),
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

    def invited(_invitation):
        messages.success(
            request, _("%(email)s was invited as expert member.") % {"email": contact.email}
        )
        return redirect("tandems:contact_list", slug=programme.slug)

    return submit(
        request,
        InviteExpertForm(request.POST),
        lambda data: services.contact_invite_expert(
            actor=request.user, contact=contact, message=data["message"]
        ),
        invited,
        template="tandems/contact_form.html",
        context=_contact_page(programme, contact),
        form_name="invite_form",
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_contacts")
def contact_import(request: HttpRequest, programme: Programme) -> HttpResponse:
    def prepare(data):
        upload = data["file"]
        context["parsed"], pending = services.contact_import_prepare(
            actor=request.user, programme=programme, filename=upload.name, data=upload.read()
        )
        if pending is None:
            raise ValidationError(_("The file was not imported: see the problems above."))
        return pending

    context = {"programme": programme, "tab": "tandems:contact_list"}
    return submit(
        request,
        ContactImportForm(form_data(request), form_files(request)),
        prepare,
        lambda pending: redirect(
            "tandems:contact_import_preview", slug=programme.slug, pk=pending.pk
        ),
        template="tandems/contact_import.html",
        context=context,
    )


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_contacts")
def contact_import_preview(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    pending = selectors.contact_import_get(programme=programme, pk=pk)
    if pending.applied_at is not None:
        messages.info(request, _("This file was imported already."))
        return redirect("tandems:contact_list", slug=programme.slug)
    if request.method == "POST":
        return act(
            request,
            lambda: services.contact_import_apply(actor=request.user, contact_import=pending),
            done=lambda done: (
                _("Imported %(n)s contacts: %(new)s new, %(updated)s updated.")
                % {"n": done.row_count, "new": done.created_count, "updated": done.updated_count}
            ),
            to="tandems:contact_list",
            to_kwargs={"slug": programme.slug},
        )
    parsed = parse(pending.content.encode("utf-8"))
    return render(
        request,
        "tandems/contact_import_preview.html",
        {
            "programme": programme,
            "pending": pending,
            "rows": parsed.rows[:20],
            "tab": "tandems:contact_list",
        },
    )
