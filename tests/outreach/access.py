"""Access declarations of the outreach app, in the format of tests/test_access_matrix.py.

``ROUTES`` (one per URL pattern), ``VARIANT_ROUTES`` (more objects for some patterns),
``ADMIN_MODELS`` (admin object URLs) and ``build_world(world)``, which adds the objects these
routes use as ``world.outreach``. tests/outreach/test_access.py checks every declaration here
against the same world as the core matrix until the matrix loads app modules itself.

Roles, in order: anonymous, cci, avm, expert, facilitator, partner, other_partner, admin.
"""

from __future__ import annotations

from types import SimpleNamespace

from collider.enums import EventKind, RegistrationMode
from outreach import services
from outreach.enums import ChecklistStatus, PublicationStatus, QuestionKind, ResponseSource
from tests.access import LOGIN, Route, everyone, named, read_only_admin, row, to
from tests.factories import EventFactory

from .factories import (
    BrochureFactory,
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
    HandoutFactory,
    InfoDayItemFactory,
    MediaCommitmentFactory,
    PracticeFactory,
    PracticeImageFactory,
)

# Permission rows for GET pages (200) and empty POSTs to forms (400).
PUBLIC = everyone(200)
MANAGE_GET = row(LOGIN, 403, 403, 403, 403, 200, 403, 200)
MANAGE_BAD_POST = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)
STAFF_GET = row(LOGIN, 403, 403, 200, 200, 200, 403, 200)
# Single checklist responses name the respondent: not for experts.
RESPONDENTS_GET = row(LOGIN, 403, 403, 403, 200, 200, 403, 200)
NOT_ALLOWED = everyone(405)


def manage_redirect(target) -> tuple:
    return row(LOGIN, 403, 403, 403, 403, target, 403, target)


# A declared action's button (``collider.actions.action_view``): the partners do it (or are
# told the state is wrong, 400), everyone else gets the declaration's refusal.
ACTION_WRONG_STATE = row(LOGIN, 403, 403, 403, 403, 400, 403, 400)


def o(w) -> SimpleNamespace:
    return w.outreach


def slug(w):
    return {"slug": w.programme.slug}


def with_pk(attribute: str):
    return lambda w: {"slug": w.programme.slug, "pk": getattr(o(w), attribute).pk}


def checklist_kw(**extra):
    def kwargs(w):
        values = {"slug": w.programme.slug, "pk": o(w).checklist.pk}
        for name, attribute in extra.items():
            values[name] = getattr(o(w), attribute).pk
        return values

    return kwargs


def token(attribute: str):
    return lambda w: {"token": getattr(o(w), attribute).token}


PRACTICE = with_pk("practice")
CHECKLIST = checklist_kw()
INFO_DAY = with_pk("info_day")
BROCHURE = with_pk("brochure")
MEDIA = with_pk("media")

