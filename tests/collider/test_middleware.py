"""A NUL byte anywhere in a request is refused with a 400 and a message, never a 500."""

import pytest
from django.urls import reverse

from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

MESSAGE = "The address or the form contained an invalid character (NUL)."


@pytest.fixture
def nul_urls(programme):
    slug = programme.slug
    return [
        "/registrations/abc%00def/",
        "/calendar/abc%00.ics",
        "/checklist/abc%00/",
        reverse("outreach:practice_list", args=[slug]) + "?q=%00",
        reverse("outreach:practice_list", args=[slug]) + "?%00=1",
        reverse("collider:event_list", args=[slug]) + "?kind=meet%00up",
        reverse("collider:event_list", args=[slug]) + "?show=past&show=%00",
        reverse("collider:network") + "?q=a%00b",
    ]


def test_nul_byte_in_path_or_query_answers_400_with_message(client, partner, nul_urls):
    client.force_login(partner)

    answers = [(url, client.get(url)) for url in nul_urls]

    assert [(url, r.status_code) for url, r in answers] == [(url, 400) for url in nul_urls]
    assert all(MESSAGE in r.content.decode() for _, r in answers)


def test_nul_byte_in_posted_form_field_answers_400_and_changes_nothing(client):
    registration = RegistrationFactory(user=None)
    url = reverse("collider:registration_manage", args=[registration.token])

    response = client.post(url, {"action": "cancel", "note": "x\x00y"})

    registration.refresh_from_db()
    assert (response.status_code, MESSAGE in response.content.decode()) == (400, True)
    assert registration.status == "confirmed"


def test_clean_request_passes_the_nul_guard(client, programme):
    response = client.get(reverse("outreach:practice_list", args=[programme.slug]) + "?q=ux")

    assert response.status_code == 200
