"""Phase 6's personal data (collider.privacy): cooperations, check-ins, surveys, stories."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.privacy import (
    KEPT,
    PSEUDONYM,
    ConsentLine,
    Obligation,
    PersonalData,
    acted,
    declare,
    not_personal,
    register_consents,
    register_eraser,
    register_obligations,
)

from .enums import Stage
from .models import Cooperation, StoryConsent, SuccessStory

OPEN_STAGES = (
    Stage.FIRST_CONTACT,
    Stage.MEETING_HELD,
    Stage.NEGOTIATION,
    Stage.AGREEMENT,
    Stage.RUNNING,
)

declare(
    acted("followup.ReportingPeriod", gettext_lazy("Reporting periods you locked"), "locked_by"),
    acted("followup.KpiCorrection", gettext_lazy("KPI corrections you made"), "created_by"),
    PersonalData(
        "followup.Cooperation",
        gettext_lazy("Cooperations"),
        subject=("cci_contact", "avm_contact"),
        actors=("created_by",),
        organisation=("cci_organisation", "avm_organisation"),
        note=gettext_lazy("Kept and still counted, with your pseudonym as the contact."),
    ),
    acted("followup.StageMove", gettext_lazy("Pipeline moves"), "by"),
    PersonalData("followup.CheckIn", gettext_lazy("Check-ins"), subject=("respondent",), note=KEPT),
    acted("followup.Survey", gettext_lazy("Surveys you created"), "created_by"),
    PersonalData(
        "followup.SurveyInvitation",
        gettext_lazy("Survey invitations"),
        subject=("user",),
        note=KEPT,
    ),
    PersonalData(
        "followup.SurveyResponse",
        gettext_lazy("Survey responses"),
        subject=("respondent",),
        note=gettext_lazy("Kept for the programme's evaluation, under your pseudonym."),
    ),
    PersonalData(
        "followup.SurveyAnswer",
        gettext_lazy("Survey answers"),
        subject=("response__respondent",),
        note=gettext_lazy("Kept for the programme's evaluation, under your pseudonym."),
    ),
    acted("followup.JointEvaluation", gettext_lazy("Joint evaluations you edited"), "edited_by"),
    acted(
        "followup.EvaluationConfirmation", gettext_lazy("Evaluation confirmations"), "confirmed_by"
    ),
    PersonalData(
        "followup.SuccessStory",
        gettext_lazy("Success stories you wrote"),
        actors=("created_by",),
        keep={
            "quote_by": gettext_lazy("Replaced by your pseudonym when it is your name."),
        },
        note=KEPT,
    ),
    PersonalData(
        "followup.StoryConsent",
        gettext_lazy("Story consents"),
        subject=("user",),
        scrub={"name": PSEUDONYM},
        note=gettext_lazy(
            "Kept as the record that the story was allowed, with your pseudonym as the name."
        ),
    ),
)

not_personal("followup.ReportingPeriod.name")


@register_consents
def _story_consents(user):
    for consent in StoryConsent.objects.filter(user=user).select_related("story__programme"):
        yield ConsentLine(
            kind=gettext_lazy("Success story"),
            what=consent.story.title,
            given_at=consent.given_at,
            basis=gettext_lazy("Consent"),
            withdrawn_at=consent.withdrawn_at,
        )


@register_obligations
def _open_cooperations(user):
    cooperations = Cooperation.objects.filter(
        Q(cci_contact=user) | Q(avm_contact=user), stage__in=OPEN_STAGES
    ).select_related("programme")
    for cooperation in cooperations:
        yield Obligation(
            title=_("Cooperation “%(title)s” (%(stage)s)")
            % {"title": cooperation.title, "stage": cooperation.get_stage_display()},
            consequence=_(
                "It goes on with your pseudonym as the contact: check-ins are no longer sent to "
                "you, so tell your organisation who takes over."
            ),
            url=reverse(
                "followup:cooperation_detail",
                kwargs={"slug": cooperation.programme.slug, "pk": cooperation.pk},
            ),
        )


@register_eraser
def _quotes(user, context) -> dict:
    """A story quoting the person by name quotes the pseudonym instead."""
    names = [name for name in context.names if name]
    count = SuccessStory.objects.filter(quote_by__in=names).update(quote_by=context.pseudonym)
    return {gettext_lazy("Success story quotes"): count}
