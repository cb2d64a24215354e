"""Thin views: resolve through a selector (404), check a rules permission (403 / log-in),
validate a form, call a service, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider import selectors as core_selectors
from collider.access import deny, programme_view
from collider.enums import Role
from collider.models import Programme, User
from collider.pdf import render_pdf
from collider.uploads import serve_upload
from collider.versioning import StaleEdit
from collider.viewutils import error_text as _error_text
from collider.viewutils import paginate as _page
from collider.viewutils import posted_pk

from . import selectors, services
from .enums import (
    EDITABLE_STATES,
    IDEA_DRAFT_STATES,
    ChallengeStatus,
    IdeaStatus,
    MaturityItem,
    TemplateField,
)
from .forms import (
    AnswerForm,
    AssignReviewerForm,
    AttachmentForm,
    ChallengeForm,
    CoAuthorForm,
    CommentForm,
    ConflictForm,
    CriterionForm,
    ExpertNeedForm,
    FundingForm,
    IdeaForm,
    MaturityForm,
    NoteForm,
    QuestionForm,
    ScheduleForm,
    ScoreForm,
    TranslatorForm,
)
from .models import NDA_VERSION, Challenge, Idea, ReviewCriterion
from .pdf import challenge_sheet_context


def _form_error(form, error: ValidationError | PermissionDenied) -> None:
    """A service's refusal above the form; a stale edit keeps its link to the current version."""
    form.add_error(None, error if isinstance(error, StaleEdit) else _error_text(error))


def challenge_view(perm: str | None = None) -> Callable:
    """Resolve ``slug`` + ``pk`` to a challenge the user may see (else 404), check ``perm``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, pk: int, *args, **kwargs) -> HttpResponse:
            programme = core_selectors.programme_get_visible(user=request.user, slug=slug)
            challenge = selectors.challenge_get_visible(
                user=request.user, programme=programme, pk=pk
            )
            if perm and not request.user.has_perm(perm, challenge):
                return deny(request)
            return view(request, challenge, *args, **kwargs)

        return wrapper

    return decorator


def idea_view(perm: str | None = None) -> Callable:
    """Resolve ``slug`` + ``pk`` to an idea the user may see (else 404), check ``perm``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, slug: str, pk: int, *args, **kwargs) -> HttpResponse:
            programme = core_selectors.programme_get_visible(user=request.user, slug=slug)
            if not request.user.is_authenticated:
                return deny(request)
            idea = selectors.idea_get_visible(user=request.user, programme=programme, pk=pk)
            if perm and not request.user.has_perm(perm, idea):
                return deny(request)
            return view(request, idea, *args, **kwargs)

        return wrapper

    return decorator


# --- Challenges -----------------------------------------------------------------------------


