"""Read the forms of a rendered page, as a browser would send them (hidden fields included)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class PageForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__()
        self.page_path = page_path
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urlsplit(urljoin(self.page_path, attrs.get("action") or self.page_path)).path
            self._form = PageForm(action, (attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        if self._form is None or attrs.get("disabled") is not None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form.fields[name] = attrs.get("value") or "on"
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self._form.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select:
            # The first option, unless one is selected.
            if "selected" in attrs or self._select not in self._form.fields:
                self._form.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.fields[name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html: str | bytes, page_path: str = "/") -> list[PageForm]:
    """Every form on the page, with the values a browser would send unchanged."""
    parser = _FormParser(page_path)
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.forms


def post_form(html: str | bytes, action: str, page_path: str = "/") -> dict[str, str]:
    """The fields of the (first) POST form on the page that is sent to ``action``."""
    for form in page_forms(html, page_path):
        if form.method == "post" and form.action == action:
            return dict(form.fields)
    raise AssertionError(f"no POST form to {action} on the page")
