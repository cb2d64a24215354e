from django.db import models
from django.utils.translation import gettext_lazy as _


class TermKind(models.TextChoices):
    DOMAIN = "domain", _("Networking domain")
    TECHNOLOGY = "technology", _("AVM technology")


class Side(models.TextChoices):
    CCI = "cci", _("CCI (offers)")
    AVM = "avm", _("AVM (looks for)")
    # Invited by an organiser to a workshop (e.g. a reviewer of the idea pitch); meets either side.
    EXPERT = "exp", _("Expert (invited)")


class PickKind(models.TextChoices):
    PICK = "pick", _("Shortlisted")
    VETO = "veto", _("Vetoed")


class RequestMode(models.TextChoices):
    CONFIRM = "confirm", _("The invitee accepts or declines")
    AUTO = "auto", _("Requests are accepted automatically")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


class AgreementKind(models.TextChoices):
    COOPERATION = "cooperation", _("Cooperation agreement")
    BUSINESS = "business", _("Business agreement")
    LOI = "loi", _("Letter of intent")
    NDA = "nda", _("Non-disclosure agreement")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft: waiting for signatures")
    SIGNED = "signed", _("Signed by every party")


class RunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    STOPPED = "stopped", _("Stopped: best schedule so far kept")
    FAILED = "failed", _("Failed")


class Binding(models.TextChoices):
    """Which relaxation gives the scheduler's upper bound (keys of ``scheduling.BINDING``)."""

    REQUESTS = "requests", _("the accepted meetings whose two sides share an available slot")
    TABLES = "tables", _("the tables: slots times tables")
    BUDGETS = "budgets", _("each participant meets at most min(cap, available slots) times")
    SLOTS = (
        "slots",
        _("in each slot everyone meets at most one other person, and each meeting happens once"),
    )
