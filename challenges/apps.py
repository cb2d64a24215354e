from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChallengesConfig(AppConfig):
    name = "challenges"
    verbose_name = _("Phase 4 · Define and solve the problem")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collider import registry

        from . import actions, audit, exports, kpis, messages, privacy, receivers, rules  # noqa: F401 - on import
        from .demo import build_demo
        from .steps import next_steps

        registry.register_nav_item(
            registry.NavItem(
                _("Challenges"),
                "challenges:challenge_list",
                "challenges.view_challenges",
                "solve",
                40,
            )
        )
        registry.register_nav_item(
            registry.NavItem(
                _("My ideas"), "challenges:my_ideas", "challenges.view_my_ideas", "solve", 41
            )
        )
        registry.register_nav_item(
            registry.NavItem(
                _("My reviews"), "challenges:my_reviews", "challenges.view_my_reviews", "solve", 42
            )
        )
        registry.register_nav_item(
            registry.NavItem(
                _("Funding"), "challenges:funding_list", "challenges.view_funding", "solve", 43
            )
        )
        registry.register_nav_item(
            registry.NavItem(
                _("Review criteria"),
                "challenges:criteria",
                "challenges.manage_criteria",
                "solve",
                44,
            )
        )
        registry.register_next_steps(next_steps)
        registry.register_demo_builder(build_demo, order=40)
        receivers.connect()
