"""Browser journeys of a programme from nothing to a working tandem, by visible labels only:

* the platform admin logs in, creates a programme with the wizard (programme, phases, partner
  organisations) and invites two partner organisations, one new and one existing;
* an invited tandem partner signs up from the invitation e-mail, accepts it for her
  organisation, sets up the tandem with both organisations and invites a colleague into her
  organisation, who accepts.

No Django admin and no typed URL except the log-in page and links read from e-mails. Every page
is audited with axe-core; screenshots land in test-artifacts/browser/wizard/.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import expect

from collider import services
from collider.enums import OrganisationKind, Role, Sector
from collider.models import Invitation, OrganisationMember, Programme, User
from tandems.models import TandemPartner
from tests.factories import OrganisationFactory, UserFactory

from .support import ConsoleErrors, Screenshots, log_in, mail_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Tandem-Collider-2031!"
ADMIN = "ada.admin@collider.example"
HUB = "ana.horvat@hub-maribor.example"
CLUSTER = "bruno.egger@cluster-carinthia.example"
COLLEAGUE = "cene.novak@hub-maribor.example"


def verified(user: User) -> User:
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@pytest.fixture
def admin(transactional_db, live_server):
    mail.outbox.clear()
    return verified(
        User.objects.create_superuser(
            ADMIN, PASSWORD, first_name="Ada", last_name="Admin", is_staff=True
        )
    )


@pytest.fixture
def cluster(transactional_db):
    return OrganisationFactory(
        name="Carinthian Mechatronics Cluster",
        kind=OrganisationKind.CLUSTER,
        sector=Sector.INTERMEDIARY,
        country="AT",
    )


def path_in(message, pattern: str) -> str:
    return re.search(pattern, message.body).group(0)


def test_platform_admin_creates_a_programme_from_nothing(admin, cluster, new_context, a11y):
    snap = Screenshots.fresh("wizard", "admin")
    console = ConsoleErrors()
    page = console.watch(new_context().new_page())
    log_in(page, ADMIN, PASSWORD, a11y)

    # 1. The dashboard offers the wizard.
    snap(page, "dashboard")
    page.get_by_role("main").get_by_role("link", name="New programme").click()
    expect(page.get_by_role("heading", level=1, name="New programme")).to_be_visible()
    page.get_by_role("button", name="Create and continue").click()  # empty: told what is missing
    expect(page.locator(".invalid-feedback, .text-danger").first).to_be_visible()
    a11y.check(page, "wizard-programme-errors")
    page.get_by_label("Name").fill("Drava Collider 2027")
    # The web address follows the name as it is typed (and stays editable).
    expect(page.get_by_label("Web address")).to_have_value("drava-collider-2027")
    page.get_by_label("Tagline").fill("Creative industries meet machine builders along the Drava")
    page.get_by_label("Countries").select_option(["AT", "SI"])
    for language in ("English", "German", "Slovenian"):
        page.get_by_role("checkbox", name=language).check()
    page.get_by_label("Time zone").select_option("Europe/Ljubljana")
    page.get_by_label("Starts on").fill("2027-03-01")
    page.get_by_label("Ends on").fill("2028-02-29")
    page.get_by_label("Status").select_option(label="Open for applications")
    a11y.check(page, "wizard-programme")
    snap(page, "wizard-programme")
    page.get_by_role("button", name="Create and continue").click()

    # 2. The six phases, one after another across the span; the first is made longer.
    expect(page.get_by_text("Drava Collider 2027 was created with its six phases.")).to_be_visible()
    expect(page.get_by_text("2. Phases")).to_be_visible()
    page.get_by_label("Closes on — Meet the tandem partner").fill("2027-04-30")
    page.get_by_label("Opens on — Make a connection").fill("2027-05-01")
    a11y.check(page, "wizard-phases")
    snap(page, "wizard-phases")
    page.get_by_role("button", name="Save and continue").click()

    # 3. Partner organisations: a new one by name and country, and an existing one.
    expect(page.get_by_text("Phase timeline saved.")).to_be_visible()
    page.get_by_label("New organisation name").fill("Creative Hub Maribor")
    page.get_by_label("Country of the new organisation").select_option(label="Slovenia")
    page.get_by_label("Kind of the new organisation").select_option(label="CCI hub")
    page.get_by_label("E-mail of the person who represents it").fill(HUB)
    page.get_by_label("Personal message").fill("Welcome aboard, Ana!")
    a11y.check(page, "wizard-partners")
    page.get_by_role("button", name="Invite partner").click()
    expect(page.get_by_text(f"an invitation went to {HUB}")).to_be_visible()
    page.get_by_label("Existing organisation").select_option(label=cluster.name)
    page.get_by_label("E-mail of the person who represents it").fill(CLUSTER)
    page.get_by_role("button", name="Invite partner").click()
    expect(page.get_by_text(f"an invitation went to {CLUSTER}")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Creative Hub Maribor")
    expect(table).to_contain_text(cluster.name)
    a11y.check(page, "wizard-partners-invited")
    snap(page, "wizard-partners-invited")
    page.get_by_role("link", name="Finish setting up").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    a11y.check(page, "programme-manage")
    snap(page, "programme-manage")

    programme = Programme.objects.get(slug="drava-collider-2027")
    phases = list(programme.phases.order_by("id").values_list("starts_on", "ends_on"))
    assert phases[0] == (date(2027, 3, 1), date(2027, 4, 30))
    assert phases[1][0] == date(2027, 5, 1)
    assert len(phases) == 6
    assert sorted(
        Invitation.objects.filter(programme=programme).values_list(
            "email", "organisation__name", "role"
        )
    ) == [
        (HUB, "Creative Hub Maribor", Role.PARTNER),
        (CLUSTER, cluster.name, Role.PARTNER),
    ]
    assert [m.subject for m in mail_to(HUB)] == [
        "[Collider] [Action required] Invitation to Drava Collider 2027"
    ]
    assert len(mail_to(CLUSTER)) == 1
    # The empty first step was answered with a 400 on purpose; nothing else went wrong.
    assert [e for e in console.errors if "400 (Bad Request)" not in e] == []
    a11y.assert_clean()


def test_partner_accepts_sets_up_the_tandem_and_brings_a_colleague(
    admin, cluster, new_context, a11y
):
    snap = Screenshots.fresh("wizard", "partner")
    console = ConsoleErrors()
    # Arrange: the programme as the admin's wizard left it (the journey above clicks it).
    programme = services.programme_setup(
        actor=admin,
        name="Drava Collider 2027",
        starts_on=date(2027, 3, 1),
        ends_on=date(2028, 2, 29),
        countries=["AT", "SI"],
        languages="en",
        timezone="Europe/Ljubljana",
        status="open",
    )
    services.programme_partner_invite(
        actor=admin,
        programme=programme,
        email=HUB,
        new_organisation={
            "name": "Creative Hub Maribor",
            "country": "SI",
            "kind": OrganisationKind.CCI_HUB,
            "sector": Sector.INTERMEDIARY,
        },
    )
    services.programme_partner_invite(
        actor=admin, programme=programme, email=CLUSTER, organisation=cluster
    )
    verified(UserFactory(email=COLLEAGUE, first_name="Cene", last_name="Novak", password=PASSWORD))

    # 1. Ana follows the invitation e-mail's link, signs up and confirms her address.
    page = console.watch(new_context().new_page())
    (invitation_mail,) = mail_to(HUB)
    page.goto(path_in(invitation_mail, r"/invitations/[\w-]+/"))
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("First name").fill("Ana")
    page.get_by_label("Last name").fill("Horvat")
    page.get_by_label("Email").fill(HUB)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    verification = mail_to(HUB)[-1]
    page.goto(path_in(verification, r"/accounts/confirm-email/\S+/"))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    # 2. She accepts the invitation from her dashboard: she represents the hub.
    page.get_by_role("link", name="My dashboard").click()
    page.get_by_role("link", name="See invitation").click()
    expect(page.get_by_text("You will represent Creative Hub Maribor")).to_be_visible()
    a11y.check(page, "invitation")
    snap(page, "invitation")
    page.get_by_role("button", name="Accept invitation").click()
    expect(page.get_by_text("You are now Tandem partner in Drava Collider 2027")).to_be_visible()

    # 3. "Set up the tandem": both organisations can be added.
    page.get_by_role("link", name="My dashboard").click()
    page.get_by_role("link", name="Set up the tandem").click()
    a11y.check(page, "tandem-empty")
    snap(page, "tandem-empty")
    for name, role, lead in (
        ("Creative Hub Maribor", "CCI hub", True),
        (cluster.name, "Business support organisation / cluster", False),
    ):
        page.get_by_role("link", name="Add partner organisation").click()
        page.get_by_label("Organisation").select_option(label=name)
        page.get_by_label("Role").select_option(label=role)
        if lead:
            page.get_by_label("Lead partner").check()
        page.get_by_label("Competences").fill("Design thinking, prototyping, networks")
        a11y.check(page, f"partner-add-{role}")
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text(f"{name} joined the tandem.")).to_be_visible()
    expect(page.get_by_role("link", name="Add partner organisation")).to_have_count(0)
    a11y.check(page, "tandem-both")
    snap(page, "tandem-both-organisations")

    # 4. She invites a colleague into her organisation.
    page.get_by_role("link", name="My organisations").click()
    page.get_by_role("link", name=re.compile("Creative Hub Maribor")).click()
    expect(page.get_by_role("heading", level=1, name="Creative Hub Maribor")).to_be_visible()
    page.get_by_label("Colleague's e-mail address").fill(COLLEAGUE)
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {COLLEAGUE}.")).to_be_visible()
    a11y.check(page, "organisation-invited")
    snap(page, "organisation-invited")

    # 5. The colleague accepts from the e-mail and appears as the organisation's member.
    colleague = console.watch(new_context().new_page())
    log_in(colleague, COLLEAGUE, PASSWORD)
    (organisation_mail,) = mail_to(COLLEAGUE)
    assert organisation_mail.subject == (
        "[Collider] [Action required] Join Creative Hub Maribor on Collider"
    )
    colleague.goto(path_in(organisation_mail, r"/organisations/invitations/[\w-]+/"))
    a11y.check(colleague, "organisation-invitation")
    snap(colleague, "organisation-invitation")
    colleague.get_by_role("button", name="Accept invitation").click()
    expect(colleague.get_by_text("You are now a member of Creative Hub Maribor.")).to_be_visible()
    expect(colleague.get_by_role("table")).to_contain_text("Ana Horvat")
    expect(colleague.get_by_role("table")).to_contain_text("Cene Novak")
    a11y.check(colleague, "organisation-as-member")
    snap(colleague, "organisation-as-member")

    # 6. Ana sees her colleague on the organisation page and among the tandem's staff.
    page.reload()
    expect(page.get_by_role("table")).to_contain_text("Cene Novak")
    # She makes him an administrator too, so the organisation does not hang on one person.
    page.get_by_label("Role of Cene Novak").select_option(label="Administrator")
    page.get_by_role("button", name="Set role Cene Novak").click()
    expect(page.get_by_text("Cene Novak is now Administrator.")).to_be_visible()
    a11y.check(page, "organisation-two-administrators")
    snap(page, "organisation-two-administrators")
    page.get_by_role("link", name="My dashboard").click()
    page.get_by_role("link", name="Drava Collider 2027").first.click()
    page.get_by_role("button", name=re.compile(r"phase 1")).click()
    page.get_by_role("link", name="Tandem", exact=True).click()
    expect(page.get_by_text("Ana Horvat, Cene Novak")).to_be_visible()
    snap(page, "tandem-staff")

    assert sorted(
        TandemPartner.objects.filter(programme=programme).values_list(
            "organisation__name", "is_lead"
        )
    ) == [(cluster.name, False), ("Creative Hub Maribor", True)]
    assert sorted(
        OrganisationMember.objects.filter(organisation__name="Creative Hub Maribor").values_list(
            "user__email", "role"
        )
    ) == [(HUB, "admin"), (COLLEAGUE, "admin")]
    assert console.errors == []
    a11y.assert_clean()
