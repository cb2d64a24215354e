"""Views of the charter: versions, confirmations, PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view
from collider.models import Programme
from collider.pdf import render_pdf
from collider.viewutils import form_data, submit

from .. import selectors, services
from ..forms import (
    CharterForm,
    ConfirmForm,
)
from ..models import TandemPartner
from ..rules import partner_organisation_ids
from .common import TAB

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
        "tab": TAB,
    }


@require_GET
@programme_view("tandems.view_tandem")
def charter(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(request, "tandems/charter.html", _charter_context(request, programme))


@require_http_methods(["GET", "POST"])
@programme_view("tandems.manage_tandem")
def charter_edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    versions = selectors.charter_versions(programme=programme)
    initial = {}
    if versions:
        initial = {name: getattr(versions[0], name) for name, _l in versions[0].SECTIONS}

    def saved(version):
        messages.success(
            request,
            _("Charter version %(n)s saved. Every partner organisation confirms it now.")
            % {"n": version.number},
        )
        return redirect("tandems:charter", slug=programme.slug)

    return submit(
        request,
        CharterForm(form_data(request), initial=initial, record=versions[0] if versions else None),
        lambda data: services.charter_version_create(
            actor=request.user, programme=programme, **data
        ),
        saved,
        template="tandems/charter_form.html",
        context={"programme": programme, "tab": TAB},
    )


@require_POST
@programme_view("tandems.manage_tandem")
def charter_confirm(request: HttpRequest, programme: Programme, number: int) -> HttpResponse:
    version = selectors.charter_version_get(programme=programme, number=number)
    form = ConfirmForm(request.POST, partners=TandemPartner.objects.filter(programme=programme))

    def confirmed(confirmation):
        messages.success(
            request,
            _("%(org)s confirmed charter version %(n)s.")
            % {"org": form.cleaned_data["partner"], "n": version.number},
        )
        return redirect("tandems:charter", slug=programme.slug)

    return submit(
        request,
        form,
        lambda data: services.charter_confirm(
            actor=request.user, version=version, partner=data["partner"]
        ),
        confirmed,
        template="tandems/charter.html",
        context=_charter_context(request, programme, confirm_form=form),
        form_name="confirm_form",
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
