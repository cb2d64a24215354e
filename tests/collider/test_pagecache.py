"""Reading pages kept whole until a table they read is written (collider.pagecache), and the
table generations underneath (collider.cached)."""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from collider import cached, pagecache
from collider.enums import Role
from collider.models import Event, Programme
from tests.factories import EventFactory, member


@pytest.fixture(autouse=True)
def _one_minute(monkeypatch):
    """The page cache's clock stays on one minute: a page kept by one request and asked for by
    the next would otherwise be rendered afresh when a minute turns between the two."""
    minute = pagecache._minute()
    monkeypatch.setattr(pagecache, "_minute", lambda: minute)


def _generation(table: str) -> dict[str, str]:
    with cached.recording() as found:
        connection.cursor().execute(f'SELECT 1 FROM "{table}" WHERE 1 = 0')
    return found


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('SELECT "a"."id" FROM "a" INNER JOIN "b" ON 1=1', []),
        ('INSERT INTO "collider_event" ("title") VALUES (%s) RETURNING "id"', ["collider_event"]),
        ('UPDATE "collider_event" SET "title" = %s WHERE "id" = %s', ["collider_event"]),
        ('DELETE FROM "collider_event" WHERE "id" IN (%s)', ["collider_event"]),
        ("INSERT OR IGNORE INTO x_y (a) VALUES (1)", ["x_y"]),
        ('TRUNCATE "a", "b" RESTART IDENTITY CASCADE;', ["a", "b"]),
        ("SAVEPOINT s1", []),
        ("/* comment */ SELECT 1", []),
        ("WITH t AS (SELECT 1) SELECT * FROM t", []),
        ("WITH gone AS (DELETE FROM a RETURNING id) SELECT * FROM gone", None),
        ('ALTER TABLE "a" ADD COLUMN "b" int', None),
        ("COPY a FROM STDIN", None),
    ],
)
def test_a_statement_names_the_tables_it_writes(sql, tables):
    assert cached.written_tables(sql) == tables


def test_read_tables_are_every_name_after_from_or_join():
    sql = 'SELECT 1 FROM "a" LEFT OUTER JOIN "b" ON x WHERE EXISTS (SELECT 1 FROM c)'
    assert cached.read_tables(sql) == {"a", "b", "c"}


@pytest.mark.django_db
def test_every_kind_of_write_renews_the_generation_of_its_table(programme):
    table = Event._meta.db_table
    event = EventFactory(programme=programme)
    writes = [
        lambda: event.save(),
        lambda: Event.objects.filter(pk=event.pk).update(title="Renamed"),
        lambda: connection.cursor().execute(
            f'UPDATE "{table}" SET "title" = %s WHERE "id" = %s', ["Raw", event.pk]
        ),
        lambda: Event.objects.filter(pk=event.pk).delete(),
    ]
    for write in writes:
        before = _generation(table)
        assert cached.unchanged(before)
        write()
        assert not cached.unchanged(before)


@pytest.mark.django_db
def test_a_write_of_another_table_leaves_the_generation_alone(programme):
    before = _generation(Event._meta.db_table)
    Programme.objects.filter(pk=programme.pk).update(name="Renamed")
    assert cached.unchanged(before)


@pytest.mark.django_db(transaction=True)
def test_a_transactions_writes_renew_their_tables_again_when_it_commits(programme):
    """A page computed while the writing transaction was open saw the old rows: it was stored
    under the generation the write set, which the commit renews once more."""
    table = Event._meta.db_table
    with transaction.atomic():
        EventFactory(programme=programme)
        during = _generation(table)
        assert cached.unchanged(during)
    assert not cached.unchanged(during)


@pytest.mark.django_db
def test_a_recording_holds_the_scopes_of_the_cached_values_it_used():
    with cached.recording() as found:
        cached.cached("some-scope", "value", lambda: 1)
    assert "some-scope" in found
    cached.forget("some-scope")
    assert not cached.unchanged(found)


# --- Whole pages ---------------------------------------------------------------------------


def _tokens(field: str, html: str) -> list[str]:
    return re.findall(rf'name="{field}" value="([^"]+)"', html)


@pytest.mark.rendered
@pytest.mark.django_db
def test_a_kept_page_is_served_without_queries_until_a_table_it_read_is_written(
    client, programme, partner, django_assert_max_num_queries
):
    event = EventFactory(programme=programme, title="Design sprint")
    client.force_login(partner)
    url = reverse("collider:event_list", args=[programme.slug])

    first = client.get(url)
    # Only the session's user is loaded: nothing of the page itself is queried again.
    with django_assert_max_num_queries(1):
        second = client.get(url)
    assert first.context is not None and second.context is None  # rendered once
    assert "Design sprint" in second.text

    Event.objects.filter(pk=event.pk).update(title="Prototype day")  # no signal is sent
    assert "Prototype day" in client.get(url).text


