from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TandemsConfig(AppConfig):
    name = "tandems"
    verbose_name = _("Phase 1 · Meet tandem partner")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from collider import registry
        from collider.enums import Phase
        from collider.registry import NavItem

        from . import audit, messages, privacy, rules, signals  # noqa: F401 - registrations
        from .demo import build_demo
        from .next_steps import next_steps

        for label, url_name, perm, order in (
            (_("Tandem"), "tandems:tandem_detail", "tandems.view_tandem", 10),
            (_("Schedule"), "tandems:task_list", "tandems.view_tandem", 11),
            (_("Partner meetings"), "tandems:meeting_list", "tandems.view_tandem", 12),
            (_("Contacts"), "tandems:contact_list", "tandems.view_contacts", 13),
            (_("Pilot actions"), "tandems:pilot_list", "tandems.view_tandem", 14),
            (_("Toolbox"), "tandems:toolbox", "tandems.view_toolbox", 15),
        ):
            registry.register_nav_item(NavItem(label, url_name, perm, Phase.MEET, order))
        registry.register_next_steps(next_steps)
        registry.register_demo_builder(build_demo, order=10)
