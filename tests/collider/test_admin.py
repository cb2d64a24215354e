"""The Django admin is for looking and repairs: it never edits what services write."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from collider.admin import ReadOnlyAdmin
from collider.enums import Role
from collider.models import Event, Invitation, Membership, Organisation, Reminder, User
from tests.factories import (
    EventFactory,
    InvitationFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

#: Our models the admin may still edit: no service owns their updates (people and
#: organisations are repaired here), and the outbox's rows only get "retry" (a service).
EDITABLE = {User, Organisation, Reminder}
OUR_APPS = {"collider", "tandems", "outreach", "training", "challenges", "matchmaking", "followup"}


@pytest.fixture
def staff(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_every_admin_of_a_service_written_model_is_read_only(rf):
    request = rf.get("/admin/")
    request.user = UserFactory.build(is_staff=True, is_superuser=True)
    editable = sorted(
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in OUR_APPS
        and model not in EDITABLE
        and (
            not isinstance(model_admin, ReadOnlyAdmin)
            or model_admin.has_add_permission(request)
            or model_admin.has_change_permission(request)
            or model_admin.has_delete_permission(request)
        )
    )
    assert editable == []


def test_event_change_post_in_the_admin_changes_nothing(staff, programme):
    starts = timezone.now() + timedelta(days=10)
    event = EventFactory(programme=programme, starts_at=starts, ends_at=starts + timedelta(hours=2))
    registration = RegistrationFactory(event=event)
    before = (event.title, event.starts_at, event.capacity, event.sequence)

    response = staff.post(
        _change_url(event),
        {
            "title": "Moved without telling anyone",
            "starts_at_0": "2030-01-01",
            "starts_at_1": "10:00",
            "capacity": "1",
            "registrations-TOTAL_FORMS": "1",
            "registrations-INITIAL_FORMS": "1",
            "registrations-0-id": str(registration.pk),
            "registrations-0-attended": "on",
        },
    )

    event.refresh_from_db()
    registration.refresh_from_db()
    assert response.status_code == 403
    assert (event.title, event.starts_at, event.capacity, event.sequence) == before
    assert registration.attended is None


def test_membership_change_post_in_the_admin_changes_nothing(staff, programme):
    membership = MembershipFactory(programme=programme, role=Role.PARTICIPANT)

    response = staff.post(_change_url(membership), {"role": Role.PARTNER, "status": "approved"})

    membership.refresh_from_db()
    assert (response.status_code, membership.role) == (403, Role.PARTICIPANT)


def test_invitation_change_post_in_the_admin_changes_nothing(staff, programme):
    invitation = InvitationFactory(programme=programme, role=Role.EXPERT)

    response = staff.post(_change_url(invitation), {"role": Role.PARTNER, "email": "x@example.org"})

    invitation.refresh_from_db()
    assert (response.status_code, invitation.role) == (403, Role.EXPERT)


@pytest.mark.parametrize("model", [Event, Membership, Invitation])
def test_admin_add_is_forbidden_for_service_written_models(staff, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")

    shown, posted = staff.get(url), staff.post(url, {})

    assert (shown.status_code, posted.status_code, model.objects.count()) == (403, 403, 0)


def test_admin_event_page_shows_the_row_and_links_to_the_product_page(staff, programme):
    event = EventFactory(programme=programme, title="Kick-off")

    page = staff.get(_change_url(event)).content.decode()

    assert ("Kick-off" in page, f'<a href="{event.get_absolute_url()}">' in page) == (True, True)
    assert 'name="_save"' not in page
