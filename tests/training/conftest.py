import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads of these tests land in a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
