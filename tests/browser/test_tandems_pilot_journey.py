"""A tandem partner takes a pilot action out of the public toolbox and puts it back with the
buttons its declared actions render (``tandems.actions``), and a stage gate refuses to move an
idea on before its fields are filled in — the refusal is a page with the reason, not an error."""

from __future__ import annotations

from playwright.sync_api import expect

from .support import ConsoleErrors, Screenshots, log_in

HUB = "petra.lindner@creativehub-graz.example"


def test_pilot_buttons_follow_the_declared_actions(demo, new_context, a11y, live_server):
    console = ConsoleErrors()
    snap = Screenshots.fresh("tandems", "pilot-")
    hub = console.watch(new_context().new_page())
    log_in(hub, HUB, land=False)
    hub.goto(f"/p/{demo.slug}/tandem/pilots/")
    hub.get_by_role("link", name="CCI Factory Mentorship").click()

    # A closed, published pilot action offers one button: taking it out of the toolbox.
    withdraw = hub.get_by_role("button", name="Remove from the public toolbox")
    expect(withdraw).to_be_visible()
    expect(hub.get_by_role("button", name="Publish in the toolbox")).to_have_count(0)
    a11y.check(hub, "pilot-published")
    snap(hub, "published")
    withdraw.click()
    expect(hub.get_by_text("Toolbox visibility saved.")).to_be_visible()
    publish = hub.get_by_role("button", name="Publish in the toolbox")
    expect(publish).to_be_visible()
    snap(hub, "withdrawn")
    publish.click()
    expect(hub.get_by_role("button", name="Remove from the public toolbox")).to_be_visible()

    # An idea whose gate is not passed: the button is there, the refusal names what is missing.
    hub.goto(f"/p/{demo.slug}/tandem/pilots/")
    hub.get_by_role("link", name="Living Lab Graz").click()
    idea_url = hub.url
    hub.get_by_role("button", name="Move to Concept").click()
    expect(hub.get_by_text("Before moving on, fill in")).to_be_visible()
    a11y.check(hub, "pilot-refused")
    snap(hub, "gate-refused")

    # The refusal answers 400 on purpose (a wrong state is a 4xx); nothing else may fail.
    expected = (
        f"{idea_url}do/concept/: Failed to load resource: "
        "the server responded with a status of 400 (Bad Request)"
    )
    assert console.errors == [expected]
    a11y.assert_clean()
