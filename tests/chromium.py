"""How every headless Chromium here is launched: the browser journeys and scripts/rehearsal.

Debian's builds, since `playwright install` cannot download browsers on these machines
(MACHINE.md), with the flags that keep them from reaching the network on their own.

The journeys drive the old headless shell (package chromium-headless-shell): the same Blink and
V8 as the browser, without the browser's own UI and services, as Playwright itself does for
headless runs. On the challenges journey it used 15.4 s of CPU where the browser used 27.0 s.
The full browser (package chromium) serves what needs the browser itself: the journey that opens
a PDF in its viewer (the shell downloads it instead), the rehearsal and scripts/screenshots.py.
"""

CHROMIUM = "/usr/bin/chromium"
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
