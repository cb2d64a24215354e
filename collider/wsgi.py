import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collider.settings.base")
application = get_wsgi_application()

# What is alive now (modules, classes, settings, apps: ~190,000 objects) lives as long as the
# worker. Moved out of the collector's reach, a full collection no longer walks them all during
# some unlucky request: ~45 ms each, the page benchmark's p99, down to a few.
gc.freeze()
