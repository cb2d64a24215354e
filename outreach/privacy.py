"""Phase 2's personal data (collider.privacy): checklist respondents, practices, media."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from collider.privacy import (
    ERASED_EMAIL,
    KEPT,
    PSEUDONYM,
    PersonalData,
    RetentionRule,
    acted,
    declare,
    register_retention,
)
from collider.privacy.services import erased_address, not_erased

from .models import ChecklistResponse

PUBLISHED = _("Published text written by the programme; edit the record to change it.")

declare(
    PersonalData(
        "outreach.Practice",
        _("Best practices you created"),
        actors=("created_by",),
        keep={"contacts": PUBLISHED, "testimonial_by": PUBLISHED},
        note=KEPT,
    ),
    acted("outreach.Checklist", _("Checklists you built"), "created_by"),
    PersonalData(
        "outreach.ChecklistResponse",
        _("Readiness checklist answers"),
        subject=("respondent",),
        emails=("email",),
        actors=("entered_by",),
        scrub={"email": ERASED_EMAIL, "organisation_name": PSEUDONYM},
        exclude=("token",),
        note=_("The answers and scores stay in the programme's results; your contact is removed."),
    ),
    PersonalData(
        "outreach.InfoDayItem",
        _("Info day programme"),
        keep={"speaker": PUBLISHED},
        note=PUBLISHED,
    ),
    acted("outreach.Handout", _("Handouts you uploaded"), "uploaded_by"),
    PersonalData(
        "outreach.Brochure",
        _("Brochures you compiled"),
        actors=("created_by",),
        keep={"contacts": PUBLISHED},
        note=KEPT,
    ),
    acted(
        "outreach.MediaCommitment", _("Media commitments you are responsible for"), "responsible"
    ),
)


def _retire_respondents(cutoff) -> int:
    rows = ChecklistResponse.objects.filter(not_erased("email"), submitted_at__lt=cutoff)
    return rows.update(
        email=erased_address("respondent", "pk"),
        organisation_name=str(_("Anonymised respondent")),
    )


register_retention(
    RetentionRule(
        key="checklist_respondents",
        label=_("Checklist respondents' contact details (days after the response)"),
        setting="PRIVACY_RETENTION_RESPONDENT_DAYS",
        apply=_retire_respondents,
        order=20,
    )
)