@require_GET
@programme_view("challenges.view_challenges")
def challenge_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    challenges = selectors.challenge_list_visible_to(user=request.user, programme=programme)
    status = request.GET.get("status", "")
    if status in ChallengeStatus.values:
        challenges = challenges.filter(status=status)
    return render(
        request,
        "challenges/challenge_list.html",
        {
            "programme": programme,
            "page": _page(request, challenges),
            "status": status,
            "statuses": ChallengeStatus.choices,
            "can_create": request.user.has_perm("challenges.create_challenge", programme),
            "tab": "challenges:challenge_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("challenges.create_challenge")
def challenge_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    form = ChallengeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            competences = data.pop("competences")
            data.pop("based_on")
            try:
                challenge = services.challenge_create(
                    actor=request.user, programme=programme, competences=competences, **data
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(request, _("Challenge saved as a draft."))
                return redirect(challenge)
        else:
            status = 400
    return render(
        request,
        "challenges/challenge_form.html",
        {"programme": programme, "form": form, "tab": "challenges:challenge_list"},
        status=status,
    )


@require_GET
@challenge_view()
def challenge_detail(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    programme = challenge.programme
    user = request.user
    perms = {
        name: user.has_perm(f"challenges.{name}", challenge)
        for name in (
            "edit_challenge",
            "submit_challenge",
            "assign_translator",
            "review_challenge",
            "approve_challenge",
            "run_challenge",
            "withdraw_challenge",
            "view_confidential",
            "accept_nda",
            "ask_question",
            "answer_question",
            "create_idea",
            "view_ideas",
            "view_ranking",
        )
    }
    opportunities = selectors.funding_matching(
        programme=programme, organisation=challenge.organisation
    )
    experts = User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.EXPERT,
        memberships__status="approved",
    )
    return render(
        request,
        "challenges/challenge_detail.html",
        {
            "programme": programme,
            "challenge": challenge,
            "competences": selectors.challenge_required_competences(challenge),
            "questions": selectors.question_list(challenge=challenge),
            "perms": perms,
            "question_form": QuestionForm(),
            "answer_form": AnswerForm(),
            "translator_form": TranslatorForm(experts=experts)
            if perms["assign_translator"]
            else None,
            "my_ideas": selectors.idea_for_user_on(user=user, challenge=challenge),
            "opportunities": opportunities,
            "editable": challenge.status in EDITABLE_STATES,
            "takes_ideas": challenge.status in IDEA_DRAFT_STATES and not challenge.deadline_passed,
            "nda_version": NDA_VERSION,
            "now": timezone.now(),
            "tab": "challenges:challenge_list",
        },
    )


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.edit_challenge")
def challenge_edit(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = ChallengeForm(request.POST or None, instance=challenge)
    status = 200
    if challenge.status not in EDITABLE_STATES:
        messages.error(
            request,
            _("The challenge is “%(state)s” and can no longer be edited.")
            % {"state": challenge.get_status_display()},
        )
        return redirect(challenge)
    comments = challenge.comments.select_related("author")
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            competences = data.pop("competences")
            try:
                services.challenge_update(
                    actor=request.user, challenge=challenge, competences=competences, **data
                )
            except (ValidationError, PermissionDenied) as error:
                _form_error(form, error)
                status = 400
            else:
                messages.success(request, _("Challenge saved."))
                return redirect(challenge)
        else:
            status = 400
    return render(
        request,
        "challenges/challenge_form.html",
        {
            "programme": challenge.programme,
            "form": form,
            "challenge": challenge,
            "comments": comments,
            "tab": "challenges:challenge_list",
        },
        status=status,
    )


@require_GET
@challenge_view()
def challenge_confidential(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    # Never a log-in redirect: without an accepted NDA the answer is 403, for visitors too.
    if not request.user.has_perm("challenges.view_confidential", challenge):
        raise PermissionDenied(
            _(
                "Confidential details are shown to the company, its expert translator, the "
                "organisers, and to CCI participants and experts who accepted the NDA."
            )
        )
    return render(
        request,
        "challenges/challenge_confidential.html",
        {
            "programme": challenge.programme,
            "challenge": challenge,
            "tab": "challenges:challenge_list",
        },
    )


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.accept_nda")
def challenge_nda(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    if request.method == "POST":
        if request.POST.get("agree") != "yes":
            messages.error(request, _("Tick the box to accept the agreement."))
            return render(
                request,
                "challenges/challenge_nda.html",
                {
                    "programme": challenge.programme,
                    "challenge": challenge,
                    "nda_version": NDA_VERSION,
                    "error": True,
                    "tab": "challenges:challenge_list",
                },
                status=400,
            )
        try:
            services.nda_accept(user=request.user, challenge=challenge)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
            return redirect(challenge)
        messages.success(request, _("Thank you. You can now read the confidential details."))
        return redirect(
            "challenges:challenge_confidential", slug=challenge.programme.slug, pk=challenge.pk
        )
    return render(
        request,
        "challenges/challenge_nda.html",
        {
            "programme": challenge.programme,
            "challenge": challenge,
            "nda_version": NDA_VERSION,
            "tab": "challenges:challenge_list",
        },
    )


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.review_challenge")
def challenge_review(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    """The expert's workspace: comments on fields, the maturity checklist, request changes."""
    comment_form = CommentForm(request.POST if request.POST.get("form") == "comment" else None)
    maturity_form = MaturityForm(
        request.POST if request.POST.get("form") == "maturity" else None,
        initial={"items": challenge.maturity},
    )
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("form") == "comment":
                if not comment_form.is_valid():
                    raise ValidationError(_("Choose a field and write a comment."))
                services.challenge_comment_add(
                    actor=request.user, challenge=challenge, **comment_form.cleaned_data
                )
                messages.success(request, _("Comment added."))
            elif request.POST.get("form") == "maturity":
                if not maturity_form.is_valid():
                    raise ValidationError(_("Unknown checklist item."))
                services.challenge_maturity_update(
                    actor=request.user,
                    challenge=challenge,
                    items=maturity_form.cleaned_data["items"],
                )
                messages.success(request, _("Checklist saved."))
            else:
                raise ValidationError(_("Unknown form."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
            status = 400
        else:
            return redirect(
                "challenges:challenge_review", slug=challenge.programme.slug, pk=challenge.pk
            )
    comments = list(challenge.comments.select_related("author"))
    fields = [
        (value, label, getattr(challenge, value, None), [c for c in comments if c.field == value])
        for value, label in TemplateField.choices
    ]
    return render(
        request,
        "challenges/challenge_review.html",
        {
            "programme": challenge.programme,
            "challenge": challenge,
            "fields": fields,
            "competences": selectors.challenge_required_competences(challenge),
            "comment_form": comment_form,
            "maturity_form": maturity_form,
            "note_form": NoteForm(),
            "checklist_total": len(MaturityItem.values),
            "in_review": challenge.status == ChallengeStatus.IN_REVIEW,
            "can_approve": request.user.has_perm("challenges.approve_challenge", challenge),
            "tab": "challenges:challenge_list",
        },
        status=status,
    )


#: action → (permission, service, success message)
CHALLENGE_ACTIONS = {
    "submit": (
        "challenges.submit_challenge",
        services.challenge_submit_for_review,
        _("Sent to the expert review."),
    ),
    "request_changes": (
        "challenges.review_challenge",
        services.challenge_request_changes,
        _("Changes requested; the owner was e-mailed."),
    ),
    "approve": (
        "challenges.approve_challenge",
        services.challenge_approve,
        _("Challenge approved."),
    ),
    "publish": (
        "challenges.approve_challenge",
        services.challenge_publish,
        _("Challenge published."),
    ),
    "pitched": (
        "challenges.run_challenge",
        services.challenge_mark_pitched,
        _("Marked as pitched."),
    ),
    "open_ideation": (
        "challenges.run_challenge",
        services.challenge_ideation_open,
        _("Ideation is open."),
    ),
    "close_ideation": (
        "challenges.run_challenge",
        services.challenge_ideation_close,
        _("Ideation is closed."),
    ),
    "complete_selection": (
        "challenges.run_challenge",
        services.challenge_selection_complete,
        _("Selection completed."),
    ),
    "close": ("challenges.approve_challenge", services.challenge_close, _("Challenge closed.")),
    "withdraw": (
        "challenges.withdraw_challenge",
        services.challenge_withdraw,
        _("Challenge withdrawn."),
    ),
}


@require_POST
@challenge_view()
def challenge_transition(request: HttpRequest, challenge: Challenge, action: str) -> HttpResponse:
    if action not in CHALLENGE_ACTIONS:
        raise Http404
    perm, service, success = CHALLENGE_ACTIONS[action]
    if not request.user.has_perm(perm, challenge):
        return deny(request)
    kwargs = {}
    if action == "request_changes" or action == "withdraw":
        kwargs["note"] = request.POST.get("note", "")
    try:
        service(actor=request.user, challenge=challenge, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        return render(
            request,
            "challenges/action_refused.html",
            {
                "programme": challenge.programme,
                "challenge": challenge,
                "message": _error_text(error),
                "back": challenge.get_absolute_url(),
                "tab": "challenges:challenge_list",
            },
            status=400,
        )
    messages.success(request, success)
    return redirect(challenge)


@require_POST
@challenge_view("challenges.assign_translator")
def challenge_translator(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    experts = User.objects.filter(
        memberships__programme=challenge.programme, memberships__role=Role.EXPERT
    )
    form = TranslatorForm(request.POST, experts=experts)
    if not form.is_valid():
        messages.error(request, _("Choose an expert of this programme."))
        return redirect(challenge)
    try:
        services.challenge_translator_assign(
            actor=request.user, challenge=challenge, expert=form.cleaned_data["expert"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Expert assigned and e-mailed."))
    return redirect(challenge)


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.run_challenge")
def challenge_schedule(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    programme = challenge.programme
    initial = {
        "pitch_event": challenge.pitch_event,
        "idea_event": challenge.idea_event,
        "idea_deadline": timezone.localtime(challenge.idea_deadline)
        if challenge.idea_deadline
        else None,
    }
    form = ScheduleForm(request.POST or None, initial=initial, programme=programme)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.challenge_schedule(
                    actor=request.user, challenge=challenge, **form.cleaned_data
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(request, _("Schedule saved."))
                return redirect(challenge)
        else:
            status = 400
    return render(
        request,
        "challenges/challenge_schedule.html",
        {
            "programme": programme,
            "challenge": challenge,
            "form": form,
            "window": programme.ideation_window_days,
            "tab": "challenges:challenge_list",
        },
        status=status,
    )


@require_GET
@challenge_view()
def challenge_sheet(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    pdf = render_pdf("challenges/pdf/challenge_sheet.html", challenge_sheet_context(challenge))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="challenge-{challenge.pk}.pdf"'
    return response


@require_POST
@challenge_view("challenges.ask_question")
def question_ask(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = QuestionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write your question (up to 2000 characters)."))
        services.question_ask(
            user=request.user, challenge=challenge, body=form.cleaned_data["body"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
        return redirect(challenge.get_absolute_url() + "#questions")
    messages.success(request, _("Question sent; the answer will be shown here."))
    return redirect(challenge.get_absolute_url() + "#questions")


@require_POST
@challenge_view("challenges.answer_question")
def question_answer(request: HttpRequest, challenge: Challenge, question_pk: int) -> HttpResponse:
    question = get_object_or_404(challenge.questions, pk=question_pk)
    form = AnswerForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Write an answer."))
        services.question_answer(
            actor=request.user, question=question, answer=form.cleaned_data["answer"]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Answer published."))
    return redirect(challenge.get_absolute_url() + "#questions")


# --- Ideas -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.create_idea")
def idea_create(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    programme = challenge.programme
    opportunities = selectors.funding_matching(
        programme=programme, organisation=selectors.organisation_of(request.user, programme)
    )
    form = IdeaForm(request.POST or None, opportunities=opportunities)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            funding = data.pop("funding_opportunities")
            try:
                idea = services.idea_create(
                    lead=request.user, challenge=challenge, funding_opportunities=funding, **data
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(
                    request,
                    _("Idea saved as a draft. Invite your team and submit it before the deadline."),
                )
                return redirect(idea)
        else:
            status = 400
    return render(
        request,
        "challenges/idea_form.html",
        {
            "programme": programme,
            "challenge": challenge,
            "form": form,
            "tab": "challenges:challenge_list",
        },
        status=status,
    )


@require_GET
@challenge_view("challenges.view_ideas")
def idea_list(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return render(
        request,
        "challenges/idea_list.html",
        {
            "programme": challenge.programme,
            "challenge": challenge,
            "page": _page(request, selectors.idea_list_for_challenge(challenge=challenge)),
            "tab": "challenges:challenge_list",
        },
    )


@require_GET
@challenge_view("challenges.view_ranking")
def ranking(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    normalise = request.GET.get("normalise") == "1"
    rows = selectors.ranking_for(challenge=challenge, normalise=normalise, details=False)
    page = _page(request, rows, 50)
    criteria = selectors.criteria_for(challenge.programme)
    selectors.ranking_details(page.object_list, criteria=[c.pk for c in criteria])
    return render(
        request,
        "challenges/ranking.html",
        {
            "programme": challenge.programme,
            "challenge": challenge,
            "criteria": criteria,
            "page": page,
            "normalise": normalise,
            "tab": "challenges:challenge_list",
        },
    )


@require_GET
@programme_view("challenges.view_my_ideas")
def my_ideas(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "challenges/my_ideas.html",
        {
            "programme": programme,
            "page": _page(
                request, selectors.idea_list_for_user(user=request.user, programme=programme)
            ),
            "tab": "challenges:my_ideas",
        },
    )


@require_GET
@idea_view()
def idea_detail(request: HttpRequest, idea: Idea) -> HttpResponse:
    challenge = idea.challenge
    programme = challenge.programme
    user = request.user
    perms = {
        name: user.has_perm(f"challenges.{name}", idea)
        for name in (
            "edit_idea",
            "lead_idea",
            "respond_coauthor",
            "assign_reviewers",
            "decide_idea",
        )
    }
    open_for_edit = (
        idea.status in (IdeaStatus.DRAFT, IdeaStatus.SUBMITTED)
        and not challenge.deadline_passed
        and challenge.status in IDEA_DRAFT_STATES
    )
    my_invitation = next((c for c in idea.coauthors.all() if c.user_id == user.pk), None)
    reviewers = services.eligible_reviewers(challenge).exclude(pk=idea.lead_id)
    return render(
        request,
        "challenges/idea_detail.html",
        {
            "programme": programme,
            "challenge": challenge,
            "idea": idea,
            "perms": perms,
            "open_for_edit": open_for_edit,
            "my_invitation": my_invitation,
            "expert_needs": idea.expert_needs.all(),
            "attachments": idea.attachments.all(),
            "funding": idea.funding_opportunities.all(),
            "reviews": selectors.reviews_visible_to(user=user, idea=idea),
            "my_review": next((r for r in idea.reviews.all() if r.reviewer_id == user.pk), None),
            "coauthor_form": CoAuthorForm(
                candidates=selectors.cci_participants(programme, exclude=idea.lead)
            )
            if perms["lead_idea"] and open_for_edit
            else None,
            "need_form": ExpertNeedForm() if perms["edit_idea"] and open_for_edit else None,
            "attachment_form": AttachmentForm() if perms["edit_idea"] and open_for_edit else None,
            "assign_form": AssignReviewerForm(
                reviewers=reviewers,
                initial={
                    "due_at": (timezone.localtime() + timezone.timedelta(days=7)).strftime(
                        "%Y-%m-%dT%H:%M"
                    )
                },
            )
            if perms["assign_reviewers"]
            and idea.status in (IdeaStatus.SUBMITTED, IdeaStatus.SHORTLISTED)
            else None,
            "opportunities": selectors.funding_matching(
                programme=programme, organisation=selectors.organisation_of(idea.lead, programme)
            ),
            "tab": "challenges:challenge_list",
        },
    )


@require_http_methods(["GET", "POST"])
@idea_view("challenges.edit_idea")
def idea_edit(request: HttpRequest, idea: Idea) -> HttpResponse:
    programme = idea.challenge.programme
    opportunities = selectors.funding_matching(
        programme=programme, organisation=selectors.organisation_of(idea.lead, programme)
    )
    form = IdeaForm(request.POST or None, instance=idea, opportunities=opportunities)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            funding = data.pop("funding_opportunities")
            try:
                services.idea_update(
                    actor=request.user, idea=idea, funding_opportunities=funding, **data
                )
            except (ValidationError, PermissionDenied) as error:
                _form_error(form, error)
                status = 400
            else:
                messages.success(request, _("Idea saved."))
                return redirect(idea)
        else:
            status = 400
    return render(
        request,
        "challenges/idea_form.html",
        {
            "programme": programme,
            "challenge": idea.challenge,
            "idea": idea,
            "form": form,
            "tab": "challenges:challenge_list",
        },
        status=status,
    )


IDEA_ACTIONS = {
    "submit": (
        "challenges.lead_idea",
        lambda r, i: services.idea_submit(actor=r.user, idea=i),
        _("Idea submitted. Good luck!"),
    ),
    "withdraw": (
        "challenges.lead_idea",
        lambda r, i: services.idea_withdraw(actor=r.user, idea=i),
        _("Idea withdrawn."),
    ),
    "shortlist": (
        "challenges.decide_idea",
        lambda r, i: services.idea_shortlist(actor=r.user, idea=i),
        _("Shortlisted; the team is invited to the idea pitch."),
    ),
    "select": (
        "challenges.decide_idea",
        lambda r, i: services.idea_select(actor=r.user, idea=i, selected=True),
        _("Idea selected; the team was e-mailed."),
    ),
    "reject": (
        "challenges.decide_idea",
        lambda r, i: services.idea_select(actor=r.user, idea=i, selected=False),
        _("Idea not selected; the team was e-mailed."),
    ),
    "confirm": (
        "challenges.lead_idea",
        lambda r, i: services.idea_selection_confirm(actor=r.user, idea=i),
        _("Thank you for confirming."),
    ),
    "accept_invitation": (
        "challenges.respond_coauthor",
        lambda r, i: services.idea_coauthor_respond(user=r.user, idea=i, accept=True),
        _("You joined the team."),
    ),
    "decline_invitation": (
        "challenges.respond_coauthor",
        lambda r, i: services.idea_coauthor_respond(user=r.user, idea=i, accept=False),
        _("Invitation declined."),
    ),
}


@require_POST
@idea_view()
def idea_action(request: HttpRequest, idea: Idea, action: str) -> HttpResponse:
    if action not in IDEA_ACTIONS:
        raise Http404
    perm, call, success = IDEA_ACTIONS[action]
    if not request.user.has_perm(perm, idea):
        return deny(request)
    try:
        call(request, idea)
    except (ValidationError, PermissionDenied) as error:
        return render(
            request,
            "challenges/action_refused.html",
            {
                "programme": idea.challenge.programme,
                "challenge": idea.challenge,
                "message": _error_text(error),
                "back": idea.get_absolute_url(),
                "tab": "challenges:challenge_list",
            },
            status=400,
        )
    messages.success(request, success)
    return redirect(idea)


@require_POST
@idea_view("challenges.lead_idea")
def idea_coauthor_invite(request: HttpRequest, idea: Idea) -> HttpResponse:
    form = CoAuthorForm(
        request.POST, candidates=selectors.cci_participants(idea.challenge.programme)
    )
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a CCI participant of this programme."))
        services.idea_coauthor_invite(actor=request.user, idea=idea, user=form.cleaned_data["user"])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Invitation sent."))
    return redirect(idea)


@require_POST
@idea_view("challenges.edit_idea")
def idea_need_add(request: HttpRequest, idea: Idea) -> HttpResponse:
    form = ExpertNeedForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose the kind of expert and describe the need."))
        services.idea_expert_need_add(actor=request.user, idea=idea, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Expert need added."))
    return redirect(idea)


@require_POST
@idea_view("challenges.edit_idea")
def idea_need_remove(request: HttpRequest, idea: Idea, need_pk: int) -> HttpResponse:
    need = get_object_or_404(idea.expert_needs, pk=need_pk)
    try:
        services.idea_expert_need_remove(actor=request.user, need=need)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    return redirect(idea)


@require_POST
@idea_view("challenges.edit_idea")
def idea_attachment_add(request: HttpRequest, idea: Idea) -> HttpResponse:
    form = AttachmentForm(request.POST, request.FILES)
    error_text = None
    if form.is_valid():
        try:
            services.idea_attachment_add(
                actor=request.user, idea=idea, upload=form.cleaned_data["file"]
            )
        except (ValidationError, PermissionDenied) as error:
            error_text = _error_text(error)
    else:
        error_text = " ".join(form.errors.get("file", [])) or _("Choose a file.")
    if error_text:
        return render(
            request,
            "challenges/action_refused.html",
            {
                "programme": idea.challenge.programme,
                "challenge": idea.challenge,
                "message": error_text,
                "back": idea.get_absolute_url(),
                "tab": "challenges:challenge_list",
            },
            status=400,
        )
    messages.success(request, _("File attached."))
    return redirect(idea)


@require_GET
@idea_view()
def idea_attachment_download(request: HttpRequest, idea: Idea, attachment_pk: int) -> HttpResponse:
    attachment = get_object_or_404(idea.attachments, pk=attachment_pk)
    return serve_upload(
        request, attachment.file, content_type=attachment.content_type, filename=attachment.name
    )


@require_POST
@idea_view("challenges.edit_idea")
def idea_attachment_remove(request: HttpRequest, idea: Idea, attachment_pk: int) -> HttpResponse:
    attachment = get_object_or_404(idea.attachments, pk=attachment_pk)
    try:
        services.idea_attachment_remove(actor=request.user, attachment=attachment)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    return redirect(idea)


@require_POST
@idea_view("challenges.assign_reviewers")
def review_assign(request: HttpRequest, idea: Idea) -> HttpResponse:
    form = AssignReviewerForm(request.POST, reviewers=services.eligible_reviewers(idea.challenge))
    try:
        if not form.is_valid():
            raise ValidationError(
                _("Choose a reviewer (facilitator, expert or the AVM owner) and a due date.")
            )
        services.review_assign(actor=request.user, idea=idea, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Reviewer assigned and e-mailed."))
    return redirect(idea)


# --- Reviews ---------------------------------------------------------------------------------


@require_GET
@programme_view("challenges.view_my_reviews")
def my_reviews(request: HttpRequest, programme: Programme) -> HttpResponse:
    return render(
        request,
        "challenges/my_reviews.html",
        {
            "programme": programme,
            "page": _page(
                request, selectors.review_list_for_user(user=request.user, programme=programme)
            ),
            "tab": "challenges:my_reviews",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view()
def review_form(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return deny(request)
    review = selectors.review_get_for_reviewer(user=request.user, programme=programme, pk=pk)
    idea = review.idea
    criteria = services.review_criteria_ensure(programme=programme)
    is_reviewer = review.reviewer_id == request.user.pk
    if request.method == "POST" and not is_reviewer:
        return deny(request)
    conflict_form = ConflictForm(request.POST if request.POST.get("form") == "conflict" else None)
    score_form = ScoreForm(
        request.POST if request.POST.get("form") == "scores" else None, criteria=criteria
    )
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("form") == "conflict":
                if not conflict_form.is_valid():
                    raise ValidationError(_("Say whether you have a conflict of interest."))
                services.review_declare_conflict(
                    actor=request.user,
                    review=review,
                    conflict=conflict_form.cleaned_data["conflict"],
                    note=conflict_form.cleaned_data["note"],
                )
                messages.success(request, _("Declaration saved."))
            elif request.POST.get("form") == "scores":
                if not score_form.is_valid():
                    raise ValidationError(_("Give every criterion a score from 1 to 5."))
                services.review_submit(
                    actor=request.user,
                    review=review,
                    scores=score_form.scores(),
                    comment=score_form.cleaned_data["comment"],
                )
                messages.success(request, _("Review submitted. You can now see the other reviews."))
            else:
                raise ValidationError(_("Unknown form."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
            status = 400 if isinstance(error, ValidationError) else 403
        else:
            return redirect("challenges:review_form", slug=programme.slug, pk=review.pk)
        review.refresh_from_db()
    return render(
        request,
        "challenges/review_form.html",
        {
            "programme": programme,
            "review": review,
            "idea": idea,
            "challenge": idea.challenge,
            "is_reviewer": is_reviewer,
            "conflict_form": conflict_form,
            "score_form": score_form,
            "others": selectors.reviews_visible_to(user=request.user, idea=idea),
            "tab": "challenges:my_reviews",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@programme_view("challenges.manage_criteria")
def criteria(request: HttpRequest, programme: Programme) -> HttpResponse:
    services.review_criteria_ensure(programme=programme)
    form = CriterionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        criterion = None
        if request.POST.get("criterion"):
            criterion = get_object_or_404(
                ReviewCriterion, programme=programme, pk=posted_pk(request, "criterion")
            )
        try:
            if request.POST.get("delete") and criterion is not None:
                services.review_criterion_delete(actor=request.user, criterion=criterion)
                messages.success(request, _("Criterion removed."))
                return redirect("challenges:criteria", slug=programme.slug)
            if not form.is_valid():
                raise ValidationError(_("Give the criterion a name and a weight from 1 to 100."))
            services.review_criterion_save(
                actor=request.user, programme=programme, criterion=criterion, **form.cleaned_data
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _error_text(error))
            status = 400
        else:
            messages.success(request, _("Criterion saved."))
            return redirect("challenges:criteria", slug=programme.slug)
    items = selectors.criteria_for(programme)
    total = sum(c.weight for c in items) or 1
    return render(
        request,
        "challenges/criteria.html",
        {
            "programme": programme,
            "criteria": [(c, round(100 * c.weight / total)) for c in items],
            "form": form,
            "tab": "challenges:challenge_list",
        },
        status=status,
    )


# --- Funding ---------------------------------------------------------------------------------


@require_GET
@programme_view("challenges.view_funding")
def funding_list(request: HttpRequest, programme: Programme) -> HttpResponse:
    organisation = selectors.organisation_of(request.user, programme)
    items = selectors.funding_list(programme=programme)
    page = _page(request, items)
    return render(
        request,
        "challenges/funding_list.html",
        {
            "programme": programme,
            "page": page,
            "eligible": {o.pk for o in page if o.is_eligible(organisation)}
            if organisation
            else set(),
            "organisation": organisation,
            "can_manage": request.user.has_perm("challenges.manage_funding", programme),
            "today": timezone.localdate(),
            "tab": "challenges:funding_list",
        },
    )


@require_http_methods(["GET", "POST"])
@programme_view("challenges.manage_funding")
def funding_edit(request: HttpRequest, programme: Programme, pk: int | None = None) -> HttpResponse:
    opportunity = get_object_or_404(programme.funding_opportunities, pk=pk) if pk else None
    form = FundingForm(request.POST or None, instance=opportunity)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.funding_opportunity_save(
                    actor=request.user,
                    programme=programme,
                    opportunity=opportunity,
                    **form.cleaned_data,
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _error_text(error))
                status = 400
            else:
                messages.success(request, _("Funding opportunity saved."))
                return redirect("challenges:funding_list", slug=programme.slug)
        else:
            status = 400
    return render(
        request,
        "challenges/funding_form.html",
        {
            "programme": programme,
            "form": form,
            "opportunity": opportunity,
            "tab": "challenges:funding_list",
        },
        status=status,
    )
