"""No GET changes state: every GET route of the access matrix, as every role, writes nothing.

The matrix's world and route tables are reused as they are; each request runs in a savepoint
that is rolled back, and a connection wrapper (SQLite and PostgreSQL alike) records every
INSERT, UPDATE and DELETE it sends.
"""

import re
from collections import defaultdict

import pytest
from django.conf import settings
from django.db import connection, transaction

from tests.access import ROLES
from tests.test_access_matrix import CHECKED, ROUTES, VARIANT_ROUTES, world  # noqa: F401
from training.models import Certificate

WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
SET_COLUMNS = re.compile(r'"?(\w+)"?\s*=\s*(?:%s|\?)')

# Writes a GET may make by design, each with its reason. Keep these lists minimal.
#
# Tables a GET may write in any way:
EXEMPT_TABLES = {
    # Django's session store holds the visitor's own browser state, not the site's data.
    # allauth writes it on two GETs by design: the password-reset link moves its key from the
    # URL into the session (so it cannot leak through Referer or history), and an e-mail
    # confirmation link opened while logged in as someone else logs that account out first.
    "django_session",
}
# Tables a GET may update, and the only columns it may set there:
EXEMPT_UPDATES = {
    # The brochure download renders the PDF once and keeps it with the fingerprint of what it
    # shows: a cache of derived data, invisible to users (content, updated_at and the audit
    # trail stay put), which any later GET would fill in the same way.
    "outreach_brochure": {"pdf", "pdf_fingerprint", "pdf_pages", "rendered_at"},
}


def _exempt(verb: str, table: str, sql: str) -> bool:
    if table in EXEMPT_TABLES:
        return True
    if verb != "UPDATE" or table not in EXEMPT_UPDATES:
        return False
    after_set = re.split(r"\sSET\s", sql, maxsplit=1, flags=re.I)[1]
    assignments = re.split(r"\sWHERE\s", after_set, maxsplit=1, flags=re.I)[0]
    columns = {column.lower() for column in SET_COLUMNS.findall(assignments)}
    return columns <= EXEMPT_UPDATES[table]


class WriteRecorder:
    """Records "VERB table" for every write statement that is not exempt."""

    def __init__(self) -> None:
        self.writes: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match:
            verb, table = match.group(1).split()[0].upper(), match.group(2)
            if not _exempt(verb, table, sql):
                self.writes.add(f"{verb} {table}")
        return execute(sql, params, many, context)


GET_ROUTES = [*CHECKED, *VARIANT_ROUTES]


@pytest.mark.parametrize("role", ROLES)
def test_no_get_route_writes_to_the_database(world, db, client, role):  # noqa: F811
    # A GET that writes usually creates something on first access (get_or_create): crawl a
    # world where no certificate of attendance has been issued yet. Undone after the test.
    Certificate.objects.all().delete()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    writes = defaultdict(list)

    for key in GET_ROUTES:
        route = ROUTES.get(key) or VARIANT_ROUTES[key]
        path = route.url(world)
        recorder = WriteRecorder()
        with transaction.atomic():
            with connection.execute_wrapper(recorder):
                client.get(path)
            transaction.set_rollback(True)
        if recorder.writes:
            writes[path] = sorted(recorder.writes)

    assert dict(writes) == {}
