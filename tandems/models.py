"""Phase 1 · Meet tandem partner: tandem, charter, schedule, partner meetings, contacts, pilots."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collider.enums import EventFormat, Phase, Sector
from collider.models import (
    TIMEZONE_CHOICES,
    ChoiceLabels,
    Event,
    Invitation,
    Organisation,
    Programme,
)

from .enums import ConsentBasis, ContactKind, PartnerRole, PilotStage, TaskStatus


class TandemPartner(ChoiceLabels):
    """A partner organisation of a programme's tandem. Its staff are the programme's partner
    members whose membership names this organisation."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="tandem_partners",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="tandem_roles",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=12, choices=PartnerRole.choices)
    is_lead = models.BooleanField(_("lead partner"), default=False)
    competences = models.TextField(_("competences"), blank=True)
    regions = models.CharField(_("regions covered"), max_length=300, blank=True)
    target_groups = models.CharField(_("target groups reached"), max_length=300, blank=True)
    contact_base_size = models.PositiveIntegerField(_("size of contact base"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("tandem partner")
        verbose_name_plural = _("tandem partners")
        ordering = ["-is_lead", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="uniq_tandem_partner"
            ),
            models.UniqueConstraint(
                fields=["programme"], condition=Q(is_lead=True), name="one_lead_partner"
            ),
        ]

    def __str__(self) -> str:
        return self.organisation.name

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class CharterVersion(models.Model):
    """One version of the tandem charter. Editing creates the next version, which every partner
    organisation confirms again."""

    SECTIONS = (
        ("rules", _("Rules of cooperation")),
        ("communication", _("Communication channels and response times")),
        ("decision_making", _("Decision making")),
        ("meeting_cadence", _("Meeting cadence")),
        ("responsibilities", _("Division of responsibilities per phase")),
        ("budget", _("Budget lines")),
    )
    #: Sections only readers with ``tandems.view_internal`` see (page, diff and PDF).
    INTERNAL_SECTIONS = frozenset({"budget"})

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="charter_versions",
        verbose_name=_("programme"),
    )
    number = models.PositiveIntegerField(_("version"))
    rules = models.TextField(_("rules of cooperation"))
    communication = models.TextField(_("communication channels and response times"))
    decision_making = models.TextField(_("decision making"))
    meeting_cadence = models.TextField(_("meeting cadence"))
    responsibilities = models.TextField(_("division of responsibilities per phase"))
    budget = models.TextField(_("budget lines"), blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
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
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="uniq_charter_version")
        ]

    #: The charter's version is its latest number (collider.versioning).
    VERSION_FIELD = "number"

    def __str__(self) -> str:
        return f"{self.programme} · charter v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("tandems:charter", kwargs={"slug": self.programme.slug})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    def sections(self, *, internal: bool = True) -> list[tuple[str, str, str]]:
        """(name, label, text) per section; ``internal=False`` leaves out the internal ones."""
        return [
            (name, label, getattr(self, name))
            for name, label in self.SECTIONS
            if internal or name not in self.INTERNAL_SECTIONS
        ]


