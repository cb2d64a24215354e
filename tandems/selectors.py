"""Reads of the tandem app. Every view starts from one of these; other programmes' rows are 404."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from collider.enums import EventStatus, MembershipStatus, Role
from collider.models import (
    Event,
    Invitation,
    Membership,
    Organisation,
    OrganisationMember,
    Programme,
    User,
)
from collider.selectors import membership_counts

from .enums import PilotStage, TaskStatus
from .models import (
    ActionItem,
    CharterVersion,
    Contact,
    ContactImport,
    PartnerMeeting,
    PilotAction,
    TandemPartner,
    Task,
)
from .rules import partner_programme_ids

# --- Tandem -----------------------------------------------------------------------------------


def tandem_partners(*, programme: Programme) -> QuerySet[TandemPartner]:
    """The programme's partner organisations (one query; for later phases too)."""
    return TandemPartner.objects.filter(programme=programme).select_related("organisation")


def tandem_partner_list(*, programme: Programme) -> list[TandemPartner]:
    """Partner organisations with their staff: the programme's approved partner members who act
    for the organisation, then the organisation's other members (two queries in all)."""
    partners = list(tandem_partners(programme=programme))
    staff = partner_staff(programme=programme)
    colleagues = (
        OrganisationMember.objects.filter(
            organisation_id__in=[partner.organisation_id for partner in partners]
        )
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    for partner in partners:
        people = [m.user for m in staff if m.organisation_id == partner.organisation_id]
        seen = {person.pk for person in people}
        people += [
            m.user
            for m in colleagues
            if m.organisation_id == partner.organisation_id and m.user_id not in seen
        ]
        partner.staff = people
    return partners


def partner_staff(*, programme: Programme) -> list[Membership]:
    return list(
        Membership.objects.filter(
            programme=programme, role=Role.PARTNER, status=MembershipStatus.APPROVED
        )
        .select_related("user", "organisation")
        .order_by("user__first_name", "user__last_name")
    )


def partner_staff_users(*, programme: Programme) -> QuerySet[User]:
    """People who may be assigned tasks and action items: partner members of either partner."""
    return User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()


def tandem_partner_get(*, programme: Programme, pk: int) -> TandemPartner:
    return get_object_or_404(
        TandemPartner.objects.select_related("organisation", "programme"),
        programme=programme,
        pk=pk,
    )


def organisations_joinable(*, programme: Programme):
    """Organisations that may join the tandem and have not yet: those of the programme's
    partner members, and those a partner invitation names (set up by the platform admin's
    programme wizard, possibly before their representative accepted)."""
    of_partners = Organisation.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.PARTNER,
        memberships__status=MembershipStatus.APPROVED,
    ).values("pk")
    invited = Invitation.objects.filter(
        programme=programme, role=Role.PARTNER, revoked_at__isnull=True
    ).values("organisation_id")
    return (
        Organisation.objects.filter(Q(pk__in=of_partners) | Q(pk__in=invited))
        .exclude(tandem_roles__programme=programme)
        .distinct()
        .order_by("name")
    )


# --- Charter ----------------------------------------------------------------------------------


def charter_versions(*, programme: Programme) -> list[CharterVersion]:
    return list(
        CharterVersion.objects.filter(programme=programme)
        .select_related("created_by")
        .prefetch_related("confirmations__partner__organisation", "confirmations__confirmed_by")
        .order_by("-number")
    )


def charter_version_get(*, programme: Programme, number: int) -> CharterVersion:
    return get_object_or_404(CharterVersion, programme=programme, number=number)


@dataclass
class CharterStatus:
    version: CharterVersion | None
    confirmations: list = field(default_factory=list)
    missing: list[TandemPartner] = field(default_factory=list)

    @property
    def is_confirmed(self) -> bool:
        return self.version is not None and not self.missing and bool(self.confirmations)


def charter_status(version: CharterVersion | None, partners: list[TandemPartner]) -> CharterStatus:
    """Who confirmed ``version`` (who, when) and which partner organisations have not yet."""
    if version is None:
        return CharterStatus(version=None, missing=list(partners))
    confirmations = list(version.confirmations.all())
    confirmed = {c.partner_id for c in confirmations}
    return CharterStatus(
        version=version,
        confirmations=confirmations,
        missing=[p for p in partners if p.pk not in confirmed],
    )


