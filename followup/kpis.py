"""The follow-up app's indicators, registered with the core's KPI engine."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from collider.kpis import register_kpi

from .enums import Stage
from .models import StageMove


def _moves_to(stage: str):
    def count(programme, start: date, end: date) -> int:
        return (
            StageMove.objects.filter(
                cooperation__programme=programme,
                to_stage=stage,
                at__date__gte=start,
                at__date__lte=end,
            )
            .exclude(from_stage=stage)
            .values("cooperation")
            .distinct()
            .count()
        )

    return count


register_kpi("cooperations.meetings_held", _("Cooperation meetings held"), order=60)(
    _moves_to(Stage.MEETING_HELD)
)
register_kpi("cooperations.agreements", _("Cooperation agreements reached"), order=61)(
    _moves_to(Stage.AGREEMENT)
)
register_kpi("cooperations.completed", _("Cooperations completed"), order=62)(
    _moves_to(Stage.COMPLETED)
)