class CharterConfirmation(models.Model):
    version = models.ForeignKey(
        CharterVersion,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("charter version"),
    )
    partner = models.ForeignKey(
        TandemPartner,
        on_delete=models.CASCADE,
        related_name="confirmations",
        verbose_name=_("partner"),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    class Meta:
        verbose_name = _("charter confirmation")
        verbose_name_plural = _("charter confirmations")
        ordering = ["confirmed_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "partner"], name="uniq_charter_confirm")
        ]

    def __str__(self) -> str:
        return f"{self.partner} confirmed v{self.version.number}"

    def get_additional_data(self) -> dict:
        return {"programme": self.partner.programme_id}


class Task(ChoiceLabels):
    """A task of the activity schedule, owned by one partner organisation."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("programme")
    )
    phase = models.CharField(_("phase"), max_length=12, choices=Phase.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        TandemPartner, on_delete=models.PROTECT, related_name="tasks", verbose_name=_("owner")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tandem_tasks",
        verbose_name=_("assignee"),
    )
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    depends_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("depends on"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Several partners edit it; an edit carries the version it started from (collider.versioning).
    VERSION_FIELD = "updated_at"

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["starts_on", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("starts_on")), name="task_dates_ordered"
            )
        ]
        indexes = [models.Index(fields=["programme", "status", "due_on"])]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def is_overdue(self) -> bool:
        return self.status != TaskStatus.DONE and self.due_on < timezone.localdate()


class MeetingSeries(ChoiceLabels):
    """A recurring partner meeting (RFC 5545 recurrence rule); each occurrence is an Event."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="meeting_series",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    rrule = models.CharField(_("recurrence rule"), max_length=300)
    first_starts_at = models.DateTimeField(_("first meeting starts at"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    timezone = models.CharField(
        _("time zone"), max_length=64, choices=TIMEZONE_CHOICES, default="Europe/Vienna"
    )
    format = models.CharField(
        _("format"), max_length=10, choices=EventFormat.choices, default=EventFormat.ONLINE
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
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
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")
        ordering = ["first_starts_at"]

    def __str__(self) -> str:
        return self.title

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class PartnerMeeting(models.Model):
    """The tandem's side of a partner-meeting event: agenda, minutes, count snapshot."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="partner_meeting", verbose_name=_("event")
    )
    series = models.ForeignKey(
        MeetingSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    agenda = models.TextField(_("agenda"), blank=True)
    agenda_edited_at = models.DateTimeField(_("agenda edited at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded at"), null=True, blank=True)
    # Programme counts when the minutes were recorded; the next agenda shows the changes.
    counts_snapshot = models.JSONField(_("counts at the meeting"), default=dict, blank=True)

    class Meta:
        verbose_name = _("partner meeting")
        verbose_name_plural = _("partner meetings")
        ordering = ["event__starts_at"]

    def __str__(self) -> str:
        return str(self.event)

    def get_absolute_url(self) -> str:
        return reverse(
            "tandems:meeting_detail", kwargs={"slug": self.event.programme.slug, "pk": self.pk}
        )

    def get_additional_data(self) -> dict:
        return {"programme": self.event.programme_id}


class ActionItem(models.Model):
    """Agreed in a meeting, assigned to a person of either partner, carried forward until done."""

    meeting = models.ForeignKey(
        PartnerMeeting,
        on_delete=models.CASCADE,
        related_name="action_items",
        verbose_name=_("meeting"),
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    title = models.CharField(_("action"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assignee"),
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url()

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class Contact(ChoiceLabels):
    """A target-group contact or an expert in the tandem's contact database."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("programme")
    )
    kind = models.CharField(_("kind"), max_length=14, choices=ContactKind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    tags = models.CharField(_("tags / competences"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    consent_basis = models.CharField(
        _("consent basis"), max_length=20, choices=ConsentBasis.choices
    )
    consent_date = models.DateField(_("consent date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    invitation = models.ForeignKey(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitation"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    #: Several partners edit it; an edit carries the version it started from (collider.versioning).
    VERSION_FIELD = "updated_at"

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "email"], name="uniq_contact_email")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class ContactImport(models.Model):
    """An uploaded CSV waiting for confirmation; applied at most once, all rows or none."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    filename = models.CharField(_("file name"), max_length=200)
    encoding = models.CharField(_("encoding"), max_length=20)
    content = models.TextField(_("content"))
    row_count = models.PositiveIntegerField(_("number of rows"), default=0)
    created_count = models.PositiveIntegerField(_("contacts created"), default=0)
    updated_count = models.PositiveIntegerField(_("contacts updated"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contact import")
        verbose_name_plural = _("contact imports")

    def __str__(self) -> str:
        return self.filename

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}


class PilotAction(ChoiceLabels):
    """A pilot action on the InduCCI template, moving idea → concept → implementation →
    evaluation → closed through stage gates."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="pilot_actions",
        verbose_name=_("programme"),
    )
    title = models.CharField(_("title"), max_length=200)
    partners = models.ManyToManyField(
        TandemPartner, related_name="pilot_actions", verbose_name=_("partners")
    )
    description = models.TextField(_("description"))
    stakeholders = models.TextField(_("supportive stakeholders"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    reach_target = models.PositiveIntegerField(_("reach target (people)"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    timeframe = models.CharField(_("timeframe"), max_length=200, blank=True)
    frequency = models.CharField(_("frequency"), max_length=200, blank=True)
    background = models.TextField(_("preceding background"), blank=True)
    methods = models.TextField(_("methodological approaches"), blank=True)
    critical_factors = models.TextField(_("critical factors"), blank=True)
    success_factors = models.TextField(_("success factors"), blank=True)
    partner_support = models.TextField(_("partner support wanted"), blank=True)
    strategic_embedding = models.TextField(_("strategic embedding"), blank=True)
    budget_planned = models.DecimalField(
        _("budget planned (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    budget_actual = models.DecimalField(
        _("budget actual (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    links = models.TextField(_("links"), blank=True, help_text=_("One address per line."))
    results = models.TextField(_("evaluation results"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    stage = models.CharField(
        _("stage"), max_length=16, choices=PilotStage.choices, default=PilotStage.IDEA
    )
    published = models.BooleanField(_("published in the public toolbox"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("pilot action")
        verbose_name_plural = _("pilot actions")
        ordering = ["-updated_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published=False) | Q(stage="closed"), name="pilot_published_closed"
            )
        ]

    VERSION_FIELD = "updated_at"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tandems:pilot_detail", kwargs={"slug": self.programme.slug, "pk": self.pk})

    def get_additional_data(self) -> dict:
        return {"programme": self.programme_id}

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class PeerComment(models.Model):
    """Crosswise peering: a partner of another programme comments on a pilot action."""

    pilot_action = models.ForeignKey(
        PilotAction,
        on_delete=models.CASCADE,
        related_name="peer_comments",
        verbose_name=_("pilot action"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("author"),
    )
    author_programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author's programme"),
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("peer comment")
        verbose_name_plural = _("peer comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.author} on {self.pilot_action}"

    def get_additional_data(self) -> dict:
        return {"programme": self.pilot_action.programme_id}
