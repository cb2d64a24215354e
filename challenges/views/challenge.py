"""Pages of one challenge: list, template form, detail, the expert review, the schedule, the
sheet, and the buttons of its state machine (``collider.actions.action_view``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider import selectors as core_selectors
from collider.access import programme_view
from collider.actions import action_view
from collider.enums import Role
from collider.models import Programme
from collider.pdf import render_pdf
from collider.registry import competence_vocabulary
from collider.viewutils import form_data, submit
from collider.viewutils import paginate as _page

from .. import actions, selectors, services
from ..enums import ChallengeStatus, MaturityItem, TemplateField
from ..forms import (
    AnswerForm,
    ChallengeForm,
    CommentForm,
    MaturityForm,
    QuestionForm,
    ScheduleForm,
    TranslatorForm,
)
from ..models import NDA_VERSION, Challenge
from ..pdf import challenge_sheet_context
from .common import TAB, act_on_form, challenge_view


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
            "tab": TAB,
        },
    )


def _template_data(data: dict) -> tuple[dict, list[str]]:
    """The challenge form's data as service arguments: the fields and the competences."""
    fields = dict(data)
    fields.pop("competence_terms", None)
    return fields, fields.pop("competences")


@require_http_methods(["GET", "POST"])
@programme_view("challenges.create_challenge")
def challenge_create(request: HttpRequest, programme: Programme) -> HttpResponse:
    def perform(data: dict) -> Challenge:
        fields, competences = _template_data(data)
        fields.pop("based_on")
        return services.challenge_create(
            actor=request.user, programme=programme, competences=competences, **fields
        )

    def success(challenge: Challenge) -> HttpResponse:
        messages.success(request, _("Challenge saved as a draft."))
        return redirect(challenge)

    return submit(
        request,
        ChallengeForm(form_data(request), vocabulary=competence_vocabulary(programme)),
        perform,
        success,
        template="challenges/challenge_form.html",
        context={"programme": programme, "tab": TAB},
    )


def _waiting_for_pitch(user, challenge: Challenge) -> str:
    """For an organiser whose next step is "Mark as pitched" or "Open ideation": why the button
    is not there yet (the challenge pitch has not taken place), else ""."""
    for action in (actions.CHALLENGE_MARK_PITCHED, actions.CHALLENGE_IDEATION_OPEN):
        if challenge.status in action.from_states and action.who.test(user, challenge):
            refusal = action.state_refusal(user, challenge)
            return " ".join(refusal.messages) if refusal else ""
    return ""


