"""System checks for what the settings cannot refuse themselves (they also serve dev and tests)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

#: Cache backends whose counts live in one process (or nowhere): rate limits would not hold.
PROCESS_LOCAL_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs) -> list[Error]:
    """Rate limits count in the cache: each gunicorn worker with its own would multiply them."""
    if settings.DEBUG or settings.CACHES["default"]["BACKEND"] not in PROCESS_LOCAL_CACHES:
        return []
    return [
        Error(
            "The default cache is process-local, so rate limits are counted per process.",
            hint="Set CACHE_URL to a shared cache, e.g. redis://127.0.0.1:6379/1.",
            id="collider.E001",
        )
    ]
