import io

import pytest
from django.core.management import call_command

from collider.demo import DEMO_SLUG
from outreach.models import (
    Brochure,
    Checklist,
    ChecklistResponse,
    InfoDayItem,
    MediaCommitment,
    Practice,
)

pytestmark = pytest.mark.django_db


def _counts():
    return tuple(
        model.objects.filter(**{lookup: DEMO_SLUG}).count()
        for model, lookup in (
            (Practice, "programme__slug"),
            (Checklist, "programme__slug"),
            (ChecklistResponse, "checklist__programme__slug"),
            (InfoDayItem, "event__programme__slug"),
            (Brochure, "programme__slug"),
            (MediaCommitment, "programme__slug"),
        )
    )


def test_demo_builder_is_idempotent(demo_loaded):
    first = _counts()

    call_command("load_demo", stdout=io.StringIO())

    assert (first, _counts()) == ((7, 1, 14, 5, 1, 5), (7, 1, 14, 5, 1, 5))
