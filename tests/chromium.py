"""How every headless Chromium here is launched: the browser journeys and scripts/rehearsal.

Debian's chromium, since `playwright install` cannot download browsers on these machines
(MACHINE.md), with the flags that keep it from reaching the network on its own.
"""

CHROMIUM = "/usr/bin/chromium"
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
