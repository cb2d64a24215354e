import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from collider.demo import CCI, DEMO_SLUG, _slug_email
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


def test_demo_marketplace_shows_every_profile_with_requests_to_the_other_side(client, demo_loaded):
    programme = Programme.objects.get(slug=DEMO_SLUG)
    cci = Profile.objects.get(programme=programme, user__email=_slug_email(CCI[0][0]))
    client.force_login(cci.user)

    page = client.get(reverse("matchmaking:market", args=[programme.slug])).content.decode()

    companies = Profile.objects.filter(programme=programme, side="avm")
    assert "7 profiles" in page
    assert sorted(map(int, re.findall(r'name="recipient" value="(\d+)"', page))) == sorted(
        companies.values_list("pk", flat=True)
    )
    assert all(p.organisation.name in page for p in companies)
