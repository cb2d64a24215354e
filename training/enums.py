from django.db import models
from django.utils.translation import gettext_lazy as _


class Dimension(models.TextChoices):
    """The three dimensions of knowledge sharing (the concept's wording in the labels)."""

    TECHNOLOGY = "technology", _("Technology")
    FUTURE_TRENDS = "future_trends", _("Future trends")
    MINDSET = "mindset", _("Mindset")


DIMENSION_TAGLINES = {
    Dimension.TECHNOLOGY: _("Hands-on know-how"),
    Dimension.FUTURE_TRENDS: _("Meet the expert"),
    Dimension.MINDSET: _("How to make a good pitch to AVM"),
}


class ModuleFormat(models.TextChoices):
    WORKSHOP = "workshop", _("Interactive workshop")
    HANDS_ON = "hands_on", _("Hands-on")
    MEET_THE_EXPERT = "meet_the_expert", _("Meet the expert")
    WEBINAR = "webinar", _("Webinar")
    COMPANY_VISIT = "company_visit", _("Company visit")
    VIRTUAL_TOUR = "virtual_tour", _("Virtual tour")


class Audience(models.TextChoices):
    BOTH = "both", _("CCI and AVM")
    CCI = "cci", _("CCI")
    AVM = "avm", _("AVM")


class MaterialKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    WEB_TUTORIAL = "web_tutorial", _("Web tutorial")
    SHORT_FILM = "short_film", _("Short film")
    BEST_PRACTICE = "best_practice", _("Best practice")
    RELATED_PLATFORM = "related_platform", _("Related platform")
    IPR_TUTORIAL = "ipr_tutorial", _("IPR tutorial")
    TESTIMONIAL = "testimonial", _("Testimonial")


class OutputKind(models.TextChoices):
    FILE = "file", _("File (slides, handout)")
    RECORDING = "recording", _("Recording (link)")
    PHOTO = "photo", _("Photo (e.g. whiteboard)")
