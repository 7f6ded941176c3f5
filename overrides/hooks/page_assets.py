"""Load each feature's script and styles (the self-test, the flashcards, the lab) on the pages that
hold its block only (scripts/site_tools/page_assets.py); a missing file fails the build in one line."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools import page_assets


def on_post_page(output: str, page, config) -> str:
    try:
        return page_assets.linked(output, page.url, page.file.src_uri, Path(config.docs_dir))
    except page_assets.MissingAsset as error:
        raise PluginError(str(error)) from None
