"""Read the forms of a rendered page, as a browser would send them (hidden fields included)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


@dataclass
class PageForm:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    # What a person could fill in: the input type of each field, the choices of each select
    # and radio group.
    kinds: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)


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
            self._form.kinds.setdefault(name, kind)
            if kind == "radio":
                self._form.choices.setdefault(name, []).append(attrs.get("value") or "on")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._form.fields[name] = attrs.get("value") or "on"
            elif kind not in {"submit", "button", "file", "image", "reset"}:
                self._form.fields[name] = attrs.get("value") or ""
        elif tag == "select" and name:
            self._select = name
            self._form.kinds[name] = "select"
            self._form.choices[name] = []
        elif tag == "option" and self._select:
            self._form.choices[self._select].append(attrs.get("value") or "")
            # The first option, unless one is selected.
            if "selected" in attrs or self._select not in self._form.fields:
                self._form.fields[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self._form.kinds[name] = "textarea"
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


def _samples() -> dict[str, str]:
    from django.utils import timezone

    soon = timezone.localtime() + timedelta(days=30)
    return {
        "email": "double.submit@example.org",
        "number": "1",
        "range": "1",
        "date": soon.date().isoformat(),
        "datetime-local": soon.strftime("%Y-%m-%dT%H:%M"),
        "time": "10:00",
        "month": soon.strftime("%Y-%m"),
        "url": "https://example.org/",
        "tel": "+43 1 234 56",
        "password": "a-long-Pass-phrase-42",
    }


def filled(form: PageForm) -> dict[str, str]:
    """The form as a person in a hurry sends it: every empty field given a plausible value
    (the first real choice of a select or radio group, a sample of the input's type)."""
    samples = _samples()
    data = dict(form.fields)
    for name, kind in form.kinds.items():
        if data.get(name) or kind in {"hidden", "checkbox", "file", "submit", "button"}:
            continue
        if kind in {"select", "radio"}:
            real = [value for value in form.choices.get(name, []) if value]
            if real:
                data[name] = real[0]
        else:
            data[name] = samples.get(kind, "Double submit")
    return data
