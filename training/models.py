"""Phase 3 · Share knowledge: training modules, sessions (collider events), outputs, feedback,
materials library, company visits and certificates of attendance."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Event, Programme, Registration

from .enums import Audience, Dimension, MaterialKind, ModuleFormat, OutputKind


def _programme_data(self) -> dict:
    return {"programme": self.programme_id}


def new_code() -> str:
    """A short verification code people can type: 12 characters, no look-alikes."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class Module(ChoiceLabels):
    """A training module of the catalogue, in one of the three dimensions."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="training_modules",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    format = models.CharField(_("format"), max_length=20, choices=ModuleFormat.choices)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    description = models.TextField(_("description"))
    learning_outcomes = models.TextField(
        _("learning outcomes"), help_text=_("One outcome per line.")
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="training_modules",
        verbose_name=_("trainers"),
        help_text=_("Expert members of the programme."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        ordering = ["dimension", "title", "pk"]
        indexes = [models.Index(fields=["programme", "dimension"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:module_detail", args=[self.programme.slug, self.pk])

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.learning_outcomes.splitlines() if line.strip()]

    get_additional_data = _programme_data


class Session(models.Model):
    """A dated run of a module: a collider event (training session or company visit).

    Enrolment, waitlist, reminders and attendance are the core's registrations on ``event``.
    Company visits carry their rules, a confidentiality text and a virtual-tour alternative.
    """

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="training", verbose_name=_("event")
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("module")
    )
    safety_rules = models.TextField(_("safety rules"), blank=True)
    photo_policy = models.TextField(_("photo policy"), blank=True)
    confidentiality_text = models.TextField(
        _("confidentiality confirmation"),
        blank=True,
        help_text=_("Visitors confirm this text when they register."),
    )
    virtual_tour_url = models.URLField(
        _("virtual tour / video link"),
        blank=True,
        help_text=_("An alternative for those who cannot come."),
    )

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["event__starts_at", "pk"]

    def __str__(self) -> str:
        return self.event.title

    def get_absolute_url(self) -> str:
        return reverse("training:session_detail", args=[self.event.programme.slug, self.pk])

    @property
    def is_visit(self) -> bool:
        return self.event.kind == "company_visit"

    def get_additional_data(self) -> dict:
        return {"programme": self.module.programme_id}


class VisitConfirmation(models.Model):
    """The confidentiality text a visitor confirmed when registering for a company visit."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="visit_confirmation",
        verbose_name=_("registration"),
    )
    text = models.TextField(_("confirmed text"))
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("visit confirmation")
        verbose_name_plural = _("visit confirmations")

    def __str__(self) -> str:
        return f"{self.registration} · {self.confirmed_at:%Y-%m-%d}"

    def get_additional_data(self) -> dict:
        return {"programme": self.registration.event.programme_id}


def output_path(instance: SessionOutput, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/outputs/{instance.session_id}/{secrets.token_hex(8)}.{extension}"


class SessionOutput(ChoiceLabels):
    """Archived output of a held session: a file, a recording link or a (whiteboard) photo."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=OutputKind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=output_path, blank=True)
    url = models.URLField(_("link"), blank=True)
    alt_text = models.CharField(
        _("alternative text"), max_length=300, blank=True, help_text=_("Describe the photo.")
    )
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("session output")
        verbose_name_plural = _("session outputs")
        ordering = ["kind", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="recording") & ~Q(url="") & Q(file=""))
                | (~Q(kind="recording") & ~Q(file="") & Q(url="")),
                name="training_output_link_or_file",
            ),
            models.CheckConstraint(
                condition=~Q(kind="photo") | ~Q(alt_text=""), name="training_photo_has_alt"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.session.module.programme_id}


class Feedback(models.Model):
    """A participant's short feedback on a session they attended; for visits, a reflection."""

    registration = models.OneToOneField(
        Registration,
        on_delete=models.CASCADE,
        related_name="training_feedback",
        verbose_name=_("registration"),
    )
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    learned = models.TextField(_("what I learned"), blank=True, max_length=2000)
    idea = models.TextField(_("an idea for cooperation"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("session feedback")
        verbose_name_plural = _("session feedback")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="training_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.rating}/5"

    def get_additional_data(self) -> dict:
        return {"programme": self.registration.event.programme_id}


def material_path(instance: Material, filename: str) -> str:
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"training/materials/{instance.programme_id}/{secrets.token_hex(8)}.{extension}"


class Material(ChoiceLabels):
    """An item of the online materials library: a link or an uploaded file."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="training_materials",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=MaterialKind.choices)
    description = models.TextField(_("description"), blank=True, max_length=3000)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to=material_path, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True, editable=False)
    size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    audience = models.CharField(
        _("audience"), max_length=10, choices=Audience.choices, default=Audience.BOTH
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["dimension", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(~Q(url="") & Q(file="")) | (Q(url="") & ~Q(file="")),
                name="training_material_link_or_file",
            )
        ]
        indexes = [models.Index(fields=["programme", "dimension"])]

    def __str__(self) -> str:
        return self.title

    get_additional_data = _programme_data


class MaterialCompletion(models.Model):
    """A participant marked a library item as done."""

    material = models.ForeignKey(
        Material, on_delete=models.CASCADE, related_name="completions", verbose_name=_("material")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_completions",
        verbose_name=_("user"),
    )
    completed_at = models.DateTimeField(_("completed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("completed material")
        verbose_name_plural = _("completed materials")
        constraints = [
            models.UniqueConstraint(fields=["material", "user"], name="uniq_material_completion")
        ]

    def __str__(self) -> str:
        return f"{self.user} ✓ {self.material}"

    def get_additional_data(self) -> dict:
        return {"programme": self.material.programme_id}


class Certificate(models.Model):
    """A certificate of attendance; its code is checkable on a public page.

    ``sessions`` is the list printed on the certificate (title, dimension, date), frozen at issue
    time so the verification page shows what the paper says.
    """

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="training_certificates",
        verbose_name=_("programme"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_certificates",
        verbose_name=_("user"),
    )
    holder_name = models.CharField(_("holder"), max_length=200)
    code = models.CharField(_("verification code"), max_length=20, unique=True, default=new_code)
    sessions = models.JSONField(_("attended sessions"), default=list)
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="uniq_training_certificate")
        ]

    def __str__(self) -> str:
        return f"{self.holder_name} · {self.code}"

    get_additional_data = _programme_data
