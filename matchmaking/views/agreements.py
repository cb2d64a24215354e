"""Thin views of the cooperation agreements: draft, edit, sign (also by a personal link), PDF."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import programme_view, require
from collider.models import Programme
from collider.pdf import render_pdf
from collider.ratelimit import public_write
from collider.viewutils import form_data, paginate, submit

from .. import selectors, services
from ..forms import AgreementForm, AgreementStartForm, ExternalPartyForm, SignForm
from ..pdf import agreement_context
from .profiles import TAB


@require_GET
@programme_view("matchmaking.view")
def agreement_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = paginate(request, selectors.agreement_list_for(user=request.user, programme=programme))
    return render(
        request,
        "matchmaking/agreement_list.html",
        {"tab": TAB, "programme": programme, "page": page},
    )


def _sources(request, programme):
    """What an agreement can start from, as form choices: the user's accepted meetings and
    selected ideas (all of them for organisers), and the ideas by id."""
    profile = selectors.profile_for(user=request.user, programme=programme)
    organiser = request.user.has_perm("matchmaking.organise", programme)
    meetings = selectors.accepted_meetings_of(
        programme=programme, profile=None if organiser else profile, everyone=organiser
    )
    choices = [(f"meeting:{m.pk}", _("Meeting: %(m)s") % {"m": m}) for m in meetings[:200]]
    ideas = {}
    for idea in selectors.selected_ideas(programme=programme)[:200]:
        parties = {
            idea.lead_id,
            idea.challenge.owner_id,
            *(c.user_id for c in getattr(idea, "accepted_coauthors", [])),
        }
        if organiser or request.user.pk in parties:
            ideas[idea.pk] = idea
            choices.append((f"idea:{idea.pk}", _("Selected idea: %(t)s") % {"t": idea.title}))
    return choices, ideas


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.draft_agreement")
def agreement_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    sources, ideas = _sources(request, programme)
    initial = {"source": request.GET.get("source", "")}

    def draft(data):
        kind_of, _sep, pk = data["source"].partition(":")
        meeting = idea = None
        if kind_of == "meeting":
            meeting = selectors.meeting_for_agreement(pk=int(pk))
        else:
            idea = ideas[int(pk)]
        return services.agreement_create(
            actor=request.user,
            programme=programme,
            kind=data["kind"],
            meeting=meeting,
            idea=idea,
            title=data["title"],
        )

    def drafted(agreement) -> HttpResponse:
        messages.success(
            request, _("Agreement drafted. Complete the terms, then every party signs.")
        )
        return redirect("matchmaking:agreement_edit", slug=programme.slug, pk=agreement.pk)

    return submit(
        request,
        AgreementStartForm(form_data(request), sources=sources, initial=initial),
        draft,
        drafted,
        template="matchmaking/agreement_start.html",
        context={"tab": TAB, "programme": programme},
    )


def _agreement(request, programme, pk, perm):
    agreement = selectors.agreement_get(user=request.user, programme=programme, pk=pk)
    require(request.user, perm, agreement)
    return agreement


def _agreement_context(request, programme, agreement) -> dict:
    party = next((p for p in agreement.parties.all() if p.user_id == request.user.pk), None)
    return {
        "tab": TAB,
        "programme": programme,
        "agreement": agreement,
        "party": party,
        "sign_form": SignForm(initial={"name": request.user.get_full_name()}),
        "party_form": ExternalPartyForm(),
        "current_hash": services.agreement_hash(agreement),
    }


@require_GET
@programme_view("matchmaking.view")
def agreement_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.view_agreement")
    return render(
        request,
        "matchmaking/agreement_detail.html",
        _agreement_context(request, programme, agreement),
    )


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.view")
def agreement_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.edit_agreement")
    lines = "\n".join(f"{d.due_on:%Y-%m-%d} {d.title}" for d in agreement.deliverables.all())

    def save(data):
        # The ModelForm has already copied the values onto the instance; the service re-reads
        # the row so it can compare before and after.
        return services.agreement_update(
            actor=request.user,
            agreement=agreement,
            deliverables=data["deliverables"],
            based_on=data["based_on"],
            **{name: data[name] for name in services.AGREEMENT_FIELDS},
        )

    def saved(updated) -> HttpResponse:
        if updated.signatures_cleared_note:
            messages.warning(request, updated.signatures_cleared_note)
        messages.success(request, _("Agreement saved."))
        return redirect(updated.get_absolute_url())

    return submit(
        request,
        AgreementForm(form_data(request), instance=agreement, initial={"deliverables": lines}),
        save,
        saved,
        template="matchmaking/agreement_form.html",
        context={"tab": TAB, "programme": programme, "agreement": agreement},
    )


@require_POST
@programme_view("matchmaking.view")
def agreement_sign(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.sign_agreement")

    def signed(_agreement) -> HttpResponse:
        messages.success(request, _("Signed."))
        return redirect(agreement.get_absolute_url())

    return submit(
        request,
        SignForm(request.POST),
        lambda data: services.agreement_sign(
            actor=request.user, agreement=agreement, name=data["name"]
        ),
        signed,
        template="matchmaking/agreement_detail.html",
        context=_agreement_context(request, programme, agreement),
        form_name="sign_form",
    )


@require_POST
@programme_view("matchmaking.view")
def agreement_party_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Add an external party (no account); they sign through a personal link e-mailed to them."""
    agreement = _agreement(request, programme, pk, "matchmaking.edit_agreement")

    def added(_party) -> HttpResponse:
        messages.success(
            request,
            _("%(name)s is a party now; we e-mailed them a personal signing link.")
            % {"name": form.cleaned_data["name"]},
        )
        return redirect(agreement.get_absolute_url())

    form = ExternalPartyForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.agreement_party_add_external(
            actor=request.user, agreement=agreement, **data
        ),
        added,
        template="matchmaking/agreement_detail.html",
        context=_agreement_context(request, programme, agreement),
        form_name="party_form",
    )


def _sign_link_refused(request, error: services.SignLinkRefused) -> HttpResponse:
    return render(
        request,
        "matchmaking/sign_link_refused.html",
        {"message": error.message},
        status=error.status,
    )


@require_http_methods(["GET", "POST"])
@public_write("sign_link")
def sign_link(request: HttpRequest, token: str) -> HttpResponse:
    """Public, gated by the token: an external party reads the agreement and signs it. A link
    that no longer works (expired, replaced, already used) has a page of its own."""
    try:
        party, _revision = services.sign_link_resolve(token)
        agreement = selectors.agreement_for_sign_link(party=party)

        def signed(_party) -> HttpResponse:
            messages.success(request, _("Signed. Thank you."))
            return redirect("matchmaking:sign_link", token=token)

        return submit(
            request,
            SignForm(form_data(request), initial={"name": party.name}),
            lambda data: services.agreement_sign_by_link(token=token, name=data["name"]),
            signed,
            template="matchmaking/sign_link.html",
            context={
                "agreement": agreement,
                "programme": agreement.programme,
                "party": next(p for p in agreement.parties.all() if p.pk == party.pk),
                "current_hash": services.agreement_hash(agreement),
            },
        )
    except services.SignLinkRefused as error:
        return _sign_link_refused(request, error)


@require_GET
@programme_view("matchmaking.view")
def agreement_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.view_agreement")
    pdf = render_pdf("matchmaking/pdf/agreement.html", agreement_context(agreement))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-{agreement.pk}.pdf"'
    return response
