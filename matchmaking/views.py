"""Thin views: resolve through a selector (404 for other programmes), check a rule, call a
service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme, User
from collider.pdf import render_pdf
from collider.ratelimit import public_write
from collider.rules import online_link_for
from collider.viewutils import apply_error as _errors
from collider.viewutils import error_text, paginate, posted_pk, submit
from collider.viewutils import form_data as _data

from . import selectors, services
from .enums import RequestStatus, Side
from .forms import (
    AgreementForm,
    AgreementStartForm,
    AnswerForm,
    AvailabilityForm,
    ExpertInviteForm,
    ExternalPartyForm,
    MeetingRequestForm,
    PickForm,
    ProfileForm,
    RunForm,
    SignForm,
    TermForm,
    WorkshopForm,
)
from .models import Participation, Term

TAB = "matchmaking:hub"


def _render(request, template, context, *, status=200):
    context.setdefault("tab", TAB)
    return render(request, template, context, status=status)


def _workshop(request, programme, pk):
    return selectors.workshop_get(programme=programme, pk=pk)


# --- Hub, profile, taxonomies --------------------------------------------------------------------


@require_GET
@programme_view("matchmaking.view")
def hub(request: HttpRequest, programme: Programme) -> HttpResponse:
    profile = selectors.profile_for(user=request.user, programme=programme)
    context = {
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
    context["cci_challenges"] = selectors.challenges_with_cci(
        user=request.user, programme=programme
    )
    if request.user.has_perm("matchmaking.curate", programme):
        context["companies"] = paginate(request, selectors.company_list(programme=programme))
    return _render(request, "matchmaking/hub.html", context)


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
    form = ProfileForm(_data(request), programme=programme, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.profile_save(
                    actor=request.user,
                    programme=programme,
                    **{k: form.cleaned_data[k] for k in ("description", "languages", "region")},
                    terms=list(form.cleaned_data["terms"]),
                )
            except (ValidationError, PermissionDenied) as error:
                _errors(form, error)
            else:
                messages.success(request, _("Your matchmaking profile is saved."))
                return redirect("matchmaking:hub", slug=programme.slug)
        return _render(
            request,
            "matchmaking/profile_form.html",
            {"programme": programme, "form": form},
            status=400,
        )
    return _render(request, "matchmaking/profile_form.html", {"programme": programme, "form": form})


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.edit_terms")
def terms(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = TermForm(_data(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                services.term_create(actor=request.user, programme=programme, **form.cleaned_data)
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Term added."))
                return redirect("matchmaking:terms", slug=programme.slug)
        status = 400
    else:
        status = 200
    return _render(
        request,
        "matchmaking/terms.html",
        {"programme": programme, "form": form, "terms": selectors.term_list(programme=programme)},
        status=status,
    )


@require_POST
@programme_view("matchmaking.edit_terms")
def term_delete(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    try:
        term = Term.objects.get(programme=programme, pk=pk)
    except Term.DoesNotExist as error:
        raise Http404 from error
    services.term_delete(actor=request.user, term=term)
    messages.success(request, _("Term removed."))
    return redirect("matchmaking:terms", slug=programme.slug)


# --- Curation ------------------------------------------------------------------------------------


@require_GET
@programme_view("matchmaking.curate")
def company_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    company = selectors.company_get(programme=programme, pk=pk)
    return _render(
        request,
        "matchmaking/company_detail.html",
        {
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
    return _render(
        request,
        "matchmaking/challenge_cci.html",
        {"programme": programme, "challenge": challenge, "page": page},
    )


# --- Workshops -----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.organise")
def workshop_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = WorkshopForm(_data(request))
    if request.method == "POST":
        if form.is_valid():
            try:
                workshop = services.workshop_create(
                    actor=request.user, programme=programme, **form.cleaned_data
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Workshop created."))
                return redirect(workshop.get_absolute_url())
        return _render(
            request,
            "matchmaking/workshop_form.html",
            {"programme": programme, "form": form},
            status=400,
        )
    return _render(
        request, "matchmaking/workshop_form.html", {"programme": programme, "form": form}
    )


def _workshop_context(request, programme, workshop, **extra):
    profile = selectors.profile_for(user=request.user, programme=programme)
    participation = (
        Participation.objects.filter(workshop=workshop, profile=profile)
        .prefetch_related("unavailable")
        .first()
        if profile
        else None
    )
    context = {
        "programme": programme,
        "workshop": workshop,
        "profile": profile,
        "participation": participation,
        "my_requests": selectors.requests_for(workshop=workshop, profile=profile),
        "agenda": selectors.agenda_for(workshop=workshop, profile=profile) if profile else [],
        "version": selectors.published_version(workshop=workshop),
        "request_form": MeetingRequestForm(programme=programme, profile=profile, workshop=workshop),
        "sessions": selectors.workshop_sessions(workshop=workshop),
        "availability_form": AvailabilityForm(
            workshop=workshop,
            initial={"cap": participation.cap, "unavailable": list(participation.unavailable.all())}
            if participation
            else None,
        ),
        "answer_form": AnswerForm(),
        "pending": RequestStatus.PENDING,
    }
    context.update(extra)
    return context


@require_GET
@programme_view("matchmaking.view")
def workshop_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    return _render(
        request, "matchmaking/workshop_detail.html", _workshop_context(request, programme, workshop)
    )


@require_POST
@programme_view("matchmaking.edit_profile")
def availability(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    form = AvailabilityForm(request.POST, workshop=workshop)
    if form.is_valid():
        try:
            participation = services.participation_join(actor=request.user, workshop=workshop)
            services.participation_update(
                actor=request.user,
                participation=participation,
                cap=form.cleaned_data["cap"],
                unavailable=list(form.cleaned_data["unavailable"]),
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your availability is saved."))
            return redirect(workshop.get_absolute_url())
    return _render(
        request,
        "matchmaking/workshop_detail.html",
        _workshop_context(request, programme, workshop, availability_form=form),
        status=400,
    )


@require_POST
@programme_view("matchmaking.request_meeting")
def request_create(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    profile = selectors.profile_for(user=request.user, programme=programme)
    form = MeetingRequestForm(request.POST, programme=programme, profile=profile, workshop=workshop)
    if form.is_valid():
        try:
            services.meeting_request_create(
                actor=request.user, workshop=workshop, **form.cleaned_data
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your request is sent."))
            return redirect(workshop.get_absolute_url())
    return _render(
        request,
        "matchmaking/workshop_detail.html",
        _workshop_context(request, programme, workshop, request_form=form),
        status=400,
    )


@require_POST
@programme_view("matchmaking.view")
def request_answer(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    if not request.user.has_perm("matchmaking.answer_request", meeting):
        return deny(request)
    form = AnswerForm(request.POST)
    if form.is_valid():
        service = (
            services.meeting_request_accept
            if form.cleaned_data["decision"] == "accept"
            else services.meeting_request_decline
        )
        try:
            service(actor=request.user, request=meeting, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your answer is sent."))
            return redirect(workshop.get_absolute_url())
    return _render(
        request,
        "matchmaking/workshop_detail.html",
        _workshop_context(request, programme, workshop, answer_form=form),
        status=400,
    )


@require_POST
@programme_view("matchmaking.view")
def meeting_held(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    try:
        services.meeting_mark_held(actor=request.user, request=meeting)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _render(
            request,
            "matchmaking/workshop_detail.html",
            _workshop_context(request, programme, workshop),
            status=400,
        )
    messages.success(request, _("Marked as held."))
    return redirect(workshop.get_absolute_url())


def _schedule_context(request, programme, workshop, form) -> dict:
    """What the scheduler page shows: queries and work independent of the workshop's size
    (the latest run's stored figures, one page of meetings, two counts)."""
    summary = selectors.working_schedule_summary(workshop=workshop)
    moving = None
    if request.GET.get("move", "").isdigit():
        moving = (
            selectors.accepted_meetings(workshop=workshop).filter(pk=request.GET["move"]).first()
        )
    grid_page, tables, grid = selectors.schedule_grid(
        workshop=workshop, number=request.GET.get("grid"), moving=moving
    )
    return {
        "grid_page": grid_page,
        "tables": tables,
        "grid": grid,
        "moving": moving,
        "programme": programme,
        "workshop": workshop,
        "form": form,
        "run": selectors.schedule_run_latest(workshop=workshop),
        "summary": summary,
        "meetings": selectors.accepted_meetings_page(
            workshop=workshop, number=request.GET.get("page"), total=summary["accepted"]
        ),
        "versions": workshop.versions.all()[:10],
    }


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.organise")
def schedule(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """The scheduler page; a POST only queues a background run (the page then shows it)."""
    workshop = _workshop(request, programme, pk)
    form = RunForm(_data(request), initial={"time_limit": 10})
    if request.method == "POST" and form.is_valid():
        try:
            services.schedule_run_start(
                actor=request.user,
                workshop=workshop,
                method=form.cleaned_data["method"],
                time_limit=form.cleaned_data["time_limit"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The scheduler is running; the result appears below."))
            return redirect("matchmaking:schedule", slug=programme.slug, pk=workshop.pk)
    status = 400 if request.method == "POST" else 200
    return _render(
        request,
        "matchmaking/schedule.html",
        _schedule_context(request, programme, workshop, form),
        status=status,
    )


def _run(request, programme, pk: int, run_pk: int):
    workshop = _workshop(request, programme, pk)
    return workshop, selectors.schedule_run_get(workshop=workshop, pk=run_pk)


@require_GET
@programme_view("matchmaking.organise")
def schedule_run_status(
    request: HttpRequest, programme: Programme, pk: int, run_pk: int
) -> HttpResponse:
    """What the scheduler page polls while a run works: a few stored numbers, never cached."""
    _workshop_run, run = _run(request, programme, pk, run_pk)
    response = JsonResponse(
        {
            "status": run.status,
            "status_label": str(run.get_status_display()),
            "phase": run.phase,
            "placed": run.placed,
            "total": run.total,
            "bound": run.bound,
            "finished": run.is_finished,
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@programme_view("matchmaking.organise")
def schedule_run_stop(
    request: HttpRequest, programme: Programme, pk: int, run_pk: int
) -> HttpResponse:
    workshop, run = _run(request, programme, pk, run_pk)
    try:
        services.schedule_run_stop(actor=request.user, run=run)
    except PermissionDenied:
        return deny(request)
    messages.info(request, _("The scheduler stops after its current step and keeps its best."))
    return redirect("matchmaking:schedule", slug=programme.slug, pk=workshop.pk)


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.invite_experts")
def experts(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Invite experts to the workshop; those from the idea pitch and reviews are listed first."""
    workshop = _workshop(request, programme, pk)
    candidates = selectors.expert_candidates(programme=programme, workshop=workshop)
    form = ExpertInviteForm(_data(request), candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            expert = User.objects.get(pk=form.cleaned_data["expert"])
            try:
                services.expert_invite(
                    actor=request.user,
                    workshop=workshop,
                    expert=expert,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is invited and can now be asked for meetings.")
                    % {"name": expert.display_name},
                )
                return redirect("matchmaking:experts", slug=programme.slug, pk=workshop.pk)
        status = 400
    return _render(
        request,
        "matchmaking/experts.html",
        {
            "programme": programme,
            "workshop": workshop,
            "form": form,
            "candidates": candidates,
            "invited": selectors.workshop_experts(workshop=workshop),
        },
        status=status,
    )


@require_POST
@programme_view("matchmaking.organise")
def meeting_lock(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    try:
        services.meeting_lock(
            actor=request.user, request=meeting, locked=request.POST.get("locked") == "1"
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect("matchmaking:schedule", slug=programme.slug, pk=workshop.pk)
    return redirect("matchmaking:schedule", slug=programme.slug, pk=workshop.pk)


@require_POST
@programme_view("matchmaking.organise")
def meeting_move(
    request: HttpRequest, programme: Programme, pk: int, request_pk: int
) -> HttpResponse:
    """Move a meeting to the posted slot and table from the scheduler's grid (and lock it)."""
    workshop = _workshop(request, programme, pk)
    meeting = selectors.request_get_for_recipient(
        user=request.user, workshop=workshop, pk=request_pk
    )
    slot = get_object_or_404(workshop.slots, pk=posted_pk(request, "slot"))
    table = get_object_or_404(workshop.tables, pk=posted_pk(request, "table"))
    try:
        services.meeting_move(actor=request.user, request=meeting, slot=slot, table=table)
    except ValidationError as error:
        messages.error(request, error_text(error))
        form = RunForm(None, initial={"time_limit": 10})
        context = _schedule_context(request, programme, workshop, form)
        return _render(request, "matchmaking/schedule.html", context, status=400)
    messages.success(
        request,
        _("Meeting moved to slot %(slot)s, table %(table)s, and locked there.")
        % {"slot": slot, "table": table},
    )
    page = request.POST.get("page", "")
    url = reverse("matchmaking:schedule", kwargs={"slug": programme.slug, "pk": workshop.pk})
    return redirect(f"{url}?grid={page}#grid" if page.isdigit() else f"{url}#grid")


@require_POST
@programme_view("matchmaking.organise")
def publish(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    try:
        version = services.schedule_publish(actor=request.user, workshop=workshop)
    except ValidationError as error:
        messages.error(request, error_text(error))
        return _render(
            request,
            "matchmaking/schedule.html",
            _schedule_context(request, programme, workshop, RunForm(initial={"time_limit": 10})),
            status=400,
        )
    messages.success(
        request,
        ngettext(
            "Version %(n)s published; %(count)s participant notified.",
            "Version %(n)s published; %(count)s participants notified.",
            version.notified,
        )
        % {"n": version.number, "count": version.notified},
    )
    return redirect("matchmaking:schedule", slug=programme.slug, pk=workshop.pk)


def _agenda(request, programme, workshop):
    profile = selectors.profile_for(user=request.user, programme=programme)
    if profile is None:
        raise Http404
    return profile, selectors.agenda_for(workshop=workshop, profile=profile)


@require_GET
@programme_view("matchmaking.edit_profile")
def agenda_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    profile, rows = _agenda(request, programme, workshop)
    pdf = render_pdf(
        "matchmaking/pdf/agenda.html",
        {
            "workshop": workshop,
            "profile": profile,
            "rows": rows,
            "version": selectors.published_version(workshop=workshop),
            "online_link": online_link_for(workshop.event, user=request.user),
        },
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agenda-{workshop.pk}.pdf"'
    return response


@require_GET
@programme_view("matchmaking.edit_profile")
def agenda_ics(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    from .ical import agenda_calendar

    workshop = _workshop(request, programme, pk)
    profile, rows = _agenda(request, programme, workshop)
    response = HttpResponse(
        agenda_calendar(
            workshop=workshop,
            profile=profile,
            rows=rows,
            online_link=online_link_for(workshop.event, user=request.user),
        ),
        content_type="text/calendar",
    )
    response["Content-Disposition"] = f'attachment; filename="agenda-{workshop.pk}.ics"'
    return response


@require_GET
@programme_view("matchmaking.organise")
def table_plan(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    workshop = _workshop(request, programme, pk)
    pdf = render_pdf("matchmaking/pdf/table_plan.html", selectors.table_plan(workshop=workshop))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="table-plan-{workshop.pk}.pdf"'
    return response


# --- Agreements ----------------------------------------------------------------------------------


@require_GET
@programme_view("matchmaking.view")
def agreement_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    page = paginate(request, selectors.agreement_list_for(user=request.user, programme=programme))
    return _render(
        request, "matchmaking/agreement_list.html", {"programme": programme, "page": page}
    )


def _sources(request, programme):
    profile = selectors.profile_for(user=request.user, programme=programme)
    organiser = request.user.has_perm("matchmaking.organise", programme)
    choices = []
    from .models import MeetingRequest

    meetings = MeetingRequest.objects.filter(
        workshop__event__programme=programme, status=RequestStatus.ACCEPTED
    ).select_related(
        "requester__user", "recipient__user", "requester__organisation", "recipient__organisation"
    )
    if not organiser:
        meetings = (
            meetings.filter(requester=profile) | meetings.filter(recipient=profile)
            if profile
            else meetings.none()
        )
    choices += [(f"meeting:{m.pk}", _("Meeting: %(m)s") % {"m": m}) for m in meetings[:200]]
    try:
        from challenges.selectors import selected_ideas_of_programme
    except ImportError:
        return choices, {}
    ideas = {}
    for idea in selected_ideas_of_programme(programme)[:200]:
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
    form = AgreementStartForm(_data(request), sources=sources, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            kind_of, _sep, pk = form.cleaned_data["source"].partition(":")
            meeting = idea = None
            if kind_of == "meeting":
                from .models import MeetingRequest

                meeting = MeetingRequest.objects.select_related(
                    "requester__user",
                    "recipient__user",
                    "requester__organisation",
                    "recipient__organisation",
                    "workshop__event__programme",
                ).get(pk=int(pk))
            else:
                idea = ideas[int(pk)]
            try:
                agreement = services.agreement_create(
                    actor=request.user,
                    programme=programme,
                    kind=form.cleaned_data["kind"],
                    meeting=meeting,
                    idea=idea,
                    title=form.cleaned_data["title"],
                )
            except (ValidationError, PermissionDenied) as error:
                _errors(form, error)
            else:
                messages.success(
                    request, _("Agreement drafted. Complete the terms, then every party signs.")
                )
                return redirect("matchmaking:agreement_edit", slug=programme.slug, pk=agreement.pk)
        return _render(
            request,
            "matchmaking/agreement_start.html",
            {"programme": programme, "form": form},
            status=400,
        )
    return _render(
        request, "matchmaking/agreement_start.html", {"programme": programme, "form": form}
    )


def _agreement(request, programme, pk, perm):
    agreement = selectors.agreement_get(user=request.user, programme=programme, pk=pk)
    if not request.user.has_perm(perm, agreement):
        raise PermissionDenied
    return agreement


@require_GET
@programme_view("matchmaking.view")
def agreement_detail(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.view_agreement")
    return _render(
        request,
        "matchmaking/agreement_detail.html",
        _agreement_context(request, programme, agreement),
    )


def _agreement_context(request, programme, agreement, **extra) -> dict:
    party = next((p for p in agreement.parties.all() if p.user_id == request.user.pk), None)
    context = {
        "programme": programme,
        "agreement": agreement,
        "party": party,
        "sign_form": SignForm(initial={"name": request.user.get_full_name()}),
        "party_form": ExternalPartyForm(),
        "current_hash": services.agreement_hash(agreement),
    }
    context.update(extra)
    return context


@require_http_methods(["GET", "POST"])
@programme_view("matchmaking.view")
def agreement_edit(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.edit_agreement")
    lines = "\n".join(f"{d.due_on:%Y-%m-%d} {d.title}" for d in agreement.deliverables.all())
    form = AgreementForm(_data(request), instance=agreement, initial={"deliverables": lines})
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.AGREEMENT_FIELDS}
            try:
                # The ModelForm has already copied the values onto the instance; the service
                # re-reads the row so it can compare before and after.
                updated = services.agreement_update(
                    actor=request.user,
                    agreement=agreement,
                    deliverables=form.cleaned_data["deliverables"],
                    based_on=form.cleaned_data["based_on"],
                    **data,
                )
            except ValidationError as error:
                _errors(form, error)
            else:
                if updated.signatures_cleared_note:
                    messages.warning(request, updated.signatures_cleared_note)
                messages.success(request, _("Agreement saved."))
                return redirect(updated.get_absolute_url())
        return _render(
            request,
            "matchmaking/agreement_form.html",
            {"programme": programme, "agreement": agreement, "form": form},
            status=400,
        )
    return _render(
        request,
        "matchmaking/agreement_form.html",
        {"programme": programme, "agreement": agreement, "form": form},
    )


@require_POST
@programme_view("matchmaking.view")
def agreement_sign(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.view_agreement")
    if not request.user.has_perm("matchmaking.sign_agreement", agreement):
        raise PermissionDenied
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_sign(
                actor=request.user, agreement=agreement, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Signed."))
            return redirect(agreement.get_absolute_url())
    return _render(
        request,
        "matchmaking/agreement_detail.html",
        _agreement_context(request, programme, agreement, sign_form=form),
        status=400,
    )


@require_POST
@programme_view("matchmaking.view")
def agreement_party_add(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    """Add an external party (no account); they sign through a personal link e-mailed to them."""
    agreement = _agreement(request, programme, pk, "matchmaking.edit_agreement")
    form = ExternalPartyForm(request.POST)
    if form.is_valid():
        try:
            services.agreement_party_add_external(
                actor=request.user, agreement=agreement, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            _errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is a party now; we e-mailed them a personal signing link.")
                % {"name": form.cleaned_data["name"]},
            )
            return redirect(agreement.get_absolute_url())
    agreement = selectors.agreement_get(user=request.user, programme=programme, pk=pk)
    return _render(
        request,
        "matchmaking/agreement_detail.html",
        _agreement_context(request, programme, agreement, party_form=form),
        status=400,
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
    """Public, gated by the token: an external party reads the agreement and signs it."""
    try:
        party, _revision = services.sign_link_resolve(token)
    except services.SignLinkRefused as error:
        return _sign_link_refused(request, error)
    form = SignForm(_data(request), initial={"name": party.name})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.agreement_sign_by_link(token=token, name=form.cleaned_data["name"])
            except services.SignLinkRefused as error:
                return _sign_link_refused(request, error)
            except ValidationError as error:
                _errors(form, error)
            else:
                messages.success(request, _("Signed. Thank you."))
                return redirect("matchmaking:sign_link", token=token)
        status = 400
    agreement = selectors.agreement_for_sign_link(party=party)
    party = next(p for p in agreement.parties.all() if p.pk == party.pk)
    return render(
        request,
        "matchmaking/sign_link.html",
        {
            "agreement": agreement,
            "programme": agreement.programme,
            "party": party,
            "form": form,
            "current_hash": services.agreement_hash(agreement),
        },
        status=status,
    )


@require_GET
@programme_view("matchmaking.view")
def agreement_pdf(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    agreement = _agreement(request, programme, pk, "matchmaking.view_agreement")
    from .pdf import agreement_context

    pdf = render_pdf("matchmaking/pdf/agreement.html", agreement_context(agreement))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="agreement-{agreement.pk}.pdf"'
    return response
