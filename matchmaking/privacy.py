"""Phase 5's personal data (collider.privacy): profiles, meetings and agreements.

A signed agreement keeps the name as it was signed: it is a legal record."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collider.privacy import (
    ERASED_EMAIL,
    KEPT,
    PSEUDONYM,
    Obligation,
    PersonalData,
    acted,
    declare,
    not_personal,
    register_obligations,
)

from .enums import AgreementStatus
from .models import Party

declare(
    PersonalData(
        "matchmaking.Profile",
        gettext_lazy("Matchmaking profiles"),
        subject=("user",),
        organisation=("organisation",),
        note=KEPT,
    ),
    acted("matchmaking.Pick", gettext_lazy("Matches you picked"), "by"),
    PersonalData(
        "matchmaking.Participation",
        gettext_lazy("Matchmaking workshop participation"),
        subject=("profile__user",),
        note=KEPT,
    ),
    PersonalData(
        "matchmaking.MeetingRequest",
        gettext_lazy("Meeting requests"),
        subject=("requester__user", "recipient__user"),
        note=gettext_lazy("Kept (the meetings counted by the programme), under your pseudonym."),
    ),
    acted("matchmaking.ScheduleRun", gettext_lazy("Schedules you computed"), "requested_by"),
    acted("matchmaking.ScheduleVersion", gettext_lazy("Schedules you published"), "published_by"),
    acted("matchmaking.Agreement", gettext_lazy("Agreements you drafted"), "created_by"),
    PersonalData(
        "matchmaking.Party",
        gettext_lazy("Agreement parties"),
        subject=("user",),
        emails=("email",),
        organisation=("organisation",),
        scrub={"name": PSEUDONYM, "email": ERASED_EMAIL},
        keep={
            "signed_name": gettext_lazy(
                "A signed agreement keeps the name as it was signed: it is a legal record."
            ),
            "organisation_name": gettext_lazy("The organisation's name, not yours."),
        },
        note=gettext_lazy(
            "Your name and e-mail as a party are replaced; a signed agreement keeps the name "
            "as it was signed, because it is a legal record."
        ),
    ),
)

not_personal("matchmaking.Term.name", "matchmaking.Table.name")


@register_obligations
def _signatures_waiting(user):
    parties = Party.objects.filter(
        user=user, signed_at__isnull=True, agreement__status=AgreementStatus.DRAFT
    ).select_related("agreement__programme")
    for party in parties:
        agreement = party.agreement
        yield Obligation(
            title=_("Agreement “%(title)s” waits for your signature") % {"title": agreement.title},
            consequence=_(
                "After erasure you can no longer sign it: it stays unsigned under your "
                "pseudonym until the partners replace you as a party or withdraw it."
            ),
            url=agreement.get_absolute_url(),
        )
