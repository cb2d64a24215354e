"""Moves of the cooperation pipeline that platform records make, with no one clicking.

The earlier phases send signals (``challenges.signals``, ``matchmaking.signals``) inside their
writing transaction; the receivers here find the pair's cooperation (or record it) and move it
forward:

- a selected idea whose lead confirms → the pair is recorded at *first contact*;
- a 1:1 meeting marked held → *meeting held*, and the check-ins after the meeting are scheduled;
- an agreement signed by every party → *agreement*, the check-ins after the agreement are
  scheduled and the agreement's deliverables become milestones (kept in step when the
  agreement is edited and signed again).

Automatic moves only go forward and never leave *stopped*: a partner's hand-made move wins. Each
move is recorded with a note saying which record made it, and no user as its author.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from challenges.selectors import idea_get
from collider.enums import Role, Sector
from collider.models import Membership, Organisation, Programme, User
from collider.services import reminders_cancel_for
from matchmaking.enums import AgreementKind

from .enums import Anchor, Stage
from .models import Cooperation, Milestone, StageMove
from .services import (
    MILESTONE_OVERDUE_KIND,
    _milestone_reminders,
    _record_move,
    checkins_schedule,
)

#: The pipeline in order; automatic moves go only to a later stage.
ORDER = (
    Stage.FIRST_CONTACT,
    Stage.MEETING_HELD,
    Stage.NEGOTIATION,
    Stage.AGREEMENT,
    Stage.RUNNING,
    Stage.COMPLETED,
)
CLOSED = (Stage.COMPLETED, Stage.STOPPED)


def _advance(cooperation: Cooperation, to: str, note: str) -> bool:
    if cooperation.stage == Stage.STOPPED or ORDER.index(cooperation.stage) >= ORDER.index(to):
        return False
    _record_move(cooperation, to=to, note=note, by=None)
    return True


def _participant_memberships(programme: Programme, users: list[User]) -> dict[int, Membership]:
    rows = Membership.objects.filter(
        programme=programme, role=Role.PARTICIPANT, user__in=users
    ).select_related("organisation")
    return {m.user_id: m for m in rows}


def _find_or_record(
    *,
    programme: Programme,
    cci: tuple[User, Organisation],
    avm: tuple[User, Organisation],
    links: dict,
    source: str,
) -> Cooperation:
    """The cooperation linked to one of ``links``' records, else the pair's open one, else a new
    one at first contact; returned locked for update."""
    candidates = Cooperation.objects.select_for_update().filter(programme=programme)
    for field, record in links.items():
        if record is not None:
            found = candidates.filter(**{field: record}).first()
            if found is not None:
                return found
    found = (
        candidates.filter(cci_organisation=cci[1], avm_organisation=avm[1])
        .exclude(stage__in=CLOSED)
        .order_by("pk")
        .first()
    )
    if found is not None:
        return found
    now = timezone.now()
    cooperation = Cooperation.objects.create(
        programme=programme,
        title=_("%(cci)s × %(avm)s") % {"cci": cci[1].name, "avm": avm[1].name},
        cci_organisation=cci[1],
        avm_organisation=avm[1],
        cci_contact=cci[0],
        avm_contact=avm[0],
        stage=Stage.FIRST_CONTACT,
        stage_changed_at=now,
        **{field: record for field, record in links.items() if record is not None},
    )
    StageMove.objects.create(
        cooperation=cooperation,
        from_stage=Stage.FIRST_CONTACT,
        to_stage=Stage.FIRST_CONTACT,
        note=source,
        at=now,
    )
    return cooperation


def _link(cooperation: Cooperation, links: dict) -> None:
    changed = [
        field
        for field, record in links.items()
        if record is not None and getattr(cooperation, f"{field}_id") is None
    ]
    for field in changed:
        setattr(cooperation, field, links[field])
    if changed:
        cooperation.save(update_fields=changed)


def record_idea_confirmed(idea) -> Cooperation | None:
    """The AVM that owns the challenge and the lead of the selected idea make a pair."""
    challenge = idea.challenge
    programme = challenge.programme
    memberships = _participant_memberships(programme, [idea.lead, challenge.owner])
    lead = memberships.get(idea.lead_id)
    avm_organisation = challenge.organisation or getattr(
        memberships.get(challenge.owner_id), "organisation", None
    )
    if lead is None or lead.organisation is None or avm_organisation is None:
        return None
    source = _("Recorded from the selected idea “%(idea)s”.") % {"idea": idea.title}
    cooperation = _find_or_record(
        programme=programme,
        cci=(idea.lead, lead.organisation),
        avm=(challenge.owner, avm_organisation),
        links={"idea": idea},
        source=source,
    )
    _link(cooperation, {"idea": idea})
    return cooperation


def record_meeting_held(request) -> Cooperation | None:
    """A held CCI-AVM meeting moves the pair to *meeting held* and starts the check-ins."""
    sides = {request.requester.side: request.requester, request.recipient.side: request.recipient}
    if set(sides) != {Sector.CCI, Sector.AVM}:
        return None
    programme = request.programme
    memberships = _participant_memberships(programme, [p.user for p in sides.values()])
    pair = {}
    for side, profile in sides.items():
        organisation = profile.organisation or getattr(
            memberships.get(profile.user_id), "organisation", None
        )
        if organisation is None:
            return None
        pair[side] = (profile.user, organisation)
    workshop = request.workshop.event.title
    cooperation = _find_or_record(
        programme=programme,
        cci=pair[Sector.CCI],
        avm=pair[Sector.AVM],
        links={"meeting": request},
        source=_("Recorded from the meeting at %(workshop)s.") % {"workshop": workshop},
    )
    _link(cooperation, {"meeting": request})
    note = _("Meeting held at %(workshop)s.") % {"workshop": workshop}
    if _advance(cooperation, Stage.MEETING_HELD, note):
        checkins_schedule(cooperation=cooperation, anchor=Anchor.MEETING, at=request.held_at)
    return cooperation


#: Agreements that prepare a cooperation rather than conclude it: signing one means the pair
#: is negotiating.
PRELIMINARY_KINDS = (AgreementKind.NDA, AgreementKind.LOI)


def record_agreement_signed(agreement) -> Cooperation | None:
    """A signed agreement between a CCI and an AVM party moves their cooperation to
    *agreement*, starts the check-ins after it and turns its deliverables into milestones.
    An NDA or a letter of intent moves it only as far as *negotiation*."""
    programme = agreement.programme
    preliminary = agreement.kind in PRELIMINARY_KINDS
    parties = [p for p in agreement.parties.select_related("user", "organisation") if p.user_id]
    memberships = _participant_memberships(programme, [p.user for p in parties])
    pair: dict[str, tuple[User, Organisation]] = {}
    for party in parties:
        membership = memberships.get(party.user_id)
        if membership is None or membership.sector not in (Sector.CCI, Sector.AVM):
            continue
        organisation = party.organisation or membership.organisation
        if organisation is not None and membership.sector not in pair:
            pair[membership.sector] = (party.user, organisation)
    if set(pair) != {Sector.CCI, Sector.AVM}:
        return None
    links = {
        "agreement": None if preliminary else agreement,
        "meeting": agreement.meeting,
        "idea": None,
    }
    if agreement.idea_id:
        links["idea"] = idea_get(agreement.idea_id)
    cooperation = _find_or_record(
        programme=programme,
        cci=pair[Sector.CCI],
        avm=pair[Sector.AVM],
        links=links,
        source=_("Recorded from the agreement “%(title)s”.") % {"title": agreement.title},
    )
    _link(cooperation, links)
    if not cooperation.goals.strip():
        cooperation.goals = agreement.goals
        cooperation.save(update_fields=["goals"])
    note = _("Agreement “%(title)s” signed by every party.") % {"title": agreement.title}
    if preliminary:
        _advance(cooperation, Stage.NEGOTIATION, note)
    elif _advance(cooperation, Stage.AGREEMENT, note):
        checkins_schedule(cooperation=cooperation, anchor=Anchor.AGREEMENT, at=agreement.signed_at)
    milestones_sync(cooperation=cooperation, agreement=agreement)
    return cooperation


def milestones_sync(*, cooperation: Cooperation, agreement) -> None:
    """Make the cooperation's milestones from ``agreement`` match its deliverables: new ones
    are added (with their overdue reminders), open ones no longer agreed are removed; done ones
    stay as the record of what was delivered."""
    wanted = {(d.title, d.due_on) for d in agreement.deliverables.all()}
    existing = {(m.title, m.due_on): m for m in cooperation.milestones.filter(agreement=agreement)}
    for key, milestone in existing.items():
        if key not in wanted and not milestone.is_done:
            reminders_cancel_for(target=milestone, kinds=[MILESTONE_OVERDUE_KIND])
            milestone.delete()
    for title, due_on in sorted(wanted - set(existing), key=lambda k: (k[1], k[0])):
        milestone = Milestone.objects.create(
            cooperation=cooperation, agreement=agreement, title=title, due_on=due_on
        )
        _milestone_reminders(milestone)
