"""factory-boy factories for the outreach app."""

from __future__ import annotations

import io

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from outreach.enums import (
    Audience,
    ChecklistStatus,
    Dimension,
    MediaChannel,
    PracticeKind,
    PracticeLevel,
    PublicationStatus,
    QuestionKind,
)
from outreach.models import (
    Brochure,
    BrochureEntry,
    Checklist,
    ChecklistOption,
    ChecklistQuestion,
    ChecklistSection,
    Handout,
    InfoDayItem,
    MediaCommitment,
    Practice,
    PracticeImage,
)
from tests.factories import ProgrammeFactory, UserFactory


def png_bytes(size: tuple[int, int] = (8, 6), colour: str = "teal") -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class PracticeFactory(factory.django.DjangoModelFactory):
    """A published good practice."""

    class Meta:
        model = Practice

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Design sprint with a tool maker {n}")
    summary = "A studio and a manufacturer redesigned a product line together."
    kind = PracticeKind.PRODUCT
    level = PracticeLevel.REGIONAL
    avm_technology = "CNC machining"
    outcome = "Fewer complaints, a new product range."
    status = PublicationStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class PracticeImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeImage

    practice = factory.SubFactory(PracticeFactory)
    image = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="photo.png"))
    content_type = "image/png"
    alt_text = "Designer and machinist testing a handle prototype"


class ChecklistFactory(factory.django.DjangoModelFactory):
    """An open checklist for both sectors (add sections with ChecklistSectionFactory)."""

    class Meta:
        model = Checklist

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Readiness checklist {n}")
    audience = Audience.BOTH
    status = ChecklistStatus.OPEN


class ChecklistSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistSection

    checklist = factory.SubFactory(ChecklistFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    dimension = Dimension.TECHNOLOGY
    next_steps = "Join the hands-on technology training."
    order = factory.Sequence(int)


class ChecklistQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistQuestion

    section = factory.SubFactory(ChecklistSectionFactory)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = QuestionKind.SCALE
    weight = 1
    scale_max = 5
    order = factory.Sequence(int)


def choice_question(section, kind=QuestionKind.SINGLE, scores=(0, 5, 10), **kwargs):
    question = ChecklistQuestionFactory(section=section, kind=kind, **kwargs)
    for index, score in enumerate(scores):
        ChecklistOption.objects.create(
            question=question, label=f"Option {score}", score=score, order=index
        )
    return question


class InfoDayItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoDayItem

    title = factory.Sequence(lambda n: f"Talk {n}")
    dimension = Dimension.FUTURE_TRENDS


class HandoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handout

    title = factory.Sequence(lambda n: f"Leaflet {n}")
    kind = "leaflet"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="leaflet.pdf"))
    content_type = "application/pdf"
    size = len(PDF_BYTES)


class BrochureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Brochure
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Stories that worked {n}")
    intro_cci = "Creative people bring the user's view."
    intro_avm = "Manufacturers bring precision and scale."
    contacts = "Creative Hub Graz"
    status = PublicationStatus.PUBLISHED

    @factory.post_generation
    def stories(self, create, extracted, **kwargs):
        for index, practice in enumerate(extracted or []):
            BrochureEntry.objects.create(brochure=self, practice=practice, order=index)


class MediaCommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MediaCommitment

    programme = factory.SubFactory(ProgrammeFactory)
    outlet = factory.Sequence(lambda n: f"Outlet {n}")
    channel = MediaChannel.ONLINE_MAGAZINE
    target_group = Audience.BOTH
    responsible = factory.SubFactory(UserFactory)
