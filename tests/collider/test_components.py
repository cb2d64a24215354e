"""The design system's components (templates/components/) render what they promise."""

import re

import pytest
from django.template.loader import render_to_string


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize(
    ("score", "word"),
    [
        (0.967, "Excellent fit"),
        (0.72, "Strong fit"),
        (0.5, "Good fit"),
        (0.31, "Some fit"),
        (0.1, "Weak fit"),
    ],
)
def test_score_reads_as_a_word_and_a_bar_never_a_decimal(score, word):
    html = render_to_string("components/score.html", {"score": score})

    assert (_text(html), str(score) in html, 'class="score-meter"' in html) == (word, False, True)


def test_stat_tile_groups_thousands_and_shows_the_target():
    html = render_to_string(
        "components/stat_tile.html",
        {"label": "Visitors", "value": 12500, "target": 20000, "progress": 62},
    )

    assert _text(html) == "Visitors 12,500 of 20,000 62 %"


def test_empty_state_says_what_is_missing_and_offers_the_action():
    html = render_to_string(
        "components/empty_state.html",
        {"text": "No events yet.", "action_url": "/new/", "action": "Create one"},
    )

    assert (_text(html), 'href="/new/"' in html) == ("No events yet. Create one", True)
