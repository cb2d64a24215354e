"""`make run HOST=… PORT=…` serves there and writes that address into every link."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_run_sets_site_url_from_host_and_port():
    commands = subprocess.run(
        ["make", "--dry-run", "--always-make", "run", "HOST=192.0.2.10", "PORT=8102"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    django = [line for line in commands.splitlines() if "manage.py" in line]

    assert [line.split(".venv/bin/python manage.py ")[-1] for line in django] == [
        "migrate --noinput",
        "load_demo",
        "runwithworker --addrport 192.0.2.10:8102",
    ]
    assert all("SITE_URL=http://192.0.2.10:8102 " in line for line in django)
    assert "localhost,127.0.0.1,192.0.2.10" in commands
