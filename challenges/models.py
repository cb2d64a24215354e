"""Phase 4: AVM challenges, NDAs, Q&A, CCI idea pitches, weighted reviews, funding."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from collider.enums import OrganisationSize, Sector
from collider.models import Event, Organisation, Programme

from .enums import (
    IDEATION_OVER_STATES,
    ChallengeStatus,
    CoAuthorStatus,
    ExpertNeedKind,
    FundingKind,
    IdeaStatus,
    IPStance,
    TemplateField,
)

#: The click-through NDA text version; bump it when the text changes (old acceptances lapse).
NDA_VERSION = "2026-1"


class CompetenceTag(models.Model):
    """A competence keyword (tag) a challenge requires, e.g. "service design"."""

    name = models.CharField(_("name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Challenge(models.Model):
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


class ChallengeComment(models.Model):
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


class NdaAcceptance(models.Model):
    """A click-through non-disclosure agreement, recorded with time and text version."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="ndas", verbose_name=_("challenge")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="challenge_ndas",
        verbose_name=_("user"),
    )
    version = models.CharField(_("NDA version"), max_length=20)
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)

    class Meta:
        verbose_name = _("NDA acceptance")
        verbose_name_plural = _("NDA acceptances")
        ordering = ["-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "user", "version"], name="uniq_nda_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.challenge} · v{self.version}"

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}


class Question(models.Model):
    """A CCI's question on a published challenge; the answer is visible to all CCI."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="questions", verbose_name=_("challenge")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def programme(self) -> Programme:
        return self.challenge.programme

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}


class FundingOpportunity(models.Model):
    """A scholarship, subsidy, voucher, grant or AVM budget that can finance ideas."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="funding_opportunities",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=FundingKind.choices)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    amount_min = models.PositiveIntegerField(_("amount from (EUR)"), null=True, blank=True)
    amount_max = models.PositiveIntegerField(_("amount up to (EUR)"), null=True, blank=True)
    cofinancing_rate = models.PositiveSmallIntegerField(
        _("co-financing rate (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the costs the funder pays."),
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    eligible_sectors = models.JSONField(
        _("eligible sectors"), default=list, blank=True, help_text=_("Empty: any sector.")
    )
    eligible_sizes = models.JSONField(
        _("eligible company sizes"), default=list, blank=True, help_text=_("Empty: any size.")
    )
    eligible_countries = CountryField(
        _("eligible countries"), multiple=True, blank=True, help_text=_("Empty: any country.")
    )
    link = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        ordering = ["deadline", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_max__gte=models.F("amount_min")),
                name="funding_amount_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    def is_eligible(self, organisation: Organisation | None) -> bool:
        """Does ``organisation`` meet sector, size and country? Empty lists accept anyone."""
        if organisation is None:
            return not (self.eligible_sectors or self.eligible_sizes or self.eligible_countries)
        if self.eligible_sectors and organisation.sector not in self.eligible_sectors:
            return False
        if self.eligible_sizes and organisation.size not in self.eligible_sizes:
            return False
        codes = [c.code for c in self.eligible_countries]
        return not (codes and organisation.country.code not in codes)

    @property
    def sector_labels(self) -> list[str]:
        return [str(Sector(s).label) for s in self.eligible_sectors if s in Sector.values]

    @property
    def size_labels(self) -> list[str]:
        return [
            str(OrganisationSize(s).label)
            for s in self.eligible_sizes
            if s in OrganisationSize.values
        ]


class Idea(models.Model):
    """A CCI team's idea pitch answering one challenge."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("challenge")
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="ideas_led",
        verbose_name=_("lead"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    approach = models.TextField(_("approach"))
    deliverables = models.TextField(_("deliverables"))
    time_plan = models.TextField(_("time plan"))
    budget_estimate = models.PositiveIntegerField(_("budget estimate (EUR)"), null=True, blank=True)
    funding_sources = models.TextField(_("funding sources considered"), blank=True)
    funding_opportunities = models.ManyToManyField(
        FundingOpportunity,
        blank=True,
        related_name="ideas",
        verbose_name=_("funding opportunities considered"),
    )
    status = models.CharField(
        _("status"), max_length=14, choices=IdeaStatus.choices, default=IdeaStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    lead_confirmed_at = models.DateTimeField(_("selection confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["challenge", "status"]),
            # The idea list's order: a page of 50 is read in order, not sorted out of all.
            models.Index(
                fields=["challenge", "-submitted_at", "-id"], name="challenges_idea_submitted"
            ),
        ]

    VERSION_FIELD = "updated_at"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "challenges:idea_detail", kwargs={"slug": self.challenge.programme.slug, "pk": self.pk}
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.challenge.programme_id}

    @property
    def programme(self) -> Programme:
        return self.challenge.programme


class IdeaCoAuthor(models.Model):
    """A co-author invited by the lead; part of the team once they accept."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="coauthors", verbose_name=_("idea")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_coauthorships",
        verbose_name=_("user"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CoAuthorStatus.choices, default=CoAuthorStatus.INVITED
    )
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("co-author")
        verbose_name_plural = _("co-authors")
        ordering = ["invited_at"]
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="uniq_idea_coauthor")]

    def __str__(self) -> str:
        return f"{self.user} · {self.idea}"

    def get_additional_data(self) -> dict:
        return {"programme": self.idea.challenge.programme_id}


class ExpertNeed(models.Model):
    """External expertise an idea needs (typed), e.g. legal/IPR advice on a licence."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="expert_needs", verbose_name=_("idea")
    )
    kind = models.CharField(_("kind of expert"), max_length=12, choices=ExpertNeedKind.choices)
    description = models.TextField(_("what for"))

    class Meta:
        verbose_name = _("external expert need")
        verbose_name_plural = _("external expert needs")
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description[:40]}"

    @property
    def programme(self) -> Programme:
        return self.idea.challenge.programme


def attachment_path(instance: "IdeaAttachment", filename: str) -> str:
    return f"challenges/ideas/{instance.idea_id}/{filename}"


class IdeaAttachment(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("idea")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=60)
    size = models.PositiveIntegerField(_("file size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> Programme:
        return self.idea.challenge.programme


class ReviewCriterion(models.Model):
    """A weighted criterion reviewers score ideas on, defined per programme."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="review_criteria",
        verbose_name=_("programme"),
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="uniq_criterion_name"),
            models.CheckConstraint(condition=Q(weight__gte=1), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (×{self.weight})"

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Review(models.Model):
    """One reviewer's assignment to one idea: conflict declaration, then scores."""

    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("idea")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="idea_reviews",
        verbose_name=_("reviewer"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    due_at = models.DateTimeField(_("due at"))
    conflict_declared = models.BooleanField(_("conflict of interest"), default=False)
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    no_conflict_confirmed = models.BooleanField(
        _("no conflict of interest confirmed"), default=False
    )
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(fields=["idea", "reviewer"], name="uniq_review_per_reviewer")
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.idea}"

    def get_absolute_url(self) -> str:
        return reverse(
            "challenges:review_form",
            kwargs={"slug": self.idea.challenge.programme.slug, "pk": self.pk},
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.idea.challenge.programme_id}

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def programme(self) -> Programme:
        return self.idea.challenge.programme


class Score(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        ReviewCriterion,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="uniq_score"),
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=5), name="score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.value}"
