"""The scripts a built page may hold: THE allow-list of the site's script files, and the shapes of
the inline scripts the theme writes.

The Content-Security-Policy (content_security_policy.py) trusts `'self'` and the hashes of the
inline scripts of a page, so what decides which script runs is what is in the built site. A pull
request can add files and HTML, so nothing is trusted for being there:

- SCRIPT_FILES: every script file in the built site, and every `<script src>` of a page, must
  match one of these site paths (fnmatch patterns). To ship a new script, add ONE line here.
- Inline scripts: only Material's own, as its installed templates write them
  (`partials/javascripts/*.html`, read at build time so an upgrade of Material is followed), with
  each `{{ ... }}` of the template standing for a relative or site path; Material's `__config`
  JSON data block (valid JSON, once); and mermaid2's `window.mermaidConfig` (only where diagrams
  are left to the browser under `mkdocs serve`). Any other `<script>` fails the build.
"""

from __future__ import annotations

import fnmatch
import functools
import json
import re
from pathlib import Path

SCRIPT_FILES = (
    "assets/javascripts/bundle.*.min.js",           # Material's bundle
    "assets/javascripts/workers/search.*.min.js",   # Material's search worker
    "assets/javascripts/lunr/*.js",                 # Material's search languages (loaded by the worker)
    "assets/javascripts/lunr/min/*.js",
    "js/print-site.js",                             # shipped by print-site; no page loads it (overrides/hooks/print_page.py)
    "assets/javascripts/quiz.js",                   # the self-test (overrides/hooks/page_assets.py)
    "assets/javascripts/flashcards.js",             # the flashcards on screen (overrides/hooks/page_assets.py)
    "assets/javascripts/lab.js",                    # the lab (overrides/hooks/page_assets.py)
    "assets/javascripts/diagram-viewer.js",         # a diagram full size, in the page (overrides/hooks/page_assets.py)
    "assets/javascripts/offline.js",                # registers the offline copy (every page, mkdocs.yml)
    "service-worker.js",                            # the offline copy itself (site_tools/offline_cache.py)
    "assets/javascripts/mermaid-loader.js",         # only `mkdocs serve` without Chromium (overrides/hooks/mermaid_assets.py)
    "assets/javascripts/mermaid/*",                 # Mermaid itself, same case
)
# A value Material's templates put into an inline script: a relative path or a site URL path.
TEMPLATE_VALUE = r'[\w./:-]*'
# mermaid2's settings, a JavaScript object literal of plain values: no call, no bracket, no backtick.
MERMAID_CONFIG = re.compile(r"window\.mermaidConfig = \{default: \{[\w\s:,\"'.-]*\}\};")


def is_site_script(path: str) -> bool:
    """Whether the site path `path` (relative to the site root, '/' separators) is a script the site ships on purpose."""
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in SCRIPT_FILES)


@functools.lru_cache(maxsize=1)
def theme_inline_scripts() -> tuple[re.Pattern, ...]:
    """Patterns matching the text of each inline script in Material's `partials/javascripts/*.html`."""
    import material

    partials = Path(material.__file__).resolve().parent / "templates" / "partials" / "javascripts"
    patterns = []
    for template in sorted(partials.glob("*.html")):
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.DOTALL):
            pieces = re.split(r"\{\{.*?\}\}", body)
            patterns.append(re.compile(TEMPLATE_VALUE.join(map(re.escape, pieces))))
    if not patterns:
        raise ValueError(f"no inline <script> in {partials}: Material changed; update theme_inline_scripts() "
                         "in scripts/site_tools/allowed_scripts.py")
    return tuple(patterns)


def inline_script_problem(attributes: dict[str, str | None], text: str) -> str | None:
    """Why the inline `<script>` with these attributes and this text is not one the theme writes, or None."""
    kind = (attributes.get("type") or "").lower()
    if set(attributes) == {"id", "type"} and attributes["id"] == "__config" and kind == "application/json":
        try:
            json.loads(text)
        except ValueError:
            return "Material's __config block is not valid JSON"
        return None
    if attributes:
        return f"an inline <script {' '.join(attributes)}> the theme does not write"
    if any(pattern.fullmatch(text) for pattern in theme_inline_scripts()):
        return None
    if MERMAID_CONFIG.fullmatch(text.strip()):
        return None
    return f"an inline script the theme does not write ({' '.join(text.split())[:60]!r}...)"
