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
