"""Reads that encode visibility, and the recommendation lists built on :mod:`recommend`."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from collider.models import Programme, User
from collider.rules import roles_in

from . import recommend
from .enums import PickKind, RequestStatus, Side
from .models import (
    Agreement,
    MeetingRequest,
    Participation,
    Party,
    Pick,
    Profile,
    ScheduleRun,
    ScheduleVersion,
    Slot,
    Table,
    Term,
    Workshop,
)


def _organiser(user: User, programme: Programme) -> bool:
    return user.is_superuser or bool({"partner", "facilitator"} & roles_in(user, programme))


def term_list(*, programme: Programme) -> QuerySet[Term]:
    return Term.objects.filter(programme=programme)


def profile_for(*, user: User, programme: Programme) -> Profile | None:
    if not user.is_authenticated:
        return None
    return Profile.objects.filter(programme=programme, user=user).prefetch_related("terms").first()


def _profiles(programme: Programme) -> QuerySet[Profile]:
    return (
        Profile.objects.filter(programme=programme)
        .select_related("user", "organisation")
        .prefetch_related("terms")
    )


def company_list(*, programme: Programme) -> QuerySet[Profile]:
    return _profiles(programme).filter(side=Side.AVM)


def company_get(*, programme: Programme, pk: int) -> Profile:
    return get_object_or_404(company_list(programme=programme), pk=pk)


def profile_get(*, programme: Programme, pk: int) -> Profile:
    return get_object_or_404(_profiles(programme), pk=pk)


# --- Recommendations ------------------------------------------------------------------------------


@dataclass
class Suggestion:
    profile: Profile | None
    label: str
    score: float
    explanation: str
    picked: bool = False
    mutual: bool = False
    challenge: object = None


def _index(items, key):
    return {key(item): i for i, item in enumerate(items)}


def _sides(candidates: list[Profile], targets: list, target_terms, target_langs, target_regions):
    vocabulary: dict[str, int] = {}
    lang_vocab: dict[str, int] = {}
    region_vocab: dict[str, int] = {}

    def idx(vocab, key):
        return vocab.setdefault(key, len(vocab))

    cand_terms = [[idx(vocabulary, t.name.lower()) for t in p.terms.all()] for p in candidates]
    targ_terms = [[idx(vocabulary, name.lower()) for name in names] for names in target_terms]
    cand_langs = [[idx(lang_vocab, code) for code in p.language_set] for p in candidates]
    targ_langs = [[idx(lang_vocab, code) for code in langs] for langs in target_langs]

    def region_code(region):
        return idx(region_vocab, region.strip().lower()) if region and region.strip() else -1

    width, lwidth = max(len(vocabulary), 1), max(len(lang_vocab), 1)
    cand = recommend.Side(
        recommend.incidence(cand_terms, width),
        recommend.incidence(cand_langs, lwidth),
        np.array([region_code(p.region) for p in candidates], dtype=int),
    )
    targ = recommend.Side(
        recommend.incidence(targ_terms, width),
        recommend.incidence(targ_langs, lwidth),
        np.array([region_code(r) for r in target_regions], dtype=int),
    )
    return cand, targ


def _pair_matrix(rows: list, cols: list, pairs: set[tuple[int, int]]):
    from scipy import sparse

    ri, ci = _index(rows, lambda p: p.pk), _index(cols, lambda p: p.pk)
    coords = [(ri[a], ci[b]) for a, b in pairs if a in ri and b in ci]
    if not coords:
        return None
    r, c = zip(*coords, strict=True)
    return sparse.csr_matrix(
        (np.ones(len(r), dtype=np.float32), (r, c)), shape=(len(rows), len(cols))
    )


def _available(programme: Programme, ccis: list[Profile]) -> np.ndarray:
    """Per CCI: registered for a workshop of the programme (the recommender's availability)."""
    registered = set(
        Participation.objects.filter(workshop__event__programme=programme).values_list(
            "profile_id", flat=True
        )
    )
    return np.array([p.pk in registered for p in ccis])


def _mutual_pairs(programme: Programme) -> set[tuple[int, int]]:
    """(cci, avm) pairs that both asked to meet, in any workshop of the programme."""
    rows = MeetingRequest.objects.filter(workshop__event__programme=programme, mutual=True)
    pairs = set(rows.values_list("requester_id", "recipient_id"))
    return pairs | {(b, a) for a, b in pairs}


def recommendations(
    *,
    programme: Programme,
    company: Profile | None = None,
    candidate: Profile | None = None,
    limit: int = 10,
) -> list[Suggestion]:
    """ "CCI for this company" (``company``) or "companies for you" (``candidate``), best first,
    each with an explanation; vetoed pairs never appear."""
    ccis = list(_profiles(programme).filter(side=Side.CCI))
    avms = list(_profiles(programme).filter(side=Side.AVM))
    if not ccis or not avms:
        return []
    cand, targ = _sides(
        ccis,
        avms,
        [[t.name for t in p.terms.all()] for p in avms],
        [p.language_set for p in avms],
        [p.region for p in avms],
    )
    cand.available = _available(programme, ccis)
    picks = Pick.objects.filter(programme=programme)
    pick_pairs = {(p.candidate_id, p.company_id) for p in picks if p.kind == PickKind.PICK}
    veto_pairs = {(p.candidate_id, p.company_id) for p in picks if p.kind == PickKind.VETO}
    mutual_raw = _mutual_pairs(programme)
    mutual_pairs = {(a, b) for a, b in mutual_raw}
    scores = recommend.score_matrix(
        cand,
        targ,
        mutual=_pair_matrix(ccis, avms, mutual_pairs),
        picks=_pair_matrix(ccis, avms, pick_pairs),
        vetoes=_pair_matrix(ccis, avms, veto_pairs),
    )
    out: list[Suggestion] = []
    if company is not None:
        col = next(i for i, p in enumerate(avms) if p.pk == company.pk)
        index, best = recommend.top_k(scores[:, [col]], limit, axis=0)
        for i, score in zip(index[0], best[0], strict=True):
            if i < 0:
                continue
            cci = ccis[i]
            out.append(
                _suggest(
                    cci,
                    company,
                    float(score),
                    pick_pairs,
                    mutual_pairs,
                    label=cci.display_name,
                    profile=cci,
                )
            )
    else:
        row = next(i for i, p in enumerate(ccis) if p.pk == candidate.pk)
        index, best = recommend.top_k(scores[[row], :], limit, axis=1)
        for j, score in zip(index[0], best[0], strict=True):
            if j < 0:
                continue
            avm = avms[j]
            out.append(
                _suggest(
                    candidate,
                    avm,
                    float(score),
                    pick_pairs,
                    mutual_pairs,
                    label=avm.display_name,
                    profile=avm,
                )
            )
    return out


def _suggest(
    cci: Profile, avm: Profile, score, pick_pairs, mutual_pairs, *, label, profile
) -> Suggestion:
    picked = (cci.pk, avm.pk) in pick_pairs
    mutual = (cci.pk, avm.pk) in mutual_pairs
    company_name = avm.organisation.name if avm.organisation_id else avm.user.display_name
    text = recommend.explain(
        offered={t.name for t in cci.terms.all()},
        needed={t.name for t in avm.terms.all()},
        target_label=company_name,
        shared_language=bool(cci.language_set & avm.language_set),
        same_region=bool(cci.region and cci.region.strip().lower() == avm.region.strip().lower()),
        mutual=mutual,
        picked=picked,
    )
    return Suggestion(
        profile=profile,
        label=label,
        score=round(score, 3),
        explanation=text,
        picked=picked,
        mutual=mutual,
    )


def challenge_recommendations(
    *, programme: Programme, candidate: Profile | None = None, limit: int = 10
) -> list[Suggestion]:
    """Challenges (from the challenges app) whose required competences a CCI offers."""
    try:
        from challenges.selectors import challenge_list_visible_to, challenge_required_competences
    except ImportError:  # the challenges app is optional for matchmaking's core
        return []
    if candidate is None:
        return []
    challenges = list(
        challenge_list_visible_to(user=candidate.user, programme=programme).prefetch_related(
            "required_competences"
        )[:1000]
    )
    if not challenges:
        return []
    needs = [challenge_required_competences(c) for c in challenges]
    cand, targ = _sides(
        [candidate], challenges, needs, [set() for _ in challenges], ["" for _ in challenges]
    )
    scores = recommend.score_matrix(cand, targ)
    index, best = recommend.top_k(scores, limit, axis=1)
    out = []
    for j, score in zip(index[0], best[0], strict=True):
        if j < 0:
            continue
        challenge = challenges[j]
        text = recommend.explain(
            offered={t.name.lower() for t in candidate.terms.all()},
            needed={n.lower() for n in needs[j]},
            target_label=f"“{challenge.title}”",
            shared_language=False,
            same_region=False,
        )
        out.append(
            Suggestion(
                profile=None,
                label=challenge.title,
                score=round(float(score), 3),
                explanation=text,
                challenge=challenge,
            )
        )
    return out


def shortlist(*, company: Profile) -> QuerySet[Pick]:
    return (
        Pick.objects.filter(company=company)
        .select_related("candidate__user", "candidate__organisation", "by")
        .order_by("kind", "pk")
    )


# --- Workshops ------------------------------------------------------------------------------------


def workshop_list(*, programme: Programme) -> QuerySet[Workshop]:
    return Workshop.objects.filter(event__programme=programme).select_related("event__programme")


def workshop_get(*, programme: Programme, pk: int) -> Workshop:
    return get_object_or_404(workshop_list(programme=programme), pk=pk)


def workshop_sessions(*, workshop: Workshop) -> list[tuple]:
    """(start, end) of each block of back-to-back slots; a longer gap (lunch) starts a new one."""
    sessions: list[list] = []
    gap = workshop.break_minutes * 60
    for slot in workshop.slots.all():
        if sessions and (slot.starts_at - sessions[-1][1]).total_seconds() <= gap:
            sessions[-1][1] = slot.ends_at
        else:
            sessions.append([slot.starts_at, slot.ends_at])
    return [tuple(s) for s in sessions]


def _request_base():
    return MeetingRequest.objects.select_related(
        "requester__user",
        "requester__organisation",
        "recipient__user",
        "recipient__organisation",
        "slot",
        "table",
    )


def requests_for(*, workshop: Workshop, profile: Profile | None) -> QuerySet[MeetingRequest]:
    if profile is None:
        return MeetingRequest.objects.none()
    return (
        _request_base()
        .filter(Q(requester=profile) | Q(recipient=profile), workshop=workshop)
        .order_by("-pk")
    )


def request_get_for_recipient(*, user: User, workshop: Workshop, pk: int) -> MeetingRequest:
    """A request the user can see (either side, or an organiser); else 404."""
    qs = _request_base().filter(workshop=workshop)
    if not _organiser(user, workshop.programme):
        qs = qs.filter(Q(requester__user=user) | Q(recipient__user=user))
    return get_object_or_404(qs, pk=pk)


def accepted_meetings(*, workshop: Workshop) -> QuerySet[MeetingRequest]:
    return (
        _request_base()
        .filter(workshop=workshop, status=RequestStatus.ACCEPTED)
        .order_by("slot__index", "table_id", "pk")
    )


def accepted_meetings_page(*, workshop: Workshop, number, total: int, size: int = 50) -> Page:
    """One page of the working schedule in slot order, cheap at any workshop size: the page's
    ids are picked on the bare table (``total`` is the known count, so no second COUNT), and
    only those rows are loaded with their joins."""
    ids = (
        MeetingRequest.objects.filter(workshop=workshop, status=RequestStatus.ACCEPTED)
        .order_by("slot__index", "table_id", "pk")
        .values_list("pk", flat=True)
    )
    paginator = Paginator(ids, size)
    paginator.count = total  # a cached property: set, it is not queried again
    page = paginator.get_page(number)
    rows = _request_base().in_bulk(list(page.object_list))
    page.object_list = [rows[pk] for pk in page.object_list if pk in rows]
    return page


def schedule_run_latest(*, workshop: Workshop) -> ScheduleRun | None:
    return workshop.runs.first()


def schedule_run_get(*, workshop: Workshop, pk: int) -> ScheduleRun:
    """A run of this workshop, else 404 (the workshop was already checked for visibility)."""
    return get_object_or_404(ScheduleRun, workshop=workshop, pk=pk)


def working_schedule_summary(*, workshop: Workshop) -> dict:
    """Accepted, placed and locked meetings of the working schedule, in one aggregate query."""
    return MeetingRequest.objects.filter(
        workshop=workshop, status=RequestStatus.ACCEPTED
    ).aggregate(
        accepted=Count("pk"),
        placed=Count("pk", filter=Q(slot__isnull=False)),
        locked=Count("pk", filter=Q(locked=True)),
    )


def published_version(*, workshop: Workshop) -> ScheduleVersion | None:
    return workshop.versions.first()


@dataclass
class AgendaRow:
    slot_index: int
    starts_at: object
    ends_at: object
    table: str
    other: str
    reason: str


def agenda_for(*, workshop: Workshop, profile: Profile) -> list[AgendaRow]:
    """The profile's meetings in the published version, in time order (pure data for PDF/iCal)."""
    version = published_version(workshop=workshop)
    if version is None:
        return []
    slots = {s.index: s for s in workshop.slots.all()}
    rows = []
    for request in requests_for(workshop=workshop, profile=profile).filter(
        status=RequestStatus.ACCEPTED
    ):
        placement = version.placements.get(str(request.pk))
        if not placement:
            continue
        slot = slots[placement[0]]
        other = request.recipient if request.requester_id == profile.pk else request.requester
        rows.append(
            AgendaRow(
                slot.index + 1,
                slot.starts_at,
                slot.ends_at,
                placement[1],
                other.display_name,
                request.reason,
            )
        )
    return sorted(rows, key=lambda r: r.slot_index)


def table_plan(*, workshop: Workshop) -> dict:
    """Slots x tables grid of the published version, for the printable plan."""
    version = published_version(workshop=workshop)
    slots = list(workshop.slots.all())
    tables = list(workshop.tables.select_related("fixed_for__user", "fixed_for__organisation"))
    grid = {}
    if version is not None:
        requests = {str(r.pk): r for r in accepted_meetings(workshop=workshop)}
        for key, (slot_index, table_name) in version.placements.items():
            if key in requests:
                r = requests[key]
                grid[(slot_index, table_name)] = (
                    f"{r.requester.display_name} · {r.recipient.display_name}"
                )
    rows = [(slot, [grid.get((slot.index, table.name), "") for table in tables]) for slot in slots]
    return {"workshop": workshop, "version": version, "tables": tables, "rows": rows}


# --- Agreements -----------------------------------------------------------------------------------


def agreement_list_for(*, user: User, programme: Programme) -> QuerySet[Agreement]:
    qs = (
        Agreement.objects.filter(programme=programme)
        .select_related("programme")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("user", "organisation"))
        )
    )
    if not _organiser(user, programme):
        qs = qs.filter(parties__user=user).distinct()
    return qs


