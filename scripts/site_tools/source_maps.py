"""Take the theme's source maps out of a built site: the *.map files and the comments naming them.

Material ships a source map beside each of its minified bundles, for people debugging the theme
itself; a revision site's readers never need them (about 1 MB). Removing the files alone would
leave `//# sourceMappingURL=...` comments that make a browser with developer tools open ask for
a missing file, so those comments go too. Used by overrides/hooks/drop_source_maps.py.
"""

from __future__ import annotations

import re
from pathlib import Path

COMMENT = re.compile(r"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def drop(site: Path) -> list[Path]:
    """Delete every *.map file under `site` and the comment that names it; return what was deleted."""
    maps = sorted(site.rglob("*.map"))
    for source in [*site.rglob("*.js"), *site.rglob("*.mjs"), *site.rglob("*.css")]:
        text = source.read_text(encoding="utf-8")
        stripped = COMMENT.sub("\n", text)
        if stripped != text:
            source.write_text(stripped, encoding="utf-8")
    for path in maps:
        path.unlink()
    return maps
