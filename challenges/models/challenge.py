"""The challenge an AVM company writes, its competence tags and the expert's comments."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.models import ChoiceLabels, Event, Organisation, Programme

from ..enums import IDEATION_OVER_STATES, ChallengeStatus, IPStance, TemplateField


class CompetenceTag(models.Model):
    """A competence keyword (tag) a challenge requires, e.g. "service design"."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Challenge(ChoiceLabels):
    """An AVM company's problem, written on the challenge template and reviewed by an expert."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="challenges", verbose_name=_("programme")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="challenges_owned",
        verbose_name=_("owner"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges",
        verbose_name=_("company"),
    )
    title = models.CharField(_("title"), max_length=200)
    public_summary = models.TextField(
        _("public summary"), help_text=_("Shown to everyone; no confidential information.")
    )
    context = models.TextField(_("context"), help_text=_("The company, the product, the market."))
    problem_statement = models.TextField(_("problem statement"))
    scope = models.TextField(_("scope"), help_text=_("What is in and what is out."))
    expected_outcome = models.TextField(_("expected outcome and deliverables"))
    constraints = models.TextField(_("constraints"), blank=True)
    resources = models.TextField(
        _("available resources"), blank=True, help_text=_("People, machines, data, workshop time.")
    )
    budget_min = models.PositiveIntegerField(_("budget from (EUR)"), null=True, blank=True)
    budget_max = models.PositiveIntegerField(_("budget up to (EUR)"), null=True, blank=True)
    timeline = models.TextField(_("timeline"), blank=True)
    required_competences = models.ManyToManyField(
        CompetenceTag, blank=True, related_name="challenges", verbose_name=_("required competences")
    )
    ip_stance = models.CharField(
        _("IP stance"), max_length=12, choices=IPStance.choices, default=IPStance.NEGOTIABLE
    )
    confidential_details = models.TextField(
        _("confidential details"),
        blank=True,
        help_text=_("Visible only to CCI who accepted the non-disclosure agreement."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ChallengeStatus.choices, default=ChallengeStatus.DRAFT
    )
    translator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="challenges_translated",
        verbose_name=_("expert (translator)"),
    )
    maturity = models.JSONField(_("maturity checklist"), default=list, blank=True)
    review_note = models.TextField(_("note from the review"), blank=True)
    pitch_event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pitched_challenges",
        verbose_name=_("challenge pitch event"),
    )
    idea_event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="idea_pitch_challenges",
        verbose_name=_("idea pitch event"),
    )
    idea_deadline = models.DateTimeField(_("idea deadline"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min__isnull=True)
                | Q(budget_max__isnull=True)
                | Q(budget_max__gte=models.F("budget_min")),
                name="challenge_budget_ordered",
            )
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    VERSION_FIELD = "updated_at"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "challenges:challenge_detail", kwargs={"slug": self.programme.slug, "pk": self.pk}
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def ideation_is_open(self) -> bool:
        return (
            self.status == ChallengeStatus.IDEATION_OPEN
            and self.idea_deadline is not None
            and self.idea_deadline > timezone.now()
        )

    @property
    def deadline_passed(self) -> bool:
        return self.idea_deadline is not None and self.idea_deadline <= timezone.now()

    @property
    def ideation_over(self) -> bool:
        """Ideation has closed for good: ideas are locked whatever the deadline says."""
        return self.status in IDEATION_OVER_STATES

    @property
    def is_withdrawn(self) -> bool:
        return self.status == ChallengeStatus.WITHDRAWN

    @property
    def changes_requested(self) -> bool:
        return self.status == ChallengeStatus.CHANGES_REQUESTED


class ChallengeComment(ChoiceLabels):
    """An expert's comment on one field of the template during the review."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="comments", verbose_name=_("challenge")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    field = models.CharField(_("field"), max_length=30, choices=TemplateField.choices)
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_field_display()}: {self.body[:40]}"

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}