@require_GET
@challenge_view()
def challenge_detail(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    programme = challenge.programme
    user = request.user
    can_assign = actions.CHALLENGE_TRANSLATOR_ASSIGN.allows(user, challenge)
    return render(
        request,
        "challenges/challenge_detail.html",
        {
            "programme": programme,
            "challenge": challenge,
            "competences": selectors.challenge_required_competences(challenge),
            "questions": selectors.question_list(challenge=challenge),
            "question_form": QuestionForm(),
            "answer_form": AnswerForm(),
            "translator_form": TranslatorForm(
                experts=selectors.programme_people(programme, Role.EXPERT)
            )
            if can_assign
            else None,
            "my_ideas": selectors.idea_for_user_on(user=user, challenge=challenge),
            "opportunities": selectors.funding_matching(
                programme=programme, organisation=challenge.organisation
            ),
            "history": core_selectors.activity_entries_for(obj=challenge, user=user),
            "nda_version": NDA_VERSION,
            "waiting_for_pitch": _waiting_for_pitch(user, challenge),
            "now": timezone.now(),
            "tab": TAB,
        },
    )


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.edit_challenge")
def challenge_edit(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    refusal = actions.CHALLENGE_UPDATE.state_refusal(request.user, challenge)
    if refusal is not None:
        messages.error(request, " ".join(refusal.messages))
        return redirect(challenge)

    def perform(data: dict) -> Challenge:
        fields, competences = _template_data(data)
        return services.challenge_update(
            actor=request.user, challenge=challenge, competences=competences, **fields
        )

    def success(_result) -> HttpResponse:
        messages.success(request, _("Challenge saved."))
        return redirect(challenge)

    return submit(
        request,
        ChallengeForm(
            form_data(request),
            instance=challenge,
            vocabulary=competence_vocabulary(challenge.programme),
        ),
        perform,
        success,
        template="challenges/challenge_form.html",
        context={
            "programme": challenge.programme,
            "challenge": challenge,
            "comments": challenge.comments.select_related("author"),
            "tab": TAB,
        },
    )


#: The two forms of the expert's workspace, told apart by the posted ``form`` field.
REVIEW_FORMS = {"comment": "comment_form", "maturity": "maturity_form"}


@require_http_methods(["GET", "POST"])
@challenge_view("challenges.review_challenge")
def challenge_review(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    """The expert's workspace: comments on fields, the maturity checklist, request changes."""
    posted = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "comment_form": CommentForm(form_data(request) if posted == "comment" else None),
        "maturity_form": MaturityForm(
            form_data(request) if posted == "maturity" else None,
            initial={"items": challenge.maturity},
        ),
    }
    comments = list(challenge.comments.select_related("author"))
    context = {
        "programme": challenge.programme,
        "challenge": challenge,
        "fields": [
            (
                value,
                label,
                getattr(challenge, value, None),
                [c for c in comments if c.field == value],
            )
            for value, label in TemplateField.choices
        ],
        "competences": selectors.challenge_required_competences(challenge),
        "checklist_total": len(MaturityItem.values),
        "in_review": actions.CHALLENGE_COMMENT_ADD.allows(request.user, challenge),
        "tab": TAB,
        **forms,
    }
    name = REVIEW_FORMS.get(posted, "comment_form")
    known = posted is None or posted in REVIEW_FORMS
    if not known:
        messages.error(request, _("Unknown form."))

    def perform(data: dict):
        if posted == "comment":
            return services.challenge_comment_add(actor=request.user, challenge=challenge, **data)
        return services.challenge_maturity_update(
            actor=request.user, challenge=challenge, items=data["items"]
        )

    def success(_result) -> HttpResponse:
        done = _("Comment added.") if posted == "comment" else _("Checklist saved.")
        messages.success(request, done)
        return redirect(
            "challenges:challenge_review", slug=challenge.programme.slug, pk=challenge.pk
        )

    return submit(
        request,
        forms[name],
        perform,
        success,
        template="challenges/challenge_review.html",
        context=context,
        form_name=name,
        valid=known,
    )


@require_POST
@challenge_view()
def challenge_transition(request: HttpRequest, challenge: Challenge, action: str) -> HttpResponse:
    """Every button of the challenge's state machine (declared in ``challenges.actions``)."""
    return action_view(request, challenge, action, context={"tab": TAB})


@require_POST
@challenge_view("challenges.assign_translator")
def challenge_translator(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return act_on_form(
        request,
        TranslatorForm(
            request.POST, experts=selectors.programme_people(challenge.programme, Role.EXPERT)
        ),
        invalid=_("Choose an expert of this programme."),
        perform=lambda data: services.challenge_translator_assign(
            actor=request.user, challenge=challenge, expert=data["expert"]
        ),
        done=_("Expert assigned and e-mailed."),
        to=challenge,
    )


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

    def success(_result) -> HttpResponse:
        messages.success(request, _("Schedule saved."))
        return redirect(challenge)

    return submit(
        request,
        ScheduleForm(form_data(request), initial=initial, programme=programme),
        lambda data: services.challenge_schedule(actor=request.user, challenge=challenge, **data),
        success,
        template="challenges/challenge_schedule.html",
        context={
            "programme": programme,
            "challenge": challenge,
            "window": programme.ideation_window_days,
            "tab": TAB,
        },
    )


@require_GET
@challenge_view()
def challenge_sheet(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    pdf = render_pdf("challenges/pdf/challenge_sheet.html", challenge_sheet_context(challenge))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="challenge-{challenge.pk}.pdf"'
    return response
