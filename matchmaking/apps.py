from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Phase 5 · Cooperation")
    default_auto_field = "django.db.models.BigAutoField"