def charter_confirmed_version(
    versions: list[CharterVersion], partners: list[TandemPartner]
) -> CharterVersion | None:
    """The newest version every current partner organisation has confirmed."""
    for version in versions:  # newest first
        if charter_status(version, partners).is_confirmed:
            return version
    return None


def charter_diff(old: CharterVersion, new: CharterVersion, *, internal: bool = True) -> list[dict]:
    """Per section, the line diff between two versions (difflib), for the charter page;
    ``internal=False`` leaves out the internal sections (budget lines)."""
    sections = []
    for name, label, after_text in new.sections(internal=internal):
        before = getattr(old, name).splitlines()
        after = after_text.splitlines()
        if before == after:
            continue
        lines = []
        for line in difflib.ndiff(before, after):
            tag = line[:1]
            if tag == "?":
                continue
            lines.append({"op": {"+": "added", "-": "removed"}.get(tag, "same"), "text": line[2:]})
        sections.append({"name": name, "label": label, "lines": lines})
    return sections


# --- Tasks ------------------------------------------------------------------------------------


def task_list(
    *,
    programme: Programme,
    phase: str = "",
    status: str = "",
    owner: int | None = None,
    assignee: int | None = None,
    overdue: bool = False,
) -> QuerySet[Task]:
    qs = Task.objects.filter(programme=programme).select_related(
        "owner__organisation", "assignee", "depends_on"
    )
    if phase:
        qs = qs.filter(phase=phase)
    if status:
        qs = qs.filter(status=status)
    if owner:
        qs = qs.filter(owner_id=owner)
    if assignee:
        qs = qs.filter(assignee_id=assignee)
    if overdue:
        qs = qs.exclude(status=TaskStatus.DONE).filter(due_on__lt=timezone.localdate())
    return qs.order_by("starts_on", "due_on", "pk")


def task_get(*, programme: Programme, pk: int) -> Task:
    return get_object_or_404(
        Task.objects.select_related("owner__organisation", "assignee", "programme"),
        programme=programme,
        pk=pk,
    )


@dataclass
class Timeline:
    """A week-by-week grid: each task is a bar of ``span`` weeks after ``lead`` empty weeks."""

    weeks: list[date]
    months: list[dict]
    rows: list[dict]


def timeline_build(tasks: list[Task], *, today: date | None = None) -> Timeline:
    """Pure: lay tasks out on a grid of ISO weeks (rendered as a table, no JS, printable)."""
    today = today or timezone.localdate()
    if not tasks:
        return Timeline(weeks=[], months=[], rows=[])
    start = min(t.starts_on for t in tasks)
    end = max(t.due_on for t in tasks)
    first = start - timedelta(days=start.weekday())
    count = (end - first).days // 7 + 1
    weeks = [first + timedelta(weeks=i) for i in range(count)]
    months: list[dict] = []
    for week in weeks:
        label = week.strftime("%Y-%m")
        if months and months[-1]["key"] == label:
            months[-1]["span"] += 1
        else:
            months.append({"key": label, "date": week, "span": 1})
    rows = []
    for task in tasks:
        lead = (task.starts_on - first).days // 7
        span = (task.due_on - first).days // 7 - lead + 1
        rows.append(
            {
                "task": task,
                "lead": lead,
                "span": span,
                "trail": count - lead - span,
                "overdue": task.status != TaskStatus.DONE and task.due_on < today,
            }
        )
    return Timeline(weeks=weeks, months=months, rows=rows)


# --- Meetings ---------------------------------------------------------------------------------


def meeting_list(*, programme: Programme) -> QuerySet[PartnerMeeting]:
    return (
        PartnerMeeting.objects.filter(event__programme=programme)
        .select_related("event__programme", "series")
        .annotate(open_items=Count("action_items", filter=Q(action_items__done_at__isnull=True)))
        .order_by("event__starts_at")
    )


def meeting_get(*, programme: Programme, pk: int) -> PartnerMeeting:
    return get_object_or_404(
        PartnerMeeting.objects.select_related("event__programme", "series"),
        event__programme=programme,
        pk=pk,
    )


