"""Reviews and decisions: reviewer assignment, the reviewer's form, the weighted criteria and
the ranking organisers decide from."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collider.access import deny, programme_view
from collider.models import Programme
from collider.pagecache import cached_page
from collider.viewutils import act, form_data, posted_pk, submit
from collider.viewutils import paginate as _page

from .. import selectors, services
from ..forms import AssignReviewerForm, ConflictForm, CriterionForm, ScoreForm
from ..models import Challenge, Idea, ReviewCriterion
from .common import TAB, act_on_form, challenge_view, idea_view


@require_POST
@idea_view("challenges.assign_reviewers")
def review_assign(request: HttpRequest, idea: Idea) -> HttpResponse:
    return act_on_form(
        request,
        AssignReviewerForm(request.POST, reviewers=services.eligible_reviewers(idea.challenge)),
        invalid=_("Choose a reviewer (facilitator, expert or the AVM owner) and a due date."),
        perform=lambda data: services.review_assign(actor=request.user, idea=idea, **data),
        done=_("Reviewer assigned and e-mailed."),
        to=idea,
    )


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


#: The two forms of the review page, told apart by the posted ``form`` field.
REVIEW_STEPS = {"conflict": "conflict_form", "scores": "score_form"}


@require_http_methods(["GET", "POST"])
@programme_view()
def review_form(request: HttpRequest, programme: Programme, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return deny(request)
    review = selectors.review_get_for_reviewer(user=request.user, programme=programme, pk=pk)
    idea = review.idea
    is_reviewer = review.reviewer_id == request.user.pk
    if request.method == "POST" and not is_reviewer:
        return deny(request)
    posted = request.POST.get("form") if request.method == "POST" else None
    criteria = selectors.criteria_for(programme)  # set when the review was assigned
    forms = {
        "conflict_form": ConflictForm(form_data(request) if posted == "conflict" else None),
        "score_form": ScoreForm(
            form_data(request) if posted == "scores" else None, criteria=criteria
        ),
    }
    known = posted is None or posted in REVIEW_STEPS
    if not known:
        messages.error(request, _("Unknown form."))
    name = REVIEW_STEPS.get(posted, "conflict_form")

    def perform(data: dict):
        if posted == "conflict":
            return services.review_declare_conflict(
                actor=request.user, review=review, conflict=data["conflict"], note=data["note"]
            )
        return services.review_submit(
            actor=request.user,
            review=review,
            scores=forms["score_form"].scores(),
            comment=data["comment"],
        )

    def success(_result) -> HttpResponse:
        if posted == "conflict":
            messages.success(request, _("Declaration saved."))
        else:
            messages.success(request, _("Review submitted. You can now see the other reviews."))
        return redirect("challenges:review_form", slug=programme.slug, pk=review.pk)

    return submit(
        request,
        forms[name],
        perform,
        success,
        template="challenges/review_form.html",
        context={
            "programme": programme,
            "review": review,
            "idea": idea,
            "challenge": idea.challenge,
            "is_reviewer": is_reviewer,
            "others": selectors.reviews_visible_to(user=request.user, idea=idea),
            "tab": "challenges:my_reviews",
            **forms,
        },
        form_name=name,
        valid=known,
    )


@require_http_methods(["GET", "POST"])
@programme_view("challenges.manage_criteria")
def criteria(request: HttpRequest, programme: Programme) -> HttpResponse:
    # A GET writes nothing: a programme without criteria gets the defaults with its first
    # challenge, or here by the button that posts ``defaults``.
    if request.method == "POST" and request.POST.get("defaults"):
        return act(
            request,
            lambda: services.review_criteria_ensure(programme=programme),
            done=_("The default criteria are set."),
            to="challenges:criteria",
            to_kwargs={"slug": programme.slug},
        )
    criterion = None
    if request.method == "POST" and request.POST.get("criterion"):
        criterion = get_object_or_404(
            ReviewCriterion, programme=programme, pk=posted_pk(request, "criterion")
        )
    if criterion is not None and request.POST.get("delete"):
        return act(
            request,
            lambda: services.review_criterion_delete(actor=request.user, criterion=criterion),
            done=_("Criterion removed."),
            to="challenges:criteria",
            to_kwargs={"slug": programme.slug},
        )

    def success(_criterion) -> HttpResponse:
        messages.success(request, _("Criterion saved."))
        return redirect("challenges:criteria", slug=programme.slug)

    items = selectors.criteria_for(programme)
    total = sum(c.weight for c in items) or 1
    return submit(
        request,
        CriterionForm(form_data(request)),
        lambda data: services.review_criterion_save(
            actor=request.user, programme=programme, criterion=criterion, **data
        ),
        success,
        template="challenges/criteria.html",
        context={
            "programme": programme,
            "criteria": [(c, round(100 * c.weight / total)) for c in items],
            "defaults": services.DEFAULT_CRITERIA if not items else (),
            "tab": "challenges:criteria",
        },
    )


@cached_page
@require_GET
@challenge_view("challenges.view_ranking")
def ranking(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    normalise = request.GET.get("normalise") == "1"
    criteria = selectors.criteria_for(challenge.programme)
    rows = selectors.ranking_for(
        challenge=challenge, normalise=normalise, details=False, criteria=criteria
    )
    page = _page(request, rows, 50)
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
            "tab": TAB,
        },
    )
