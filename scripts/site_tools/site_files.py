"""Files of a built site that must not be published: script files off the allow-list, unsafe SVGs,
stylesheets that load from another origin.

'self' in the Content-Security-Policy trusts every file of the site, and an SVG opened on its own
(the diagrams' "full size" links) runs under no policy at all, so both kinds of file are checked
where the site is built, whichever way they got there (docs/, the theme, a hook, the diagram cache).
Used by overrides/hooks/policy_meta.py.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from site_tools import allowed_scripts, css_urls, svg_check

SCRIPT_SUFFIXES = (".js", ".mjs")


def _foreign(url: str) -> bool:
    """Whether a browser would fetch `url` from another origin (data: URLs are inline)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def problems(site: Path) -> list[str]:
    """One line per file of `site` that must not be published, naming it and the fix."""
    found = []
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix in SCRIPT_SUFFIXES and not allowed_scripts.is_site_script(name):
            found.append(f"{name}: a script file the site does not ship on purpose (from docs/ or the theme); remove it, "
                         "or add its path to SCRIPT_FILES in scripts/site_tools/allowed_scripts.py")
        elif path.suffix == ".css":
            foreign = [url for _, url in css_urls.css_references(path.read_text(encoding="utf-8", errors="replace")) if _foreign(url)]
            if foreign:
                found.append(f"{name}: the stylesheet loads {foreign[0]!r} from another origin; copy the file into docs/assets/ "
                             "and refer to it by a relative path")
        elif path.suffix == ".svg":
            unsafe = svg_check.svg_problems(path.read_text(encoding="utf-8", errors="replace"))
            if unsafe:
                found.append(f"{name}: the SVG holds {unsafe[0]}; an SVG may hold only a drawing (scripts/site_tools/svg_check.py)")
    return found
