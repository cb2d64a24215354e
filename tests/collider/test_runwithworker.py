"""`make run`'s embedded worker keeps delivering after it dies: the supervisor restarts it.

Runs `manage.py runwithworker` for real in a subprocess on the embedded broker (the atomic
filesystem transport, in a private folder) against this test's database, kills its worker and
checks that a reminder due afterwards is still delivered.
"""

import contextlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.collider.test_worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
ADDRPORT = "127.0.0.1:8131"
TIMEOUT = 60

SETTINGS = """
from collider.settings.dev import *  # noqa: F403

ROOT = {tmp!r}
CELERY_BROKER_URL = "filesystem://"
CELERY_BROKER_TRANSPORT = "collider.broker:Transport"
CELERY_BROKER_TRANSPORT_OPTIONS = {{
    "data_folder_in": ROOT + "/queue",
    "data_folder_out": ROOT + "/queue",
    "processed_folder": ROOT + "/processed",
    "control_folder": ROOT + "/control",
    "store_processed": False,
}}
CELERY_BEAT_SCHEDULE_FILENAME = ROOT + "/celerybeat-schedule"
CELERY_BEAT_SCHEDULE = {{
    "outbox-sweep": {{"task": "collider.tasks.reminder_sweep_task", "schedule": 1.0}}
}}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = ROOT + "/mail"
"""


CREATE_DUE_REMINDER = """
from datetime import timedelta
from django.utils import timezone
from tests.factories import ReminderFactory
print(ReminderFactory(due_at=timezone.now() - timedelta(minutes=1)).email)
"""
REMINDER_STATES = (
    "from collider.models import Reminder; "
    "print(list(Reminder.objects.values_list('state', flat=True)))"
)


def database_url(tmp_path: Path) -> str:
    """A URL the subprocess can open for this test's database (a file copy on SQLite)."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "collider.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        return f"sqlite:///{copy}"
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def worker_pids(log: Path) -> list[int]:
    return [
        int(pid) for pid in re.findall(r"worker \+ beat started \(pid (\d+)\)", log.read_text())
    ]


@pytest.fixture
def runwithworker(tmp_path):
    for folder in ("queue", "processed", "control", "mail"):
        (tmp_path / folder).mkdir()
    (tmp_path / "runwithworker_settings.py").write_text(SETTINGS.format(tmp=str(tmp_path)))
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="runwithworker_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
        DATABASE_URL=database_url(tmp_path),
        PYTHONUNBUFFERED="1",
    )
    log = tmp_path / "runwithworker.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "runwithworker", "--addrport", ADDRPORT, "--noreload"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    yield process, log, env
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=20)
    finally:
        for pid in worker_pids(log):  # each worker leads its own process group
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        if process.poll() is None:
            process.kill()


def written(folder: Path) -> list[Path]:
    """The mail files in ``folder`` once each is whole: the file backend creates the file, then
    writes every message followed by a line of dashes (read too early, a file is empty)."""
    files = list(folder.iterdir())
    return files if all(f.read_text().endswith("-" * 79 + "\n") for f in files) else []


def in_site(env: dict, code: str) -> str:
    """Run ``code`` in the site's own settings and database; return what it printed."""
    run = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert run.returncode == 0, run.stderr
    return run.stdout.strip().splitlines()[-1]


def test_killed_worker_is_restarted_and_still_delivers_a_reminder(runwithworker, tmp_path):
    process, log, env = runwithworker
    first = wait_for(lambda: worker_pids(log), TIMEOUT)[0]
    wait_for(lambda: "ready." in log.read_text(), TIMEOUT)

    os.kill(first, signal.SIGKILL)
    second = wait_for(lambda: worker_pids(log)[1:], TIMEOUT)[0]
    email = in_site(env, CREATE_DUE_REMINDER)
    mails = wait_for(lambda: written(tmp_path / "mail"), TIMEOUT)

    assert (process.poll(), second != first) == (None, True)
    assert [f"To: {email}" in mail.read_text() for mail in mails] == [True], email
    assert in_site(env, REMINDER_STATES) == "['sent']"
    assert not group_alive(first), "the killed worker's embedded beat was left running"
    assert f"pid {first}) exited with code -9; restarting it (restart 1)" in log.read_text()
