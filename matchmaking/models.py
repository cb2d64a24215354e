"""Phase 5: offers and needs, facilitator curation, match-making workshops and their meetings,
published schedule versions, and cooperation agreements signed by every party."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from collider.models import Event, Organisation, Programme

from .enums import (
    AgreementKind,
    AgreementStatus,
    Binding,
    PickKind,
    RequestMode,
    RequestStatus,
    RunStatus,
    Side,
    TermKind,
)


class Term(models.Model):
    """One entry of a partner-editable taxonomy (a networking domain or an AVM technology)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mm_terms", verbose_name=_("programme")
    )
    kind = models.CharField(_("taxonomy"), max_length=12, choices=TermKind.choices)
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("matchmaking term")
        verbose_name_plural = _("matchmaking terms")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind", "name"], name="mm_term_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Profile(models.Model):
    """What a participant offers (CCI) or looks for (AVM) in one programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mm_profiles", verbose_name=_("programme")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mm_profiles",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    side = models.CharField(_("side"), max_length=3, choices=Side.choices)
    terms = models.ManyToManyField(
        Term, blank=True, related_name="profiles", verbose_name=_("offers / needs")
    )
    description = models.TextField(_("in your own words"), blank=True)
    languages = models.CharField(
        _("working languages"),
        max_length=60,
        blank=True,
        help_text=_("Comma-separated codes, e.g. en, de, sl."),
    )
    region = models.CharField(_("region"), max_length=120, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("matchmaking profile")
        verbose_name_plural = _("matchmaking profiles")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "user"], name="mm_profile_unique")
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = self.user.display_name if hasattr(self.user, "display_name") else str(self.user)
        return f"{name} ({self.organisation.name})" if self.organisation_id else name

    @property
    def language_set(self) -> set[str]:
        return {code.strip().lower() for code in self.languages.split(",") if code.strip()}

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Pick(models.Model):
    """A facilitator's shortlist entry (pick) or veto of a CCI for an AVM company."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="mm_picks", verbose_name=_("programme")
    )
    company = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="picks_as_company",
        verbose_name=_("company"),
    )
    candidate = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="picks_as_candidate",
        verbose_name=_("candidate"),
    )
    kind = models.CharField(_("decision"), max_length=4, choices=PickKind.choices)
    note = models.CharField(_("note"), max_length=240, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("picked by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("facilitator pick")
        verbose_name_plural = _("facilitator picks")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "candidate"], name="mm_pick_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.candidate} for {self.company}"

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Workshop(models.Model):
    """The match-making settings of an event of kind matchmaking."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="workshop", verbose_name=_("event")
    )
    meeting_minutes = models.PositiveSmallIntegerField(_("meeting length (minutes)"), default=20)
    break_minutes = models.PositiveSmallIntegerField(
        _("break between meetings (minutes)"), default=5
    )
    request_mode = models.CharField(
        _("request mode"), max_length=8, choices=RequestMode.choices, default=RequestMode.CONFIRM
    )
    request_expiry_days = models.PositiveSmallIntegerField(
        _("requests expire after (days)"), default=5
    )
    default_cap = models.PositiveSmallIntegerField(
        _("meetings per participant at most"), default=12
    )
    booking_closes_at = models.DateTimeField(_("booking closes at"), null=True, blank=True)
    published_version = models.PositiveIntegerField(
        _("published schedule version"), default=0, editable=False
    )

    class Meta:
        verbose_name = _("matchmaking workshop")
        verbose_name_plural = _("matchmaking workshops")
        ordering = ["event__starts_at"]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:workshop_detail", args=[self.event.programme.slug, self.pk])

    @property
    def programme(self) -> Programme:
        return self.event.programme

    def get_additional_data(self) -> dict:
        return {"programme": self.event.programme_id}


class Slot(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="slots", verbose_name=_("workshop")
    )
    index = models.PositiveSmallIntegerField(_("slot number"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["index"]
        constraints = [models.UniqueConstraint(fields=["workshop", "index"], name="mm_slot_unique")]

    def __str__(self) -> str:
        return f"{self.index + 1}"


class Table(models.Model):
    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="tables", verbose_name=_("workshop")
    )
    name = models.CharField(_("table"), max_length=40)
    fixed_for = models.ForeignKey(
        Profile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fixed_tables",
        verbose_name=_("kept by"),
    )

    class Meta:
        verbose_name = _("meeting table")
        verbose_name_plural = _("meeting tables")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["workshop", "name"], name="mm_table_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def programme(self) -> Programme:
        return self.workshop.programme


class Participation(models.Model):
    """A profile taking part in a workshop, with a cap and the slots they can attend."""

    workshop = models.ForeignKey(
        Workshop,
        on_delete=models.CASCADE,
        related_name="participations",
        verbose_name=_("workshop"),
    )
    profile = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="participations", verbose_name=_("profile")
    )
    cap = models.PositiveSmallIntegerField(_("meetings at most"), null=True, blank=True)
    unavailable = models.ManyToManyField(
        Slot, blank=True, related_name="+", verbose_name=_("slots I cannot attend")
    )

    class Meta:
        verbose_name = _("workshop participation")
        verbose_name_plural = _("workshop participations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "profile"], name="mm_participation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.profile} at {self.workshop}"

    @property
    def programme(self) -> Programme:
        return self.workshop.programme


class MeetingRequest(models.Model):
    """A request for a 1:1 meeting; once accepted it is a meeting the scheduler places."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="requests", verbose_name=_("workshop")
    )
    requester = models.ForeignKey(
        Profile, on_delete=models.CASCADE, related_name="requests_sent", verbose_name=_("requester")
    )
    recipient = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="requests_received",
        verbose_name=_("recipient"),
    )
    reason = models.TextField(_("why you want to meet"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    answer = models.CharField(_("answer"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    facilitator_pick = models.BooleanField(_("picked by the facilitator"), default=False)
    # Both asked: the recipient sent a request back while this one was open.
    mutual = models.BooleanField(_("requested by both sides"), default=False)
    # Placement in the working (unpublished) schedule; locked placements survive re-runs.
    slot = models.ForeignKey(
        Slot,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("slot"),
    )
    table = models.ForeignKey(
        Table,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("table"),
    )
    locked = models.BooleanField(_("locked"), default=False)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(requester=F("recipient")), name="mm_request_not_self"
            ),
            models.UniqueConstraint(
                fields=["workshop", "requester", "recipient"],
                condition=Q(status__in=["pending", "accepted"]),
                name="mm_request_open_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.recipient}"

    def get_absolute_url(self) -> str:
        """A request is shown on its workshop's page."""
        return self.workshop.get_absolute_url()

    @property
    def programme(self) -> Programme:
        return self.workshop.event.programme

    def get_additional_data(self) -> dict:
        return {"programme": self.workshop.event.programme_id}


class ScheduleRun(models.Model):
    """One background run of the scheduler: its progress, best result so far and outcome.

    The worker writes ``placed`` after each improvement round; the scheduler page polls it.
    ``stop_requested`` is how the partner stops a run: the worker reads it between rounds and
    keeps the best schedule found so far."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="runs", verbose_name=_("workshop")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    method = models.CharField(_("method"), max_length=20)
    time_limit = models.PositiveSmallIntegerField(_("time limit"), default=10)
    status = models.CharField(
        _("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.PENDING
    )
    stop_requested = models.BooleanField(_("stop requested"), default=False)
    phase = models.CharField(_("solver phase"), max_length=20, blank=True)
    total = models.PositiveIntegerField(_("meetings to place"), default=0)
    placed = models.PositiveIntegerField(_("meetings placed"), default=0)
    bound = models.PositiveIntegerField(
        _("most meetings that can be placed"), null=True, blank=True
    )
    binding = models.CharField(
        _("what limits the bound"), max_length=20, choices=Binding.choices, blank=True
    )
    idle_mean = models.FloatField(_("mean idle slots per participant"), null=True, blank=True)
    violations = models.PositiveIntegerField(_("constraint violations"), default=0)
    solver = models.CharField(_("solver"), max_length=20, blank=True)
    notes = models.JSONField(_("solver notes"), default=list, blank=True)
    # meeting request id → why it was not placed (kept small: the first 200).
    unscheduled = models.JSONField(_("unscheduled requests"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At most one unfinished run per workshop.
            models.UniqueConstraint(
                fields=["workshop"],
                condition=models.Q(status__in=["pending", "running"]),
                name="mm_run_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.workshop} · {self.get_status_display()}"

    @property
    def programme(self) -> Programme:
        return self.workshop.programme

    @property
    def is_finished(self) -> bool:
        return self.status in (RunStatus.DONE, RunStatus.STOPPED, RunStatus.FAILED)

    @property
    def has_failed(self) -> bool:
        return self.status == RunStatus.FAILED


class ScheduleVersion(models.Model):
    """A published schedule: ``placements`` maps request id → [slot index, table name]."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="versions", verbose_name=_("workshop")
    )
    number = models.PositiveIntegerField(_("version number"))
    placements = models.JSONField(_("placements"), default=dict)
    method = models.CharField(_("method"), max_length=10, blank=True)
    notified = models.PositiveIntegerField(_("people notified"), default=0)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        verbose_name = _("schedule version")
        verbose_name_plural = _("schedule versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "number"], name="mm_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"

    def get_additional_data(self) -> dict:
        return {"programme": self.workshop.event.programme_id}


class Agreement(models.Model):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="mm_agreements",
        verbose_name=_("programme"),
    )
    kind = models.CharField(
        _("type"), max_length=12, choices=AgreementKind.choices, default=AgreementKind.COOPERATION
    )
    title = models.CharField(_("title"), max_length=200)
    meeting = models.ForeignKey(
        MeetingRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("meeting"),
    )
    idea_id = models.PositiveBigIntegerField(
        _("idea ID"), null=True, blank=True, help_text="challenges.Idea this grew from"
    )
    goals = models.TextField(_("goals"))
    scope = models.TextField(_("scope"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    budget = models.PositiveIntegerField(_("budget (EUR)"), null=True, blank=True)
    funding = models.CharField(_("funding"), max_length=240, blank=True)
    ip_terms = models.TextField(_("intellectual property"), blank=True)
    confidentiality = models.TextField(_("confidentiality"), blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    signatures_cleared_note = models.CharField(
        _("reason signatures were cleared"), max_length=300, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="mm_agreement_dates",
            )
        ]

    #: Every change of the signed content starts a new revision (collider.versioning).
    VERSION_FIELD = "revision"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("matchmaking:agreement_detail", args=[self.programme.slug, self.pk])

    @property
    def is_signed(self) -> bool:
        """Every party signed this revision: the agreement is in force."""
        return self.status == AgreementStatus.SIGNED

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Party(models.Model):
    """A signatory: a platform user, or an external party (name, e-mail, organisation name, no
    account) who signs through a personal link e-mailed to them."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("agreement")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="mm_parties",
        null=True,
        blank=True,
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    role = models.CharField(_("role in the agreement"), max_length=80, blank=True)
    signed_name = models.CharField(_("signed name"), max_length=200, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_hash = models.CharField(_("signature hash"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("agreement party")
        verbose_name_plural = _("agreement parties")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "user"], name="mm_party_unique"),
            models.UniqueConstraint(
                fields=["agreement", "email"],
                condition=Q(user__isnull=True),
                name="mm_external_party_unique",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | (~Q(name="") & ~Q(email="")),
                name="mm_external_party_named",
            ),
        ]

    def __str__(self) -> str:
        return self.organisation_label or self.display_name

    @property
    def is_external(self) -> bool:
        return self.user_id is None

    @property
    def display_name(self) -> str:
        return self.user.display_name if self.user_id else self.name

    @property
    def organisation_label(self) -> str:
        return self.organisation.name if self.organisation_id else self.organisation_name


class Deliverable(models.Model):
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.CASCADE,
        related_name="deliverables",
        verbose_name=_("agreement"),
    )
    title = models.CharField(_("deliverable"), max_length=200)
    due_on = models.DateField(_("due on"))

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title
