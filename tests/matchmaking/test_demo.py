import io

import pytest
from django.core.management import call_command

from collider.demo import DEMO_SLUG
from collider.models import Programme
from matchmaking.models import MeetingRequest, Profile, ScheduleVersion

pytestmark = pytest.mark.django_db


def test_demo_builds_profiles_a_published_schedule_and_is_idempotent(demo_loaded):
    programme = Programme.objects.get(slug=DEMO_SLUG)
    counts = (
        Profile.objects.filter(programme=programme).count(),
        MeetingRequest.objects.filter(workshop__event__programme=programme).count(),
        ScheduleVersion.objects.filter(workshop__event__programme=programme).count(),
    )

    call_command("load_demo", stdout=io.StringIO())

    assert counts == (
        7,
        10,
        1,
    ) and counts == (
        Profile.objects.filter(programme=programme).count(),
        MeetingRequest.objects.filter(workshop__event__programme=programme).count(),
        ScheduleVersion.objects.filter(workshop__event__programme=programme).count(),
    )
