import pytest

from collider.enums import OrganisationKind, Role, Sector
from collider.models import OrganisationMember
from followup import services
from tests.factories import OrganisationFactory, member


@pytest.fixture
def pair(programme, partner):
    """A cooperation at first contact between a CCI and an AVM member, each with a contact."""
    cci_org = OrganisationFactory(name="Studio Lumen", sector=Sector.CCI, country="AT")
    avm_org = OrganisationFactory(
        name="Prevent Metal", sector=Sector.AVM, kind=OrganisationKind.AVM_COMPANY, country="SI"
    )
    cci_person = member(programme, Role.PARTICIPANT, Sector.CCI, email="ana@studio.example")
    avm_person = member(programme, Role.PARTICIPANT, Sector.AVM, email="marko@metal.example")
    OrganisationMember.objects.create(organisation=cci_org, user=cci_person)
    OrganisationMember.objects.create(organisation=avm_org, user=avm_person)
    return services.cooperation_create(
        actor=partner,
        programme=programme,
        title="Sensor housing redesign",
        cci_organisation=cci_org,
        avm_organisation=avm_org,
        cci_contact=cci_person,
        avm_contact=avm_person,
    )


@pytest.fixture
def evidence():
    from django.core.files.uploadedfile import SimpleUploadedFile

    def make(name="evidence.pdf", content=b"%PDF-1.4 attendance list", size=None):
        if size is not None:
            content = b"x" * size
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make


@pytest.fixture
def completed(partner, pair):
    """``pair`` moved through every stage to completed."""
    cooperation = pair
    for service in (
        services.cooperation_meeting_held,
        services.cooperation_negotiation_start,
        services.cooperation_agreement_reach,
        services.cooperation_run,
        services.cooperation_complete,
    ):
        cooperation = service(actor=partner, cooperation=cooperation, note="Moved on.")
    return cooperation
