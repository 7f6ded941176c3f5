"""The revision pack (every page on one page): where mkdocs-print-site writes it, and how hooks change it.

The plugin renders the pack in its own on_post_build, after every other page, so the hooks that
repair it (print_page.py, mermaid_diagrams.py, print_assets.py, valid_html.py) each read the
built file, change it and put it back whole: written beside it, then swapped in, so a failed
build never leaves a half-written pack.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

URL = "print_page/"  # fixed by mkdocs-print-site
FILE = URL + "index.html"


def rewrite(site_dir: str | Path, change: Callable[[str], str], *, if_missing: str | None) -> None:
    """Apply `change` (pack HTML -> new HTML) to the built pack.

    A missing pack fails the build with `if_missing` as the fix, or is skipped when that is None.
    """
    from mkdocs.exceptions import PluginError  # here: scripts read URL before their .venv exists

    pack = Path(site_dir) / FILE
    if not pack.is_file():
        if if_missing is None:
            return
        raise PluginError(f"{FILE} is missing from the built site; {if_missing}")
    html = pack.read_text(encoding="utf-8")
    changed = change(html)
    if changed != html:
        temporary = pack.with_name(pack.name + ".tmp")
        temporary.write_text(changed, encoding="utf-8")
        os.replace(temporary, pack)
