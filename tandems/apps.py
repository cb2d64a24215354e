from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "tandems"
    verbose_name = _("Phase 1 · Meet tandem partner")
    default_auto_field = "django.db.models.BigAutoField"
