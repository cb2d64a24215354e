"""factory-boy factories for the programme core."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from collider.enums import (
    EventFormat,
    EventKind,
    MembershipStatus,
    OrganisationKind,
    Phase,
    PhaseState,
    ProgrammeStatus,
    RegistrationMode,
    RegistrationStatus,
    Role,
    Sector,
)
from collider.models import (
    Event,
    Invitation,
    Membership,
    Organisation,
    Programme,
    ProgrammePhase,
    Registration,
    Reminder,
    User,
)

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.CCI_COMPANY
    sector = Sector.CCI
    country = "AT"


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A running programme with its six phases; phase 2 is open today."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=300))
    status = ProgrammeStatus.RUNNING

    @factory.post_generation
    def phases(self, create, extracted, **kwargs):
        if not create:
            return
        today = timezone.localdate()
        for index, phase in enumerate(Phase):
            start = today + timedelta(days=-30 + index * 30)
            # Every new programme gets default phases (collider.signals); these dates replace
            # them as stored rows that were never synced (upcoming, nothing in the audit trail).
            ProgrammePhase.objects.filter(programme=self, phase=phase).update(
                starts_on=start, ends_on=start + timedelta(days=29), state=PhaseState.UPCOMING
            )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    programme = factory.SubFactory(ProgrammeFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.PARTICIPANT
    sector = Sector.CCI
    status = MembershipStatus.APPROVED


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    programme = factory.SubFactory(ProgrammeFactory)
    kind = EventKind.INFO_DAY
    title = factory.Sequence(lambda n: f"Event {n}")
    format = EventFormat.ON_SITE
    venue = "Creative Hub"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    registration_mode = RegistrationMode.MEMBERS
    timezone = "Europe/Vienna"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.user.display_name if o.user else "Guest")
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "guest@example.org")
    status = RegistrationStatus.CONFIRMED
    attended = None
    # Attendance is recorded once the event has begun (collider.services.attendance_mark).
    attendance_marked_at = factory.LazyAttribute(
        lambda o: None if o.attended is None else o.event.starts_at + timedelta(minutes=30)
    )


class InvitationFactory(factory.django.DjangoModelFactory):
    """An open invitation to join a programme as a partner."""

    class Meta:
        model = Invitation

    programme = factory.SubFactory(ProgrammeFactory)
    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    role = Role.PARTNER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class ReminderFactory(factory.django.DjangoModelFactory):
    """A pending outbox row that is due now, about a confirmed registration."""

    class Meta:
        model = Reminder

    class Params:
        registration = factory.SubFactory(RegistrationFactory)

    kind = "event_reminder"
    email = factory.LazyAttribute(lambda o: o.registration.email)
    recipient = factory.LazyAttribute(lambda o: o.registration.user)
    programme = factory.LazyAttribute(lambda o: o.registration.event.programme)
    target = factory.LazyAttribute(lambda o: o.registration)
    context = factory.LazyFunction(lambda: {"offset_seconds": 3600})
    due_at = factory.LazyFunction(timezone.now)
    dedupe_key = factory.Sequence(lambda n: f"test-reminder:{n}")


def member(programme, role=Role.PARTICIPANT, sector=Sector.CCI, **kwargs) -> User:
    """A user with an approved ``role`` in ``programme``."""
    user = UserFactory(**kwargs)
    MembershipFactory(
        programme=programme,
        user=user,
        role=role,
        sector=sector if role == Role.PARTICIPANT else "",
    )
    return user
