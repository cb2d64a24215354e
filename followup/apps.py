from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Phase 6 · Follow-up")
    default_auto_field = "django.db.models.BigAutoField"
