"""factory-boy factories for the training app."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from collider.enums import EventKind, Phase
from tests.factories import EventFactory, ProgrammeFactory
from tests.outreach.factories import png_bytes
from training.enums import Audience, Dimension, MaterialKind, ModuleFormat, OutputKind
from training.models import Material, Module, Session, SessionOutput

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = png_bytes()  # a real picture: uploads are decoded, not only sniffed


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Hands-on know-how {n}")
    dimension = Dimension.TECHNOLOGY
    format = ModuleFormat.HANDS_ON
    audience = Audience.BOTH
    description = "Design for additive manufacturing with a printer on site."
    learning_outcomes = "Read a build plate\nKnow when additive beats machining"
    language = "en"


class SessionFactory(factory.django.DjangoModelFactory):
    """A training session next week (a collider event of kind training_session)."""

    class Meta:
        model = Session

    module = factory.SubFactory(ModuleFactory)
    event = factory.SubFactory(
        EventFactory,
        programme=factory.SelfAttribute("..module.programme"),
        kind=EventKind.TRAINING_SESSION,
        phase=Phase.SHARE,
        title=factory.Sequence(lambda n: f"Training session {n}"),
    )


class VisitFactory(SessionFactory):
    event = factory.SubFactory(
        EventFactory,
        programme=factory.SelfAttribute("..module.programme"),
        kind=EventKind.COMPANY_VISIT,
        phase=Phase.SHARE,
        title=factory.Sequence(lambda n: f"Guided visit {n}"),
    )
    safety_rules = "Safety shoes on the shop floor."
    photo_policy = "No photos on the shop floor."
    confidentiality_text = "I keep what I see of customers' parts confidential."
    virtual_tour_url = "https://video.example/tour"


def past_event_kwargs() -> dict:
    start = timezone.now() - timedelta(days=2)
    return {"starts_at": start, "ends_at": start + timedelta(hours=2)}


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Material

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Design for additive manufacturing {n}")
    kind = MaterialKind.ARTICLE
    dimension = Dimension.TECHNOLOGY
    audience = Audience.BOTH
    language = "en"
    url = factory.Sequence(lambda n: f"https://learn.example/item-{n}")


class FileMaterialFactory(MaterialFactory):
    url = ""
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="primer.pdf"))
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class FileOutputFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionOutput

    session = factory.SubFactory(SessionFactory)
    kind = OutputKind.FILE
    title = "Slides"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="slides.pdf"))
    content_type = "application/pdf"
    size = len(PDF_BYTES)
