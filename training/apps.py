from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Phase 3 · Share knowledge")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collider import registry
        from collider.enums import EventKind, Phase

        from . import actions, audit, messages, privacy, rules, signals  # noqa: F401 - registration side effects
        from .demo import training_demo
        from .next_steps import training_next_steps
        from .selectors import session_registration_page

        for label, url_name, perm, order in (
            (_("Training catalogue"), "training:module_list", "training.view_catalogue", 30),
            (_("Materials library"), "training:material_list", "training.view_library", 31),
            (_("My learning"), "training:my_learning", "training.learn", 32),
        ):
            registry.register_nav_item(
                registry.NavItem(label, url_name, perm, phase=Phase.SHARE, order=order)
            )
        registry.register_next_steps(training_next_steps)
        registry.register_demo_builder(training_demo, order=30)
        for kind in (EventKind.TRAINING_SESSION, EventKind.COMPANY_VISIT):
            registry.register_registration_page(kind, session_registration_page)
