"""Cooperation agreements: create, revise, sign (also by personal link for external parties).

Keyword-only, atomic; side effects named in docstrings.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from collider.models import Programme, User
from collider.names import same_name
from collider.services import (
    notification_send,
    reminder_schedule,
    reminders_cancel_for,
)
from collider.versioning import ensure_current

from .. import signals
from ..actions import AGREEMENT_PARTY_ADD, AGREEMENT_SIGN, AGREEMENT_UPDATE
from ..enums import (
    AgreementKind,
    AgreementStatus,
    RequestStatus,
    Side,
)
from ..models import (
    Agreement,
    Deliverable,
    MeetingRequest,
    Party,
)
from ..rules import can_organise
from .common import _url

# --- Agreements ---------------------------------------------------------------------------------

IP_TEMPLATES = {
    "cci_keeps": (
        "The CCI party keeps all intellectual property in the results; the company receives a "
        "non-exclusive licence to use them for the purpose of this cooperation."
    ),
    "licence": (
        "The CCI party owns the results and grants the company a licence to use them; field, "
        "territory and fee are set out below."
    ),
    "assignment": (
        "The results and their intellectual property pass to the company upon payment of the "
        "agreed budget."
    ),
    "negotiable": (
        "Ownership of and rights to the results are to be agreed between the parties before "
        "work starts."
    ),
}
CONFIDENTIALITY_TEXT = (
    "Each party keeps the other's confidential information secret and uses it only for this "
    "cooperation, during the agreement and for three years after."
)


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    programme: Programme,
    kind: str = AgreementKind.COOPERATION,
    meeting: MeetingRequest | None = None,
    idea=None,
    title: str = "",
    goals: str = "",
) -> Agreement:
    """Draft an agreement from a held meeting or a selected idea (challenges app); parties and
    IP terms are pre-filled and every party then signs."""
    if meeting is None and idea is None:
        raise ValidationError(_("An agreement starts from a meeting or a selected idea."))
    users: list[tuple[User, object, str]] = []
    ip_terms = IP_TEMPLATES["negotiable"]
    scope = ""
    if meeting is not None:
        if meeting.programme.pk != programme.pk:
            raise PermissionDenied(_("That meeting is not in this programme."))
        if meeting.status != RequestStatus.ACCEPTED:
            raise ValidationError(_("Only an accepted meeting can lead to an agreement."))
        for profile in (meeting.recipient, meeting.requester):
            role = _("Company") if profile.side == Side.AVM else _("Creative partner")
            users.append((profile.user, profile.organisation, role))
        title = title or _("Cooperation: %(a)s and %(b)s") % {
            "a": meeting.requester.display_name,
            "b": meeting.recipient.display_name,
        }
    else:
        challenge = idea.challenge
        if challenge.programme_id != programme.pk:
            raise PermissionDenied(_("That idea is not in this programme."))
        users.append((challenge.owner, challenge.organisation, _("Company")))
        users.append((idea.lead, None, _("Creative partner")))
        for coauthor in getattr(idea, "accepted_coauthors", []):
            users.append((coauthor.user, None, _("Creative partner")))
        ip_terms = IP_TEMPLATES.get(challenge.ip_stance, ip_terms)
        title = title or idea.title
        goals = goals or challenge.expected_outcome
        scope = challenge.scope
    # Who may draft depends on the record it starts from (its future parties), not on a state.
    if not (can_organise.test(actor, programme) or actor.pk in {u.pk for u, _o, _r in users}):
        raise PermissionDenied(_("Only a future party or an organiser drafts this agreement."))
    agreement = Agreement.objects.create(
        programme=programme,
        kind=kind,
        title=title[:200],
        meeting=meeting,
        idea_id=getattr(idea, "pk", None),
        goals=goals or _("To be completed by the parties."),
        scope=scope,
        ip_terms=ip_terms,
        confidentiality=CONFIDENTIALITY_TEXT,
        created_by=actor,
    )
    seen = set()
    for user, organisation, role in users:
        if user.pk not in seen:
            seen.add(user.pk)
            Party.objects.create(
                agreement=agreement, user=user, organisation=organisation, role=role
            )
    _ask_signatures(agreement, actor=actor)
    return agreement


SIGN_REQUEST_KIND = "matchmaking_sign_request"
#: A pending signature is reminded this many days after it was asked for (none once given).
SIGN_REMINDER_DAYS = (3, 7)


def _ask_signatures(agreement: Agreement, *, actor: User | None) -> None:
    """Ask every party that has not signed the current revision: an "[Action required]"
    e-mail now (not to ``actor``, who is on the page) and reminders after 3 and 7 days, all
    through the outbox. Idempotent per party and revision; the renderer drops a row once the
    party signed or the revision changed, so no reminder follows a signature."""
    now = timezone.now()
    revision = agreement.revision
    for party in agreement.parties.filter(signed_at=None).select_related("user"):
        schedule = (
            [(0, now)] if party.user_id and party.user_id != getattr(actor, "pk", None) else []
        )
        schedule += [(days, now + timedelta(days=days)) for days in SIGN_REMINDER_DAYS]
        for days, due_at in schedule:
            if party.user_id is None:
                if days == 0:
                    continue  # the signing link itself is the first e-mail (``_send_sign_link``)
                kind, email, dedupe = "matchmaking_sign_link", party.email, "mm-sign"
            else:
                kind, email, dedupe = SIGN_REQUEST_KIND, party.user.email, "mm-sign-ask"
            reminder_schedule(
                kind=kind,
                email=email,
                recipient=party.user,
                programme=agreement.programme,
                target=party,
                due_at=due_at,
                dedupe_key=f"{dedupe}:{party.pk}:{revision}" + (f":{days}d" if days else ""),
                context={
                    "revision": revision,
                    "days_waiting": days,
                    "by": actor.display_name if actor else "",
                },
            )


def agreement_hash(agreement: Agreement) -> str:
    """SHA-256 over the agreement's signed content (terms, parties, deliverables, revision)."""
    content = {
        "revision": agreement.revision,
        "kind": agreement.kind,
        "title": agreement.title,
        "goals": agreement.goals,
        "scope": agreement.scope,
        "starts_on": str(agreement.starts_on),
        "ends_on": str(agreement.ends_on),
        "budget": agreement.budget,
        "funding": agreement.funding,
        "ip_terms": agreement.ip_terms,
        "confidentiality": agreement.confidentiality,
        "parties": [
            [p.user_id, p.organisation_id, p.role]
            + ([p.name, p.email, p.organisation_name] if p.user_id is None else [])
            for p in agreement.parties.order_by("pk")
        ],
        "deliverables": [
            [d.title, str(d.due_on)] for d in agreement.deliverables.order_by("due_on", "pk")
        ],
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


AGREEMENT_FIELDS = (
    "kind",
    "title",
    "goals",
    "scope",
    "starts_on",
    "ends_on",
    "budget",
    "funding",
    "ip_terms",
    "confidentiality",
)


@transaction.atomic
def agreement_update(
    *,
    actor: User,
    agreement: Agreement,
    deliverables: list[tuple[str, object]] | None = None,
    based_on: str | None = None,
    **fields,
) -> Agreement:
    """Edit the terms. Any change after a signature clears every signature and says so. An
    edit based on an older revision (``based_on``) is refused (StaleEdit)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    AGREEMENT_UPDATE.check(actor, agreement)
    ensure_current(agreement, based_on)
    unknown = set(fields) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown fields: {sorted(unknown)}")
    before = agreement_hash(agreement)
    for name, value in fields.items():
        setattr(agreement, name, value)
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        raise ValidationError({"ends_on": _("The end date is before the start date.")})
    agreement.save()
    if deliverables is not None:
        agreement.deliverables.all().delete()
        Deliverable.objects.bulk_create(
            Deliverable(agreement=agreement, title=t, due_on=d) for t, d in deliverables
        )
    _revise(agreement, before=before, actor=actor)
    return agreement


def _revise(agreement: Agreement, *, before: str, actor: User) -> None:
    """After a change: if the signed content differs, start a new revision, clear every
    signature (external ones too) and send the external parties a link for the new revision."""
    if agreement_hash(agreement) == before:
        return
    agreement.revision += 1
    signed = agreement.parties.exclude(signed_at=None)
    if signed.exists():
        count = signed.count()
        agreement.signatures_cleared_note = ngettext(
            "Revision %(n)s edited by %(who)s on %(when)s: %(count)s signature cleared; "
            "every party signs again.",
            "Revision %(n)s edited by %(who)s on %(when)s: %(count)s signatures cleared; "
            "every party signs again.",
            count,
        ) % {
            "n": agreement.revision,
            "who": actor.display_name,
            "when": date_format(timezone.localtime(), "DATETIME_FORMAT"),
            "count": count,
        }
        signed.update(signed_at=None, signed_name="", signed_hash="")
    agreement.status = AgreementStatus.DRAFT
    agreement.signed_at = None
    agreement.save(update_fields=["revision", "signatures_cleared_note", "status", "signed_at"])
    _ask_signatures(agreement, actor=actor)
    for party in agreement.parties.filter(user=None):
        _send_sign_link(agreement, party, actor=actor)


def _record_signature(
    agreement: Agreement, party: Party, *, name: str, now: datetime, actor: User | None
) -> Party:
    """The one place a signature is recorded (name, time, hash of the version signed); the last
    one makes the agreement signed and sends ``agreement_signed`` inside the transaction.
    ``agreement`` must be locked (select_for_update) by the caller."""
    if party.signed_at is not None:
        raise ValidationError(_("You already signed this version."))
    if not (name or "").strip():
        raise ValidationError({"name": _("Type your full name to sign.")})
    # An honest record: the typed name is the signer's (the account's name, or the name the
    # external party was added with), whatever the case, accents and spacing.
    expected = party.user.display_name if party.user_id else party.name
    if not same_name(name, expected):
        raise ValidationError(
            {
                "name": _(
                    "The name does not match this party. Type your name as the agreement "
                    "lists it: %(name)s (capitals and accents do not matter)."
                )
                % {"name": expected}
            }
        )
    party.signed_name = " ".join(name.split())[:200]
    party.signed_at = now
    party.signed_hash = agreement_hash(agreement)
    party.save(update_fields=["signed_name", "signed_at", "signed_hash"])
    reminders_cancel_for(target=party, kinds=[SIGN_REQUEST_KIND, "matchmaking_sign_link"])
    if not agreement.parties.filter(signed_at=None).exists():
        agreement.status = AgreementStatus.SIGNED
        agreement.signed_at = now
        agreement.signatures_cleared_note = ""
        agreement.save(update_fields=["status", "signed_at", "signatures_cleared_note"])
        signals.agreement_signed.send(sender=Agreement, agreement=agreement, actor=actor)
    return party


@AGREEMENT_SIGN.performs
def agreement_sign(
    *, actor: User, agreement: Agreement, name: str, now: datetime | None = None
) -> Party:
    """Click-to-sign: records name, time and the hash of the version signed; the last signature
    makes the agreement signed. Runs on the locked agreement, after the declaration's guard."""
    party = agreement.parties.get(user=actor)
    return _record_signature(agreement, party, name=name, now=now or timezone.now(), actor=actor)


# --- External parties and personal signing links -------------------------------------------------

SIGN_LINK_SALT = "matchmaking.agreement-sign"
#: How long a personal signing link works.
SIGN_LINK_MAX_AGE = timedelta(days=14)


class SignLinkRefused(Exception):
    """A signing link that cannot be used; ``status`` is 404 (not ours) or 400 (stale)."""

    def __init__(self, message: str, status: int = 400):
        self.message, self.status = message, status
        super().__init__(message)


def sign_link_token(party: Party, *, revision: int, now: datetime | None = None) -> str:
    """A signed token naming one party, one agreement revision and when it stops working."""
    expires = (now or timezone.now()) + SIGN_LINK_MAX_AGE
    return signing.Signer(salt=SIGN_LINK_SALT).sign_object(
        {"party": party.pk, "revision": revision, "expires": int(expires.timestamp())}
    )


def sign_link_url(party: Party, *, revision: int) -> str:
    return _url("matchmaking:sign_link", sign_link_token(party, revision=revision))


def sign_link_resolve(token: str, *, now: datetime | None = None) -> tuple[Party, int]:
    """The external party and revision a token names; ``SignLinkRefused`` says why not."""
    now = now or timezone.now()
    try:
        value = signing.Signer(salt=SIGN_LINK_SALT).unsign_object(token)
    except (signing.BadSignature, ValueError) as error:
        raise SignLinkRefused(_("This signing link is not valid."), status=404) from error
    if not isinstance(value, dict) or not isinstance(value.get("expires"), int):
        raise SignLinkRefused(_("This signing link is not valid."), status=404)
    if now.timestamp() > value["expires"]:
        raise SignLinkRefused(
            _(
                "This signing link has expired (links work for %(days)s days). Ask the "
                "programme team for a new one."
            )
            % {"days": SIGN_LINK_MAX_AGE.days}
        )
    party = (
        Party.objects.select_related("agreement__programme")
        .filter(pk=value.get("party"), user=None)
        .first()
    )
    if party is None:
        raise SignLinkRefused(_("This signing link is not valid."), status=404)
    revision = value.get("revision")
    if revision != party.agreement.revision:
        raise SignLinkRefused(
            _(
                "This link is for revision %(old)s of the agreement, which has since been "
                "changed (now revision %(new)s). Use the link in our newest e-mail."
            )
            % {"old": revision, "new": party.agreement.revision}
        )
    return party, revision


def _send_sign_link(agreement: Agreement, party: Party, *, actor: User | None) -> None:
    """Queue the personal signing link for ``party`` and the agreement's current revision (the
    outbox renderer builds the token when it sends, so no token is stored)."""
    notification_send(
        kind="matchmaking_sign_link",
        email=party.email,
        programme=agreement.programme,
        target=party,
        context={"revision": agreement.revision, "by": actor.display_name if actor else ""},
        dedupe_key=f"mm-sign:{party.pk}:{agreement.revision}",
    )


@transaction.atomic
def agreement_party_add_external(
    *,
    actor: User,
    agreement: Agreement,
    name: str,
    email: str,
    organisation_name: str = "",
    role: str = "",
) -> Party:
    """Add a party without a platform account. The parties are part of the signed content, so
    this starts a new revision (clearing signatures). Side effects: e-mails every external party
    a personal signing link for the new revision."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    AGREEMENT_PARTY_ADD.check(actor, agreement)
    name, email = " ".join((name or "").split()), (email or "").strip().lower()
    if not name:
        raise ValidationError({"name": _("Give the party's name.")})
    if not email:
        raise ValidationError({"email": _("Give the party's e-mail address.")})
    if agreement.parties.filter(user=None, email__iexact=email).exists() or (
        agreement.parties.filter(user__email__iexact=email).exists()
    ):
        raise ValidationError({"email": _("%(email)s is already a party.") % {"email": email}})
    before = agreement_hash(agreement)
    party = Party.objects.create(
        agreement=agreement,
        name=name[:200],
        email=email,
        organisation_name=(organisation_name or "").strip()[:200],
        role=(role or "").strip()[:80] or _("External party"),
    )
    _revise(agreement, before=before, actor=actor)
    return party


@transaction.atomic
def agreement_sign_by_link(*, token: str, name: str, now: datetime | None = None) -> Party:
    """An external party signs through their personal link: the same record and the same
    completion (signal included) as :func:`agreement_sign`. Raises ``SignLinkRefused``."""
    now = now or timezone.now()
    party, _revision = sign_link_resolve(token, now=now)
    agreement = Agreement.objects.select_for_update().get(pk=party.agreement_id)
    if agreement.revision != party.agreement.revision:  # changed while we waited for the lock
        raise SignLinkRefused(_("The agreement changed a moment ago. Use the newest link."))
    party = Party.objects.get(pk=party.pk)
    return _record_signature(agreement, party, name=name, now=now, actor=None)
