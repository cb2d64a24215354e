from collider.enums import MembershipStatus, Role, Sector
from collider.selectors import membership_counts
from tests.factories import MembershipFactory, ProgrammeFactory


def test_membership_counts_per_sector_role_and_waiting_applications(db, django_assert_num_queries):
    programme = ProgrammeFactory()
    MembershipFactory.create_batch(2, programme=programme, sector=Sector.CCI)
    MembershipFactory(programme=programme, sector=Sector.AVM)
    MembershipFactory(programme=programme, role=Role.EXPERT, sector="")
    MembershipFactory(programme=programme, role=Role.PARTNER, sector="")
    MembershipFactory(programme=programme, sector=Sector.AVM, status=MembershipStatus.APPLIED)
    MembershipFactory(
        programme=programme, role=Role.EXPERT, sector="", status=MembershipStatus.APPLIED
    )
    MembershipFactory(programme=programme, sector=Sector.CCI, status=MembershipStatus.REJECTED)
    MembershipFactory(sector=Sector.CCI)  # another programme

    with django_assert_num_queries(1):
        counts = membership_counts(programme)

    assert counts == {
        "cci": 2,
        "avm": 1,
        "partner": 1,
        "facilitator": 0,
        "expert": 1,
        "applied": 2,
    }
