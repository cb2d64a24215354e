import pytest

from collider.enums import ProgrammeStatus
from tests.factories import UserFactory

PERMS = [
    "training.view_catalogue",
    "training.view_library",
    "training.manage_training",
    "training.learn",
]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", [True, False, False, False]),
        ("cci", [True, True, False, True]),
        ("avm", [True, True, False, True]),
        ("expert", [True, True, False, False]),
        ("facilitator", [True, True, False, False]),
        ("partner", [True, True, True, False]),
        ("other_partner", [True, False, False, False]),
    ],
)
def test_training_permissions_per_role(people, programme, role, expected):
    from django.contrib.auth.models import AnonymousUser

    user = people[role] or AnonymousUser()

    assert [user.has_perm(perm, programme) for perm in PERMS] == expected


def test_catalogue_of_a_draft_programme_is_closed_to_outsiders(programme):
    programme.status = ProgrammeStatus.DRAFT
    programme.save()

    assert UserFactory().has_perm("training.view_catalogue", programme) is False
