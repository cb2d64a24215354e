from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "followup"
    verbose_name = _("Phase 6 · Follow-up")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collider import registry
        from collider.enums import Phase
        from collider.registry import NavItem

        from . import audit, exports, kpis, messages, privacy, rules, signals  # noqa: F401 - registrations
        from .demo import build_demo
        from .feedback import demo as feedback_demo
        from .feedback import messages as feedback_messages  # noqa: F401 - e-mail renderers
        from .feedback import next_steps as feedback_next_steps
        from .next_steps import next_steps
        from .tiles import cooperation_tiles, kpi_tiles

        for label, url_name, perm, order in (
            (_("Cooperations"), "followup:board", "followup.view_board", 60),
            (_("My cooperation"), "followup:my_cooperation", "followup.view_own_cooperations", 60),
            (_("KPIs"), "followup:kpi_dashboard", "followup.view_kpis", 61),
            (_("Success stories"), "followup:story_list", "followup.view_stories", 62),
            (_("Feedback"), "followup:feedback_list", "followup.view_feedback", 62),
        ):
            registry.register_nav_item(NavItem(label, url_name, perm, Phase.FOLLOW_UP, order))
        registry.register_next_steps(next_steps)
        registry.register_next_steps(feedback_next_steps.next_steps)
        registry.register_tiles(kpi_tiles)
        registry.register_tiles(cooperation_tiles)
        registry.register_demo_builder(build_demo, order=60)
        registry.register_demo_builder(feedback_demo.build_demo, order=61)
