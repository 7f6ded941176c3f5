"""Print a page of the built site to PDF the way a reader's Chromium prints it.

Shared by scripts/build_pdfs.py and the print tests, so the PDFs readers download and the
PDFs the tests read are made the same way: the page is loaded (its diagrams are in its HTML,
drawn at build time), `beforeprint` fires (as when a reader presses print), and Chromium prints with the page's own
print styles and page size.
"""

from __future__ import annotations

from pathlib import Path

PAPER_SIZES = ("A4", "Letter")


def load_for_print(page, url: str) -> None:
    """Open `url` in a Playwright page as a reader about to print it."""
    page.goto(url, wait_until="networkidle")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")


def print_to_pdf(page, url: str, path: Path, paper: str = "A4") -> Path:
    """Print `url` to a PDF file on `paper` (A4 or Letter) and return its path."""
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {PAPER_SIZES}, not {paper!r}")
    load_for_print(page, url)
    page.pdf(path=str(path), format=paper, print_background=True, prefer_css_page_size=False)
    return path
