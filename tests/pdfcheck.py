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
