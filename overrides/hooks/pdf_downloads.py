"""Publish the revision PDFs, and link them where a page asks with `<!-- pdf-downloads -->`.

The PDFs are printed from a built site by scripts/build_pdfs.py, which then builds the site
again with SITE_PDF_DIR naming the folder that holds them. Without SITE_PDF_DIR (an ordinary
build, `mkdocs serve`) the marker stays an invisible comment, so no page links a missing file.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

MARKER = "<!-- pdf-downloads -->"
PDFS = {  # file name in SITE_PDF_DIR -> link text
    "revision-sheet.pdf": "the one-page revision sheet (A4)",
    "revision-pack.pdf": "the whole site as a revision pack",
    "flashcards.pdf": "the flashcards, to print double-sided",
}
SITE_FOLDER = "pdf"


def _pdf_dir() -> Path | None:
    value = os.environ.get("SITE_PDF_DIR")
    return Path(value) if value else None


def on_files(files: Files, config) -> Files:
    folder = _pdf_dir()
    if folder is None:
        return files
    for name in PDFS:
        if not (folder / name).is_file():
            raise PluginError(f"SITE_PDF_DIR={folder} has no {name}: run `python3 scripts/build_pdfs.py`")
        files.append(File.generated(config, f"{SITE_FOLDER}/{name}", abs_src_path=str(folder / name)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER not in markdown or _pdf_dir() is None:
        return markdown
    here = posixpath.dirname(page.file.src_uri)
    links = " · ".join(f"[{text}]({posixpath.relpath(f'{SITE_FOLDER}/{name}', here or '.')}){{ download }}"
                       for name, text in PDFS.items())
    return markdown.replace(MARKER, f'!!! tip screen-only "Download as PDF"\n\n    {links}\n')
