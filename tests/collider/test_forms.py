"""Forms validate input only; the event form reads wall-clock times in the event's zone."""

from datetime import UTC, datetime

import pytest
from django.utils import timezone

from collider.enums import EventKind, RegistrationMode, Sector
from collider.forms import ApplicationForm, EventForm, GuestRegistrationForm
from tests.factories import EventFactory, OrganisationFactory, UserFactory


def event_data(**overrides) -> dict:
    data = {
        "title": "Design sprint",
        "kind": EventKind.OTHER,
        "format": "on_site",
        "venue": "Creative Hub",
        "timezone": "America/New_York",
        "starts_at": "2027-03-10T10:00",
        "ends_at": "2027-03-10T12:00",
        "registration_mode": RegistrationMode.MEMBERS,
    }
    return {**data, **overrides}


@pytest.mark.parametrize("active_zone", ["Europe/Vienna", "Asia/Tokyo", "UTC"])
def test_event_form_reads_times_in_the_event_zone_whatever_zone_is_active(active_zone):
    form = EventForm(event_data(registration_closes_at="2027-03-09T18:00"))

    with timezone.override(active_zone):
        assert form.is_valid(), form.errors

    assert (
        form.cleaned_data["starts_at"],
        form.cleaned_data["ends_at"],
        form.cleaned_data["registration_closes_at"],
    ) == (
        datetime(2027, 3, 10, 15, 0, tzinfo=UTC),
        datetime(2027, 3, 10, 17, 0, tzinfo=UTC),
        datetime(2027, 3, 9, 23, 0, tzinfo=UTC),
    )


def test_event_form_reads_summer_time_after_the_clock_change():
    # New York moves to daylight saving time on 14 March 2027 (UTC-4 instead of UTC-5).
    form = EventForm(event_data(starts_at="2027-03-15T10:00", ends_at="2027-03-15T12:00"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_at"] == datetime(2027, 3, 15, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        (
            {"ends_at": "2027-03-10T10:00"},
            {"ends_at": ["The event must end after it starts."]},
        ),
        (
            {"registration_closes_at": "2027-03-10T11:00"},
            {"registration_closes_at": ["Registration must close before the start."]},
        ),
        (
            {"format": "online", "venue": ""},
            {"online_url": ["Online and hybrid events need a link."]},
        ),
        (
            {"format": "hybrid", "venue": ""},
            {
                "online_url": ["Online and hybrid events need a link."],
                "venue": ["On-site and hybrid events need a venue."],
            },
        ),
        (
            {"venue": ""},
            {"venue": ["On-site and hybrid events need a venue."]},
        ),
    ],
    ids=["ends-before-start", "closes-after-start", "online-no-link", "hybrid-empty", "no-venue"],
)
def test_event_form_refuses_inconsistent_events(overrides, errors):
    form = EventForm(event_data(**overrides))

    assert form.is_valid() is False
    assert form.errors == errors


@pytest.mark.django_db
def test_event_form_for_an_existing_event_shows_its_local_wall_clock_times():
    event = EventFactory(
        timezone="America/New_York",
        starts_at=datetime(2027, 7, 1, 13, 30, tzinfo=UTC),
        ends_at=datetime(2027, 7, 1, 15, 0, tzinfo=UTC),
    )

    form = EventForm(instance=event)

    assert (form.initial["starts_at"], form.initial["ends_at"]) == (
        datetime(2027, 7, 1, 9, 30),
        datetime(2027, 7, 1, 11, 0),
    )


@pytest.mark.django_db
def test_application_form_offers_only_the_applicants_organisations():
    applicant, stranger = UserFactory(), UserFactory()
    own = OrganisationFactory()
    own.members.add(applicant)
    foreign = OrganisationFactory()
    foreign.members.add(stranger)

    form = ApplicationForm(
        {"sector": Sector.CCI, "motivation": "x" * 30, "organisation": foreign.pk}, user=applicant
    )

    assert list(form.fields["organisation"].queryset) == [own]
    assert form.errors == {
        "organisation": ["Select a valid choice. That choice is not one of the available choices."]
    }


@pytest.mark.django_db
def test_application_form_refuses_an_organisation_and_a_new_one_together():
    applicant = UserFactory()
    own = OrganisationFactory()
    own.members.add(applicant)

    form = ApplicationForm(
        {
            "sector": Sector.CCI,
            "motivation": "x" * 30,
            "organisation": own.pk,
            "new_organisation_name": "Another studio",
            "new_organisation_kind": "cci_company",
            "new_organisation_country": "AT",
        },
        user=applicant,
    )

    assert form.errors == {
        "new_organisation_name": ["Choose an existing organisation or name a new one, not both."]
    }


@pytest.mark.django_db
def test_application_form_new_organisation_needs_kind_and_country():
    form = ApplicationForm(
        {"sector": Sector.AVM, "motivation": "x" * 30, "new_organisation_name": "Forge Ltd"},
        user=UserFactory(),
    )

    assert form.errors == {
        "new_organisation_kind": ["Needed for a new organisation."],
        "new_organisation_country": ["Needed for a new organisation."],
    }


@pytest.mark.django_db
def test_application_form_does_not_accept_intermediaries_as_participants():
    form = ApplicationForm(
        {"sector": Sector.INTERMEDIARY, "motivation": "x" * 30}, user=UserFactory()
    )

    assert form.errors == {
        "sector": ["Select a valid choice. intermediary is not one of the available choices."]
    }


def test_guest_registration_form_needs_consent_and_a_valid_address():
    form = GuestRegistrationForm({"name": "Gina", "email": "not-an-address", "sector": "cci"})

    assert form.errors == {
        "email": ["Enter a valid email address."],
        "consent": ["This field is required."],
    }
