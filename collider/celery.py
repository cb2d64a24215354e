"""The Celery application.

With a broker URL such as ``redis://`` it talks to a real server; out of the box it uses
the filesystem transport of ``collider.broker``, so a worker and beat run on a laptop with
no server at all.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collider.settings.base")

app = Celery("collider")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
