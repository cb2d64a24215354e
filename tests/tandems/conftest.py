import pytest

from tandems.enums import PartnerRole
from tests.factories import OrganisationFactory

from .factories import TandemPartnerFactory, partner_staff


@pytest.fixture
def tandem(programme):
    """A tandem of a CCI hub (lead) and a cluster, each with one staff member."""
    hub = TandemPartnerFactory(programme=programme, is_lead=True)
    cluster = TandemPartnerFactory(
        programme=programme,
        role=PartnerRole.BSO,
        organisation=OrganisationFactory(kind="cluster", sector="intermediary"),
    )
    hub.person = partner_staff(hub, first_name="Petra", last_name="Lindner")
    cluster.person = partner_staff(cluster, first_name="Markus", last_name="Feldbauer")
    return hub, cluster
