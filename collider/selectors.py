"""Reads that encode visibility. Every list and detail view starts from one of these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from . import kpis
from .enums import (
    INTERNAL_EVENT_KINDS,
    EventStatus,
    MembershipStatus,
    ProgrammeStatus,
    RegistrationMode,
    RegistrationStatus,
    Role,
)
from .models import (
    ActivityEntry,
    Event,
    ExportJob,
    Invitation,
    Membership,
    Organisation,
    OrganisationInvitation,
    OrganisationMember,
    Programme,
    ProgrammePhase,
    Registration,
    User,
)
from .rules import roles_in


def count_subquery(rows: QuerySet, *, on: str) -> Coalesce:
    """The number of ``rows`` whose ``on`` is the outer row, as a correlated subquery.

    Unlike ``Count`` over a join, which joins and groups every row of the list before the page
    is cut, the database counts only for the rows it returns (a page of 50, not 2,000)."""
    counted = (
        rows.filter(**{on: OuterRef("pk")}).order_by().values(on).annotate(n=Count("pk"))
    ).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def programme_list_public() -> QuerySet[Programme]:
    """Programmes shown on the landing page: open or running."""
    return Programme.objects.filter(
        status__in=[ProgrammeStatus.OPEN, ProgrammeStatus.RUNNING]
    ).order_by("starts_on", "name")


def programme_list_for(user: User) -> QuerySet[Programme]:
    """Programmes where ``user`` holds an approved role (all programmes for admins).

    Each comes with what the dashboard's next steps read, so its cost does not grow with the
    number of programmes: ``applied_count`` (open applications), the phases, and
    ``upcoming_events`` (the next 20 open to participants, each with ``is_registered`` for
    ``user``; the tandem's internal meetings are left out, as participants never see them).
    """
    from django.utils import timezone

    qs = (
        Programme.objects.all()
        if user.is_superuser
        else Programme.objects.filter(
            memberships__user=user, memberships__status=MembershipStatus.APPROVED
        ).distinct()
    )
    applied = (
        Membership.objects.filter(programme=OuterRef("pk"), status=MembershipStatus.APPLIED)
        .order_by()
        .values("programme")
        .annotate(n=Count("pk"))
        .values("n")
    )
    registered = Registration.objects.filter(event=OuterRef("pk"), user=user).exclude(
        status=RegistrationStatus.CANCELLED
    )
    upcoming = (
        Event.objects.filter(ends_at__gte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)
        .exclude(kind__in=INTERNAL_EVENT_KINDS)
        .annotate(is_registered=Exists(registered))
        .order_by("starts_at")
    )
    return qs.annotate(applied_count=Coalesce(Subquery(applied), 0)).prefetch_related(
        Prefetch("phases", queryset=ProgrammePhase.objects.order_by("id")),
        Prefetch("events", queryset=upcoming[:20], to_attr="upcoming_events"),
    )


def programme_get_visible(*, user: User, slug: str) -> Programme:
    """A programme ``user`` may see, else 404 (drafts are for its partners and admins)."""
    programme = get_object_or_404(Programme, slug=slug)
    if programme.is_public or user.is_superuser or roles_in(user, programme):
        return programme
    raise Http404


def programme_partner_organisations(programme: Programme):
    """The tandem: organisations of the programme's approved partners."""

    return Organisation.objects.filter(
        memberships__programme=programme,
        memberships__role="partner",
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def programme_phases(programme: Programme) -> list[ProgrammePhase]:
    return list(programme.phases.order_by("id"))


def membership_list(
    *, programme: Programme, role: str = "", status: str = "", sector: str = "", query: str = ""
) -> QuerySet[Membership]:
    qs = Membership.objects.filter(programme=programme).select_related(
        "user", "organisation", "programme"
    )
    if role:
        qs = qs.filter(role=role)
    if status:
        qs = qs.filter(status=status)
    if sector:
        qs = qs.filter(sector=sector)
    if query:
        qs = qs.filter(
            Q(user__email__icontains=query)
            | Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(organisation__name__icontains=query)
        )
    return qs.order_by("status", "-created_at")


def membership_counts(programme: Programme) -> dict[str, int]:
    """Approved members per sector (participants) or role (the others), and the applications
    waiting (``applied``, whatever the role): one grouped query."""
    rows = (
        Membership.objects.filter(
            programme=programme,
            status__in=[MembershipStatus.APPROVED, MembershipStatus.APPLIED],
        )
        .order_by()
        .values_list("status", "role", "sector")
        .annotate(n=Count("id"))
    )
    counts = {"cci": 0, "avm": 0, "partner": 0, "facilitator": 0, "expert": 0, "applied": 0}
    for status, role, sector, n in rows:
        if status == MembershipStatus.APPLIED:
            key = "applied"
        else:
            key = sector if role == Role.PARTICIPANT else role
        counts[key] = counts.get(key, 0) + n
    return counts


def membership_get(*, programme: Programme, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "organisation", "programme"),
        programme=programme,
        pk=pk,
    )


def invitation_list(*, programme: Programme) -> QuerySet[Invitation]:
    return Invitation.objects.filter(programme=programme).select_related(
        "invited_by", "programme", "organisation"
    )


def invitation_get_by_token(token: str) -> Invitation:
    return get_object_or_404(
        Invitation.objects.select_related("programme", "organisation", "invited_by"), token=token
    )


def partner_invitation_list(*, programme: Programme) -> QuerySet[Invitation]:
    """The programme's partner invitations with the organisations they name (the tandem's
    partner organisations as the platform admin set them up)."""
    return (
        Invitation.objects.filter(programme=programme, role=Role.PARTNER)
        .select_related("organisation", "invited_by", "accepted_by")
        .order_by("-created_at")
    )


def partner_organisations_pickable(*, user, programme: Programme) -> QuerySet[Organisation]:
    """Organisations ``user`` may name on a partner invitation: any for a platform admin; for a
    partner, their own and those already in the programme's tandem (the platform's list of
    companies is not theirs to browse)."""
    if user.has_perm("collider.add_programme"):
        return Organisation.objects.all()
    named = Invitation.objects.filter(programme=programme, role=Role.PARTNER).values(
        "organisation_id"
    )
    return Organisation.objects.filter(
        Q(pk__in=programme_partner_organisations(programme).values("pk"))
        | Q(pk__in=named)
        | Q(organisationmember__user=user)
    ).distinct()


# --- Organisations ----------------------------------------------------------------------------


def organisations_of(user) -> QuerySet[Organisation]:
    """The organisations ``user`` belongs to, with their role and the number of members."""
    mine = OrganisationMember.objects.filter(user=user, organisation=OuterRef("pk"))
    return (
        Organisation.objects.filter(Exists(mine))
        .annotate(
            my_role=Subquery(mine.values("role")[:1]),
            member_count=count_subquery(OrganisationMember.objects.all(), on="organisation"),
        )
        .order_by("name")
    )


def organisation_list_all(*, query: str = "") -> QuerySet[Organisation]:
    """Every organisation of the platform (platform admins), with its number of members."""
    rows = Organisation.objects.annotate(
        member_count=count_subquery(OrganisationMember.objects.all(), on="organisation")
    ).order_by("name")
    if query:
        rows = rows.filter(name__icontains=query)
    return rows


def organisation_get_visible(*, user, pk: int) -> Organisation:
    """An organisation its members (and platform admins) see; anybody else gets a 404."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not user.has_perm("collider.view_organisation", organisation):
        raise Http404
    return organisation


def organisation_members(organisation: Organisation) -> list[OrganisationMember]:
    return list(
        OrganisationMember.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", "user__first_name", "user__last_name", "user__email")
    )


def organisation_member_get(*, organisation: Organisation, pk: int) -> OrganisationMember:
    return get_object_or_404(
        OrganisationMember.objects.select_related("user", "organisation"),
        organisation=organisation,
        pk=pk,
    )


def organisation_invitations_open(organisation: Organisation) -> list[OrganisationInvitation]:
    return [
        invitation
        for invitation in OrganisationInvitation.objects.filter(
            organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at")
        if invitation.is_open
    ]


def organisation_invitation_get(*, organisation: Organisation, pk: int) -> OrganisationInvitation:
    return get_object_or_404(
        OrganisationInvitation.objects.select_related("organisation"),
        organisation=organisation,
        pk=pk,
    )


def organisation_invitation_get_by_token(token: str) -> OrganisationInvitation:
    return get_object_or_404(
        OrganisationInvitation.objects.select_related("organisation", "invited_by"), token=token
    )


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("programme", "host_organisation").annotate(
        confirmed_count=count_subquery(
            Registration.objects.filter(status=RegistrationStatus.CONFIRMED), on="event"
        ),
        waitlist_count=count_subquery(
            Registration.objects.filter(status=RegistrationStatus.WAITLISTED), on="event"
        ),
    )


#: Roles that see the tandem's internal events (partner meetings); participants never do.
STAFF_ROLES = frozenset({Role.PARTNER, Role.FACILITATOR, Role.EXPERT})


def event_list_visible_to(*, user: User, programme: Programme) -> QuerySet[Event]:
    """Staff and admins see every event; participants every event but the tandem's internal
    ones; everyone else the public ones of public programmes (``collider.view_event``)."""
    qs = Event.objects.filter(programme=programme)
    roles = roles_in(user, programme)
    if not (user.is_superuser or roles):
        if not programme.is_public:
            raise Http404
        qs = qs.filter(registration_mode=RegistrationMode.PUBLIC)
    elif not (user.is_superuser or roles & STAFF_ROLES):
        internal = Q(kind__in=INTERNAL_EVENT_KINDS)
        if programme.is_public:  # a public event stays public, whatever its kind
            internal &= ~Q(registration_mode=RegistrationMode.PUBLIC)
        qs = qs.exclude(internal)
    return _with_counts(qs).order_by("starts_at")


def event_get_visible(*, user: User, programme: Programme, pk: int) -> Event:
    return get_object_or_404(event_list_visible_to(user=user, programme=programme), pk=pk)


def event_list_for_user(user: User) -> QuerySet[Event]:
    """Events a user is registered for (confirmed or waitlisted), for the calendar feed."""
    return (
        Event.objects.filter(
            registrations__user=user,
            registrations__status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        )
        .select_related("programme")
        .distinct()
        .order_by("starts_at")
    )


def registration_for(*, user: User, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def registration_list(*, event: Event) -> QuerySet[Registration]:
    return (
        event.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("status", "queued_at", "pk")
    )


def registration_get_by_token(token: str) -> Registration:
    return get_object_or_404(Registration.objects.select_related("event__programme"), token=token)


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = registration.event.registrations.filter(
        status=RegistrationStatus.WAITLISTED, queued_at__lt=registration.queued_at
    ).count()
    return ahead + 1


def audit_entries_for(*, programme: Programme) -> QuerySet[LogEntry]:
    """Audit trail of a programme: every recorded change of its objects, newest first."""
    return (
        LogEntry.objects.filter(
            Q(additional_data__programme=programme.pk)
            | Q(content_type__model="programme", object_pk=str(programme.pk))
            | Q(content_type__model="programmephase", object_id__in=programme.phases.values("pk"))
        )
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


class ActivityTimeline:
    """A programme's semantic activity entries ("Challenge published by Petra") and its audit
    trail (field diffs) as one list, newest first, that ``paginate`` reads page by page.

    A page costs the same few queries however long the history: one union of keys for the
    slice, then the rows of each kind it names.
    """

    SEMANTIC, AUDIT = "semantic", "audit"

    def __init__(self, *, programme: Programme) -> None:
        self.semantic = ActivityEntry.objects.filter(programme=programme)
        self.audit = audit_entries_for(programme=programme)

    def _keys(self):
        kind = CharField()
        return (
            self.semantic.order_by()
            .annotate(kind=Value(self.SEMANTIC, output_field=kind))
            .values_list("timestamp", "pk", "kind")
            .union(
                self.audit.order_by()
                .annotate(kind=Value(self.AUDIT, output_field=kind))
                .values_list("timestamp", "pk", "kind"),
                all=True,
            )
            .order_by("-timestamp", "-pk")
        )

    def count(self) -> int:
        return self.semantic.count() + self.audit.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        keys = list(self._keys()[index] if isinstance(index, slice) else [self._keys()[index]])
        wanted = {
            kind: [pk for _at, pk, held in keys if held == kind]
            for kind in (self.SEMANTIC, self.AUDIT)
        }
        rows = {
            (self.SEMANTIC, row.pk): row
            for row in ActivityEntry.objects.filter(pk__in=wanted[self.SEMANTIC]).select_related(
                "actor"
            )
        }
        rows.update(
            ((self.AUDIT, row.pk), row) for row in self.audit.filter(pk__in=wanted[self.AUDIT])
        )
        items = [
            {"semantic": kind == self.SEMANTIC, "entry": rows[(kind, pk)]}
            for _at, pk, kind in keys
            if (kind, pk) in rows
        ]
        return items if isinstance(index, slice) else items[0]


def activity_entries_for(*, obj, user=None, limit: int = 10) -> list[ActivityEntry]:
    """The latest semantic entries of one object, newest first (its own history); with
    ``user``, only for those who may read the programme's activity (else none)."""
    if user is not None and not user.has_perm("collider.view_audit", obj.programme):
        return []
    return list(
        ActivityEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).select_related("actor")[:limit]
    )


