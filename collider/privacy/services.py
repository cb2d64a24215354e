"""Every write of the personal-data lifecycle: archives, erasure, retention, the privacy notice.

Erasure anonymises, it never deletes the account: every record that points to the person keeps
pointing to the same row, which now carries a stable pseudonym ("Former participant 7F3A"), so
reviews, scores, rankings, agreements and KPI counts stay exactly as they were and no PROTECT
link can make it fail. Copies of the person's name and address kept elsewhere (a guest
registration, an agreement party, the audit log) are replaced as each app declares.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, Count, FileField, Q, TextField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..enums import ErasureStatus, OrganisationKind, OrganisationRole
from ..models import (
    ActivityEntry,
    ErasureRequest,
    ExportJob,
    NoticeAcceptance,
    Organisation,
    OrganisationMember,
    PrivacyNotice,
    RetentionRun,
    User,
    new_token,
)
from ..versioning import ensure_current
from . import (
    BLANK,
    DELETE,
    ERASED_EMAIL,
    NULL,
    PSEUDONYM,
    archive,
    declarations,
    erasers,
    retention_rules,
)

logger = logging.getLogger(__name__)

#: Addresses erasure and retention write: the ``.invalid`` top-level domain never receives mail.
ERASED_DOMAIN = "erased.invalid"
ERASURE_REQUESTED = "privacy_erasure_requested"


def erased_address(prefix: str, pk_expression) -> Concat:
    """``<prefix>-<pk>@erased.invalid`` for a bulk update: unique per row, never deliverable."""
    return Concat(
        Value(f"{prefix}-"),
        Cast(pk_expression, output_field=CharField()),
        Value(f"@{ERASED_DOMAIN}"),
        output_field=CharField(),
    )


def not_erased(field_name: str) -> Q:
    return ~Q(**{f"{field_name}__endswith": f"@{ERASED_DOMAIN}"})


# --- Archives -----------------------------------------------------------------------------------


def is_organisation_admin(user, organisation: Organisation) -> bool:
    return OrganisationMember.objects.filter(
        organisation=organisation, user=user, role=OrganisationRole.ADMIN
    ).exists()


@transaction.atomic
def privacy_archive_start(*, actor: User, organisation: Organisation | None = None) -> ExportJob:
    """Queue the ZIP of everything the platform holds about ``actor`` (or, for its
    administrators, about ``organisation``). Side effects: enqueues the export job on commit."""
    from ..services.exports import _enqueue_export_on_commit

    if not getattr(actor, "is_authenticated", False) or not actor.is_active:
        raise PermissionDenied(_("Log in to download your data."))
    if organisation is not None and not is_organisation_admin(actor, organisation):
        raise PermissionDenied(_("Only the organisation's administrators may download its data."))
    kind = archive.PERSON if organisation is None else archive.ORGANISATION
    subject = actor if organisation is None else organisation
    job = ExportJob.objects.create(
        user=actor,
        organisation=organisation,
        dataset=kind,
        format=archive.FORMAT,
        rows_total=archive.archive_count(kind, subject),
    )
    _enqueue_export_on_commit(job.pk)
    return job


def privacy_archive_write(job: ExportJob, out, progress) -> tuple[str, int]:
    """Write the archive of ``job`` into ``out``: (file name, records). Called by the export
    job runner, which records progress, the file and failures."""
    if job.dataset == archive.ORGANISATION:
        if job.organisation is None or not is_organisation_admin(job.user, job.organisation):
            raise PermissionError("the requester is no longer an administrator")
        subject = job.organisation
    else:
        subject = job.user
    rows = archive.write_archive(job.dataset, subject, out, progress=progress)
    return archive.archive_filename(job.dataset, subject), rows


# --- Erasure ------------------------------------------------------------------------------------


def pseudonym_code(user: User) -> str:
    """Four hex digits derived from the account and the installation's secret: the same person
    always gets the same code, and nobody can work back from it."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"collider-erasure:{user.pk}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:4].upper()


def pseudonym_for(user: User) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("Former participant %(code)s") % {"code": pseudonym_code(user)}


def _may_act_for(actor: User, user: User) -> bool:
    return actor.pk == user.pk or actor.is_superuser


