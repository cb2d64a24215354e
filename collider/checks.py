"""System checks for what the settings cannot refuse themselves (they also serve dev and tests)."""

from email.utils import parseaddr

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


#: Sender domains that no mail server delivers from (the development default and examples).
PLACEHOLDER_SENDER_DOMAINS = {"localhost", "example.org", "example.com", "example.net"}


@register(Tags.compatibility, deploy=True)
def check_sender(app_configs, **kwargs) -> list[Error]:
    """Mail from ``collider@localhost`` lands in spam or bounces; a bare address shows no name."""
    if settings.DEBUG:
        return []
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    domain = address.rpartition("@")[2].lower()
    if name and domain and domain not in PLACEHOLDER_SENDER_DOMAINS:
        return []
    return [
        Error(
            f"DEFAULT_FROM_EMAIL ({settings.DEFAULT_FROM_EMAIL!r}) is not a real sender.",
            hint="Set DEFAULT_FROM_EMAIL to a name and an address of your domain, e.g. "
            '"Styria Collider <collider@creativehub-graz.at>".',
            id="collider.E002",
        )
    ]
