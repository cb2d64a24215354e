"""Matchmaking's indicators, registered with the core's KPI engine (collider.kpis).

"International meetings" in the programme's reporting means *events or 1:1 meetings with
participants from at least two countries*. The core counts the events (``events.international``);
this app counts the 1:1 meetings and registers the sum of both, since only a later phase may
read both the core and match-making records.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.kpis import register_count, register_sum

from .enums import AgreementKind, AgreementStatus
from .models import Agreement, MeetingRequest


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return datetime.combine(start, time.min, tz), datetime.combine(end, time.max, tz)


def _signed(kinds: list[str]):
    def rows(start: date, end: date):
        return Agreement.objects.filter(
            status=AgreementStatus.SIGNED, kind__in=kinds, signed_at__range=_bounds(start, end)
        )

    return rows


def _held(start: date, end: date):
    return MeetingRequest.objects.filter(held_at__range=_bounds(start, end))


def _international_held(start: date, end: date):
    """Held meetings whose two participants' organisations are in two different countries.

    A profile without an organisation adds no country (as a registrant without one adds none to
    an event), so such a meeting is not international.
    """
    return (
        _held(start, end)
        .filter(requester__organisation__isnull=False, recipient__organisation__isnull=False)
        .exclude(requester__organisation__country=F("recipient__organisation__country"))
    )


MEETINGS = "workshop__event__programme"

register_count(
    "matchmaking.meetings_held",
    _("Match-making meetings held"),
    _held,
    programme_path=MEETINGS,
    order=55,
)
register_count(
    "matchmaking.international_meetings",
    _("International 1:1 meetings"),
    _international_held,
    programme_path=MEETINGS,
    order=32,
    help=_("Match-making meetings held between organisations from two different countries."),
)
register_count(
    "matchmaking.cooperation_agreements_signed",
    _("Cooperation agreements signed"),
    _signed([AgreementKind.COOPERATION]),
    order=56,
)
register_count(
    "matchmaking.business_agreements_signed",
    _("Business agreements, letters of intent and NDAs signed"),
    _signed([AgreementKind.BUSINESS, AgreementKind.LOI, AgreementKind.NDA]),
    order=57,
)

register_sum(
    "international.meetings",
    _("International meetings (events + 1:1 meetings)"),
    ("events.international", "matchmaking.international_meetings"),
    order=33,
    help=_(
        "Events or 1:1 meetings with participants from at least two countries: the sum of "
        "international events and international 1:1 meetings."
    ),
)
