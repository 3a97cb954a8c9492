"""Reading printed PDFs back as a reader's tools do: poppler's pdftotext (in CI from poppler-utils)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest


def _pdftotext() -> None:
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("pdftotext is missing; .ci/run installs Debian's poppler-utils")
        pytest.skip("pdftotext is missing (apt-get install poppler-utils)")


def plain(text: str) -> str:
    """Text as a reader would search it: compatibility forms folded (full-width brackets), no spaces."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def page_texts(pdf: Path, layout: bool = False) -> list[str]:
    """Each page's text, read by poppler's pdftotext (pypdf takes seconds for the same); with `layout`, each
    line as it is laid out (a contents page's title and number on one line)."""
    _pdftotext()
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    return text.split("\f")[:-1]  # a form feed ends each page


def page_fill(pdf: Path) -> list[float]:
    """How far down each page its text reaches, as a share of the page's height (pdftotext's word boxes)."""
    _pdftotext()
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=60).stdout
    fills = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        fills.append(max(bottoms, default=0) / height)
    return fills