def action_items_open(*, programme: Programme, before=None) -> QuerySet[ActionItem]:
    qs = ActionItem.objects.filter(programme=programme, done_at__isnull=True).select_related(
        "assignee", "meeting__event"
    )
    if before is not None:
        qs = qs.filter(meeting__event__starts_at__lt=before)
    return qs.order_by("created_at", "pk")


def programme_counts(programme: Programme) -> dict[str, int]:
    """The counts an agenda compares between meetings."""
    counts = membership_counts(programme)
    extra = Programme.objects.filter(pk=programme.pk).aggregate(
        events=Count("events", filter=~Q(events__status=EventStatus.CANCELLED), distinct=True),
    )
    tasks = Task.objects.filter(programme=programme).aggregate(
        done=Count("pk", filter=Q(status=TaskStatus.DONE)), total=Count("pk")
    )
    return {
        "cci": counts.get("cci", 0),
        "avm": counts.get("avm", 0),
        "expert": counts.get("expert", 0),
        "applied": counts.get("applied", 0),
        "events": extra["events"] or 0,
        "tasks_done": tasks["done"],
        "contacts": Contact.objects.filter(programme=programme).count(),
        "pilot_actions": PilotAction.objects.filter(programme=programme).count(),
    }


# Marked for translation here, translated where shown (agenda text, meeting page).
COUNT_LABELS = {
    "cci": gettext_noop("CCI participants"),
    "avm": gettext_noop("AVM participants"),
    "expert": gettext_noop("Experts"),
    "applied": gettext_noop("Open applications"),
    "events": gettext_noop("Events"),
    "tasks_done": gettext_noop("Tasks done"),
    "contacts": gettext_noop("Contacts"),
    "pilot_actions": gettext_noop("Pilot actions"),
}


def agenda_build(meeting: PartnerMeeting, *, now=None) -> dict:
    """What the next meeting should discuss. A fixed number of queries, however many rows.

    Open and overdue tasks, open action items carried from earlier meetings, phase deadlines
    in the 60 days after the meeting, and changes in the programme's counts since the last
    meeting whose minutes were recorded.
    """
    now = now or timezone.now()
    event = meeting.event
    programme = event.programme
    day = timezone.localdate(event.starts_at)
    today = timezone.localdate(now)
    tasks = list(
        Task.objects.filter(programme=programme)
        .exclude(status=TaskStatus.DONE)
        .filter(starts_on__lte=day + timedelta(days=31))
        .select_related("owner__organisation", "assignee")
        .order_by("due_on", "pk")
    )
    overdue = [t for t in tasks if t.due_on < today]
    open_tasks = [t for t in tasks if t.due_on >= today]
    items = list(action_items_open(programme=programme, before=event.starts_at))
    deadlines = list(
        programme.phases.filter(ends_on__gte=day, ends_on__lte=day + timedelta(days=60)).order_by(
            "ends_on"
        )
    )
    previous = (
        PartnerMeeting.objects.filter(
            event__programme=programme,
            event__starts_at__lt=event.starts_at,
            minutes_recorded_at__isnull=False,
        )
        .select_related("event")
        .order_by("-event__starts_at")
        .first()
    )
    current = programme_counts(programme)
    changes = []
    for key, label in COUNT_LABELS.items():
        before = previous.counts_snapshot.get(key) if previous else None
        value = current.get(key, 0)
        changes.append(
            {
                "key": key,
                "label": label,
                "now": value,
                "before": before,
                "delta": None if before is None else value - before,
            }
        )
    return {
        "meeting": meeting,
        "programme": programme,
        "overdue_tasks": overdue,
        "open_tasks": open_tasks,
        "action_items": items,
        "deadlines": deadlines,
        "previous": previous,
        "changes": changes,
        "counts": current,
    }


