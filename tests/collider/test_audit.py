"""The audit trail names who changed what during a request, and from where, without a signal
receiver connected per request (collider.audit.AuditlogMiddleware)."""

import pytest
from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from django.contrib.auth.models import AnonymousUser
from django.db.models.signals import pre_save
from django.http import HttpResponse
from django.test import RequestFactory

from collider.audit import AuditlogMiddleware
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request(user, **headers):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7", **headers)
    request.user = user
    return request


def _entries(programme):
    return list(LogEntry.objects.get_for_object(programme).order_by("pk"))


def test_a_change_during_a_request_names_the_signed_in_person_and_their_address():
    programme, person = ProgrammeFactory(), UserFactory()
    receivers, before = len(pre_save.receivers), auditlog_value.get(None)
    seen_during = []

    def view(request):
        seen_during.append(len(pre_save.receivers))
        programme.name = "Renamed in a request"
        programme.save()
        return HttpResponse()

    AuditlogMiddleware(view)(_request(person, HTTP_X_FORWARDED_PORT="8443"))

    entry = _entries(programme)[-1]
    assert entry.changes_dict["name"][1] == "Renamed in a request"
    assert (entry.actor, entry.actor_email) == (person, person.email)
    assert (entry.remote_addr, entry.remote_port) == ("198.51.100.7", 8443)
    # No receiver was connected for the request, and its context ended with it (auditlog's own
    # set_actor, used by services, leaves its context behind).
    assert seen_during == [receivers] and len(pre_save.receivers) == receivers
    assert auditlog_value.get(None) is before


def test_a_service_naming_its_actor_inside_a_request_is_recorded_with_that_actor():
    programme, person, named = ProgrammeFactory(), UserFactory(), UserFactory()

    def view(request):
        with set_actor(named):
            programme.name = "Renamed by a service"
            programme.save()
        return HttpResponse()

    AuditlogMiddleware(view)(_request(person))

    assert _entries(programme)[-1].actor == named


def test_an_anonymous_request_and_a_change_outside_any_request_name_no_one():
    programme = ProgrammeFactory()

    def view(request):
        programme.name = "Renamed anonymously"
        programme.save()
        return HttpResponse()

    AuditlogMiddleware(view)(_request(AnonymousUser()))
    programme.name = "Renamed by a task"
    programme.save()

    anonymous, task = _entries(programme)[-2:]
    assert (anonymous.actor, anonymous.remote_addr) == (None, "198.51.100.7")
    assert (task.actor, task.remote_addr) == (None, None)
