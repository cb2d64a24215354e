"""Page benchmark (``make bench-pages``): the production settings plus the bare view's URLconf."""

from .base import *  # noqa: F403

ROOT_URLCONF = "collider.bench_urls"
