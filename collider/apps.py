from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ColliderConfig(AppConfig):
    name = "collider"
    verbose_name = _("Programme core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Register the core's own contributions to the extension points.
        from . import audit, cached, checks, dashboard, exports, kpis, messages, signals  # noqa: F401
        from .privacy import core  # noqa: F401

        # Every connection renews the generation of the tables it writes (collider.cached).
        connection_created.connect(cached.track_writes, dispatch_uid="collider.track_writes")