def agreement_get(*, user: User, programme: Programme, pk: int) -> Agreement:
    return get_object_or_404(
        agreement_list_for(user=user, programme=programme).prefetch_related("deliverables"), pk=pk
    )


def agreement_for_sign_link(*, party: Party) -> Agreement:
    """The agreement an external party's valid link opens (the token was checked already)."""
    return (
        Agreement.objects.select_related("programme")
        .prefetch_related(
            Prefetch("parties", queryset=Party.objects.select_related("user", "organisation")),
            "deliverables",
        )
        .get(pk=party.agreement_id)
    )


def signed_agreement_count(*, programme: Programme, kinds: list[str] | None = None) -> int:
    qs = Agreement.objects.filter(programme=programme, status="signed")
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.count()


# --- Experts ----------------------------------------------------------------------------------


def expert_candidates(*, programme: Programme, workshop: Workshop) -> list[User]:
    """Experts of the programme to invite, those who took part in the challenges app (translated
    a challenge or reviewed an idea of this programme) first; each carries ``took_part`` and
    ``invited`` (already taking part in ``workshop``)."""
    from django.db.models import BooleanField, Exists, OuterRef, Value

    from collider.enums import MembershipStatus, Role

    experts = User.objects.filter(
        memberships__programme=programme,
        memberships__role=Role.EXPERT,
        memberships__status=MembershipStatus.APPROVED,
    ).distinct()
    try:
        from challenges.models import Challenge, Review
    except ImportError:  # the challenges app is optional for matchmaking's core
        took_part = Value(False, output_field=BooleanField())
    else:
        took_part = Exists(
            Review.objects.filter(reviewer=OuterRef("pk"), idea__challenge__programme=programme)
        ) | Exists(Challenge.objects.filter(translator=OuterRef("pk"), programme=programme))
    invited = Exists(
        Participation.objects.filter(
            workshop=workshop, profile__user=OuterRef("pk"), profile__side=Side.EXPERT
        )
    )
    return list(
        experts.annotate(took_part=took_part, invited=invited).order_by(
            "-took_part", "first_name", "last_name", "email"
        )[:200]
    )


