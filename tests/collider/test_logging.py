"""The base settings' logging: one line per 403/404, no traceback, in debug and production."""

import io
import logging

import pytest
from django.utils.log import configure_logging

from collider.settings import base
from tests.factories import UserFactory

LOGGERS = ("", "django", "django.request")


@pytest.fixture
def base_logging():
    """Logging configured as Django configures it from the base settings (its defaults first,
    then ``LOGGING``); every console handler writes to the returned buffer. The test setup's
    logging is restored afterwards."""
    saved = {
        name: (lg.handlers[:], lg.filters[:], lg.level, lg.propagate)
        for name in LOGGERS
        for lg in [logging.getLogger(name)]
    }
    configure_logging("logging.config.dictConfig", base.LOGGING)
    written = io.StringIO()
    for name in LOGGERS:
        for handler in logging.getLogger(name).handlers:
            if isinstance(handler, logging.StreamHandler):
                handler.setStream(written)
    yield written
    for name, (handlers, filters, level, propagate) in saved.items():
        logger = logging.getLogger(name)
        logger.handlers[:], logger.filters[:] = handlers, filters
        logger.level, logger.propagate = level, propagate


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_a_403_is_logged_once_without_traceback(client, settings, base_logging, debug):
    settings.DEBUG = debug
    client.force_login(UserFactory())

    response = client.get("/network/")  # platform admins only

    lines = base_logging.getvalue().splitlines()
    assert response.status_code == 403
    assert [line.split(" ", 2)[2] for line in lines] == [
        "WARNING django.request Forbidden (Permission denied): /network/"
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_a_404_is_logged_once(client, settings, base_logging, debug):
    settings.DEBUG = debug

    response = client.get("/p/no-such-programme/")

    lines = base_logging.getvalue().splitlines()
    assert response.status_code == 404
    assert [line.split(" ", 2)[2] for line in lines] == [
        "WARNING django.request Not Found: /p/no-such-programme/"
    ]


@pytest.mark.django_db
def test_a_disallowed_host_is_logged_once_without_traceback(client, settings, base_logging):
    settings.ALLOWED_HOSTS = ["testserver"]

    response = client.get("/", HTTP_HOST="scanner.invalid")

    lines = base_logging.getvalue().splitlines()
    assert response.status_code == 400
    assert [line.split(" ", 3)[2:] for line in lines] == [
        [
            "ERROR",
            "django.security.DisallowedHost Invalid HTTP_HOST header: 'scanner.invalid'. "
            "You may need to add 'scanner.invalid' to ALLOWED_HOSTS.",
        ]
    ]
