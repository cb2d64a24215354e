"""Serve the site with a Celery worker and beat beside it, for `make run`.

The worker uses the configured broker; out of the box that is kombu's filesystem transport, so
reminders are really swept and delivered (to var/mail/) without any server running.
"""

import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the development server together with a Celery worker and beat."

    def add_arguments(self, parser):
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        worker = None
        # The autoreloader re-executes this command in a child; start the worker only once.
        if os.environ.get("RUN_MAIN") != "true":
            command = [
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
            worker = subprocess.Popen(command, env=os.environ.copy())
            self.stdout.write(f"Celery worker + beat started (pid {worker.pid})")
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None and worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                worker.wait(timeout=10)
