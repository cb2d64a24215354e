"""The marketplace of offers (CCI) and needs (AVM): search, filters, and where a viewer may ask
for a meeting straight from a card."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django_countries import countries

from collider.enums import EventStatus, MembershipStatus
from collider.models import Programme, User

from ..enums import Side
from ..models import Profile, Term, Workshop
from .profiles import _profiles, profile_for
from .workshops import workshop_list

#: The sides that take part in the marketplace (invited experts are met at a workshop only).
MARKET_SIDES = (Side.CCI, Side.AVM)


def market_profiles(
    *,
    programme: Programme,
    text: str = "",
    term: Term | None = None,
    side: str = "",
    country: str = "",
) -> QuerySet[Profile]:
    """Offers and needs of the programme, filtered; each word of ``text`` must appear in the
    name, the organisation, the description, the region or a term. Companies first, then by
    name (one query for the page, one for its terms)."""
    qs = _profiles(programme).filter(side__in=MARKET_SIDES)
    if side:
        qs = qs.filter(side=side)
    if term is not None:
        qs = qs.filter(terms=term)
    if country:
        qs = qs.filter(organisation__country=country)
    for word in text.split()[:8]:
        named = Term.objects.filter(profiles=OuterRef("pk"), name__icontains=word)
        qs = qs.filter(
            Q(description__icontains=word)
            | Q(organisation__name__icontains=word)
            | Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(region__icontains=word)
            | Exists(named)
        )
    return qs.order_by("side", "organisation__name", "user__last_name", "pk")


def market_profile_get(*, programme: Programme, pk: int) -> Profile:
    return get_object_or_404(_profiles(programme).filter(side__in=MARKET_SIDES), pk=pk)


def organisation_people(*, programme: Programme, profile: Profile) -> list[User]:
    """The people of the profile's organisation who take part in the programme (approved
    members), the profile's contact first: whom a visitor may meet from that organisation."""
    if profile.organisation_id is None:
        return [profile.user]
    people = (
        User.objects.filter(
            organisations=profile.organisation_id,
            memberships__programme=programme,
            memberships__status=MembershipStatus.APPROVED,
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )
    return sorted(people, key=lambda person: person.pk != profile.user_id)


def market_countries(*, programme: Programme) -> list[tuple[str, str]]:
    """(code, name) of the countries of the organisations in the marketplace, by name."""
    codes = (
        Profile.objects.filter(programme=programme, side__in=MARKET_SIDES)
        .exclude(organisation__isnull=True)
        .values_list("organisation__country", flat=True)
        .distinct()
    )
    return sorted(((code, countries.name(code)) for code in codes if code), key=lambda c: c[1])


def workshop_open_for_requests(*, programme: Programme) -> Workshop | None:
    """The next match-making workshop that still takes meeting requests (not started, booking
    not closed, not cancelled), or None."""
    now = timezone.now()
    return (
        workshop_list(programme=programme)
        .filter(event__starts_at__gt=now)
        .exclude(event__status=EventStatus.CANCELLED)
        .filter(Q(booking_closes_at__isnull=True) | Q(booking_closes_at__gt=now))
        .order_by("event__starts_at", "pk")
        .first()
    )


class MeetingOffer:
    """Whether the viewer can ask a shown profile for a meeting, and in which workshop: the
    "Request a meeting" button on marketplace cards and recommendations."""

    def __init__(self, *, user: User, programme: Programme):
        self.workshop = None
        self.me = None
        if user.has_perm("matchmaking.request_meeting", programme):
            self.me = profile_for(user=user, programme=programme)
            if self.me is not None and self.me.side in MARKET_SIDES:
                self.workshop = workshop_open_for_requests(programme=programme)

    def allows(self, profile: Profile | None) -> bool:
        return (
            self.workshop is not None
            and profile is not None
            and profile.pk != self.me.pk
            and profile.side in MARKET_SIDES
            and profile.side != self.me.side
        )

    def ids(self, profiles: Iterable[Profile | None]) -> set[int]:
        """The profiles among ``profiles`` the viewer may ask (for ``{% if p.pk in … %}``)."""
        return {p.pk for p in profiles if self.allows(p)}
