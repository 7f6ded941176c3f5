"""Give every built page its Content-Security-Policy (scripts/site_tools/content_security_policy.py).

Runs in on_post_build, after every plugin and hook has written its pages (it must stay the last
hook), so it sees the final HTML, including the revision pack that mkdocs-print-site-plugin
writes at that time. Fails the build naming the page (and the Markdown file it was built from)
when it cannot carry the policy or holds a script that is not on the allow-list
(scripts/site_tools/allowed_scripts.py), and naming any script file off that list or unsafe SVG
in the site (scripts/site_tools/site_files.py).
Under `mkdocs serve` the policy lets inline scripts run, for MkDocs' live-reload script.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from site_tools import content_security_policy
from site_tools import site_files


_serving = False
_sources: dict[str, str] = {}  # site path of a page -> the docs/ file it was built from


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_build(config) -> None:
    _sources.clear()


def on_post_page(output: str, page, config) -> str:
    _sources[page.file.dest_uri] = f"docs/{page.file.src_uri}"
    return output


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    site_root = urlsplit(config.site_url or "/").path or "/"
    unpublishable = site_files.problems(site)
    if unpublishable:
        raise PluginError("\n".join(unpublishable[:20]))
    refused = []
    for page in sorted(site.rglob("*.html")):
        path = page.relative_to(site).as_posix()
        text = page.read_text(encoding="utf-8")
        try:
            page.write_text(content_security_policy.with_policy(text, _serving, path, site_root), encoding="utf-8")
        except content_security_policy.PolicyError as error:
            source = f" (built from {_sources[path]})" if path in _sources else ""
            refused.append(f"{path}{source}: {error}")
    if refused:
        raise PluginError("\n".join(refused[:20]))