@transaction.atomic
def erasure_request(*, actor: User, user: User, note: str = "") -> ErasureRequest:
    """Ask for ``user`` to be erased after the grace period (``PRIVACY_ERASURE_GRACE_DAYS``).

    The person themselves, or a platform admin on their behalf (``note`` says how the request
    reached the platform). Side effects: e-mails the person the date and how to cancel."""
    if not _may_act_for(actor, user):
        raise PermissionDenied(_("You may not ask for this person's erasure."))
    if user.is_superuser:
        raise ValidationError(
            _("A platform administrator cannot be erased: remove the administrator role first.")
        )
    if not user.is_active and user.email.endswith(f"@{ERASED_DOMAIN}"):
        raise ValidationError(_("This person has already been erased."))
    User.objects.select_for_update().get(pk=user.pk)  # one request at a time per person
    if ErasureRequest.objects.filter(user=user, status=ErasureStatus.PENDING).exists():
        raise ValidationError(_("An erasure is already scheduled for this person."))
    request = ErasureRequest.objects.create(
        user=user,
        requested_by=actor,
        note=note,
        due_at=timezone.now() + timedelta(days=settings.PRIVACY_ERASURE_GRACE_DAYS),
    )
    from ..services import notification_send

    notification_send(
        kind=ERASURE_REQUESTED,
        recipient=user,
        target=request,
        dedupe_key=f"{ERASURE_REQUESTED}:{request.pk}",
    )
    return request


@transaction.atomic
def erasure_cancel(*, actor: User, request: ErasureRequest) -> ErasureRequest:
    """Cancel a scheduled erasure during the grace period."""
    if not _may_act_for(actor, request.user):
        raise PermissionDenied(_("You may not cancel this erasure."))
    cancelled = ErasureRequest.objects.filter(pk=request.pk, status=ErasureStatus.PENDING).update(
        status=ErasureStatus.CANCELLED, cancelled_at=timezone.now()
    )
    if not cancelled:
        raise ValidationError(_("This erasure is no longer scheduled: it cannot be cancelled."))
    request.refresh_from_db()
    return request


@dataclass
class ErasureContext:
    """What erasers need: who, under which pseudonym, and which words to scrub."""

    user: User
    pseudonym: str
    email: str
    emails: list[str]
    names: set[str] = field(default_factory=set)

    def replacement(self, kind: str):
        return {PSEUDONYM: self.pseudonym, ERASED_EMAIL: self.email, BLANK: "", NULL: None}[kind]


def _scrub_rows(context: ErasureContext, summary: dict) -> None:
    for declaration in declarations():
        if declaration.model == settings.AUTH_USER_MODEL:
            continue
        condition = archive.subject_filter(declaration, context.user, context.emails)
        if condition is None:
            continue
        model = declaration.model_class()
        rows = model._default_manager.filter(condition)
        label = str(declaration.label)
        if declaration.erase == DELETE:
            uploads = [f.name for f in model._meta.concrete_fields if isinstance(f, FileField)]
            pks = list(rows.values_list("pk", flat=True))
            for obj in model._default_manager.filter(pk__in=pks) if uploads else ():
                for name in uploads:
                    getattr(obj, name).delete(save=False)
            count = model._default_manager.filter(pk__in=pks).delete()[1].get(model._meta.label, 0)
            if count:
                summary[label] = count
            continue
        if not declaration.scrub:
            continue
        for name, kind in declaration.scrub.items():
            if kind == PSEUDONYM:
                context.names.update(
                    value for value in rows.values_list(name, flat=True).distinct() if value
                )
        # Each row gets its own undeliverable address: a person's two registrations for one
        # event (under two of their addresses) must not collide on a unique constraint.
        values = {
            name: erased_address(f"erased-{model._meta.model_name}", "pk")
            if kind == ERASED_EMAIL
            else context.replacement(kind)
            for name, kind in declaration.scrub.items()
        }
        count = rows.update(**values)
        if count:
            summary[label] = count


def _replace(value, terms: list[tuple[str, str]]):
    if isinstance(value, str):
        lowered = value.lower()
        for old, new in terms:
            start = lowered.find(old.lower())
            while start != -1:
                value = value[:start] + new + value[start + len(old) :]
                lowered = value.lower()
                start = lowered.find(old.lower(), start + len(new))
        return value
    if isinstance(value, list):
        return [_replace(item, terms) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, terms) for key, item in value.items()}
    return value