def upcoming_events_for(*, user: User, programme: Programme, limit: int = 5) -> list[Event]:
    from django.utils import timezone

    return list(
        event_list_visible_to(user=user, programme=programme)
        .filter(ends_at__gte=timezone.now())
        .exclude(status=EventStatus.CANCELLED)[:limit]
    )


# --- Exports and the network view -------------------------------------------------------------


def export_job_list_for(*, user: User, programme: Programme, limit: int = 10):
    """The user's own latest export jobs of ``programme``."""

    return list(ExportJob.objects.filter(user=user, programme=programme)[:limit])


def export_job_get_for(*, user: User, pk: int):
    """An export job of ``user``'s own; everybody else's is 404 (admins included)."""

    if not getattr(user, "is_authenticated", False):
        raise Http404
    return get_object_or_404(ExportJob.objects.select_related("programme"), pk=pk, user=user)


@dataclass(frozen=True)
class NetworkRow:
    label: str
    values: list[int | None]  # in the order of ``NetworkReport.kpis``; None: not summed
    programmes: int = 1


@dataclass(frozen=True)
class NetworkReport:
    kpis: list
    programmes: list[NetworkRow]
    countries: list[NetworkRow]
    total: NetworkRow

    def by_indicator(self, columns: list[NetworkRow]) -> list[tuple[object, list[int | None]]]:
        """One row per indicator with a value per column: 30 indicators read down a page,
        while programmes and countries, far fewer, read across."""
        return [(kpi, [row.values[i] for row in columns]) for i, kpi in enumerate(self.kpis)]

    @property
    def programme_columns(self) -> list[NetworkRow]:
        return [*self.programmes, self.total]

    @property
    def programme_table(self):
        return self.by_indicator(self.programme_columns)

    @property
    def country_table(self):
        return self.by_indicator(self.countries)


