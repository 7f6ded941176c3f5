"""Write the service worker that keeps the site for offline use (scripts/site_tools/offline_cache.py).

Runs in on_post_build after every other hook (it must stay last in mkdocs.yml), so the version
it writes is a hash of the files exactly as published, Content-Security-Policy included. Under
`mkdocs serve` the worker keeps nothing, so edits show at once instead of a cached page.
"""

from __future__ import annotations

import logging
from pathlib import Path

from site_tools import offline_cache

log = logging.getLogger("mkdocs.hooks.offline_cache")
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config) -> None:
    kept = offline_cache.write_worker(Path(config.site_dir), keep_site=not _serving)
    log.info(f"offline: {offline_cache.WORKER} keeps {len(kept.urls)} files, {kept.size / 1e6:.1f} MB (version {kept.version})")
