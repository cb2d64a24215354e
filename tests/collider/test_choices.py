from django.utils import translation

from collider.enums import EventKind
from collider.models import Event
from tests.factories import EventFactory


def test_get_display_follows_the_active_language():
    event = Event(kind=EventKind.INFO_DAY)

    with translation.override("en"):
        english = event.get_kind_display()
    with translation.override("de"):
        german = event.get_kind_display()
    with translation.override("en"):
        english_again = event.get_kind_display()

    assert (english, english_again) == ("Info day", "Info day")
    with translation.override("de"):
        assert german == str(EventKind.INFO_DAY.label)
    assert german != english


def test_get_display_of_a_value_outside_the_choices_is_the_value():
    assert Event(kind="gone").get_kind_display() == "gone"


def test_get_display_matches_django_for_every_choice(db):
    event = EventFactory()

    labels = []
    for kind in EventKind:
        event.kind = kind
        labels.append(event.get_kind_display())

    assert labels == [str(kind.label) for kind in EventKind]
