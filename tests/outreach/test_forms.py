"""The library's filters say what their empty choice means."""

from outreach.forms import PracticeFilter
from outreach.models import Practice


def test_practice_filters_offer_all_not_dashes(db):
    form = PracticeFilter(data={}, queryset=Practice.objects.none()).form

    assert [dict(form.fields[name].choices)[""] for name in ("kind", "level", "sector")] == [
        "All kinds",
        "All levels",
        "All sectors",
    ]
