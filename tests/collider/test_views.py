"""Views of the programme core: forms in, services called, the right page out."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from collider.enums import (
    EventKind,
    MembershipStatus,
    RegistrationMode,
    RegistrationStatus,
    Role,
    Sector,
)
from collider.models import Membership, OrganisationMember, Registration
from tests.factories import (
    EventFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
    member,
)
from tests.icalcheck import parse_ics

pytestmark = pytest.mark.django_db

MOTIVATION = "We design products and want to work with a machine builder."


def event_form_data(**overrides) -> dict:
    data = {
        "title": "Design sprint",
        "kind": EventKind.OTHER,
        "phase": "",
        "description": "",
        "format": "on_site",
        "venue": "Creative Hub",
        "address": "",
        "online_url": "",
        "timezone": "Europe/Vienna",
        "starts_at": "2027-03-10T10:00",
        "ends_at": "2027-03-10T12:00",
        "capacity": "",
        "registration_mode": RegistrationMode.MEMBERS,
        "registration_closes_at": "",
    }
    return {**data, **overrides}


# --- Applying and deciding ---------------------------------------------------------------------


@pytest.mark.rendered
def test_programme_apply_invalid_input_shows_field_errors(client, programme):
    client.force_login(UserFactory())

    response = client.post(
        reverse("collider:programme_apply", args=[programme.slug]), {"motivation": "Too short"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "sector": ["This field is required."],
        "motivation": ["Ensure this value has at least 20 characters (it has 9)."],
    }
    assert "Ensure this value has at least 20 characters (it has 9)." in response.content.decode()
    assert Membership.objects.filter(programme=programme, role=Role.PARTICIPANT).count() == 0


def test_programme_apply_post_creates_an_application(
    client, programme, partner, django_capture_on_commit_callbacks
):
    applicant = UserFactory()
    client.force_login(applicant)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collider:programme_apply", args=[programme.slug]),
            {"sector": Sector.AVM, "motivation": MOTIVATION},
        )

    membership = Membership.objects.get(programme=programme, user=applicant)
    assert response.url == programme.get_absolute_url()
    assert (membership.role, membership.sector, membership.status, membership.motivation) == (
        Role.PARTICIPANT,
        Sector.AVM,
        MembershipStatus.APPLIED,
        MOTIVATION,
    )
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [applicant.email, partner.email]
    )


def test_programme_apply_with_a_new_organisation_creates_it(client, programme):
    applicant = UserFactory()
    client.force_login(applicant)

    client.post(
        reverse("collider:programme_apply", args=[programme.slug]),
        {
            "sector": Sector.CCI,
            "motivation": MOTIVATION,
            "new_organisation_name": "Studio Nova",
            "new_organisation_kind": "cci_company",
            "new_organisation_country": "SI",
        },
    )

    membership = Membership.objects.select_related("organisation").get(user=applicant)
    assert (membership.organisation.name, membership.organisation.country.code) == (
        "Studio Nova",
        "SI",
    )
    assert list(
        OrganisationMember.objects.filter(organisation=membership.organisation).values_list(
            "user", "role"
        )
    ) == [(applicant.pk, "admin")]


@pytest.mark.rendered
def test_programme_apply_when_already_applied_redirects_without_a_second_application(
    client, programme
):
    applicant = UserFactory()
    MembershipFactory(programme=programme, user=applicant, status=MembershipStatus.APPLIED)
    client.force_login(applicant)

    response = client.post(
        reverse("collider:programme_apply", args=[programme.slug]),
        {"sector": Sector.CCI, "motivation": MOTIVATION},
        follow=True,
    )

    assert response.redirect_chain == [(programme.get_absolute_url(), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "You have already applied to this programme."
    ]
    assert Membership.objects.filter(programme=programme, user=applicant).count() == 1


def test_membership_approve_post_by_partner_approves_and_emails(
    client, programme, partner, django_capture_on_commit_callbacks
):
    application = MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
    client.force_login(partner)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collider:membership_approve", args=[programme.slug, application.pk]),
            {"note": "Welcome aboard"},
        )

    application.refresh_from_db()
    assert response.url == reverse("collider:programme_manage", args=[programme.slug])
    assert (application.status, application.decided_by, application.decision_note) == (
        MembershipStatus.APPROVED,
        partner,
        "Welcome aboard",
    )
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        (application.user.email, f"[Collider] Welcome to {programme.name}")
    ]


def test_membership_approve_post_by_participant_is_forbidden(client, programme, cci):
    application = MembershipFactory(programme=programme, status=MembershipStatus.APPLIED)
    client.force_login(cci)

    response = client.post(
        reverse("collider:membership_approve", args=[programme.slug, application.pk])
    )

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.status == MembershipStatus.APPLIED


@pytest.mark.rendered
def test_membership_decide_twice_shows_an_error(client, programme, partner):
    application = MembershipFactory(programme=programme, status=MembershipStatus.REJECTED)
    client.force_login(partner)

    response = client.post(
        reverse("collider:membership_approve", args=[programme.slug, application.pk])
    )

    application.refresh_from_db()
    assert (response.status_code, response.context["form"].non_field_errors()) == (
        400,
        ["Only open applications can be decided."],
    )
    assert application.status == MembershipStatus.REJECTED


# --- Guest registration ------------------------------------------------------------------------


def guest_data(**overrides) -> dict:
    data = {
        "name": "Gina Guest",
        "email": "Gina@Example.org",
        "organisation_name": "Gina Studio",
        "sector": Sector.CCI,
        "consent": "on",
    }
    return {**data, **overrides}


def test_event_register_guest_lands_on_their_registration_page(
    client, programme, django_capture_on_commit_callbacks
):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    url = reverse("collider:event_register", args=[programme.slug, event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, guest_data(), follow=True)

    registration = Registration.objects.get(event=event)
    manage_url = reverse("collider:registration_manage", args=[registration.token])
    assert response.redirect_chain == [(manage_url, 302)]
    assert (registration.user, registration.email, registration.status) == (
        None,
        "gina@example.org",
        RegistrationStatus.CONFIRMED,
    )
    assert '<strong id="registration-status">Confirmed</strong>' in response.content.decode()
    assert [(m.to[0], m.subject) for m in mail.outbox] == [
        ("gina@example.org", f"[Collider] You are registered: {event.title}")
    ]


def test_event_register_guest_at_capacity_sees_waitlist_position(client, programme):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC, capacity=1)
    RegistrationFactory(event=event)
    url = reverse("collider:event_register", args=[programme.slug, event.pk])

    response = client.post(url, guest_data(), follow=True)

    assert Registration.objects.get(email="gina@example.org").status == (
        RegistrationStatus.WAITLISTED
    )
    assert (
        '<strong id="registration-status">number 1 on the waitlist</strong>'
        in response.content.decode()
    )


@pytest.mark.rendered
def test_event_register_guest_without_consent_is_refused(client, programme):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    url = reverse("collider:event_register", args=[programme.slug, event.pk])

    response = client.post(url, guest_data(consent=""))

    assert response.status_code == 400
    assert response.context["form"].errors == {"consent": ["This field is required."]}
    assert "This field is required." in response.content.decode()
    assert event.registrations.count() == 0


@pytest.mark.rendered
def test_event_register_guest_twice_shows_the_duplicate_error(client, programme):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    url = reverse("collider:event_register", args=[programme.slug, event.pk])
    client.post(url, guest_data())

    response = client.post(url, guest_data())

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "gina@example.org is already registered for this event."
    ]
    assert event.registrations.count() == 1


def test_registration_manage_post_cancels_the_guest_registration(client, programme):
    event = EventFactory(programme=programme, registration_mode=RegistrationMode.PUBLIC)
    registration = RegistrationFactory(event=event, user=None)
    url = reverse("collider:registration_manage", args=[registration.token])

    response = client.post(url, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED
    assert '<strong id="registration-status">Cancelled</strong>' in response.content.decode()


def test_event_register_member_registers_with_one_click(client, programme, cci):
    event = EventFactory(programme=programme)
    client.force_login(cci)

    response = client.post(reverse("collider:event_register", args=[programme.slug, event.pk]))

    assert response.url == event.get_absolute_url()
    assert list(event.registrations.values_list("user", "status")) == [
        (cci.pk, RegistrationStatus.CONFIRMED)
    ]


# --- Creating events ---------------------------------------------------------------------------


@pytest.mark.rendered
def test_event_create_ending_before_it_starts_is_refused(client, programme, partner):
    client.force_login(partner)

    response = client.post(
        reverse("collider:event_create", args=[programme.slug]),
        event_form_data(starts_at="2027-03-10T12:00", ends_at="2027-03-10T10:00"),
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {"ends_at": ["The event must end after it starts."]}
    assert "The event must end after it starts." in response.content.decode()
    assert programme.events.count() == 0


@pytest.mark.rendered
def test_event_create_refuses_kinds_made_in_their_own_app(client, programme, partner):
    client.force_login(partner)
    url = reverse("collider:event_create", args=[programme.slug])

    offered = [value for value, _ in client.get(url).context["form"].fields["kind"].choices]
    response = client.post(url, event_form_data(kind=EventKind.TRAINING_SESSION))

    assert EventKind.TRAINING_SESSION not in offered
    assert EventKind.COMPANY_VISIT not in offered
    assert EventKind.OTHER in offered
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["kind"]
    assert programme.events.count() == 0


def test_event_create_reads_times_in_the_event_time_zone(client, programme, partner):
    client.force_login(partner)

    response = client.post(
        reverse("collider:event_create", args=[programme.slug]),
        event_form_data(timezone="America/New_York"),
    )

    event = programme.events.get()
    assert response.url == event.get_absolute_url()
    assert (event.starts_at, event.ends_at) == (
        datetime(2027, 3, 10, 15, 0, tzinfo=UTC),
        datetime(2027, 3, 10, 17, 0, tzinfo=UTC),
    )
    assert (event.timezone, event.created_by) == ("America/New_York", partner)


@pytest.mark.rendered
def test_event_edit_shows_times_in_the_event_time_zone(client, programme, partner):
    event = EventFactory(
        programme=programme,
        timezone="America/New_York",
        starts_at=datetime(2027, 3, 10, 15, 0, tzinfo=UTC),
        ends_at=datetime(2027, 3, 10, 17, 0, tzinfo=UTC),
    )
    client.force_login(partner)

    response = client.get(reverse("collider:event_edit", args=[programme.slug, event.pk]))

    form = response.context["form"]
    assert (form["starts_at"].value(), form["ends_at"].value()) == (
        datetime(2027, 3, 10, 10, 0),
        datetime(2027, 3, 10, 12, 0),
    )
    assert 'value="2027-03-10T10:00"' in response.content.decode()


def test_event_edit_saving_unchanged_form_keeps_the_instant(client, programme, partner):
    start = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)
    event = EventFactory(
        programme=programme,
        timezone="America/New_York",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    client.force_login(partner)

    client.post(
        reverse("collider:event_edit", args=[programme.slug, event.pk]),
        event_form_data(title=event.title, timezone="America/New_York"),
    )

    event.refresh_from_db()
    assert (event.starts_at, event.sequence) == (start, 1)


# --- Calendar feed -----------------------------------------------------------------------------


def test_calendar_feed_with_an_unknown_token_is_not_found(client, cci):
    response = client.get(reverse("collider:calendar_feed", args=["not-a-token"]))

    assert response.status_code == 404
    assert b"VCALENDAR" not in response.content


def test_calendar_feed_lists_the_events_the_user_registered_for(client, programme, cci):
    mine = EventFactory(programme=programme, title="Pitch training")
    waiting = EventFactory(programme=programme, title="Company visit")
    dropped = EventFactory(programme=programme, title="Info day")
    EventFactory(programme=programme, title="Not registered")
    RegistrationFactory(event=mine, user=cci)
    RegistrationFactory(event=waiting, user=cci, status=RegistrationStatus.WAITLISTED)
    RegistrationFactory(event=dropped, user=cci, status=RegistrationStatus.CANCELLED)

    response = client.get(reverse("collider:calendar_feed", args=[cci.calendar_token]))

    calendar = parse_ics(response.content)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert sorted(str(item["SUMMARY"]) for item in calendar.walk("VEVENT")) == [
        "Company visit",
        "Pitch training",
    ]


def test_calendar_token_reset_makes_the_old_feed_url_stop_working(client, cci):
    old_url = reverse("collider:calendar_feed", args=[cci.calendar_token])
    client.force_login(cci)

    client.post(reverse("collider:calendar_token_reset"))

    cci.refresh_from_db()
    assert client.get(old_url).status_code == 404
    new_feed = client.get(reverse("collider:calendar_feed", args=[cci.calendar_token]))
    assert new_feed.content.startswith(b"BEGIN:VCALENDAR")


# --- Attendance --------------------------------------------------------------------------------


@pytest.mark.rendered
def test_event_attendance_post_marks_ticked_people_present_and_others_absent(
    client, programme, partner
):
    event = EventFactory(programme=programme, starts_at=timezone.now() - timedelta(hours=1))
    came, missed = RegistrationFactory(event=event), RegistrationFactory(event=event)
    client.force_login(partner)
    url = reverse("collider:event_attendance", args=[programme.slug, event.pk])

    response = client.post(url, {"present": [str(came.pk)]}, follow=True)

    assert response.redirect_chain == [(url, 302)]
    assert dict(event.registrations.values_list("pk", "attended")) == {
        came.pk: True,
        missed.pk: False,
    }
    assert [str(m) for m in response.context["messages"]] == ["Attendance saved (2 changed)."]


def test_event_attendance_before_the_start_offers_no_marking_and_refuses_a_post(
    client, programme, partner
):
    event = EventFactory(programme=programme)
    registration = RegistrationFactory(event=event)
    client.force_login(partner)
    url = reverse("collider:event_attendance", args=[programme.slug, event.pk])

    page = client.get(url).content.decode()
    response = client.post(url, {"present": [str(registration.pk)]})

    registration.refresh_from_db()
    assert (
        'id="attendance-not-yet"' in page,
        'name="present"' in page,
        "Save attendance" in page,
    ) == (True, False, False)
    assert (response.status_code, registration.attended) == (400, None)


def test_event_attendance_post_with_garbage_ids_is_refused(client, programme, partner):
    event = EventFactory(programme=programme, starts_at=timezone.now() - timedelta(hours=1))
    registration = RegistrationFactory(event=event)
    client.force_login(partner)

    response = client.post(
        reverse("collider:event_attendance", args=[programme.slug, event.pk]),
        {"present": ["x"]},
    )

    registration.refresh_from_db()
    assert response.status_code == 400
    assert registration.attended is None


def test_event_attendance_by_participant_is_forbidden(client, programme, cci):
    event = EventFactory(programme=programme)
    registration = RegistrationFactory(event=event)
    client.force_login(cci)

    response = client.post(
        reverse("collider:event_attendance", args=[programme.slug, event.pk]),
        {"present": [str(registration.pk)]},
    )

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.attended is None


def test_event_detail_of_a_members_event_sends_anonymous_visitors_to_login(client, programme):
    event = EventFactory(programme=programme)

    response = client.get(event.get_absolute_url())

    assert response.url == f"{reverse('account_login')}?next={event.get_absolute_url()}"


def test_event_register_by_member_of_another_programme_is_not_found(
    client, programme, other_programme
):
    event = EventFactory(programme=programme)
    client.force_login(member(other_programme))

    response = client.post(reverse("collider:event_register", args=[programme.slug, event.pk]))

    assert response.status_code == 404
    assert event.registrations.count() == 0


def test_participants_never_see_partner_meetings_staff_do(client, programme):
    meeting = EventFactory(
        programme=programme,
        kind=EventKind.PARTNER_MEETING,
        title="Tandem jour fixe",
        registration_mode=RegistrationMode.INVITE_ONLY,
    )
    pages = [
        reverse("collider:programme_detail", args=[programme.slug]),
        reverse("collider:event_list", args=[programme.slug]),
    ]

    seen = {}
    for role in (Role.PARTICIPANT, Role.EXPERT, Role.FACILITATOR):
        client.force_login(member(programme, role))
        listed = ["Tandem jour fixe" in client.get(page).text for page in pages]
        seen[role] = (listed, client.get(meeting.get_absolute_url()).status_code)

    assert seen == {
        Role.PARTICIPANT: ([False, False], 404),
        Role.EXPERT: ([True, True], 200),
        Role.FACILITATOR: ([True, True], 200),
    }