def workshop_experts(*, workshop: Workshop) -> QuerySet[Participation]:
    return (
        Participation.objects.filter(workshop=workshop, profile__side=Side.EXPERT)
        .select_related("profile__user")
        .order_by("pk")
    )


# --- CCI for one challenge --------------------------------------------------------------------


def challenge_for_cci_list(*, user: User, programme: Programme, pk: int):
    """A published challenge of the programme (from the challenges app), else 404."""
    from django.http import Http404

    try:
        from challenges.enums import PUBLIC_STATES
        from challenges.models import Challenge
    except ImportError as error:  # pragma: no cover - the challenges app is installed
        raise Http404 from error
    return get_object_or_404(
        Challenge.objects.filter(programme=programme, status__in=PUBLIC_STATES)
        .select_related("organisation", "owner", "programme")
        .prefetch_related("required_competences"),
        pk=pk,
    )


def challenges_with_cci(*, user: User, programme: Programme) -> list:
    """Published challenges whose CCI list the user may open (organisers: all; an AVM company:
    its own), for links from the hub."""
    try:
        from challenges.enums import PUBLIC_STATES
        from challenges.models import Challenge
    except ImportError:  # pragma: no cover
        return []
    qs = Challenge.objects.filter(programme=programme, status__in=PUBLIC_STATES)
    if not _organiser(user, programme):
        if not user.is_authenticated:
            return []
        organisations = user.memberships.filter(
            programme=programme, role="participant", status="approved", sector="avm"
        ).values_list("organisation_id", flat=True)
        qs = qs.filter(Q(owner=user) | Q(organisation_id__in=organisations))
    return list(qs.order_by("title", "pk")[:20])


