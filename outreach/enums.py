from django.db import models
from django.utils.translation import gettext_lazy as _


class PracticeKind(models.TextChoices):
    PRODUCT = "product", _("Product")
    SERVICE = "service", _("Service")
    PRACTICE_CHANGE = "practice_change", _("Change of practice")


class PracticeLevel(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    INTERNATIONAL = "international", _("International")
    TOP_COMPANY = "top_company", _("Top company")


class PracticeAssessment(models.TextChoices):
    GOOD = "good", _("Good practice")
    BAD = "bad", _("Bad practice")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Dimension(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology")
    FUTURE_TRENDS = "future_trends", _("Future trends")
    MINDSET = "mindset", _("Mindset")
    BUSINESS_LANGUAGE = "business_language", _("Business language")
    IPR = "ipr", _("Intellectual property (IPR)")
    COOPERATION = "cooperation", _("Cooperation practice")
    FUNDING = "funding", _("Funding and finance")


class Audience(models.TextChoices):
    """Who a checklist or a question is for (its CCI and AVM variants)."""

    BOTH = "both", _("Both sectors")
    CCI = "cci", _("CCI")
    AVM = "avm", _("AVM")


class RespondentSector(models.TextChoices):
    CCI = "cci", _("Cultural and creative industries (CCI)")
    AVM = "avm", _("Advanced manufacturing (AVM)")


class QuestionKind(models.TextChoices):
    SCALE = "scale", _("Scale")
    YES_NO = "yes_no", _("Yes / no")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TEXT = "text", _("Free text")


class ChecklistStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class ResponseSource(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper (entered by a partner)")


class HandoutKind(models.TextChoices):
    LEAFLET = "leaflet", _("Leaflet")
    BROCHURE = "brochure", _("Brochure")
    CHECKLIST = "checklist", _("Checklist")
    SLIDES = "slides", _("Slides")
    OTHER = "other", _("Other")


class MediaChannel(models.TextChoices):
    PRINT_MAGAZINE = "print_magazine", _("Print magazine")
    DAILY = "daily", _("Daily newspaper")
    ONLINE_MAGAZINE = "online_magazine", _("Online magazine")
    BLOG = "blog", _("Blog")
    PODCAST = "podcast", _("Podcast")
    LINKEDIN = "linkedin", _("LinkedIn")
    OTHER = "other", _("Other")


class MediaStatus(models.TextChoices):
    CONTACTED = "contacted", _("Contacted")
    COMMITTED = "committed", _("Committed")
    PUBLISHED = "published", _("Published")
