"""Build the site with its revision PDFs: the one-page A4 sheet, the whole-site pack, the flashcards.

Usage: python3 scripts/build_pdfs.py [--site-dir DIR]   (default: site/)

Sets everything up (like scripts/test.py, a Chromium included), builds the site, prints
revise/revision-sheet/, the print-site page print_page/ and revise/flashcards/ to A4 PDFs with headless Chromium
from a local server with no network, then builds the site again into DIR with the PDFs in
pdf/ and linked from the pages that ask for them. Fails, writing nothing to DIR, if the sheet
no longer fits on one A4 page. Exit status: 0 built, 1 a check failed, 2 set-up failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from site_tools import dev_env
from site_tools import revision_pack
from site_tools import whole_site

ROOT = dev_env.ROOT
PRINTS = {"revision-sheet.pdf": "revise/revision-sheet/", "revision-pack.pdf": revision_pack.URL,
          "flashcards.pdf": "revise/flashcards/"}


def mkdocs_build(site_dir: Path, **env: str) -> int:
    """Build the site into site_dir with these environment variables set; the exit status."""
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "--clean", "--site-dir", str(site_dir)],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}).returncode


def print_pdfs(site: Path, out: Path) -> None:
    """Print each page in PRINTS from `site` into `out`, through a local server."""
    from site_tools import browser
    from site_tools import local_server
    from site_tools import print_pdf
    from playwright.sync_api import sync_playwright
    from pypdf import PdfReader

    with local_server.serve(site) as base, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser.find_headless_chromium(sys.executable), args=browser.PLAYWRIGHT_LAUNCH_ARGS)
        context = chromium.new_context(service_workers="block")  # the offline copy is not what is printed
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        page = context.new_page()
        for name, path in PRINTS.items():
            print_pdf.print_to_pdf(page, base + path, out / name)
            print(f"printed {path} -> {name} ({len(PdfReader(out / name).pages)} pages)")
        chromium.close()
    pages = len(PdfReader(out / "revision-sheet.pdf").pages)
    if pages != 1:
        print(f"docs/revise/revision-sheet.md prints on {pages} A4 pages, not one: shorten it or tighten "
              "its rules in docs/assets/stylesheets/print.css", file=sys.stderr)
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=ROOT / "site", help="output folder (default: site/)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        first, pdfs = Path(scratch) / "site", Path(scratch) / "pdf"
        pdfs.mkdir()
        if mkdocs_build(first) != 0:
            raise SystemExit(1)
        print_pdfs(first, pdfs)
        status = whole_site.build_whole(lambda folder: mkdocs_build(folder, SITE_PDF_DIR=str(pdfs)), args.site_dir)
        if status != 0:
            raise SystemExit(status)
    print(f"built {args.site_dir} with {', '.join(f'pdf/{name}' for name in PRINTS)}")


if __name__ == "__main__":
    dev_env.main_guard(lambda: dev_env.run_in_env(__file__, with_browser=True))
    main()
