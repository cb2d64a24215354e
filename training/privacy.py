"""Phase 3's personal data (collider.privacy): attendance, feedback, certificates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from collider.privacy import PSEUDONYM, PersonalData, declare

KEPT = _("Kept as the programme's record, under your pseudonym.")

declare(
    PersonalData("training.Module", _("Modules you teach"), actors=("trainers",), note=KEPT),
    PersonalData(
        "training.VisitConfirmation",
        _("Company visit confirmations"),
        subject=("registration__user",),
        note=_("Kept as the record of what you confirmed, under your pseudonym."),
    ),
    PersonalData(
        "training.SessionOutput",
        _("Session outputs you uploaded"),
        actors=("uploaded_by",),
        note=KEPT,
    ),
    PersonalData(
        "training.Feedback",
        _("Training feedback"),
        subject=("registration__user",),
        note=_("Kept for the training's evaluation, under your pseudonym."),
    ),
    PersonalData("training.Material", _("Materials you added"), actors=("created_by",), note=KEPT),
    PersonalData(
        "training.MaterialCompletion",
        _("Materials you completed"),
        subject=("user",),
        note=KEPT,
    ),
    PersonalData(
        "training.Certificate",
        _("Certificates"),
        subject=("user",),
        scrub={"holder_name": PSEUDONYM},
        note=_("The certificate stays verifiable; the holder's name becomes your pseudonym."),
    ),
)
