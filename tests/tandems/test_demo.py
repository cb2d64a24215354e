from django.core.management import call_command

from collider.demo import DEMO_SLUG
from collider.models import Event
from tandems.models import (
    CharterVersion,
    Contact,
    PartnerMeeting,
    PilotAction,
    TandemPartner,
    Task,
)


def _counts():
    return [
        TandemPartner.objects.count(),
        CharterVersion.objects.count(),
        Task.objects.count(),
        PartnerMeeting.objects.count(),
        Event.objects.filter(kind="partner_meeting").count(),
        Contact.objects.count(),
        PilotAction.objects.count(),
    ]


def test_demo_builder_is_realistic_and_idempotent(demo_loaded, tmp_path):
    first = _counts()
    with open(tmp_path / "out.txt", "w") as out:
        call_command("load_demo", stdout=out)

    assert first == _counts() == [2, 2, 8, 7, 7, 10, 3]
    published = PilotAction.objects.get(published=True, programme__slug=DEMO_SLUG)
    assert (published.title, published.stage) == ("CCI Factory Mentorship", "closed")
