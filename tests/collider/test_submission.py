"""Double submit (DESIGN §5, issue 13 items 11 and 22): a form sent twice is acted on once.

Every POST form carries a one-time ``submit_token`` (``collider.submission``); these tests send
a page's form exactly as the browser would, twice."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.db.models.signals import pre_save
from django.urls import reverse

from challenges.models import Question
from collider import submission
from collider.models import User
from outreach.models import Checklist
from tests.challenges.factories import open_challenge
from tests.forms import post_form

pytestmark = pytest.mark.django_db


def _form(client, page: str, action: str) -> dict[str, str]:
    response = client.get(page)
    assert response.status_code == 200
    return post_form(response.content, action, page)


def test_question_asked_twice_from_one_form_is_stored_once(client, programme, cci):
    challenge = open_challenge(programme)
    client.force_login(cci)
    action = reverse("challenges:question_ask", args=[programme.slug, challenge.pk])
    data = _form(client, challenge.get_absolute_url(), action) | {"body": "Which materials?"}

    first = client.post(action, data)
    second = client.post(action, data, follow=True)

    assert list(Question.objects.values_list("body", flat=True)) == ["Which materials?"]
    assert first["Location"] == challenge.get_absolute_url() + "#questions"
    assert second.redirect_chain[0] == (first["Location"], 302)
    assert "already been sent" in second.content.decode()


def test_checklist_created_twice_from_one_form_is_stored_once(client, programme, partner):
    client.force_login(partner)
    page = reverse("outreach:checklist_create", args=[programme.slug])
    data = _form(client, page, page) | {"title": "Readiness 2026", "sector": "cci"}

    first = client.post(page, data)
    second = client.post(page, data)

    checklist = Checklist.objects.get()
    assert (first.status_code, first["Location"]) == (302, checklist.get_absolute_url())
    assert (second.status_code, second["Location"]) == (302, checklist.get_absolute_url())


def test_refused_form_releases_its_token_for_the_corrected_one(client, programme, partner):
    client.force_login(partner)
    page = reverse("outreach:checklist_create", args=[programme.slug])
    data = _form(client, page, page) | {"sector": "cci"}

    refused = client.post(page, data | {"title": ""})
    corrected = client.post(page, data | {"title": "Readiness 2026"})

    assert refused.status_code == 400
    assert (corrected.status_code, Checklist.objects.get().title) == (302, "Readiness 2026")


def test_repeat_while_the_first_is_running_is_answered_409_and_not_run(
    client, programme, partner, monkeypatch
):
    monkeypatch.setattr(submission, "WAIT_SECONDS", 0.2)
    client.force_login(partner)
    page = reverse("outreach:checklist_create", args=[programme.slug])
    data = _form(client, page, page) | {"title": "Readiness 2026", "sector": "cci"}
    cache.add(f"submission:{page}:{data['submit_token']}", submission.PENDING)

    response = client.post(page, data)

    assert response.status_code == 409
    assert "already being sent" in response.content.decode()
    assert Checklist.objects.count() == 0


def test_each_rendering_of_a_form_gets_its_own_token(client, programme, partner):
    client.force_login(partner)
    page = reverse("outreach:checklist_create", args=[programme.slug])

    tokens = {_form(client, page, page)["submit_token"] for _ in range(3)}

    assert len(tokens) == 3


SIGNUP = {
    "email": "new.person@example.org",
    "password1": "a-long-Pass-phrase-42",
    "password2": "a-long-Pass-phrase-42",
    "first_name": "New",
    "last_name": "Person",
}


def test_sign_up_sent_twice_from_one_form_creates_one_account(client):
    page = reverse("account_signup")
    data = _form(client, page, page) | SIGNUP

    first = client.post(page, data)
    second = client.post(page, data)

    assert list(User.objects.values_list("email", flat=True)) == [SIGNUP["email"]]
    assert EmailAddress.objects.filter(email=SIGNUP["email"]).count() == 1
    assert (first.status_code, second.status_code) == (302, 302)
    assert second["Location"] == first["Location"]


def test_sign_up_losing_the_race_for_its_address_answers_like_an_existing_account(client):
    """Two tabs sign the same address up at once: the other request inserts the user after
    this one checked the address and before it saves (simulated with ``pre_save``)."""
    page = reverse("account_signup")

    raced = []

    def other_request_wins(sender, instance, **kwargs):
        if instance.pk is None and not raced:
            raced.append(instance.email)
            User.objects.create_user(instance.email, "another-Pass-phrase-7")

    pre_save.connect(other_request_wins, sender=User, dispatch_uid="signup-race")
    try:
        response = client.post(page, SIGNUP)
    finally:
        pre_save.disconnect(dispatch_uid="signup-race", sender=User)

    assert (response.status_code, response["Location"]) == (
        302,
        reverse("account_email_verification_sent"),
    )
    # The simulated winner inserted inside this request's savepoint, so it is undone with it;
    # what matters is that the loser neither failed nor left a second account.
    assert raced == [SIGNUP["email"]]
    assert User.objects.filter(email=SIGNUP["email"]).count() <= 1
