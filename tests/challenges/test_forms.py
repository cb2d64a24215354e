from __future__ import annotations

import re

import pytest
from django.urls import reverse

from challenges.enums import IPStance
from challenges.forms import ChallengeForm
from challenges.inputs import TEMPLATE_FIELDS
from challenges.models import Challenge, CompetenceTag
from collider.enums import Role, Sector
from collider.registry import competence_vocabulary
from tests.factories import member
from tests.matchmaking.factories import terms

from .factories import ChallengeFactory

pytestmark = pytest.mark.django_db


def _template(**extra) -> dict:
    """A complete challenge template as posted."""
    data = {name: f"Our {name}." for name in TEMPLATE_FIELDS if "budget" not in name}
    return {**data, "ip_stance": IPStance.LICENCE, "budget_min": "5000", **extra}


def test_vocabulary_is_the_programmes_taxonomy_only(programme, other_programme):
    terms(programme, "UX", "robotics", "additive manufacturing")
    terms(other_programme, "ceramics")

    assert competence_vocabulary(programme) == ["additive manufacturing", "robotics", "UX"]


def test_challenge_create_view_takes_terms_and_extras(client, programme):
    terms(programme, "UX", "robotics", "sensors")
    owner = member(programme, Role.PARTICIPANT, Sector.AVM)
    client.force_login(owner)

    response = client.post(
        reverse("challenges:challenge_create", args=[programme.slug]),
        _template(
            title="Cobot zones you can hear",
            competence_terms=["UX", "sensors"],
            # An extra that is a term counts as the term; the rest stays free text.
            competences="acoustics, ux, Sound design",
        ),
    )

    challenge = Challenge.objects.get(title="Cobot zones you can hear")
    assert response.status_code == 302
    assert sorted((t.name for t in challenge.required_competences.all()), key=str.lower) == [
        "acoustics",
        "sensors",
        "Sound design",
        "UX",
    ]


def test_challenge_create_view_page_offers_the_terms_as_checkboxes(client, programme):
    terms(programme, "UX", "robotics")
    client.force_login(member(programme, Role.PARTICIPANT, Sector.AVM))

    page = client.get(reverse("challenges:challenge_create", args=[programme.slug]))

    text = page.content.decode()
    boxes = re.findall(r'<input[^>]*name="competence_terms" value="([^"]+)"', text)
    assert boxes == ["robotics", "UX"]
    assert "Other competences" in text


def test_challenge_form_refuses_a_term_of_another_programme(programme, other_programme):
    terms(other_programme, "ceramics")
    form = ChallengeForm(
        _template(competence_terms=["ceramics"]),
        vocabulary=competence_vocabulary(programme),
    )

    assert not form.is_valid()
    assert list(form.errors) == ["competence_terms"]


def test_challenge_form_splits_saved_competences_into_terms_and_extras(programme):
    terms(programme, "UX", "robotics")
    challenge = ChallengeFactory(programme=programme)

    challenge.required_competences.set(
        [CompetenceTag.objects.get_or_create(name=n)[0] for n in ("ux", "acoustics")]
    )

    form = ChallengeForm(instance=challenge, vocabulary=competence_vocabulary(programme))

    assert (form.initial["competence_terms"], form.initial["competences"]) == (["UX"], "acoustics")
