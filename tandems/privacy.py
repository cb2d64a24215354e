"""Phase 1's personal data (collider.privacy): the contact database, and what partners did."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collider.privacy import (
    BLANK,
    ERASED_EMAIL,
    KEPT,
    PSEUDONYM,
    ConsentLine,
    PersonalData,
    RetentionRule,
    acted,
    declare,
    register_consents,
    register_retention,
)
from collider.privacy.archive import person_emails
from collider.privacy.services import erased_address, not_erased

from .enums import ConsentBasis
from .models import Contact

declare(
    PersonalData(
        "tandems.TandemPartner",
        _("Tandem partnerships"),
        organisation=("organisation",),
        note=_("The partnership is the organisation's; nothing about you is in it."),
    ),
    acted("tandems.CharterVersion", _("Charter versions"), "created_by"),
    acted("tandems.CharterConfirmation", _("Charter confirmations"), "confirmed_by"),
    acted("tandems.Task", _("Tasks assigned to you"), "assignee"),
    acted("tandems.MeetingSeries", _("Partner meeting series"), "created_by"),
    acted("tandems.ActionItem", _("Action items assigned to you"), "assignee"),
    PersonalData(
        "tandems.Contact",
        _("Entries in a contact database"),
        emails=("email",),
        scrub={"name": PSEUDONYM, "email": ERASED_EMAIL, "phone": BLANK, "notes": BLANK},
        note=_("Your name, e-mail, phone and the notes about you are removed."),
    ),
    PersonalData(
        "tandems.ContactImport",
        _("Contact imports you uploaded"),
        actors=("uploaded_by",),
        # The uploaded CSV holds other people's contact details: never part of your archive.
        exclude=("content",),
        note=KEPT,
    ),
    acted("tandems.PilotAction", _("Pilot actions you created"), "created_by"),
    PersonalData(
        "tandems.PeerComment",
        _("Peer comments"),
        subject=("author",),
        note=_("Your comments stay in the discussion, under your pseudonym."),
    ),
)


@register_consents
def _contact_consents(user):
    contacts = Contact.objects.filter(email__in=person_emails(user)).select_related("programme")
    for contact in contacts:
        yield ConsentLine(
            kind=_("Contact database"),
            what=contact.programme.name,
            given_at=contact.consent_date or contact.created_at,
            basis=contact.get_consent_basis_display(),
        )


def unconsented(cutoff) -> Q:
    """Contacts kept without a recorded consent, entered before ``cutoff``."""
    without_consent = ~Q(consent_basis__in=[ConsentBasis.CONSENT, ConsentBasis.CONTRACT]) | Q(
        consent_basis=ConsentBasis.CONSENT, consent_date__isnull=True
    )
    return without_consent & Q(created_at__lt=cutoff)


def _retire_contacts(cutoff) -> int:
    rows = Contact.objects.filter(unconsented(cutoff) & not_erased("email"))
    return rows.update(
        name=str(_("Anonymised contact")),
        email=erased_address("contact", "pk"),
        phone="",
        notes="",
    )


register_retention(
    RetentionRule(
        key="unconsented_contacts",
        label=_("Contacts without consent (days after their entry)"),
        setting="PRIVACY_RETENTION_CONTACT_DAYS",
        apply=_retire_contacts,
        order=30,
    )
)