ROUTES: dict[str, Route] = {
    # Library: public for a public programme; drafts and editing for its partners.
    "outreach:practice_list": Route(named("outreach:practice_list", slug), PUBLIC, NOT_ALLOWED),
    "outreach:practice_create": Route(
        named("outreach:practice_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:practice_detail": Route(
        named("outreach:practice_detail", PRACTICE), PUBLIC, NOT_ALLOWED
    ),
    "outreach:practice_edit": Route(
        named("outreach:practice_edit", PRACTICE), MANAGE_GET, MANAGE_BAD_POST
    ),
    # The buttons of the declared actions: the case is published, so publishing it is refused
    # (400) and withdrawing it works; to everyone else the declaration's refusal (403).
    "outreach:practice_publish": Route(
        named("outreach:practice_publish", PRACTICE), NOT_ALLOWED, ACTION_WRONG_STATE
    ),
    "outreach:practice_unpublish": Route(
        named("outreach:practice_unpublish", PRACTICE),
        NOT_ALLOWED,
        manage_redirect(to("outreach:practice_edit", PRACTICE)),
    ),
    "outreach:practice_image_add": Route(
        named("outreach:practice_image_add", PRACTICE), NOT_ALLOWED, MANAGE_BAD_POST
    ),
    "outreach:practice_image": Route(
        named("outreach:practice_image", with_pk("image")), PUBLIC, NOT_ALLOWED
    ),
    "outreach:practice_image_delete": Route(
        named("outreach:practice_image_delete", with_pk("spare_image")),
        NOT_ALLOWED,
        manage_redirect(to("outreach:practice_edit", PRACTICE)),
    ),
    # Checklists: staff read results; partners build and enter paper answers.
    "outreach:checklist_list": Route(
        named("outreach:checklist_list", slug), STAFF_GET, NOT_ALLOWED
    ),
    "outreach:checklist_create": Route(
        named("outreach:checklist_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:checklist_detail": Route(
        named("outreach:checklist_detail", CHECKLIST), STAFF_GET, NOT_ALLOWED
    ),
    "outreach:checklist_edit": Route(
        named("outreach:checklist_edit", CHECKLIST), MANAGE_GET, MANAGE_BAD_POST
    ),
    # The checklist is open: opening it again is refused (400), closing it works.
    "outreach:checklist_open": Route(
        named("outreach:checklist_open", CHECKLIST), NOT_ALLOWED, ACTION_WRONG_STATE
    ),
    "outreach:checklist_close": Route(
        named("outreach:checklist_close", CHECKLIST),
        NOT_ALLOWED,
        manage_redirect(to("outreach:checklist_detail", CHECKLIST)),
    ),
    "outreach:section_create": Route(
        named("outreach:section_create", CHECKLIST), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:section_edit": Route(
        named("outreach:section_edit", checklist_kw(section_pk="section")),
        MANAGE_GET,
        MANAGE_BAD_POST,
    ),
    # The checklist has a response, so its structure is frozen: deleting is refused.
    "outreach:section_delete": Route(
        named("outreach:section_delete", checklist_kw(section_pk="section")),
        NOT_ALLOWED,
        manage_redirect(to("outreach:checklist_detail", CHECKLIST)),
    ),
    "outreach:question_create": Route(
        named("outreach:question_create", checklist_kw(section_pk="section")),
        MANAGE_GET,
        MANAGE_BAD_POST,
    ),
    "outreach:question_edit": Route(
        named("outreach:question_edit", checklist_kw(section_pk="section", question_pk="question")),
        MANAGE_GET,
        MANAGE_BAD_POST,
    ),
    "outreach:question_delete": Route(
        named("outreach:question_delete", checklist_kw(question_pk="question")),
        NOT_ALLOWED,
        manage_redirect(to("outreach:checklist_detail", CHECKLIST)),
    ),
    "outreach:checklist_qr": Route(
        named("outreach:checklist_qr", CHECKLIST), STAFF_GET, NOT_ALLOWED
    ),
    "outreach:checklist_pdf": Route(
        named("outreach:checklist_pdf", CHECKLIST), STAFF_GET, NOT_ALLOWED
    ),
    "outreach:checklist_results": Route(
        named("outreach:checklist_results", CHECKLIST), STAFF_GET, NOT_ALLOWED
    ),
    "outreach:checklist_responses": Route(
        named("outreach:checklist_responses", CHECKLIST), RESPONDENTS_GET, NOT_ALLOWED
    ),
    "outreach:checklist_export": Route(
        named("outreach:checklist_export", CHECKLIST), RESPONDENTS_GET, NOT_ALLOWED
    ),
    "outreach:checklist_paper": Route(
        named("outreach:checklist_paper", CHECKLIST), MANAGE_GET, MANAGE_BAD_POST
    ),
    # The public link: anyone, no login. Without a sector the visitor first chooses one.
    "outreach:checklist_answer": Route(
        named("outreach:checklist_answer", token("checklist")), PUBLIC, everyone(400)
    ),
    "outreach:checklist_public_pdf": Route(
        named("outreach:checklist_public_pdf", token("checklist")), PUBLIC, NOT_ALLOWED
    ),
    # The respondent's result page, reached by its secret link only.
    "outreach:checklist_result": Route(
        named("outreach:checklist_result", token("response")), PUBLIC, NOT_ALLOWED
    ),
    # Info days: public pages with guest registration (an empty form is refused).
    "outreach:info_day_list": Route(named("outreach:info_day_list", slug), PUBLIC, NOT_ALLOWED),
    "outreach:info_day_create": Route(
        named("outreach:info_day_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:info_day_detail": Route(
        named("outreach:info_day_detail", INFO_DAY), PUBLIC, everyone(400)
    ),
    "outreach:info_day_manage": Route(
        named("outreach:info_day_manage", INFO_DAY), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:info_day_item_delete": Route(
        named("outreach:info_day_item_delete", with_pk("item")),
        NOT_ALLOWED,
        manage_redirect(to("outreach:info_day_manage", INFO_DAY)),
    ),
    "outreach:handout_download": Route(
        named("outreach:handout_download", with_pk("handout")), PUBLIC, NOT_ALLOWED
    ),
    "outreach:handout_delete": Route(
        named("outreach:handout_delete", with_pk("spare_handout")),
        NOT_ALLOWED,
        manage_redirect(to("outreach:info_day_manage", INFO_DAY)),
    ),
    # Brochures: published ones are public; publishing a published one is refused.
    "outreach:brochure_list": Route(named("outreach:brochure_list", slug), PUBLIC, NOT_ALLOWED),
    "outreach:brochure_create": Route(
        named("outreach:brochure_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:brochure_edit": Route(
        named("outreach:brochure_edit", BROCHURE), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:brochure_publish": Route(
        named("outreach:brochure_publish", BROCHURE), NOT_ALLOWED, ACTION_WRONG_STATE
    ),
    "outreach:brochure_unpublish": Route(
        named("outreach:brochure_unpublish", BROCHURE),
        NOT_ALLOWED,
        manage_redirect(to("outreach:brochure_edit", BROCHURE)),
    ),
    "outreach:brochure_pdf": Route(named("outreach:brochure_pdf", BROCHURE), PUBLIC, NOT_ALLOWED),
    # Media log: partners only. The contacted outlet commits on an empty POST.
    "outreach:media_list": Route(named("outreach:media_list", slug), MANAGE_GET, NOT_ALLOWED),
    "outreach:media_create": Route(
        named("outreach:media_create", slug), MANAGE_GET, MANAGE_BAD_POST
    ),
    "outreach:media_edit": Route(named("outreach:media_edit", MEDIA), MANAGE_GET, MANAGE_BAD_POST),
    # The media log is the partners' record: to everyone else its rows do not exist.
    "outreach:media_commit": Route(
        named("outreach:media_commit", MEDIA),
        NOT_ALLOWED,
        row(
            LOGIN,
            404,
            404,
            404,
            404,
            to("outreach:media_list", slug),
            404,
            to("outreach:media_list", slug),
        ),
    ),
    # Its page asks for the link and date; an empty POST is refused next to the fields.
    "outreach:media_publish": Route(
        named("outreach:media_publish", MEDIA),
        MANAGE_GET,
        row(LOGIN, 404, 404, 404, 404, 400, 404, 400),
    ),
}

HIDDEN_BUT_MANAGER = row(404, 404, 404, 404, 404, 200, 404, 200)
FOREIGN_STAFF = row(LOGIN, 403, 403, 404, 404, 404, 403, 404)

VARIANT_ROUTES: dict[str, Route] = {
    "outreach:practice_detail[draft]": Route(
        named("outreach:practice_detail", with_pk("draft_practice")),
        HIDDEN_BUT_MANAGER,
        NOT_ALLOWED,
    ),
    # Another programme's unshared case under this programme's slug does not exist here.
    "outreach:practice_detail[foreign]": Route(
        named("outreach:practice_detail", with_pk("foreign_practice")),
        everyone(404),
        NOT_ALLOWED,
    ),
    # A case another programme shares is part of this programme's library.
    "outreach:practice_detail[shared]": Route(
        named("outreach:practice_detail", with_pk("shared_practice")), PUBLIC, NOT_ALLOWED
    ),
    "outreach:practice_edit[shared]": Route(
        named("outreach:practice_edit", with_pk("shared_practice")),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
    ),
    "outreach:checklist_detail[foreign]": Route(
        named("outreach:checklist_detail", with_pk("foreign_checklist")),
        FOREIGN_STAFF,
        NOT_ALLOWED,
    ),
    "outreach:checklist_answer[closed]": Route(
        named("outreach:checklist_answer", token("closed_checklist")),
        everyone(404),
        everyone(404),
    ),
    "outreach:info_day_detail[members]": Route(
        named("outreach:info_day_detail", with_pk("members_info_day")),
        row(404, 200, 200, 200, 200, 200, 404, 200),
        row(404, 403, 403, 403, 403, 403, 404, 403),
    ),
    "outreach:brochure_pdf[draft]": Route(
        named("outreach:brochure_pdf", with_pk("draft_brochure")), HIDDEN_BUT_MANAGER, NOT_ALLOWED
    ),
    "outreach:media_edit[foreign]": Route(
        named("outreach:media_edit", with_pk("foreign_media")),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
        row(LOGIN, 403, 403, 403, 403, 404, 403, 404),
    ),
}

ADMIN_MODELS = {
    "outreach/practice": lambda w: o(w).practice,
    "outreach/checklist": lambda w: o(w).checklist,
    "outreach/checklistresponse": lambda w: o(w).response,
    "outreach/brochure": lambda w: o(w).brochure,
    "outreach/handout": lambda w: o(w).handout,
    "outreach/mediacommitment": lambda w: o(w).media,
}
# Read-only: every write goes through a service.
ADMIN_MODEL_EXCEPTIONS = read_only_admin(ADMIN_MODELS)


def build_world(world: SimpleNamespace) -> SimpleNamespace:
    """Add the outreach objects the routes above address, as ``world.outreach``."""
    programme, other = world.programme, world.other_programme
    partner = world.users["partner"]
    practice = PracticeFactory(programme=programme)
    checklist = ChecklistFactory(programme=programme)
    section = ChecklistSectionFactory(checklist=checklist)
    question = ChecklistQuestionFactory(section=section, kind=QuestionKind.SCALE)
    response = services.checklist_response_submit(
        checklist=checklist,
        sector="cci",
        email="respondent@example.org",
        organisation_name="Studio Respondent",
        consent=True,
        answers={question.pk: 4},
        source=ResponseSource.PAPER,
        entered_by=partner,
    )
    info_day = EventFactory(
        programme=programme, kind=EventKind.INFO_DAY, registration_mode=RegistrationMode.PUBLIC
    )
    brochure = BrochureFactory(programme=programme, stories=[practice])
    world.outreach = SimpleNamespace(
        practice=practice,
        draft_practice=PracticeFactory(programme=programme, status=PublicationStatus.DRAFT),
        foreign_practice=PracticeFactory(programme=other),
        shared_practice=PracticeFactory(programme=other, shared=True),
        image=PracticeImageFactory(practice=practice),
        spare_image=PracticeImageFactory(practice=practice),
        checklist=checklist,
        section=section,
        question=question,
        response=response,
        closed_checklist=ChecklistFactory(programme=programme, status=ChecklistStatus.CLOSED),
        foreign_checklist=ChecklistFactory(programme=other),
        info_day=info_day,
        members_info_day=EventFactory(programme=programme, kind=EventKind.INFO_DAY),
        item=InfoDayItemFactory(event=info_day),
        handout=HandoutFactory(programme=programme, event=info_day),
        spare_handout=HandoutFactory(programme=programme, event=info_day),
        brochure=brochure,
        draft_brochure=BrochureFactory(
            programme=programme, status=PublicationStatus.DRAFT, stories=[practice]
        ),
        media=MediaCommitmentFactory(programme=programme, responsible=partner),
        foreign_media=MediaCommitmentFactory(
            programme=other, responsible=world.users["other_partner"]
        ),
    )
    return world
