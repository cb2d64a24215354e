"""Serve the site with a supervised Celery worker and beat beside it, for `make run`.

The worker uses the configured broker; out of the box that is the atomic filesystem transport
(``collider.broker``), so reminders are really swept and delivered (to var/mail/) without any
server running. A supervisor thread restarts the worker whenever it exits and logs it: pages
say "we e-mailed them", so a dead worker must never go unnoticed for days.
"""

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

logger = logging.getLogger(__name__)

QUICK_EXIT_SECONDS = 30
MAX_BACKOFF_SECONDS = 60

WORKER_COMMAND = [
    sys.executable,
    "-m",
    "celery",
    "-A",
    "collider",
    "worker",
    "--beat",
    "--pool=solo",
    "--loglevel=INFO",
]


class WorkerSupervisor(threading.Thread):
    """Keep one worker + beat process running; restart it when it exits, until stopped."""

    def __init__(self, command: list[str], *, check_every: float = 1.0, stdout=None) -> None:
        super().__init__(name="worker-supervisor", daemon=True)
        self.command = command
        self.check_every = check_every
        self.stdout = stdout or sys.stdout
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.restarts = 0
        self._stopping = threading.Event()

    def start_worker(self) -> None:
        # Its own process group: the worker forks an embedded beat, which must go with it.
        self.process = subprocess.Popen(self.command, env=os.environ.copy(), start_new_session=True)
        self.started_at = time.monotonic()
        self.stdout.write(f"Celery worker + beat started (pid {self.process.pid})\n")
        self.stdout.flush()

    def run(self) -> None:
        quick_exits = 0
        while not self._stopping.wait(self.check_every):
            code = self.process.poll()
            if code is None or self._stopping.is_set():
                continue
            self.restarts += 1
            # A worker killed hard leaves its beat behind; two beats would double every sweep.
            self._signal_group(signal.SIGKILL)
            logger.error(
                "Celery worker + beat (pid %s) exited with code %s; restarting it (restart %s)",
                self.process.pid,
                code,
                self.restarts,
            )
            # A worker that cannot start at all is retried ever more slowly, not every second.
            lived = time.monotonic() - self.started_at
            quick_exits = quick_exits + 1 if lived < QUICK_EXIT_SECONDS else 0
            if quick_exits and self._stopping.wait(min(2**quick_exits, MAX_BACKOFF_SECONDS)):
                return
            self.start_worker()

    def _signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)

    def stop(self, timeout: float = 10) -> None:
        self._stopping.set()
        if self.is_alive():
            self.join()  # no restart can race the shutdown below
        if self.process is None:
            return
        self._signal_group(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=timeout)
        self._signal_group(signal.SIGKILL)


class Command(BaseCommand):
    help = "Run the development server together with a supervised Celery worker and beat."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")
        parser.add_argument(
            "--noreload", action="store_false", dest="use_reloader", help="No autoreloader."
        )

    def handle(self, *args, addrport: str, use_reloader: bool = True, **options):
        supervisor = None
        # The autoreloader re-executes this command in a child; start the worker only once.
        if os.environ.get("RUN_MAIN") != "true":
            # Stopped by a process manager (SIGTERM): shut the worker down too, via `finally`.
            signal.signal(signal.SIGTERM, lambda *args: sys.exit(0))
            supervisor = WorkerSupervisor(WORKER_COMMAND, stdout=self.stdout)
            supervisor.start_worker()
            supervisor.start()
        try:
            call_command("runserver", addrport, use_reloader=use_reloader)
        finally:
            if supervisor is not None:
                supervisor.stop()
