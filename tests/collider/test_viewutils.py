"""The one form/POST helper: a service's refusal is a message next to the field and a 4xx."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from collider.viewutils import act, posted_pk, submit

TEMPLATE = "collider/submission_pending.html"  # any page will do: the form is checked directly


class NameForm(forms.Form):
    name = forms.CharField()


def _post(data):
    request = RequestFactory().post("/somewhere/", data)
    request.user = AnonymousUser()
    request.session = {}
    request._messages = CookieStorage(request)
    return request


def _refuse(error):
    def perform(data):
        raise error

    return perform


def test_submit_puts_a_field_refusal_next_to_its_field_with_400():
    form = NameForm({"name": "Ada"})

    response = submit(
        _post({"name": "Ada"}),
        form,
        _refuse(ValidationError({"name": "Taken.", "other": "Elsewhere."})),
        HttpResponse,
        template=TEMPLATE,
    )

    assert response.status_code == 400
    assert form.errors == {"name": ["Taken."], "__all__": ["Elsewhere."]}


def test_submit_answers_a_permission_refusal_with_403_and_its_message():
    form = NameForm({"name": "Ada"})

    response = submit(
        _post({"name": "Ada"}),
        form,
        _refuse(PermissionDenied("Only partners.")),
        HttpResponse,
        template=TEMPLATE,
    )

    assert (response.status_code, form.non_field_errors()) == (403, ["Only partners."])


def test_submit_returns_the_success_answer_with_the_service_result():
    response = submit(
        _post({"name": "Ada"}),
        NameForm({"name": "Ada"}),
        lambda data: data["name"].upper(),
        HttpResponse,
        template=TEMPLATE,
    )

    assert (response.status_code, response.content) == (200, b"ADA")


def test_submit_does_not_call_the_service_for_an_invalid_form():
    called = []

    response = submit(_post({}), NameForm({}), called.append, HttpResponse, template=TEMPLATE)

    assert (response.status_code, called) == (400, [])


def test_act_turns_a_refusal_into_a_message_and_the_same_redirect():
    request = _post({})

    def refuse():
        raise ValidationError("Already done.")

    response = act(request, refuse, done="Done.", to="/back/")

    said = [str(message) for message in request._messages]
    assert (response.status_code, response["Location"], said) == (302, "/back/", ["Already done."])


@pytest.mark.parametrize("junk", ["", "1e3", "٣", "-1", "abc"])
def test_posted_pk_refuses_anything_but_a_whole_number_with_404(junk):
    with pytest.raises(Http404):
        posted_pk(_post({"criterion": junk}), "criterion")