def _audit_scrub(context: ErasureContext) -> int:
    """Take the person's addresses, names and IP addresses out of the audit log.

    Entries stay (they are the programme's history); the actor link stays too and now shows the
    pseudonym. The search runs on the text of the JSON columns, in both spellings a JSON
    encoder may have used for non-ASCII letters."""
    terms = [(email, context.email) for email in context.emails]
    terms += [(name, context.pseudonym) for name in sorted(context.names, key=len, reverse=True)]
    terms = [(old, new) for old, new in terms if len(old) >= 3]
    LogEntry.objects.filter(actor=context.user).update(
        remote_addr=None, remote_port=None, actor_email=None
    )
    condition = Q(actor=context.user)
    for old, _new in terms:
        for spelling in {old, json.dumps(old)[1:-1]}:
            condition |= (
                Q(object_repr__icontains=spelling)
                | Q(changes_text__icontains=spelling)
                | Q(scrub_changes__icontains=spelling)
                | Q(scrub_additional__icontains=spelling)
                | Q(scrub_serialized__icontains=spelling)
            )
    entries = LogEntry.objects.annotate(
        scrub_changes=Cast("changes", TextField()),
        scrub_additional=Cast("additional_data", TextField()),
        scrub_serialized=Cast("serialized_data", TextField()),
    ).filter(condition)
    changed = 0
    for entry in entries.iterator(chunk_size=500):
        update = {
            "object_repr": _replace(entry.object_repr, terms),
            "changes_text": _replace(entry.changes_text, terms),
            "changes": _replace(entry.changes, terms),
            "additional_data": _replace(entry.additional_data, terms),
            "serialized_data": _replace(entry.serialized_data, terms),
        }
        LogEntry.objects.filter(pk=entry.pk).update(**update)
        changed += 1
    # The declared actions' entries ("… approved by …") name their object as it was called and
    # may quote what was typed: the same replacement there.
    condition = Q(pk__in=[])
    for old, _new in terms:
        for spelling in {old, json.dumps(old)[1:-1]}:
            condition |= Q(object_repr__icontains=spelling) | Q(scrub_data__icontains=spelling)
    activity = ActivityEntry.objects.annotate(scrub_data=Cast("data", TextField())).filter(
        condition
    )
    for entry in activity.iterator(chunk_size=500):
        ActivityEntry.objects.filter(pk=entry.pk).update(
            object_repr=_replace(entry.object_repr, terms), data=_replace(entry.data, terms)
        )
        changed += 1
    return changed


def _organisations_of_one(user: User) -> list[int]:
    """Organisations the person is the only member of and that identify them: a freelancer's,
    or one whose name contains their first or last name ("Steiner Sound")."""
    organisations = (
        Organisation.objects.filter(organisationmember__user=user)
        .annotate(people=Count("organisationmember"))
        .filter(people=1)
    )
    names = [name.lower() for name in (user.first_name, user.last_name) if len(name) >= 3]
    return [
        organisation.pk
        for organisation in organisations
        if organisation.kind == OrganisationKind.CCI_FREELANCER
        or any(name in organisation.name.lower() for name in names)
    ]


def _rename_organisations(pks: list[int], context: ErasureContext) -> int:
    """The organisation stays (challenges, cooperations and counts refer to it) under a name
    derived from the pseudonym; what described the person goes."""
    count = 0
    for organisation in Organisation.objects.filter(pk__in=pks):
        context.names.add(organisation.name)
        Organisation.objects.filter(pk=organisation.pk).update(
            name=_("Organisation of %(pseudonym)s") % {"pseudonym": context.pseudonym},
            slug=f"former-organisation-{organisation.pk}",
            website="",
            description="",
        )
        count += 1
    return count


