"""The programme one-pager PDF and the locked-down URL fetcher behind every PDF."""

import io
import os
import re
from pathlib import Path

import pypdf
import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from collider.enums import Phase, ProgrammeStatus, RegistrationMode, Role
from collider.pdf import _fetcher, static_path_for
from tests.factories import (
    EventFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)
from tests.pdfcheck import check_pdf, pdf_info, pdf_language, pdf_link_uris, pdf_pages_text


def pdf_text(content: bytes) -> str:
    """The text of every page, with line breaks turned into spaces."""
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.mark.django_db
def test_programme_onepager_prints_programme_phases_partners_and_public_events(client):
    programme = ProgrammeFactory(name="Styria Creative Collider", tagline="Design meets industry")
    MembershipFactory(
        programme=programme,
        user=UserFactory(),
        role=Role.PARTNER,
        sector="",
        organisation=OrganisationFactory(name="Creative Hub Graz"),
    )
    EventFactory(
        programme=programme,
        title="Info day Creative meets Manufacturing",
        registration_mode=RegistrationMode.PUBLIC,
    )
    EventFactory(programme=programme, title="Partners only retreat")

    response = client.get(reverse("collider:programme_onepager", args=[programme.slug]))

    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (f'inline; filename="{programme.slug}-one-pager.pdf"')
    assert "Styria Creative Collider" in text
    assert "Design meets industry" in text
    assert [str(phase.label) in text for phase in Phase] == [True] * 6
    assert "Meet the tandem partner" in text
    assert "Creative Hub Graz" in text
    assert "Info day Creative meets Manufacturing" in text
    # Anonymous readers see public events only.
    assert "Partners only retreat" not in text
    assert f"More at {settings.SITE_URL}{programme.get_absolute_url()}" in text


@pytest.mark.django_db
def test_programme_onepager_is_one_tagged_page_with_metadata_and_live_links(client):
    programme = ProgrammeFactory(
        name="Styria Creative Collider", contact_email="hello@collider.example"
    )
    MembershipFactory(
        programme=programme,
        user=UserFactory(),
        role=Role.PARTNER,
        organisation=OrganisationFactory(name="Creative Hub Graz", website="https://hub.example"),
    )
    for n in range(5):
        EventFactory(
            programme=programme, title=f"Open day {n}", registration_mode=RegistrationMode.PUBLIC
        )

    content = client.get(reverse("collider:programme_onepager", args=[programme.slug])).content

    info = pdf_info(content)
    assert (info["Pages"], info["Tagged"], info["Title"], info["Author"]) == (
        "1",
        "yes",
        "Styria Creative Collider",
        "Creative Hub Graz",
    )
    assert pdf_language(content) == "en"
    assert pdf_link_uris(content) == [
        "https://hub.example",
        "mailto:hello@collider.example",
        f"{settings.SITE_URL}{programme.get_absolute_url()}",
    ]


@pytest.mark.django_db
def test_programme_onepager_writes_dates_and_numbers_in_the_readers_language(client):
    import datetime

    programme = ProgrammeFactory(
        starts_on=datetime.date(2026, 9, 21), ends_on=datetime.date(2027, 9, 21)
    )

    with translation.override("de"):
        response = client.get(
            reverse("collider:programme_onepager", args=[programme.slug]),
            HTTP_ACCEPT_LANGUAGE="de",
        )
    english = client.get(reverse("collider:programme_onepager", args=[programme.slug]))

    german_text = " ".join(" ".join(pdf_pages_text(response.content)).split())
    english_text = " ".join(" ".join(pdf_pages_text(english.content)).split())
    assert pdf_language(response.content) == "de"
    assert "21. September 2026 – 21. September 2027" in german_text
    assert "21 Sep 2026 – 21 Sep 2027" in english_text


@pytest.mark.django_db
def test_programme_onepager_of_a_draft_is_not_found_for_the_public(client):
    programme = ProgrammeFactory(status=ProgrammeStatus.DRAFT)

    response = client.get(reverse("collider:programme_onepager", args=[programme.slug]))

    assert response.status_code == 404
    assert response["Content-Type"] != "application/pdf"


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/x.png",
        "/static/../settings.py",
        "/static/css/../../collider/settings/base.py",
        "file:///etc/passwd",
        "ftp://example.org/static/css/pdf.css",
        "/static/css/missing.css",
    ],
)
def test_static_path_for_refuses_anything_but_our_static_files(url):
    assert static_path_for(url) is None


@pytest.mark.parametrize(
    "url",
    ["/static/css/pdf.css", f"{settings.SITE_URL}/static/css/pdf.css"],
)
def test_static_path_for_finds_our_static_files(url):
    assert static_path_for(url) == (Path(settings.BASE_DIR) / "static/css/pdf.css").resolve()


def test_pdf_fetcher_refuses_the_network():
    refused = re.escape("Refused to fetch 'https://evil.example/x.png' while rendering a PDF")

    with pytest.raises(ValueError, match=refused):
        _fetcher().fetch("https://evil.example/x.png")


# --- Production static storage ----------------------------------------------------------------


MANIFEST_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory) -> Path:
    """collectstatic under the manifest storage, once per module (it takes seconds)."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=MANIFEST_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture
def manifest_static(collected_static, settings) -> Path:
    """Production's static setup: ``{% static %}`` writes hashed names that only the storage
    (the collected files and their manifest) knows; the finders do not."""
    settings.STATIC_ROOT = collected_static
    settings.STORAGES = MANIFEST_STORAGES
    return collected_static


def test_static_path_for_finds_hashed_names_in_the_collected_files(manifest_static):
    hashed = staticfiles_storage.url("css/pdf.css")

    path = static_path_for(hashed)

    assert re.fullmatch(r"/static/css/pdf\.[0-9a-f]{12}\.css", hashed)
    assert path == (manifest_static / hashed.removeprefix("/static/")).resolve()


@pytest.mark.django_db
def test_programme_onepager_under_manifest_storage_uses_house_fonts_and_logo(
    client, manifest_static, tmp_path
):
    programme = ProgrammeFactory(name="Styria Creative Collider")

    response = client.get(reverse("collider:programme_onepager", args=[programme.slug]))
    pdf = tmp_path / "one-pager.pdf"
    pdf.write_bytes(response.content)
    check = check_pdf(pdf)

    assert check["fonts"] == ["DejaVu-Sans", "DejaVu-Sans-Bold"]
    assert check["logo"] is True, check["logo_pixels"]
    assert "Styria Creative Collider" in pdf_text(response.content)


def test_the_stylesheet_is_parsed_once_and_again_after_an_edit():
    from collider import pdf

    pdf._parsed_stylesheet.cache_clear()
    first = pdf.stylesheet()
    path = static_path_for(f"{settings.SITE_URL}/static/css/pdf.css")
    stat = path.stat()

    assert pdf.stylesheet() is first
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    try:
        assert pdf.stylesheet() is not first
    finally:
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