def _summed(kpi_list, rows: list[dict[str, int]]) -> list[int | None]:
    return [sum(r[k.key] for r in rows) if k.additive else None for k in kpi_list]


def network_rollup(*, start: date, end: date) -> NetworkReport:
    """Every programme's indicators between ``start`` and ``end``, by programme and by country.

    A programme running in several countries counts in each of them, so country rows are not
    summed into the total, which is over programmes. Non-additive indicators (percentages,
    distinct countries) are shown per programme and never summed (None).
    """
    programmes = list(Programme.objects.order_by("name", "pk"))
    definitions = kpis.kpi_definitions()
    values = kpis.compute_many(programmes, start, end)
    by_programme = [
        NetworkRow(p.name, [values[p.pk][k.key] for k in definitions]) for p in programmes
    ]
    members: dict[str, list[Programme]] = {}
    for programme in programmes:
        for country in programme.countries or [None]:
            members.setdefault(country.name if country else "", []).append(programme)
    by_country = [
        NetworkRow(
            name or str(_("No country set")),
            _summed(definitions, [values[p.pk] for p in group]),
            programmes=len(group),
        )
        for name, group in sorted(members.items(), key=lambda item: (not item[0], item[0]))
    ]
    total = NetworkRow(
        str(_("All programmes")),
        _summed(definitions, [values[p.pk] for p in programmes]),
        programmes=len(programmes),
    )
    return NetworkReport(definitions, by_programme, by_country, total)