def agenda_text(agenda: dict) -> str:
    """The generated agenda as editable plain text (it goes into the form and the e-mail)."""

    lines = [_("1. Welcome and approval of the agenda"), ""]
    lines.append(_("2. Overdue tasks"))
    for task in agenda["overdue_tasks"]:
        lines.append(
            f"   - {task.title} ({task.owner}, {task.assignee or '—'}, "
            + _("due %(date)s") % {"date": task.due_on.isoformat()}
            + ")"
        )
    if not agenda["overdue_tasks"]:
        lines.append("   - " + _("none"))
    lines += ["", _("3. Open tasks")]
    for task in agenda["open_tasks"]:
        lines.append(
            f"   - {task.title} ({task.owner}, {task.get_status_display()}, "
            + _("due %(date)s") % {"date": task.due_on.isoformat()}
            + ")"
        )
    if not agenda["open_tasks"]:
        lines.append("   - " + _("none"))
    lines += ["", _("4. Action items carried forward")]
    for item in agenda["action_items"]:
        meeting_day = timezone.localdate(item.meeting.event.starts_at).isoformat()
        lines.append(
            f"   - {item.title} ({item.assignee or '—'}; "
            + _("from the meeting of %(date)s") % {"date": meeting_day}
            + ")"
        )
    if not agenda["action_items"]:
        lines.append("   - " + _("none"))
    lines += ["", _("5. Upcoming phase deadlines")]
    for phase in agenda["deadlines"]:
        lines.append(
            f"   - {phase.get_phase_display()}: "
            + _("closes on %(date)s") % {"date": phase.ends_on.isoformat()}
        )
    if not agenda["deadlines"]:
        lines.append("   - " + _("none in the next 60 days"))
    lines += ["", _("6. Programme figures since the last meeting")]
    for change in agenda["changes"]:
        if change["delta"] is None:
            lines.append(f"   - {_(change['label'])}: {change['now']}")
        else:
            lines.append(f"   - {_(change['label'])}: {change['now']} ({change['delta']:+d})")
    lines += ["", _("7. Any other business")]
    return "\n".join(lines)


# --- Contacts ---------------------------------------------------------------------------------


def contact_list(
    *, programme: Programme, kind: str = "", sector: str = "", query: str = ""
) -> QuerySet[Contact]:
    qs = Contact.objects.filter(programme=programme).select_related("invitation")
    if kind:
        qs = qs.filter(kind=kind)
    if sector:
        qs = qs.filter(sector=sector)
    if query:
        qs = qs.filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__icontains=query)
            | Q(tags__icontains=query)
        )
    return qs.order_by("name", "pk")


def contact_get(*, programme: Programme, pk: int) -> Contact:
    return get_object_or_404(Contact, programme=programme, pk=pk)


def contact_import_get(*, programme: Programme, pk: int) -> ContactImport:
    return get_object_or_404(ContactImport, programme=programme, pk=pk)


# --- Pilot actions ----------------------------------------------------------------------------


def pilot_list_visible_to(*, user, programme: Programme) -> QuerySet[PilotAction]:
    """Staff of the programme, admins and partners of any programme (peers) see every pilot
    action; everyone else only published ones of a public programme."""
    qs = PilotAction.objects.filter(programme=programme)
    sees_all = user.has_perm("tandems.view_tandem", programme) or partner_programme_ids(user)
    if not sees_all:
        if not programme.is_public:
            raise Http404
        qs = qs.filter(published=True)
    return (
        qs.select_related("programme")
        .prefetch_related(
            Prefetch("partners", queryset=TandemPartner.objects.select_related("organisation"))
        )
        .annotate(comment_count=Count("peer_comments", distinct=True))
    )


def pilot_get_visible(*, user, programme: Programme, pk: int) -> PilotAction:
    return get_object_or_404(pilot_list_visible_to(user=user, programme=programme), pk=pk)


def toolbox_list(*, user, programme: Programme) -> QuerySet[PilotAction]:
    """Evaluated pilot actions (closed with results and lessons)."""
    return (
        pilot_list_visible_to(user=user, programme=programme)
        .filter(stage=PilotStage.CLOSED)
        .order_by("title", "pk")
    )


def upcoming_meeting_events(*, programme: Programme, limit: int = 3) -> list[Event]:
    return list(
        Event.objects.filter(
            programme=programme, kind="partner_meeting", starts_at__gte=timezone.now()
        )
        .exclude(status=EventStatus.CANCELLED)
        .select_related("programme", "partner_meeting")
        .order_by("starts_at")[:limit]
    )
