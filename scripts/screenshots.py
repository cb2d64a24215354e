"""Screenshots of the demo's key pages for every role, at 1280 and 390 px wide.

Run against a server that serves the demo (``make run PORT=8550`` or ``manage.py runserver``
after ``load_demo``)::

    python scripts/screenshots.py --base-url http://127.0.0.1:8550 --out test-artifacts/finish/after

With ``--languages de,sl`` it takes, for each language, the programme page, the CCI
participant's dashboard and page 1 of her workshop agenda PDF (through ``pdftoppm``) into
``<out>/<lang>/``, after choosing the language in the page's own switcher::

    python scripts/screenshots.py --base-url http://127.0.0.1:8190 --out var/screens \
        --languages de,sl,hr,hu,pl,cs,it

Each page is also audited with axe-core (WCAG 2 A/AA); the violations are printed per page and
the exit status is 1 when there are any, so the script doubles as an accessibility sweep.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - after the path

PASSWORD = "collider-demo"
WIDTHS = (1280, 390)
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}

ROLES = {
    "anonymous": None,
    "admin": "admin@demo.collider.test",
    "partner": "petra.lindner@creativehub-graz.example",
    "facilitator": "vesna.mlakar@demo.collider.test",
    "expert": "georg.haas@demo.collider.test",
    "cci": "mira.kovac@demo.collider.test",
    "avm": "andrea.reiter@demo.collider.test",
}

# (role, name, path); paths with {slug} are the demo programme's.
PAGES = [
    ("anonymous", "home", "/"),
    ("anonymous", "programme", "/p/{slug}/"),
    ("anonymous", "library", "/p/{slug}/practices/"),
    ("anonymous", "login", "/accounts/login/"),
    ("admin", "dashboard", "/dashboard/"),
    ("partner", "dashboard", "/dashboard/"),
    ("partner", "challenge", "/p/{slug}/challenges/{challenge}/"),
    ("partner", "scheduler", "/p/{slug}/matchmaking/workshops/{workshop}/schedule/"),
    ("partner", "kpis", "/p/{slug}/followup/kpis/"),
    ("partner", "checklist-results", "/p/{slug}/checklists/{checklist}/results/"),
    ("partner", "tasks", "/p/{slug}/tandem/tasks/"),
    ("partner", "events", "/p/{slug}/events/"),
    ("facilitator", "dashboard", "/dashboard/"),
    ("expert", "dashboard", "/dashboard/"),
    ("cci", "dashboard", "/dashboard/"),
    ("cci", "catalogue", "/p/{slug}/training/"),
    ("cci", "library", "/p/{slug}/training/library/"),
    ("avm", "dashboard", "/dashboard/"),
]


def _ids() -> dict[str, str]:
    """The demo's object ids, read from Django (the script runs in the repository)."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "collider.settings.dev")
    import django

    django.setup()
    from challenges.models import Challenge
    from collider.demo import DEMO_SLUG
    from collider.models import Programme
    from matchmaking.models import Workshop
    from outreach.models import Checklist

    programme = Programme.objects.get(slug=DEMO_SLUG)

    def first(queryset) -> str:
        return str(queryset.order_by("pk").values_list("pk", flat=True)[0])

    return {
        "slug": DEMO_SLUG,
        "challenge": first(Challenge.objects.filter(programme=programme)),
        "workshop": first(Workshop.objects.filter(event__programme=programme)),
        "checklist": first(Checklist.objects.filter(programme=programme)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://127.0.0.1:8550")
    parser.add_argument("--out", default="test-artifacts/finish/after")
    parser.add_argument("--only", default="", help="comma-separated page names to take")
    parser.add_argument("--no-axe", action="store_true")
    parser.add_argument(
        "--compare",
        default="",
        help="a folder of earlier screenshots: write <out>/../side-by-side/ (earlier | now)",
    )
    parser.add_argument(
        "--languages",
        default="",
        help="comma-separated language codes: per language, the programme page, the CCI "
        "dashboard and the workshop agenda PDF's page 1 into <out>/<lang>/",
    )
    args = parser.parse_args()
    if args.compare:
        return side_by_side(Path(args.compare), Path(args.out))
    if args.languages:
        return languages(args)

    from playwright.sync_api import sync_playwright

    ids = _ids()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {name for name in args.only.split(",") if name}
    failures = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for role, email in ROLES.items():
            pages = [p for p in PAGES if p[0] == role and (not only or p[1] in only)]
            if not pages:
                continue
            context = browser.new_context(
                base_url=args.base_url, locale="en-GB", timezone_id="Europe/Vienna"
            )
            page = context.new_page()
            if email:
                _log_in(page, email)
            for _, name, path in pages:
                url = path.format(**ids)
                for width in WIDTHS:
                    page.set_viewport_size({"width": width, "height": 900})
                    response = page.goto(url)
                    page.wait_for_load_state("networkidle")
                    target = out / f"{role}-{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    status = response.status if response else "?"
                    print(f"{status} {target} · {page.title()}")
                    if not args.no_axe:
                        failures += _audit(page, f"{role}/{name}/{width}")
            context.close()
        browser.close()
    return 1 if failures else 0


def _log_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")


def _audit(page, label: str) -> int:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    violations = page.evaluate(
        """async (o) => (await axe.run(document, o)).violations.map((v) =>
            v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '))""",
        AXE_OPTIONS,
    )
    for violation in violations:
        print(f"  axe {label}: {violation}")
    return len(violations)


def languages(args) -> int:
    """Per language: the programme page, Mira's dashboard and her agenda PDF (page 1, PNG)."""
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright

    ids = _ids()
    codes = [code.strip() for code in args.languages.split(",") if code.strip()]
    failures = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for code in codes:
            out = Path(args.out) / code
            out.mkdir(parents=True, exist_ok=True)
            context = browser.new_context(
                base_url=args.base_url,
                locale="en-GB",
                timezone_id="Europe/Vienna",
                viewport={"width": 1280, "height": 900},
            )
            page = context.new_page()
            _log_in(page, ROLES["cci"])
            remembered = page.locator("html").get_attribute("lang")
            # The switcher posts to set_language, which also remembers the account's choice.
            with page.expect_navigation():
                page.locator("#language-select").select_option(code)
            shown = page.locator("html").get_attribute("lang")
            if shown != code:
                print(f"{code}: the page answered in {shown!r}")
                failures += 1
            for name, path in (
                ("programme", "/p/{slug}/"),
                ("cci-dashboard", "/dashboard/"),
            ):
                response = page.goto(path.format(**ids))
                page.wait_for_load_state("networkidle")
                target = out / f"{name}.png"
                page.screenshot(path=str(target), full_page=True)
                print(f"{response.status if response else '?'} {target} · {page.title()}")
                if not args.no_axe:
                    failures += _audit(page, f"{code}/{name}")
            agenda = "/p/{slug}/matchmaking/workshops/{workshop}/agenda.pdf".format(**ids)
            response = context.request.get(agenda)
            if not response.ok:
                print(f"{response.status} {agenda}")
                failures += 1
            else:
                with tempfile.TemporaryDirectory() as tmp:
                    pdf = Path(tmp) / "agenda.pdf"
                    pdf.write_bytes(response.body())
                    first_page = ["-f", "1", "-l", "1", "-singlefile"]
                    target = str(out / "agenda-page-1")
                    command = ["pdftoppm", "-png", "-r", "110", *first_page, str(pdf), target]
                    subprocess.run(command, check=True)
                print(f"{response.status} {out / 'agenda-page-1.png'}")
            if remembered and remembered != code:  # leave the demo account as it was
                with page.expect_navigation():
                    page.locator("#language-select").select_option(remembered)
            context.close()
        browser.close()
    return 1 if failures else 0


def side_by_side(before: Path, after: Path) -> int:
    """One image per page: the earlier screenshot on the left, the current one on the right."""
    from PIL import Image

    target = after.parent / "side-by-side"
    target.mkdir(parents=True, exist_ok=True)
    for right_path in sorted(after.glob("*.png")):
        left_path = before / right_path.name
        if not left_path.exists():
            continue
        left, right = Image.open(left_path), Image.open(right_path)
        gap = 24
        canvas = Image.new(
            "RGB", (left.width + gap + right.width, max(left.height, right.height)), "white"
        )
        canvas.paste(left, (0, 0))
        canvas.paste(right, (left.width + gap, 0))
        canvas.save(target / right_path.name)
        print(target / right_path.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
