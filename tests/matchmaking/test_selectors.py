from __future__ import annotations

import numpy as np
import pytest

from collider.enums import Role, Sector
from matchmaking import recommend, selectors, services
from matchmaking.enums import PickKind
from tests.factories import member

from .factories import profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(programme):
    return member(programme, Role.PARTNER)


def test_recommendations_rank_by_complementarity_and_explain(programme):
    company = profile(
        programme, "product design", "UX", "robotics", sector=Sector.AVM, languages="de"
    )
    strong = profile(programme, "product design", "UX", languages="de")
    weak = profile(programme, "UX", languages="sl")
    profile(programme, "crafts")  # nothing in common: never suggested

    found = selectors.recommendations(programme=programme, company=company)

    name = company.user.display_name
    assert [(s.profile, s.explanation) for s in found] == [
        (
            strong,
            f"offers UX and product design, which {name} needs; 2 of 3 needs covered; "
            "shares a working language",
        ),
        (weak, f"offers UX, which {name} needs; 1 of 3 needs covered"),
    ]


def test_facilitator_pick_lifts_and_veto_removes(programme, partner):
    company = profile(programme, "UX", "robotics", sector=Sector.AVM)
    first = profile(programme, "UX", "robotics")
    second = profile(programme, "UX")
    services.pick_set(actor=partner, company=company, candidate=second, kind=PickKind.PICK)
    services.pick_set(actor=partner, company=company, candidate=first, kind=PickKind.VETO)

    found = selectors.recommendations(programme=programme, company=company)

    assert [(s.profile, s.picked) for s in found] == [(second, True)]


def test_companies_for_a_cci(programme):
    cci = profile(programme, "video and media")
    wanted = profile(programme, "video and media", "CNC machining", sector=Sector.AVM)
    profile(programme, "robotics", sector=Sector.AVM)

    found = selectors.recommendations(programme=programme, candidate=cci)

    assert [s.profile for s in found] == [wanted]


def test_top_k_returns_best_first_and_skips_zero_scores():
    scores = np.array([[0.2, 0.0], [0.9, 0.0], [0.5, 0.3]], dtype=np.float32)

    index, best = recommend.top_k(scores, 2, axis=0)

    assert (index.tolist(), (best * 10).round().astype(int).tolist()) == (
        [[1, 2], [2, -1]],
        [[9, 5], [3, 0]],
    )
