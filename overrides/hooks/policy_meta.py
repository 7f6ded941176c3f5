"""Give every built page its Content-Security-Policy (scripts/site_tools/content_security_policy.py).

Runs in on_post_build, after every plugin and hook has written its pages (it must stay the last
hook), so it sees the final HTML, including the revision pack that mkdocs-print-site-plugin
writes at that time. Fails the build naming a page that cannot carry the policy. Under
`mkdocs serve` the policy lets inline scripts run, for MkDocs' live-reload script.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from site_tools import content_security_policy


_serving = False


def on_startup(command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_post_build(config) -> None:
    site = Path(config.site_dir)
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        try:
            page.write_text(content_security_policy.with_policy(text, live_reload=_serving), encoding="utf-8")
        except content_security_policy.PolicyError as error:
            raise PluginError(f"{page.relative_to(site)}: {error}; update scripts/site_tools/content_security_policy.py") from None
