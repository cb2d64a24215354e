from collider.enums import Role
from tandems.rules import can_confirm_charter, can_peer_comment
from tests.factories import UserFactory, member

from .factories import PilotActionFactory


def test_confirm_charter_own_organisation_only(programme, tandem):
    hub, cluster = tandem

    results = [
        can_confirm_charter.test(hub.person, hub),
        can_confirm_charter.test(hub.person, cluster),
        can_confirm_charter.test(cluster.person, cluster),
    ]

    assert results == [True, False, True]


def test_confirm_charter_admin_and_participant_are_refused(programme, tandem, cci):
    hub, _cluster = tandem
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert [can_confirm_charter.test(admin, hub), can_confirm_charter.test(cci, hub)] == [
        False,
        False,
    ]


def test_peer_comment_only_partners_of_other_programmes(programme, other_programme, tandem, cci):
    hub, _cluster = tandem
    pilot = PilotActionFactory(programme=programme)
    peer = member(other_programme, Role.PARTNER)
    both = member(other_programme, Role.PARTNER)

    results = [
        can_peer_comment.test(peer, pilot),
        can_peer_comment.test(hub.person, pilot),
        can_peer_comment.test(cci, pilot),
        can_peer_comment.test(both, pilot),
    ]

    assert results == [True, False, False, True]


def test_view_tandem_staff_and_admin_only(programme, people):
    allowed = {
        role: user.has_perm("tandems.view_tandem", programme) if user else False
        for role, user in people.items()
    }

    assert allowed == {
        "anonymous": False,
        "cci": False,
        "avm": False,
        "expert": True,
        "facilitator": True,
        "partner": True,
        "other_partner": False,
        "admin": True,
    }


def test_view_contacts_partner_and_admin_only(programme, people):
    allowed = {
        role: user.has_perm("tandems.view_contacts", programme) if user else False
        for role, user in people.items()
    }

    assert [role for role, ok in allowed.items() if ok] == ["partner", "admin"]
