"""One helper renders every PDF: a template through WeasyPrint with a locked-down fetcher."""

from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def static_path_for(url: str) -> Path | None:
    """The file behind one of our ``/static/`` URLs, or None for anything else."""
    parsed = urlparse(url)
    if parsed.scheme not in ("", "file", "http", "https") or settings.STATIC_URL not in parsed.path:
        return None
    relative = parsed.path.split(settings.STATIC_URL, 1)[1]
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    return Path(found).resolve() if found else None


def _fetcher():
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Serves our static files and data: URIs; refuses the network and the file system."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_path_for(url)
            if path is None:
                raise ValueError(f"Refused to fetch {url!r} while rendering a PDF")
            return super().fetch(path.as_uri(), headers)

    return StaticOnlyFetcher(allowed_protocols={"file", "data"})


def render_pdf(template: str, context: dict) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes (WeasyPrint is imported lazily)."""
    from weasyprint import HTML

    # No request here, so context processors do not run; links in print must be absolute.
    html = render_to_string(template, {"SITE_URL": settings.SITE_URL, **context})
    return HTML(string=html, base_url=settings.SITE_URL + "/", url_fetcher=_fetcher()).write_pdf()
