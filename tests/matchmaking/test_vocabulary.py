from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from challenges.models import CompetenceTag
from collider.enums import Role, Sector
from matchmaking import selectors
from matchmaking.vocabulary import terms_named_in
from tests.challenges.factories import ChallengeFactory, open_challenge
from tests.factories import member

from .factories import profile, terms

pytestmark = pytest.mark.django_db

TAXONOMY = ["UX", "service design", "design", "robotics"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UX", ["UX"]),
        ("ux", ["UX"]),
        ("UX research", ["UX"]),
        ("Luxury goods", []),  # "ux" inside a word is no term
        ("Service design", ["service design"]),  # the longer term, not "design" as well
        ("design and robotics", ["design", "robotics"]),
        ("sound design, UX", ["design", "UX"]),
        ("acoustics", []),
    ],
)
def test_terms_named_in_matches_exactly_or_by_whole_word(text, expected):
    assert terms_named_in(text, TAXONOMY) == expected


def _tags(*names):
    return [CompetenceTag.objects.get_or_create(name=name)[0] for name in names]


def test_cci_for_challenge_finds_the_cci_whose_term_a_free_text_need_names(programme):
    challenge = open_challenge(programme, owner=member(programme, Role.PARTICIPANT, Sector.AVM))
    challenge.required_competences.set(_tags("UX research", "acoustics"))
    ux = profile(programme, "UX")
    profile(programme, "robotics")

    found = selectors.cci_for_challenge(programme=programme, challenge=challenge)

    assert [(s.profile, s.explanation) for s in found] == [
        (ux, f"offers UX, which “{challenge.title}” needs; 1 of 2 needs covered")
    ]


def test_migration_maps_free_text_competences_to_the_programmes_terms(programme, other_programme):
    terms(programme, "UX", "robotics")
    terms(other_programme, "sound")
    here = ChallengeFactory(programme=programme)
    here.required_competences.set(_tags("UX research", "Robotics", "acoustics"))
    elsewhere = ChallengeFactory(programme=other_programme)
    elsewhere.required_competences.set(_tags("UX research", "sound design"))
    untouched = ChallengeFactory(programme=programme)
    untouched.required_competences.set(_tags("acoustics"))
    migration = importlib.import_module(
        "matchmaking.migrations.0005_challenge_competences_from_terms"
    )

    migration.forwards(apps, None)

    def names(challenge):
        # Competence tags are shared and matched case-insensitively: "Robotics" is the term.
        return sorted(t.name.lower() for t in challenge.required_competences.all())

    assert names(here) == ["acoustics", "robotics", "ux"]
    assert names(elsewhere) == ["sound", "ux research"]
    assert names(untouched) == ["acoustics"]
