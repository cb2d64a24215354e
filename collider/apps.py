from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ColliderConfig(AppConfig):
    name = "collider"
    verbose_name = _("Programme core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the core's own contributions to the extension points.
        from . import audit, checks, dashboard, exports, kpis, messages, signals  # noqa: F401
        from .privacy import core  # noqa: F401
