"""The teardown of transactional tests (tests/emptying.py) leaves every table empty."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from tests.emptying import KEPT, delete_every_row

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="other databases keep Django's flush"
)


@pytest.mark.django_db(transaction=True)
def test_every_row_is_deleted_but_content_types_and_permissions(demo_snapshot):
    demo_snapshot.copy.restore()
    content_types, permissions = ContentType.objects.count(), Permission.objects.count()

    delete_every_row("default")

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        left = []
        for table in sorted(set(tables) - KEPT):
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            if cursor.fetchone()[0]:
                left.append(table)
    assert len(demo_snapshot.copy) > 1000
    assert left == []
    assert (ContentType.objects.count(), Permission.objects.count()) == (
        content_types,
        permissions,
    )