def cci_for_challenge(*, programme: Programme, challenge) -> list[Suggestion]:
    """Every CCI whose offers cover some of the challenge's required competences, best first,
    each with an explanation (the whole ranking: the page paginates it)."""
    try:
        from challenges.selectors import challenge_required_competences
    except ImportError:  # pragma: no cover
        return []
    ccis = list(_profiles(programme).filter(side=Side.CCI))
    needs = challenge_required_competences(challenge)
    if not ccis or not needs:
        return []
    cand, targ = _sides(ccis, [challenge], [needs], [set()], [""])
    cand.available = _available(programme, ccis)
    scores = recommend.score_matrix(cand, targ)
    index, best = recommend.top_k(scores, len(ccis), axis=0)
    # Match case-insensitively but explain in the challenge's own spelling.
    spelling = {n.lower(): n for n in needs}
    needed = set(needs)
    label = f"“{challenge.title}”"
    out = []
    for i, score in zip(index[0], best[0], strict=True):
        if i < 0:
            continue
        cci = ccis[i]
        out.append(
            Suggestion(
                profile=cci,
                label=cci.display_name,
                score=round(float(score), 3),
                explanation=recommend.explain(
                    offered={
                        spelling[t.name.lower()]
                        for t in cci.terms.all()
                        if t.name.lower() in spelling
                    },
                    needed=needed,
                    target_label=label,
                    shared_language=False,
                    same_region=False,
                ),
                challenge=challenge,
            )
        )
    return out


