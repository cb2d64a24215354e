"""Read a rendered PDF back the way a person would check it: which fonts it embeds (poppler's
``pdffonts``), which raster images it holds (``pdfimages -list``) and whether page 1 shows the
Collider logo (``pdftoppm``, then the logo's two colours in the page header).

Used by the PDF tests and by ``scripts/rehearsal``; needs Debian's ``poppler-utils``.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

#: The house font of every document (static/css/pdf.css); an unstyled PDF falls back to a serif.
HOUSE_FONT = "DejaVu-Sans"
#: The logo's two discs (static/img/collider.svg): orange #f4a261 and teal #2a9d8f at 90 %
#: opacity over white. It is an SVG, drawn as vector paths, so ``pdfimages`` does not list it;
#: page 1 is looked at instead.
LOGO_COLOURS = ((245, 171, 113), (63, 167, 154))


def pdf_fonts(path: Path) -> list[str]:
    """Embedded font names without their subset prefix (``ABCDEF+DejaVu-Sans`` → DejaVu-Sans)."""
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    names = [line.split()[0] for line in out.stdout.splitlines()[2:] if line.strip()]
    return sorted({name.split("+", 1)[-1] for name in names})


def pdf_images(path: Path) -> list[str]:
    """``pdfimages -list`` rows (raster images only), without the two header lines."""
    out = subprocess.run(
        ["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True
    )
    return [line for line in out.stdout.splitlines()[2:] if line.strip()]


def render_first_page(path: Path, png: Path, dpi: int = 60) -> Path:
    """Page 1 as a PNG (``pdftoppm``); returns the PNG's path."""
    stem = png.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", "1", "-l", "1", "-png", "-singlefile", str(path), stem],
        check=True,
    )
    return stem.with_suffix(".png")


def logo_pixels(png: Path) -> list[int]:
    """How many pixels of each logo colour the top fifth of the page shows."""
    from PIL import Image

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        data = rgb.crop((0, 0, width, height // 5)).tobytes()
    pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]

    def near(pixel, colour) -> bool:
        return sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 40

    return [sum(near(p, colour) for p in pixels) for colour in LOGO_COLOURS]


def check_pdf(path: Path, png: Path | None = None) -> dict:
    """Everything above for one PDF; ``styled`` is True when fonts and logo are as designed."""
    fonts = pdf_fonts(path)
    with tempfile.TemporaryDirectory() as tmp:
        page = render_first_page(path, png or Path(tmp) / "page-1.png")
        logo = logo_pixels(page)
    house = HOUSE_FONT in fonts and not any("Serif" in name for name in fonts)
    return {
        "fonts": fonts,
        "images": pdf_images(path),
        "logo_pixels": logo,
        "house_fonts": house,
        "logo": min(logo) > 0,
        "styled": house and min(logo) > 0,
    }


def _pdf_file(content: bytes, tmp: str) -> Path:
    path = Path(tmp) / "document.pdf"
    path.write_bytes(content)
    return path


def pdf_info(content: bytes) -> dict[str, str]:
    """``pdfinfo``'s fields (Title, Author, Tagged, Pages, PDF version …) of a rendered PDF."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["pdfinfo", str(_pdf_file(content, tmp))], check=True, capture_output=True, text=True
        )
    return {
        key.strip(): value.strip()
        for key, _, value in (line.partition(":") for line in out.stdout.splitlines())
    }


def pdf_pages_text(content: bytes) -> list[str]:
    """The text of each page as ``pdftotext -layout`` lays it out (one string per page)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = subprocess.run(
            ["pdftotext", "-layout", str(_pdf_file(content, tmp)), "-"],
            check=True,
            capture_output=True,
            text=True,
        )
    return out.stdout.split("\f")[:-1]


def pdf_link_uris(content: bytes) -> list[str]:
    """The targets of the clickable links (URI annotations) on every page, in reading order."""
    import io

    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    uris = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and action.get("/URI"):
                uris.append(str(action["/URI"]))
    return uris


def pdf_language(content: bytes) -> str:
    """The document language (``/Lang`` of the catalog) that screen readers use."""
    import io

    import pypdf

    return str(pypdf.PdfReader(io.BytesIO(content)).trailer["/Root"].get("/Lang", ""))
