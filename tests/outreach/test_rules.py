import pytest
from django.contrib.auth.models import AnonymousUser

from collider.enums import ProgrammeStatus
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

PERMS = ("outreach.view_library", "outreach.view_results", "outreach.manage_outreach")


def _grants(user, programme):
    return tuple(user.has_perm(perm, programme) for perm in PERMS)


def test_outreach_permissions_per_role(people, programme):
    granted = {role: _grants(user or AnonymousUser(), programme) for role, user in people.items()}

    assert granted == {
        "anonymous": (True, False, False),
        "cci": (True, False, False),
        "avm": (True, False, False),
        "expert": (True, True, False),
        "facilitator": (True, True, False),
        "partner": (True, True, True),
        "other_partner": (True, False, False),
        "admin": (True, True, True),
    }


def test_library_of_draft_programme_is_for_members_only(people):
    draft = ProgrammeFactory(status=ProgrammeStatus.DRAFT)

    assert (
        AnonymousUser().has_perm("outreach.view_library", draft),
        people["admin"].has_perm("outreach.view_library", draft),
    ) == (False, True)
