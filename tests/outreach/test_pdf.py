import io
import re

import pytest
from pypdf import PdfReader

from collider.pdf import render_pdf
from outreach import services
from outreach.enums import QuestionKind
from outreach.pdf import brochure_context, checklist_context
from tests.pdfcheck import pdf_link_uris

from .factories import (
    BrochureFactory,
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    PracticeFactory,
    PracticeImageFactory,
    choice_question,
)

pytestmark = pytest.mark.django_db


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def test_checklist_pdf_lists_every_question_with_answer_choices(programme):
    checklist = ChecklistFactory(programme=programme, title="Readiness for cooperation")
    section = ChecklistSectionFactory(
        checklist=checklist, title="Intellectual property", dimension="ipr"
    )
    ChecklistQuestionFactory(section=section, text="Do you use NDAs?", kind=QuestionKind.YES_NO)
    ChecklistQuestionFactory(
        section=section, text="Rate your IP know-how.", kind=QuestionKind.SCALE, scale_max=4
    )
    choice_question(section, QuestionKind.MULTIPLE, text="Which apply?", scores=(1, 2))

    context = checklist_context(checklist)
    pdf = render_pdf("outreach/pdf/checklist.html", context)
    text = "\n".join(_pages(pdf))

    assert pdf_link_uris(pdf) == [context["public_url"]]
    assert (
        "Readiness for cooperation" in text,
        "1. Intellectual property" in text,
        "1.1 Do you use NDAs?" in text,
        "Rate your IP know-how." in text,
        "Tick all that apply." in text,
        "Option 2" in text,
        "not at all 1 2 3 4 fully" in re.sub(r"\s+", " ", text),
        checklist.token in text.replace("\n", ""),
    ) == (True,) * 8


def test_checklist_pdf_for_one_sector_leaves_out_the_other_sectors_questions(programme):
    checklist = ChecklistFactory(programme=programme)
    section = ChecklistSectionFactory(checklist=checklist)
    ChecklistQuestionFactory(section=section, text="For designers only?", audience="cci")
    ChecklistQuestionFactory(section=section, text="For factories only?", audience="avm")

    text = "\n".join(
        _pages(
            render_pdf("outreach/pdf/checklist.html", checklist_context(checklist, sector="avm"))
        )
    )

    assert ("For designers only?" in text, "For factories only?" in text) == (False, True)


def test_brochure_pdf_has_cover_contents_stories_sharing_pages_and_page_numbers(programme):
    stories = [
        PracticeFactory(programme=programme, title="Ergonomic handle family"),
        PracticeFactory(
            programme=programme, title="Film nobody used", assessment="bad", lesson="Involve sales."
        ),
    ]
    PracticeImageFactory(practice=stories[0])
    brochure = BrochureFactory(
        programme=programme,
        title="Stories that worked",
        stories=stories,
        contacts="Creative Hub Graz",
    )

    pages = _pages(services.brochure_render(brochure=brochure))

    contents = pages[1]
    # Contents lists each story with the page it starts on; two short stories share one page
    # (no forced spreads: the old layout left most of every story's two pages blank).
    starts = {
        title: int(re.search(re.escape(title) + r"[^\n]*?(\d+)$", contents, re.M).group(1))
        for title in ("Ergonomic handle family", "Film nobody used")
    }
    brochure.refresh_from_db()
    assert (
        "Stories that worked" in pages[0],
        contents.startswith("Contents"),
        starts,
        "Ergonomic handle family" in pages[starts["Ergonomic handle family"] - 1],
        "Involve sales." in pages[starts["Film nobody used"] - 1],
        pages[-1].startswith("Contacts"),
        "Creative Hub Graz" in pages[-1],
        # Footers: the number outside, the title inside ("4 Title" left, "Title 5" right).
        pages[3].strip().splitlines()[-1],
        pages[4].strip().splitlines()[-1],
        brochure.pdf_pages,
        len(pages),
    ) == (
        True,
        True,
        {"Ergonomic handle family": 4, "Film nobody used": 4},
        True,
        True,
        True,
        True,
        "4 Stories that worked",
        "Stories that worked 5",
        len(pages),
        5,  # cover, contents, introduction, the two stories, contacts
    )


def test_brochure_context_embeds_images_as_data_uris(programme):
    practice = PracticeFactory(programme=programme)
    PracticeImageFactory(practice=practice, alt_text="Grip prototype")
    brochure = BrochureFactory(programme=programme, stories=[practice])

    (story,) = brochure_context(brochure)["stories"]

    assert ([i["alt"] for i in story["images"]], story["images"][0]["src"][:22]) == (
        ["Grip prototype"],
        "data:image/png;base64,",
    )
