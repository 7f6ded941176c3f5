"""Stop the strict build when a page's generated block no longer matches docs/data/.

The blocks are written into the Markdown by scripts/generate_pages.py; this hook only checks,
so `mkdocs serve` tells a contributor who edited the data which command to run.
"""

from __future__ import annotations

import logging

from mkdocs.exceptions import PluginError

import generate_pages
from site_tools.data_file import DataError, display_path

log = logging.getLogger("mkdocs.hooks.stale_blocks")


def on_pre_build(config) -> None:
    generate_pages._data.cache_clear()  # `mkdocs serve` rebuilds in one process
    try:
        stale = generate_pages.stale_pages()
    except DataError as error:
        raise PluginError(str(error)) from None
    for page in stale:
        log.warning("%s: generated blocks are out of date with docs/data/: run `%s`",
                    display_path(page), generate_pages.COMMAND)