def erase_person(*, user: User) -> tuple[str, dict]:
    """Anonymise ``user`` everywhere (no grace period, no checks: see :func:`erasure_execute`).
    Returns the pseudonym and what was changed, per kind of record."""
    pseudonym = pseudonym_for(user)
    context = ErasureContext(
        user=user,
        pseudonym=pseudonym,
        email=f"erased-{user.pk}-{pseudonym_code(user).lower()}@{ERASED_DOMAIN}",
        emails=archive.person_emails(user),
        names={name for name in (user.get_full_name(),) if name},
    )
    summary: dict[str, int] = {}
    own_organisations = _organisations_of_one(user)
    _scrub_rows(context, summary)
    renamed = _rename_organisations(own_organisations, context)
    if renamed:
        summary[_("Organisations named after the person")] = renamed
    for eraser in erasers():
        for label, count in eraser(user, context).items():
            if count:
                summary[str(label)] = summary.get(str(label), 0) + count
    audit = _audit_scrub(context)
    if audit:
        summary[_("Audit log entries")] = audit
    code = pseudonym_code(user)
    User.objects.filter(pk=user.pk).update(
        first_name=pseudonym[: -len(code) - 1],
        last_name=code,
        email=context.email,
        phone="",
        job_title="",
        password="!" + new_token(),  # unusable: no login, and every session's hash is stale
        is_active=False,
        is_staff=False,
        calendar_token=new_token(),
    )
    summary[_("Account")] = 1
    return pseudonym, summary


@transaction.atomic
def erasure_execute(
    *, request_id: int, actor: User | None = None, now: datetime | None = None
) -> ErasureRequest | None:
    """Carry out one pending erasure whose grace period is over (or now, when a platform admin
    confirms it). The row is locked, so two sweeps never erase twice."""
    now = now or timezone.now()
    request = (
        ErasureRequest.objects.select_for_update()
        .select_related("user")
        .filter(pk=request_id, status=ErasureStatus.PENDING)
        .first()
    )
    if request is None:
        return None
    if actor is not None:
        if not actor.has_perm("collider.execute_erasure", request):
            raise PermissionDenied(_("Only a platform administrator may erase before the date."))
    elif request.due_at > now:
        return None
    pseudonym, summary = erase_person(user=request.user)
    ErasureRequest.objects.filter(pk=request.pk).update(
        status=ErasureStatus.DONE, executed_at=now, pseudonym=pseudonym, summary=summary, note=""
    )
    request.refresh_from_db()
    return request


def erasure_sweep(*, now: datetime | None = None) -> int:
    """Beat: carry out every erasure whose grace period is over; returns how many."""
    now = now or timezone.now()
    due = ErasureRequest.objects.filter(status=ErasureStatus.PENDING, due_at__lte=now)
    done = 0
    for request_id in list(due.values_list("pk", flat=True)):
        try:
            if erasure_execute(request_id=request_id, now=now):
                done += 1
        except Exception:  # one failure must not stop the others; the row stays pending
            logger.exception("Erasure request %s failed", request_id)
    return done


# --- Retention ----------------------------------------------------------------------------------


def retention_sweep(*, now: datetime | None = None) -> RetentionRun:
    """Beat: apply every retention rule and record what each did, for the operator's page."""
    now = now or timezone.now()
    run = RetentionRun.objects.create()
    results = []
    for rule in retention_rules():
        days = getattr(settings, rule.setting)
        with transaction.atomic():
            count = rule.apply(now - timedelta(days=days))
        results.append({"rule": rule.key, "label": str(rule.label), "days": days, "count": count})
    RetentionRun.objects.filter(pk=run.pk).update(
        results=results, total=sum(r["count"] for r in results), finished_at=timezone.now()
    )
    run.refresh_from_db()
    return run


# --- The privacy notice -------------------------------------------------------------------------


def current_notice() -> PrivacyNotice | None:
    return PrivacyNotice.objects.order_by("-version").first()


@transaction.atomic
def privacy_notice_publish(*, actor: User, body: str, based_on: str | None = None) -> PrivacyNotice:
    """Publish a new version of the privacy notice (a platform admin's edit); the previous
    versions stay, because people accepted them."""
    if not actor.is_superuser:
        raise PermissionDenied(_("Only platform administrators may edit the privacy notice."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("The privacy notice cannot be empty.")})
    latest = PrivacyNotice.objects.select_for_update().order_by("-version").first()
    if latest is not None:
        ensure_current(latest, based_on, url=reverse("collider:privacy_notice"))
        if latest.body == body:
            raise ValidationError({"body": _("Nothing changed: this is the current version.")})
    return PrivacyNotice.objects.create(
        version=(latest.version + 1) if latest else 1, body=body, published_by=actor
    )


@transaction.atomic
def privacy_notice_accept(*, user: User, notice: PrivacyNotice) -> NoticeAcceptance:
    """Record that ``user`` accepted ``notice`` (once; accepting again changes nothing)."""
    acceptance, _created = NoticeAcceptance.objects.get_or_create(user=user, notice=notice)
    return acceptance
