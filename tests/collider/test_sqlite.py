"""The embedded SQLite default survives concurrent writers (web threads, worker, beat).

Runs in a subprocess with the shipped settings on a real file database: an in-memory test
database has neither WAL nor file locks.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

WRITERS = 10
WRITES_EACH = 20

# Every writer does what a registration does: read (capacity), then write, in one transaction.
# With deferred transactions two writers that both read first deadlock on the upgrade, and
# SQLite answers "database is locked" at once, whatever the busy timeout.
SCRIPT = f"""
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE seat (id INTEGER PRIMARY KEY, taken INTEGER)")
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
connection.close()
start, errors = threading.Barrier({WRITERS}), []

def register():
    start.wait()
    try:
        for _ in range({WRITES_EACH}):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM seat")
                taken = cursor.fetchone()[0]
                time.sleep(0.002)
                cursor.execute("INSERT INTO seat (taken) VALUES (%s)", [taken])
    except Exception as error:
        errors.append(repr(error))
    finally:
        connection.close()

threads = [threading.Thread(target=register) for _ in range({WRITERS})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("SELECT COUNT(*), COUNT(DISTINCT taken) FROM seat")
    rows, distinct = cursor.fetchone()
print(json.dumps({{"journal_mode": journal_mode, "errors": errors, "rows": rows,
                   "distinct": distinct}}))
"""


def test_sqlite_default_serves_ten_concurrent_writers_without_lock_errors(tmp_path: Path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "collider.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'collider.sqlite3'}",
    }

    run = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.strip().splitlines()[-1])
    # Each read-then-write ran alone: every count it read was distinct, none was lost.
    assert outcome == {
        "journal_mode": "wal",
        "errors": [],
        "rows": WRITERS * WRITES_EACH,
        "distinct": WRITERS * WRITES_EACH,
    }
