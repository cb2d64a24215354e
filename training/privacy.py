"""Phase 3's personal data (collider.privacy): attendance, feedback, certificates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from collider.privacy import KEPT, PSEUDONYM, PersonalData, acted, declare

declare(
    acted("training.Module", _("Modules you teach"), "trainers"),
    PersonalData(
        "training.VisitConfirmation",
        _("Company visit confirmations"),
        subject=("registration__user",),
        note=_("Kept as the record of what you confirmed, under your pseudonym."),
    ),
    acted("training.SessionOutput", _("Session outputs you uploaded"), "uploaded_by"),
    PersonalData(
        "training.Feedback",
        _("Training feedback"),
        subject=("registration__user",),
        note=_("Kept for the training's evaluation, under your pseudonym."),
    ),
    acted("training.Material", _("Materials you added"), "created_by"),
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
