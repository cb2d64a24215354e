"""Phase 4's personal data (collider.privacy): challenges, ideas, reviews, NDAs.

Erasure keeps every review and score (the ranking does not move) and every idea; it deletes
the files a person attached to an idea that is theirs alone (no co-author took part)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.privacy import (
    KEPT,
    ConsentLine,
    Obligation,
    PersonalData,
    declare,
    not_personal,
    register_consents,
    register_eraser,
    register_obligations,
)

from .enums import CoAuthorStatus
from .models import IdeaAttachment, IdeaCoAuthor, NdaAcceptance, Review

COUNTED = gettext_lazy(
    "Kept and still counted (reviews, scores and rankings do not change), under your pseudonym."
)

declare(
    PersonalData(
        "challenges.Challenge",
        gettext_lazy("Challenges"),
        subject=("owner",),
        actors=("translator",),
        organisation=("organisation",),
        note=KEPT,
    ),
    PersonalData(
        "challenges.ChallengeComment",
        gettext_lazy("Comments on challenges"),
        subject=("author",),
        note=KEPT,
    ),
    PersonalData(
        "challenges.NdaAcceptance",
        gettext_lazy("Non-disclosure agreements"),
        subject=("user",),
        note=gettext_lazy("Kept as the legal record of the NDA, under your pseudonym."),
    ),
    PersonalData(
        "challenges.Question",
        gettext_lazy("Questions and answers"),
        subject=("author",),
        actors=("answered_by",),
        note=KEPT,
    ),
    PersonalData(
        "challenges.Idea", gettext_lazy("Ideas you lead"), subject=("lead",), note=COUNTED
    ),
    PersonalData(
        "challenges.IdeaCoAuthor",
        gettext_lazy("Ideas you co-author"),
        subject=("user",),
        note=COUNTED,
    ),
    PersonalData(
        "challenges.IdeaAttachment",
        gettext_lazy("Files attached to ideas"),
        subject=("uploaded_by",),
        files=("file",),
        note=gettext_lazy(
            "Files you attached to an idea only you worked on are deleted; files of a shared "
            "idea stay with it."
        ),
    ),
    PersonalData(
        "challenges.Review",
        gettext_lazy("Reviews"),
        subject=("reviewer",),
        actors=("assigned_by",),
        note=COUNTED,
    ),
    PersonalData(
        "challenges.Score",
        gettext_lazy("Review scores"),
        subject=("review__reviewer",),
        note=COUNTED,
    ),
)

not_personal(
    "challenges.CompetenceTag.name",
    "challenges.ReviewCriterion.name",
    "challenges.IdeaAttachment.name",  # the file's name
)


@register_consents
def _nda_consents(user):
    for nda in NdaAcceptance.objects.filter(user=user).select_related("challenge__programme"):
        yield ConsentLine(
            kind=gettext_lazy("Non-disclosure agreement"),
            what=_("%(challenge)s (version %(version)s)")
            % {"challenge": nda.challenge.title, "version": nda.version},
            given_at=nda.accepted_at,
            basis=gettext_lazy("Contract"),
            url=nda.challenge.get_absolute_url(),
        )


@register_obligations
def _open_reviews(user):
    reviews = Review.objects.filter(reviewer=user, submitted_at__isnull=True).select_related(
        "idea__challenge__programme"
    )
    for review in reviews:
        yield Obligation(
            title=_("Review of “%(idea)s”") % {"idea": review.idea.title},
            consequence=_(
                "It stays assigned to your pseudonym and unsubmitted: the facilitators can "
                "assign it to someone else."
            ),
            url=review.get_absolute_url(),
        )


@register_eraser
def _delete_own_attachments(user, context) -> dict:
    """Files the person uploaded to an idea they lead with no accepted co-author."""
    shared = IdeaCoAuthor.objects.filter(
        idea=OuterRef("idea"), status=CoAuthorStatus.ACCEPTED
    ).exclude(user=user)
    mine = IdeaAttachment.objects.filter(uploaded_by=user, idea__lead=user).exclude(Exists(shared))
    count = 0
    for attachment in mine:
        attachment.file.delete(save=False)
        attachment.delete()
        count += 1
    return {gettext_lazy("Files attached to ideas (deleted)"): count}
