"""Thin Celery wrappers around outreach services."""

from celery import shared_task

from .models import Brochure


@shared_task(ignore_result=True)
def brochure_render_task(*, brochure_id: int) -> None:
    """Pre-render a brochure's PDF (e.g. after an edit) so the next download is instant."""
    from .services import brochure_render

    brochure = Brochure.objects.filter(pk=brochure_id).first()
    if brochure is None:
        return
    brochure_render(brochure=brochure)
