"""The site kept for offline use: which built files a reader's browser keeps, and the worker that keeps them.

A student opens the site once online; from then on every page, search and the self-test work
with no network, from the browser's cache (README, "Choices, and why": a service worker rather
than a copy that opens from a file). `docs/assets/javascripts/offline.js` registers
`service-worker.js`, which sits at the site root so that its scope is the whole site.

That worker is written here, after the build, from the template beside this module
(`service_worker.js`), with the list of files to precache and a version: a hash of the template
and of every listed file's path and content. Any change to the built site changes the worker's
bytes, so browsers install the new version, which fetches every listed file afresh, and then
delete the old version's cache. Used by overrides/hooks/offline_cache.py.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

WORKER = "service-worker.js"
TEMPLATE = Path(__file__).with_name("service_worker.js")

# Built files a student does not need offline, and why. Everything else is precached.
NOT_PRECACHED = {
    WORKER: "the worker itself: browsers fetch it afresh to find a new version",
    "pdf/*": "the printed PDFs (1.3 MB, three times what the rest costs to download): the same pages "
             "again, which are kept; a PDF a student downloads stays on the device anyway",
    "assets/javascripts/lunr/*": "Material's search loads these only for languages other than English",
    "assets/images/social-card.png": "the picture other apps show beside a link to the site",
    "sitemap.xml*": "for search engines",
}


@dataclass(frozen=True)
class Precache:
    """What the worker keeps: URLs relative to the site root, their total size, and the version."""

    urls: list[str]
    size: int
    version: str


def url_of(path: str) -> str:
    """The URL, relative to the site root, that links use for a built file: a page's folder for its index.html."""
    if path == "index.html":
        return "./"
    return path.removesuffix("index.html") if path.endswith("/index.html") else path


def precache(site: Path, template: str) -> Precache:
    """The files of the built `site` to precache, and the version that `template` and their content give."""
    files = sorted(
        relative for relative in (path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file())
        if not any(fnmatch(relative, pattern) for pattern in NOT_PRECACHED))
    digest = hashlib.sha256(template.encode("utf-8"))
    size = 0
    for relative in files:
        content = (site / relative).read_bytes()
        size += len(content)
        digest.update(relative.encode("utf-8") + b"\0" + hashlib.sha256(content).digest())
    return Precache(urls=[url_of(relative) for relative in files], size=size, version=digest.hexdigest()[:16])


def write_worker(site: Path, *, keep_site: bool = True) -> Precache:
    """Write `site`/service-worker.js: the template preceded by what to precache; return that.

    With keep_site=False (under `mkdocs serve`, whose pages change as you edit) the worker keeps
    nothing: it passes every request to the network and deletes what an earlier version kept.
    """
    template = TEMPLATE.read_text(encoding="utf-8")
    kept = precache(site, template) if keep_site else Precache(urls=[], size=0, version="none")
    settings = json.dumps({"version": kept.version, "urls": kept.urls}, indent=1)
    (site / WORKER).write_text(f"const OFFLINE = {settings};\n{template}", encoding="utf-8")
    return kept
