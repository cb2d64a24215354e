"""Thin views of the hub, the profiles, the taxonomies and the organisers' curation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme
from collider.viewutils import act, form_data, paginate, submit

from .. import selectors, services
from ..enums import Side
from ..forms import MarketFilterForm, PickForm, ProfileForm, TermForm

TAB = "matchmaking:hub"


def _request_buttons(request: HttpRequest, programme: Programme, profiles) -> dict:
    """Context for "Request a meeting" beside each of ``profiles`` the viewer may ask."""
    offer = selectors.MeetingOffer(user=request.user, programme=programme)
    return {"offer": offer, "requestable": offer.ids(profiles)}


@require_GET
@programme_view("matchmaking.view")
def hub(request: HttpRequest, programme: Programme) -> HttpResponse:
    profile = selectors.profile_for(user=request.user, programme=programme)
    context = {
        "tab": TAB,
        "programme": programme,
        "profile": profile,
        "workshops": selectors.workshop_list(programme=programme),
    }
    if profile is not None and profile.side == Side.CCI:
        context["suggestions"] = selectors.recommendations(programme=programme, candidate=profile)
        context["challenge_suggestions"] = selectors.challenge_recommendations(
            programme=programme, candidate=profile
        )
    elif profile is not None and profile.side == Side.AVM:
        context["suggestions"] = selectors.recommendations(programme=programme, company=profile)
    suggested = [*context.get("suggestions", []), *context.get("challenge_suggestions", [])]
    context.update(_request_buttons(request, programme, [s.profile for s in suggested]))
    context["cci_challenges"] = selectors.challenges_with_cci(
        user=request.user, programme=programme
    )
    if request.user.has_perm("matchmaking.curate", programme):
        context["companies"] = paginate(request, selectors.company_list(programme=programme))
    return render(request, "matchmaking/hub.html", context)


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.edit_profile")
def profile_edit(request: HttpRequest, programme: Programme) -> HttpResponse:
    profile = selectors.profile_for(user=request.user, programme=programme)
    initial = {}
    if profile is not None:
        initial = {
            "terms": list(profile.terms.all()),
            "description": profile.description,
            "languages": profile.languages,
            "region": profile.region,
        }

    def saved(_profile) -> HttpResponse:
        messages.success(request, _("Your matchmaking profile is saved."))
        return redirect("matchmaking:hub", slug=programme.slug)

    return submit(
        request,
        ProfileForm(form_data(request), programme=programme, initial=initial),
        lambda data: services.profile_save(
            actor=request.user,
            programme=programme,
            **{k: data[k] for k in ("description", "languages", "region")},
            terms=list(data["terms"]),
        ),
        saved,
        template="matchmaking/profile_form.html",
        context={"tab": TAB, "programme": programme},
    )


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.edit_terms")
def terms(request: HttpRequest, programme: Programme) -> HttpResponse:
    def added(_term) -> HttpResponse:
        messages.success(request, _("Term added."))
        return redirect("matchmaking:terms", slug=programme.slug)

    return submit(
        request,
        TermForm(form_data(request)),
        lambda data: services.term_create(actor=request.user, programme=programme, **data),
        added,
        template="matchmaking/terms.html",
        context={
            "tab": TAB,
            "programme": programme,
            "terms": selectors.term_list(programme=programme),
        },
    )


@require_POST
@programme_view("matchmaking.edit_terms")
def term_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    term = selectors.term_get(programme=programme, pk=pk)
    return act(
        request,
        lambda: services.term_delete(actor=request.user, term=term),
        done=_("Term removed."),
        to="matchmaking:terms",
        to_kwargs={"slug": programme.slug},
    )


@require_GET
@programme_view("matchmaking.curate")
def company_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    company = selectors.company_get(programme=programme, pk=pk)
    return render(
        request,
        "matchmaking/company_detail.html",
        {
            "tab": TAB,
            "programme": programme,
            "company": company,
            "suggestions": selectors.recommendations(programme=programme, company=company),
            "shortlist": selectors.shortlist(company=company),
            "form": PickForm(programme=programme),
        },
    )


@require_POST
@programme_view("matchmaking.curate")
def pick(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    company = selectors.company_get(programme=programme, pk=pk)

    def pick_or_clear(data):
        candidate, kind = data["candidate"], data["kind"]
        if kind == "clear":
            for existing in selectors.shortlist(company=company).filter(candidate=candidate):
                services.pick_clear(actor=request.user, pick=existing)
            return _("Removed from the list.")
        services.pick_set(
            actor=request.user, company=company, candidate=candidate, kind=kind, note=data["note"]
        )
        return _("Shortlist updated.")

    def done(message):
        messages.success(request, message)
        return redirect("matchmaking:company_detail", slug=programme.slug, pk=company.pk)

    return submit(
        request,
        PickForm(request.POST, programme=programme),
        pick_or_clear,
        done,
        template="matchmaking/company_detail.html",
        context={
            "tab": TAB,
            "programme": programme,
            "company": company,
            "suggestions": [],
            "shortlist": selectors.shortlist(company=company),
        },
    )


@require_GET
@programme_view("matchmaking.view")
def challenge_cci(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """“CCI for this challenge”: the recommender's ranking for one published challenge."""
    challenge = selectors.challenge_for_cci_list(user=request.user, programme=programme, pk=pk)
    if not request.user.has_perm("matchmaking.view_challenge_cci", challenge):
        return deny(request)
    page = paginate(request, selectors.cci_for_challenge(programme=programme, challenge=challenge))
    return render(
        request,
        "matchmaking/challenge_cci.html",
        {
            "tab": TAB,
            "programme": programme,
            "challenge": challenge,
            "page": page,
            **_request_buttons(request, programme, [s.profile for s in page]),
        },
    )


@require_GET
@programme_view("matchmaking.view")
def market(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Offers and needs of the programme: search, filter, open a profile, request a meeting."""
    form = MarketFilterForm(
        request.GET or None,
        programme=programme,
        countries=selectors.market_countries(programme=programme),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    profiles = selectors.market_profiles(
        programme=programme,
        text=filters.get("q", ""),
        term=filters.get("term"),
        side=filters.get("side", ""),
        country=filters.get("country", ""),
    )
    page = paginate(request, profiles)
    return render(
        request,
        "matchmaking/market.html",
        {
            "tab": TAB,
            "programme": programme,
            "form": form,
            "page": page,
            **_request_buttons(request, programme, page),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
@programme_view("matchmaking.view")
def profile_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """One participant's offers or needs and their organisation, with "Request a meeting"."""
    profile = selectors.market_profile_get(programme=programme, pk=pk)
    return render(
        request,
        "matchmaking/profile_detail.html",
        {
            "tab": TAB,
            "programme": programme,
            "profile": profile,
            "people": selectors.organisation_people(programme=programme, profile=profile),
            **_request_buttons(request, programme, [profile]),
        },
    )