@pytest.mark.django_db
def test_a_kept_page_is_kept_per_reader(client, programme, partner):
    participant = member(programme, Role.PARTICIPANT)
    url = reverse("dashboard")
    client.force_login(partner)
    partner_page = client.get(url).text
    client.force_login(participant)
    participant_page = client.get(url).text

    assert partner.display_name in partner_page
    assert participant.display_name in participant_page
    assert partner.display_name not in participant_page


@pytest.mark.django_db
def test_every_serving_of_a_kept_page_gets_its_own_tokens_and_they_are_accepted(programme, partner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(partner)
    url = reverse("dashboard")

    pages = [client.get(url).text for _ in range(3)]

    submission = [_tokens("submit_token", page) for page in pages]
    csrf = [set(_tokens("csrfmiddlewaretoken", page)) for page in pages]
    every = [token for found in submission for token in found]
    assert all(submission) and len(set(every)) == len(every)  # each form's own, every time
    assert all(len(found) == 1 for found in csrf)  # one per page, as Django renders it
    assert len(set.union(*csrf)) == 3  # masked afresh for each serving
    slots = (pagecache.CSRF_SLOT, pagecache.SUBMISSION_SLOT)
    assert not any(slot in page for slot in slots for page in pages)
    # The calendar link's renew button, posted from the third (kept) page: CSRF passes.
    response = client.post(
        reverse("collider:calendar_token_reset"), {"csrfmiddlewaretoken": csrf[2].pop()}
    )
    assert response.status_code == 302


@pytest.mark.rendered
@pytest.mark.django_db
def test_the_minute_is_part_of_the_key(client, programme, partner, monkeypatch):
    client.force_login(partner)
    url = reverse("collider:event_list", args=[programme.slug])
    client.get(url)
    assert client.get(url).context is None  # kept within the minute
    next_minute = pagecache._minute() + 1
    monkeypatch.setattr(pagecache, "_minute", lambda: next_minute)

    assert client.get(url).context is not None  # rendered afresh


@pytest.mark.django_db
def test_a_request_with_messages_to_show_is_rendered_and_shows_them(client, programme, partner):
    client.force_login(partner)
    url = reverse("dashboard")
    client.get(url)
    renewed = "Your calendar link was renewed"

    # The renew button's message waits for the page its redirect leads to.
    response = client.post(reverse("collider:calendar_token_reset"), follow=True)

    assert renewed in response.text
    assert renewed not in client.get(url).text  # shown once


@pytest.mark.rendered
@pytest.mark.django_db
def test_nothing_is_kept_when_switched_off(client, programme, partner, settings):
    settings.PAGE_CACHE = False
    client.force_login(partner)
    url = reverse("collider:event_list", args=[programme.slug])
    client.get(url)
    assert client.get(url).context is not None


@pytest.mark.rendered
@pytest.mark.django_db
def test_a_page_this_process_kept_is_served_from_memory_only_while_the_shared_truth_holds(
    client, programme, partner
):
    event = EventFactory(programme=programme, title="Design sprint")
    client.force_login(partner)
    url = reverse("collider:event_list", args=[programme.slug])
    client.get(url)
    (key,) = pagecache.recent.keys()

    # Another process finds it only in the shared cache: served, and now kept in memory too.
    pagecache.recent.clear()
    assert client.get(url).context is None and key in pagecache.recent
    # Gone from the shared cache (evicted), still in this process's memory: served.
    cache.delete(key)
    assert client.get(url).context is None

    # A write renews the shared generation: the copy in memory is not served.
    Event.objects.filter(pk=event.pk).update(title="Prototype day")
    response = client.get(url)
    assert response.context is not None and "Prototype day" in response.text


def test_the_pages_kept_in_memory_stay_under_their_limit_dropping_the_least_recent():
    recent = cached.Recent(limit=250, weight=lambda kept: len(kept["content"]))
    for name in "abc":
        recent.put(name, {"content": b"x" * 100})
    assert recent.keys() == ["b", "c"] and recent.size == 200
    recent.get("b")
    recent.put("d", {"content": b"x" * 100})
    assert recent.keys() == ["b", "d"]
    recent.put("d", {"content": b"x" * 10})
    assert recent.size == 110