@dataclass
class GridCell:
    table: Table
    meeting: MeetingRequest | None = None
    changed: bool = False  # placed elsewhere (or not at all) in the last published version
    conflict: str = ""  # why this placement breaks a rule, shown in place
    can_receive: bool = False  # a free cell the meeting being moved may go to


@dataclass
class GridRow:
    slot: Slot
    cells: list[GridCell]


def schedule_grid(
    *, workshop: Workshop, number, moving: MeetingRequest | None = None, size: int = 8
) -> tuple[Page, list[Table], list[GridRow]]:
    """The working schedule as slots by tables, ``size`` slots per page, in five queries
    whatever the workshop's size: the slots page (and its count), the tables, the page's
    meetings, the unavailability of their participants, the last published version.

    Each cell says whether its meeting moved since the published version and whether it breaks
    a rule (a participant twice in a slot, or in a slot they cannot attend). With ``moving``
    (a meeting being moved), the free cells where neither side is busy say they can take it."""
    page = Paginator(workshop.slots.all(), size).get_page(number)
    slots = list(page.object_list)
    tables = list(workshop.tables.select_related("fixed_for__user"))
    meetings = list(
        _request_base().filter(
            workshop=workshop, status=RequestStatus.ACCEPTED, slot__in=slots, table__isnull=False
        )
    )
    profile_ids = {m.requester_id for m in meetings} | {m.recipient_id for m in meetings}
    if moving is not None:
        profile_ids |= {moving.requester_id, moving.recipient_id}
    unavailable = set(
        Participation.unavailable.through.objects.filter(
            participation__workshop=workshop,
            participation__profile_id__in=profile_ids,
            slot__in=slots,
        ).values_list("participation__profile_id", "slot_id")
    )
    version = workshop.versions.only("placements").first()
    published = version.placements if version else {}
    by_cell = {(m.slot_id, m.table_id): m for m in meetings}
    busy: dict[int, list[int]] = {}  # slot → profiles meeting in it (twice: a conflict)
    elsewhere: dict[int, set[int]] = {}  # the same without the meeting being moved
    for m in meetings:
        busy.setdefault(m.slot_id, []).extend([m.requester_id, m.recipient_id])
        if moving is None or m.pk != moving.pk:
            elsewhere.setdefault(m.slot_id, set()).update([m.requester_id, m.recipient_id])
    rows = []
    for slot in slots:
        cells = []
        for table in tables:
            meeting = by_cell.get((slot.pk, table.pk))
            cell = GridCell(table=table, meeting=meeting)
            if meeting is not None:
                sides = (meeting.requester_id, meeting.recipient_id)
                cell.changed = bool(version) and published.get(str(meeting.pk)) != [
                    slot.index,
                    table.name,
                ]
                if any(busy[slot.pk].count(side) > 1 for side in sides):
                    cell.conflict = gettext("Someone has two meetings in this slot.")
                elif any((side, slot.pk) in unavailable for side in sides):
                    cell.conflict = gettext("Someone cannot attend this slot.")
            elif moving is not None:
                sides = (moving.requester_id, moving.recipient_id)
                cell.can_receive = (
                    not elsewhere.get(slot.pk, set()) & set(sides)
                    and not any((side, slot.pk) in unavailable for side in sides)
                    and (table.fixed_for_id is None or table.fixed_for_id in sides)
                )
            cells.append(cell)
        rows.append(GridRow(slot=slot, cells=cells))
    return page, tables, rows
