import pytest


@pytest.fixture
def evidence():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return lambda: SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 list", "application/pdf")
