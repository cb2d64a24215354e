import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collider.enums import Role, Sector
from outreach import services as outreach_services
from outreach.enums import Dimension as ChecklistDimension
from tests.factories import RegistrationFactory, member
from tests.outreach.factories import (
    ChecklistFactory,
    ChecklistQuestionFactory,
    ChecklistSectionFactory,
)
from training import selectors, services
from training.enums import Audience, Dimension

from .factories import MaterialFactory, ModuleFactory, SessionFactory


def _answer_checklist(programme, user, *, technology: int, mindset: int, sector="cci"):
    """A checklist response with one 1-to-5 scale question per dimension."""
    checklist = ChecklistFactory(programme=programme)
    tech = ChecklistQuestionFactory(
        section=ChecklistSectionFactory(
            checklist=checklist, dimension=ChecklistDimension.TECHNOLOGY
        )
    )
    mind = ChecklistQuestionFactory(
        section=ChecklistSectionFactory(checklist=checklist, dimension=ChecklistDimension.MINDSET)
    )
    outreach_services.checklist_response_submit(
        checklist=checklist,
        sector=sector,
        email=user.email,
        organisation_name="Studio",
        consent=True,
        answers={tech.pk: technology, mind.pk: mindset},
        respondent=user,
    )


def test_learning_path_for_recommends_weakest_dimension_with_reason(programme, cci):
    _answer_checklist(programme, cci, technology=1, mindset=5)
    tech_module = ModuleFactory(programme=programme, title="Hands-on 3D printing")
    ModuleFactory(programme=programme, dimension=Dimension.MINDSET, title="Pitching")
    ModuleFactory(programme=programme, title="AVM only", audience=Audience.AVM)
    material = MaterialFactory(programme=programme, title="Primer")
    scores = selectors.checklist_scores_for(user=cci, programme=programme)

    path = selectors.learning_path_for(user=cci, programme=programme, sector="cci")

    assert [(r.dimension, r.modules, r.materials) for r in path] == [
        ("technology", [tech_module], [material])
    ]
    assert path[0].reason == (
        f"Your readiness checklist scored {scores['technology']} of 100 in Technology (below 60)."
    )


def test_learning_path_for_leaves_out_materials_already_done(programme, cci):
    _answer_checklist(programme, cci, technology=1, mindset=1)
    done = MaterialFactory(programme=programme, title="Done already")
    todo = MaterialFactory(programme=programme, title="To do")
    services.material_complete(user=cci, material=done)

    path = selectors.learning_path_for(user=cci, programme=programme, sector="cci")

    assert [r.materials for r in path if r.dimension == "technology"] == [[todo]]


def test_learning_path_for_without_checklist_answer_is_empty(programme, cci):
    ModuleFactory(programme=programme)

    assert selectors.learning_path_for(user=cci, programme=programme, sector="cci") == []


def test_progress_per_dimension_counts_done_items_for_the_sector(programme, cci):
    first = MaterialFactory(programme=programme)
    MaterialFactory(programme=programme)
    MaterialFactory(programme=programme, audience=Audience.AVM)
    MaterialFactory(programme=programme, dimension=Dimension.MINDSET)
    services.material_complete(user=cci, material=first)

    progress = selectors.progress_per_dimension(user=cci, programme=programme, sector="cci")

    assert [(row["dimension"], row["done"], row["total"], row["percent"]) for row in progress] == [
        ("technology", 1, 2, 50),
        ("future_trends", 0, 0, 0),
        ("mindset", 0, 1, 0),
    ]


def test_session_list_visible_to_other_programmes_partner_is_empty(programme, other_programme):
    SessionFactory(module__programme=programme)
    outsider = member(other_programme, Role.PARTNER)

    assert list(selectors.session_list_visible_to(user=outsider, programme=programme)) == []


def test_attended_sessions_for_lists_only_sessions_marked_present(programme, cci):
    present = SessionFactory(module__programme=programme)
    absent = SessionFactory(module__programme=programme)
    RegistrationFactory(event=present.event, user=cci, attended=True)
    RegistrationFactory(event=absent.event, user=cci, attended=False)

    assert selectors.attended_sessions_for(user=cci, programme=programme) == [present]


@pytest.mark.parametrize("n", [1, 4])
def test_module_list_queries_do_not_grow_with_modules(programme, n):
    expert = member(programme, Role.EXPERT)
    for _ in range(n):
        module = ModuleFactory(programme=programme)
        module.trainers.add(expert)
        SessionFactory(module=module)

    with CaptureQueriesContext(connection) as queries:
        rows = [
            (m.title, [t.pk for t in m.trainers.all()], m.upcoming_count)
            for m in selectors.module_list(programme=programme)
        ]

    assert (len(rows), len(queries)) == (n, 2)


def test_learning_path_queries_are_flat(programme):
    user = member(programme, Role.PARTICIPANT, Sector.CCI)
    _answer_checklist(programme, user, technology=1, mindset=1)
    for _ in range(5):
        ModuleFactory(programme=programme)
        MaterialFactory(programme=programme)

    with CaptureQueriesContext(connection) as queries:
        selectors.learning_path_for(user=user, programme=programme, sector="cci")

    assert len(queries) == 3


def _next_steps_queries(user_pk: int, programmes) -> tuple[int, list]:
    from collider.models import User
    from collider.rules import roles_in
    from training.next_steps import training_next_steps

    user = User.objects.get(pk=user_pk)  # a fresh object: no cached paths yet
    roles = {p.pk: roles_in(user, p) for p in programmes}
    with CaptureQueriesContext(connection) as queries:
        steps = [
            step
            for p in programmes
            for step in training_next_steps(user=user, programme=p, roles=roles[p.pk])
        ]
    return len(queries), steps


def test_training_next_steps_queries_do_not_grow_with_programmes(db):
    from tests.factories import MembershipFactory, ProgrammeFactory, UserFactory

    user = UserFactory()
    programmes = []
    for n in range(4):
        programme = ProgrammeFactory()
        MembershipFactory(programme=programme, user=user, sector=Sector.CCI)
        _answer_checklist(programme, user, technology=1, mindset=5)
        ModuleFactory(programme=programme, title=f"Hands-on {n}")
        programmes.append(programme)

    one, _first_steps = _next_steps_queries(user.pk, programmes[:1])
    four, all_steps = _next_steps_queries(user.pk, programmes)

    assert (one, four) == (4, 4)
    assert [s.title for s in all_steps] == [f"Training: Hands-on {n}" for n in range(4)]
