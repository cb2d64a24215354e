from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "matchmaking"
    verbose_name = _("Phase 5 · Cooperation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collider import registry
        from collider.enums import Phase
        from collider.registry import NavItem

        from . import audit, exports, kpis, messages, privacy, rules, tasks  # noqa: F401 - registrations
        from .demo import build_demo
        from .next_steps import next_steps
        from .selectors import term_names
        from .tiles import participant_tiles

        registry.register_nav_item(
            NavItem(_("Matchmaking"), "matchmaking:hub", "matchmaking.view", Phase.COOPERATE, 50)
        )
        registry.register_nav_item(
            NavItem(
                _("Offers and needs"), "matchmaking:market", "matchmaking.view", Phase.COOPERATE, 50
            )
        )
        registry.register_nav_item(
            NavItem(
                _("Agreements"),
                "matchmaking:agreement_list",
                "matchmaking.view",
                Phase.COOPERATE,
                51,
            )
        )
        registry.register_next_steps(next_steps)
        registry.register_tiles(participant_tiles)
        registry.register_demo_builder(build_demo, order=50)
        registry.register_competence_vocabulary(term_names)
