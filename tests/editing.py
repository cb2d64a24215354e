"""Two browser tabs editing one record: the helper behind every stale-edit test (STYLE §21)."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import Client

STALE_MESSAGE = "Someone saved a newer version after you opened this form."


def form_data(response: HttpResponse) -> dict:
    """What a browser posts back from the page's ``form`` as it was shown (hidden fields too)."""
    data = {}
    for field in response.context["form"]:
        value = field.value()
        if value is None or value is False:
            continue
        if value is True:
            data[field.html_name] = "on"
        elif isinstance(value, list | tuple):
            data[field.html_name] = [str(item) for item in value]
        else:
            data[field.html_name] = str(value)
    return data


def edit_in_two_tabs(
    url: str, *, a, b, change_a: dict, change_b: dict
) -> tuple[HttpResponse, HttpResponse]:
    """``a`` and ``b`` (the same person in two tabs, or two people) open the edit form at
    ``url``; ``a`` saves ``change_a``, then ``b`` saves ``change_b`` from the older form."""
    tabs = []
    for user in (a, b):
        tab = Client()
        tab.force_login(user)
        shown = tab.get(url)
        # The page itself carries the version, as a browser would post it back.
        assert (shown.status_code, 'name="based_on"' in shown.content.decode()) == (200, True)
        tabs.append((tab, form_data(shown)))
    (tab_a, data_a), (tab_b, data_b) = tabs
    saved = tab_a.post(url, {**data_a, **change_a})
    refused = tab_b.post(url, {**data_b, **change_b})
    return saved, refused


def refusal(response: HttpResponse) -> tuple[int, bool, bool]:
    """(status, the stale message is shown, a link to the current version is shown)."""
    page = response.content.decode()
    return response.status_code, STALE_MESSAGE in page, "See the current version</a>" in page
