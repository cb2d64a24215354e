from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Phase 2 · Make a connection")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collider import registry
        from collider.enums import Phase

        from . import audit, exports, kpis, messages, privacy, rules  # noqa: F401 - registration side effects
        from .demo import outreach_demo
        from .next_steps import outreach_next_steps
        from .tiles import checklist_profile_tiles

        for label, url_name, perm, order in (
            (_("Best practices"), "outreach:practice_list", "outreach.view_library", 20),
            (_("Checklists"), "outreach:checklist_list", "outreach.view_results", 21),
            (_("Info days"), "outreach:info_day_list", "outreach.view_library", 22),
            (_("Brochures"), "outreach:brochure_list", "outreach.view_library", 23),
            (_("Media"), "outreach:media_list", "outreach.manage_outreach", 24),
        ):
            registry.register_nav_item(
                registry.NavItem(label, url_name, perm, phase=Phase.CONNECT, order=order)
            )
        registry.register_next_steps(outreach_next_steps)
        registry.register_tiles(checklist_profile_tiles)
        registry.register_demo_builder(outreach_demo, order=20)
