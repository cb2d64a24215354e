"""factory-boy factories of the follow-up app."""

from datetime import timedelta

import factory
from django.utils import timezone

from collider.enums import OrganisationKind, Sector
from followup.enums import Stage
from followup.models import Cooperation, ReportingPeriod
from tests.factories import OrganisationFactory, ProgrammeFactory


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    """A period from ten days ago to ten days ahead."""

    class Meta:
        model = ReportingPeriod

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Period {n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))


class CooperationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cooperation

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Cooperation {n}")
    cci_organisation = factory.SubFactory(OrganisationFactory, sector=Sector.CCI)
    avm_organisation = factory.SubFactory(
        OrganisationFactory, sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY, country="SI"
    )
    stage = Stage.FIRST_CONTACT
    stage_changed_at = factory.LazyFunction(timezone.now)


def make_checkins_due(**filters) -> int:
    """Bring check-ins (all, or those ``filters`` select) to their due time: a check-in can be
    answered only once it is due (1 month after the meeting, by default)."""
    from datetime import timedelta

    from django.utils import timezone

    from followup.models import CheckIn

    return CheckIn.objects.filter(**filters).update(due_at=timezone.now() - timedelta(minutes=1))
