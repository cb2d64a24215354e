from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Phase 4 · Define and solve the problem")
    default_auto_field = "django.db.models.BigAutoField"
