"""factory-boy factories of the tandem app."""

from datetime import timedelta

import factory
from django.utils import timezone

from collider.enums import EventKind, OrganisationKind, Phase, RegistrationMode, Role, Sector
from tandems.enums import ConsentBasis, ContactKind, PartnerRole, TaskStatus
from tandems.models import (
    CharterVersion,
    Contact,
    PartnerMeeting,
    PilotAction,
    TandemPartner,
    Task,
)
from tests.factories import EventFactory, MembershipFactory, OrganisationFactory, UserFactory


class TandemPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TandemPartner

    organisation = factory.SubFactory(
        OrganisationFactory, kind=OrganisationKind.CCI_HUB, sector=Sector.INTERMEDIARY
    )
    role = PartnerRole.CCI_HUB
    competences = "design thinking, events"
    regions = "Styria"


def partner_staff(partner: TandemPartner, **kwargs):
    """A user who is an approved partner member acting for ``partner``'s organisation."""
    user = UserFactory(**kwargs)
    MembershipFactory(
        programme=partner.programme,
        user=user,
        role=Role.PARTNER,
        sector="",
        organisation=partner.organisation,
    )
    return user


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CharterVersion

    number = factory.Sequence(lambda n: n + 1)
    rules = "We work as equal partners.\nProblems are raised early."
    communication = "E-mail within two working days."
    decision_making = "Consensus in the partner meeting."
    meeting_cadence = "Monthly."
    responsibilities = "Phase 1: both partners."
    budget = "Events: EUR 10,000"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    programme = factory.LazyAttribute(lambda o: o.owner.programme)
    phase = Phase.MEET
    title = factory.Sequence(lambda n: f"Task {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    status = TaskStatus.TODO


class PartnerMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMeeting

    event = factory.SubFactory(
        EventFactory,
        kind=EventKind.PARTNER_MEETING,
        registration_mode=RegistrationMode.INVITE_ONLY,
        title="Partner meeting",
    )


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    kind = ContactKind.TARGET_GROUP
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    consent_basis = ConsentBasis.LEGITIMATE_INTEREST


class PilotActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PilotAction

    title = factory.Sequence(lambda n: f"Pilot action {n}")
    description = "A hackathon for CCI and manufacturers."
