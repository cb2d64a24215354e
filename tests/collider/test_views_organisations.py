"""Views of the programme wizard and of organisations managing their members."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from collider.enums import OrganisationRole, Role
from collider.models import Invitation, OrganisationInvitation, OrganisationMember, Programme
from tests.factories import OrganisationFactory, ProgrammeFactory, UserFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def create_data(**overrides) -> dict:
    data = {
        "name": "Alpine Collider",
        "slug": "",
        "tagline": "",
        "countries": ["AT", "SI"],
        "languages": ["en", "sl"],
        "timezone": "Europe/Ljubljana",
        "starts_on": "2027-02-01",
        "ends_on": "2028-01-31",
        "status": "draft",
        "contact_email": "",
    }
    data.update(overrides)
    return data


def test_dashboard_offers_new_programme_to_platform_admins_only(client, admin_client):
    page = admin_client.get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("collider:programme_create")}"' in page

    client.force_login(UserFactory())
    page = client.get(reverse("dashboard")).content.decode()
    assert "New programme" not in page


def test_wizard_step_one_creates_and_goes_on_to_the_phases(admin_client):
    response = admin_client.post(reverse("collider:programme_create"), create_data())

    programme = Programme.objects.get()
    assert response["Location"] == (
        reverse("collider:programme_phases", args=["alpine-collider"]) + "?setup=1"
    )
    assert (programme.timezone, programme.phases.count()) == ("Europe/Ljubljana", 6)
    page = admin_client.get(response["Location"]).content.decode()
    assert "Save and continue" in page
    assert 'aria-current="step">2. Phases' in page


@pytest.mark.rendered
def test_wizard_step_one_bad_input_is_a_400_with_messages(admin_client):
    Programme.objects.create(
        name="Old", slug="taken", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31)
    )

    response = admin_client.post(
        reverse("collider:programme_create"),
        create_data(name="", slug="taken", ends_on="2027-02-03"),
    )

    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors == {
        "name": ["This field is required."],
        "slug": ["This web address is taken. Choose another one."],
        "ends_on": ["A programme runs at least 6 days: one per phase."],
    }
    assert Programme.objects.filter(slug="alpine-collider").count() == 0


def test_wizard_phases_step_goes_on_to_the_partner_organisations(admin_client):
    admin_client.post(reverse("collider:programme_create"), create_data())
    programme = Programme.objects.get()
    url = reverse("collider:programme_phases", args=[programme.slug]) + "?setup=1"
    data = {"form-TOTAL_FORMS": "6", "form-INITIAL_FORMS": "6"}
    for index, phase in enumerate(programme.phases.order_by("id")):
        data |= {
            f"form-{index}-id": str(phase.pk),
            f"form-{index}-starts_on": phase.starts_on.isoformat(),
            f"form-{index}-ends_on": phase.ends_on.isoformat(),
            f"form-{index}-override": "auto",
        }
    data["form-0-ends_on"] = "2027-03-15"

    response = admin_client.post(url, data)

    assert response["Location"] == (
        reverse("collider:programme_partners", args=[programme.slug]) + "?setup=1"
    )
    assert programme.phases.order_by("id").first().ends_on == date(2027, 3, 15)


def test_partners_step_invites_for_a_new_organisation(
    admin_client, django_capture_on_commit_callbacks
):
    admin_client.post(reverse("collider:programme_create"), create_data())
    programme = Programme.objects.get()
    url = reverse("collider:programme_partners", args=[programme.slug]) + "?setup=1"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            url,
            {
                "organisation": "",
                "new_organisation_name": "Ljubljana Design Hub",
                "new_organisation_country": "SI",
                "new_organisation_kind": "cci_hub",
                "email": "maja@hub.example",
                "message": "",
            },
        )

    assert response["Location"] == url
    invitation = Invitation.objects.get()
    assert (invitation.organisation.name, invitation.role, invitation.email) == (
        "Ljubljana Design Hub",
        Role.PARTNER,
        "maja@hub.example",
    )
    assert [m.to for m in mail.outbox] == [["maja@hub.example"]]
    page = admin_client.get(url).content.decode()
    assert "Ljubljana Design Hub" in page
    assert "Finish setting up" in page


@pytest.mark.rendered
def test_partners_step_without_organisation_is_a_400(admin_client):
    admin_client.post(reverse("collider:programme_create"), create_data())
    programme = Programme.objects.get()

    response = admin_client.post(
        reverse("collider:programme_partners", args=[programme.slug]),
        {"organisation": "", "new_organisation_name": "", "email": "x@y.example"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "organisation": ["Choose an existing organisation or name a new one."]
    }
    assert Invitation.objects.count() == 0


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Studio Nord")


@pytest.fixture
def org_admin(organisation):
    user = UserFactory(first_name="Olga")
    OrganisationMember.objects.create(
        organisation=organisation, user=user, role=OrganisationRole.ADMIN
    )
    return user


def test_organisation_page_lists_members_and_invites_a_colleague(
    client, organisation, org_admin, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    url = reverse("collider:organisation_detail", args=[organisation.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "ben@studio.example", "role": "member"})

    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert "ben@studio.example" in page and org_admin.email in page
    assert [m.to for m in mail.outbox] == [["ben@studio.example"]]


def test_organisation_invitation_accept_page_joins(client, organisation, org_admin):
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation,
        email="ben@studio.example",
        invited_by=org_admin,
        expires_at="2099-01-01T00:00Z",
    )
    ben = UserFactory(email="ben@studio.example")
    client.force_login(ben)
    url = reverse("collider:organisation_invitation_accept", args=[invitation.token])

    assert "Join Studio Nord" in client.get(url).content.decode()
    response = client.post(url)

    assert response["Location"] == reverse("collider:organisation_detail", args=[organisation.pk])
    assert list(organisation.members.order_by("email")) == sorted(
        [ben, org_admin], key=lambda u: u.email
    )


def test_removing_the_last_administrator_says_why(client, organisation, org_admin):
    client.force_login(org_admin)
    own = OrganisationMember.objects.get(user=org_admin)

    response = client.post(
        reverse("collider:organisation_member_remove", args=[organisation.pk, own.pk]),
        follow=True,
    )

    assert "The last administrator cannot be removed" in response.content.decode()
    assert organisation.members.count() == 1


def test_my_organisations_lists_only_mine(client, organisation, org_admin):
    OrganisationFactory(name="Someone Else's")
    client.force_login(org_admin)

    page = client.get(reverse("collider:organisation_list")).content.decode()

    assert "Studio Nord" in page and "Someone Else" not in page


def test_dashboard_shows_open_organisation_invitations(client, organisation, org_admin):
    invitation = OrganisationInvitation.objects.create(
        organisation=organisation,
        email="ben@studio.example",
        invited_by=org_admin,
        expires_at="2099-01-01T00:00Z",
    )
    client.force_login(UserFactory(email="Ben@Studio.example"))

    page = client.get(reverse("dashboard")).content.decode()

    assert "You are invited to join <strong>Studio Nord</strong> as Member." in page
    assert reverse("collider:organisation_invitation_accept", args=[invitation.token]) in page


@pytest.mark.rendered
def test_partners_page_offers_a_partner_only_their_own_and_the_tandems_organisations(client):
    programme = ProgrammeFactory()
    partner = member(programme, Role.PARTNER)
    own = OrganisationFactory(name="Partner's Own Hub")
    OrganisationMember.objects.create(organisation=own, user=partner)
    OrganisationFactory(name="Unrelated Manufacturer")
    client.force_login(partner)

    form = client.get(reverse("collider:programme_partners", args=[programme.slug])).context["form"]

    assert list(form.fields["organisation"].queryset) == [own]


def test_empty_tandem_without_organisations_links_to_inviting_one(client):
    programme = ProgrammeFactory()
    client.force_login(member(programme, Role.PARTNER))

    page = client.get(reverse("tandems:tandem_detail", args=[programme.slug])).content.decode()

    assert reverse("collider:programme_partners", args=[programme.slug]) in page
    assert "Add partner organisation" not in page


@pytest.mark.rendered
def test_platform_admins_find_every_organisation_by_name(admin_client, organisation):
    OrganisationFactory(name="Weiss Metallbau")

    page = admin_client.get(reverse("collider:organisation_list"), {"q": "metall"})

    assert [o.name for o in page.context["page"]] == ["Weiss Metallbau"]
    assert reverse("collider:organisation_detail", args=[organisation.pk]) not in (
        page.content.decode()
    )


@pytest.mark.rendered
def test_people_see_no_list_of_all_organisations(client, organisation, org_admin):
    client.force_login(org_admin)

    response = client.get(reverse("collider:organisation_list"))

    assert response.context["page"] is None
    assert "All organisations" not in response.content.decode()
