"""Writes of the contact directory: edit, import, invite."""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from collider import services as core
from collider.enums import Role
from collider.models import Invitation, Programme, User
from collider.rules import require
from collider.versioning import ensure_current

from .. import csv_import
from ..enums import ContactKind
from ..models import (
    Contact,
    ContactImport,
)

# --- Contacts ---------------------------------------------------------------------------------


@transaction.atomic
def contact_create(*, actor: User, programme: Programme, **fields) -> Contact:
    require(actor, "tandems.manage_contacts", programme)
    fields["email"] = fields["email"].strip().lower()
    if Contact.objects.filter(programme=programme, email=fields["email"]).exists():
        raise ValidationError({"email": _("A contact with this e-mail address exists already.")})
    contact = Contact(programme=programme, **fields)
    contact.full_clean()
    with set_actor(actor):
        contact.save()
    return contact


@transaction.atomic
def contact_update(
    *, actor: User, contact: Contact, based_on: str | None = None, **fields
) -> Contact:
    """Change a contact. A change based on an older version (``based_on``) is refused."""
    require(actor, "tandems.manage_contacts", contact.programme)
    contact = Contact.objects.select_for_update().select_related("programme").get(pk=contact.pk)
    ensure_current(
        contact,
        based_on,
        url=reverse("tandems:contact_edit", args=[contact.programme.slug, contact.pk]),
    )
    if "email" in fields:
        fields["email"] = fields["email"].strip().lower()
        if (
            Contact.objects.filter(programme=contact.programme, email=fields["email"])
            .exclude(pk=contact.pk)
            .exists()
        ):
            raise ValidationError(
                {"email": _("A contact with this e-mail address exists already.")}
            )
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.full_clean()
    with set_actor(actor):
        contact.save()
    return contact


def contact_import_prepare(
    *, actor: User, programme: Programme, filename: str, data: bytes
) -> tuple[csv_import.ParsedFile, ContactImport | None]:
    """Validate an uploaded CSV. A valid file is stored for confirmation (nothing imported
    yet); an invalid one only yields its error report."""
    require(actor, "tandems.manage_contacts", programme)
    parsed = csv_import.parse(data)
    if not parsed.is_valid:
        return parsed, None
    existing = set(Contact.objects.filter(programme=programme).values_list("email", flat=True))
    updates = sum(1 for row in parsed.rows if row["email"] in existing)
    pending = ContactImport.objects.create(
        programme=programme,
        uploaded_by=actor,
        filename=filename[:200],
        encoding=parsed.encoding,
        content=parsed.text,
        row_count=len(parsed.rows),
        created_count=len(parsed.rows) - updates,
        updated_count=updates,
    )
    return parsed, pending


IMPORT_FIELDS = [c for c in csv_import.COLUMNS if c != "email"]


@transaction.atomic
def contact_import_apply(*, actor: User, contact_import: ContactImport) -> ContactImport:
    """Import every row of a validated file, or none: the file is validated again, new e-mail
    addresses are created and known ones (dedupe by e-mail) updated, in one transaction."""
    programme = contact_import.programme
    require(actor, "tandems.manage_contacts", programme)
    contact_import = ContactImport.objects.select_for_update().get(pk=contact_import.pk)
    if contact_import.applied_at is not None:
        raise ValidationError(_("This file was imported already."))
    parsed = csv_import.parse(contact_import.content.encode("utf-8"))
    if not parsed.is_valid:
        raise ValidationError(_("The file is no longer valid; upload it again."))
    existing = {c.email: c for c in Contact.objects.filter(programme=programme)}
    new, changed = [], []
    for row in parsed.rows:
        values = {name: row[name] for name in IMPORT_FIELDS}
        contact = existing.get(row["email"])
        if contact is None:
            new.append(Contact(programme=programme, email=row["email"], **values))
        else:
            differences = {
                name: value for name, value in values.items() if getattr(contact, name) != value
            }
            if differences:
                changed.append((contact.pk, differences))
    Contact.objects.bulk_create(new, batch_size=500)
    now = timezone.now()
    # One small UPDATE per changed contact, of the changed fields only: measured much faster
    # than bulk_update's CASE-per-field statements (5,000 rows: seconds instead of 30 s).
    for pk, differences in changed:
        Contact.objects.filter(pk=pk).update(**differences, updated_at=now)
    contact_import.applied_at = timezone.now()
    contact_import.created_count = len(new)
    contact_import.updated_count = len(changed)  # rows whose values really changed
    with set_actor(actor):
        contact_import.save(update_fields=["applied_at", "created_count", "updated_count"])
    return contact_import


@transaction.atomic
def contact_invite_expert(*, actor: User, contact: Contact, message: str = "") -> Invitation:
    """Invite an expert contact to the programme as expert member. Side effects: e-mail."""
    require(actor, "tandems.manage_contacts", contact.programme)
    if contact.kind != ContactKind.EXPERT:
        raise ValidationError(_("Only expert contacts can be invited as expert members."))
    invitation = core.invitation_create(
        actor=actor,
        programme=contact.programme,
        email=contact.email,
        role=Role.EXPERT,
        message=message,
    )
    contact.invitation = invitation
    contact.save(update_fields=["invitation", "updated_at"])
    return invitation
