"""Data the benchmark commands share: an open checklist of four sections with two questions each
(``outreach_benchmark``, ``bench_pages``)."""

from __future__ import annotations

from collider.models import Programme, User

from . import services
from .enums import Audience, QuestionKind
from .models import Checklist


def benchmark_checklist(*, actor: User, programme: Programme, title: str) -> Checklist:
    checklist = services.checklist_create(
        actor=actor, programme=programme, title=title, audience=Audience.BOTH
    )
    for order, dimension in enumerate(("technology", "future_trends", "mindset", "ipr")):
        section = services.checklist_section_save(
            actor=actor,
            checklist=checklist,
            title=f"Section {dimension}",
            dimension=dimension,
            order=order,
        )
        for kind in (QuestionKind.SCALE, QuestionKind.YES_NO):
            services.checklist_question_save(
                actor=actor,
                section=section,
                text=f"{dimension} {kind}?",
                kind=kind,
                audience=Audience.BOTH,
                weight=1,
                scale_max=5,
                required=True,
                order=0,
            )
    return services.checklist_open(actor=actor, checklist=checklist)
