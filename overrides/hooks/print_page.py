"""Repair the revision pack page that mkdocs-print-site-plugin writes (print_page/index.html).

The plugin renders that page in on_post_build, after mermaid2 has run and with Material's
`base` set to the absolute path of site_url. Left alone, its diagrams would make Material
fetch Mermaid from a CDN, and its search would load the index from a path that only exists
where the site is published. This hook runs after the plugin (hooks follow plugins) and after
overrides/hooks/mermaid_diagrams.py has drawn the page's diagrams: it makes `base` relative, and
adds the site's Mermaid loader only when diagrams are left to the browser (`mkdocs serve` with no
Chromium). It also does print-site's browser-side work at build time, so the page loads no
script for it: the table of contents is copied from the page's sidebar into the pack's
contents (print-site's `generate_toc()`), and the navigation its script hid is hidden by
site.css. The search its script hid is taken out of the page instead: hidden, it still made
Material load the search index and worker (38 KB gzip) and left a search button that opened
nothing on a phone; Find in page searches every page of the pack at once. It fails the build if
the page is missing or no longer has what it repairs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html
from mkdocs.exceptions import PluginError

from site_tools import revision_pack

LOADER = "assets/javascripts/mermaid-loader.js"  # mermaid2's `javascript:` in mkdocs.yml
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
# print-site's script and the inline call that runs it on DOMContentLoaded.
PRINT_SITE_SCRIPTS = (re.compile(r'<script src="[^"]*js/print-site\.js"></script>\n?'),
                      re.compile(r"<script type=\"text/javascript\">\s*document\.addEventListener\('DOMContentLoaded', function \(\) \{"
                                 r"\s*remove_material_navigation\(\);remove_mkdocs_theme_navigation\(\);generate_toc\(\);\s*\}\)\s*</script>\n?"))
TOC_NAV = re.compile(r"(<div id=\"print-page-toc\"[^>]*>\s*<nav [^>]*class='print-page-toc-nav'>.*?)(</nav>)", re.DOTALL)
SIDEBAR_TOC = '//div[contains(concat(" ", normalize-space(@class), " "), " md-sidebar--secondary ")]//ul'


def with_contents_drawn(html: str) -> str:
    """The pack with print-site's table of contents filled in and its script calls removed."""
    for pattern in PRINT_SITE_SCRIPTS:
        html, count = pattern.subn("", html)
        if count != 1:
            raise PluginError(f"{revision_pack.FILE}: print-site's script {pattern.pattern[:40]!r}... is there {count} times, not once; "
                              "update PRINT_SITE_SCRIPTS in overrides/hooks/print_page.py")
    lists = lxml.html.fromstring(html).xpath(SIDEBAR_TOC)
    if not lists or TOC_NAV.search(html) is None:
        raise PluginError(f"{revision_pack.FILE}: no sidebar table of contents or no #print-page-toc nav; "
                          "update with_contents_drawn() in overrides/hooks/print_page.py")
    contents = lists[0]
    contents.attrib.pop("data-md-component", None)
    for nested in contents.iter("nav"):  # the copy sits in print-site's own <nav>: no second "Learn" landmark
        nested.tag = "div"
        nested.attrib.pop("aria-label", None)
    return TOC_NAV.sub(lambda m: m[1] + lxml.html.tostring(contents, encoding="unicode") + m[2], html, count=1)


# Material's search: the header button that opens it, and the dialog (whose form, named "search",
# is what makes Material fetch the index). The toggle input stays: Material's keyboard code needs it.
SEARCH_BUTTON = re.compile(r'\s*<label class="md-header__button md-icon" for="__search">.*?</label>', re.DOTALL)
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
DIV_TAG = re.compile(r"<div\b|</div>")


def without_search(html: str) -> str:
    """The pack without Material's search button and dialog."""
    html, buttons = SEARCH_BUTTON.subn("", html, count=1)
    start = html.find(SEARCH_DIALOG)
    if buttons != 1 or start < 0:
        raise PluginError(f"{revision_pack.FILE}: Material's search button or dialog markup changed; update without_search() "
                          "in overrides/hooks/print_page.py")
    depth = 0
    for tag in DIV_TAG.finditer(html, start):
        depth += 1 if tag[0] == "<div" else -1
        if depth == 0:
            return html[:start] + html[tag.end():]
    raise PluginError(f"{revision_pack.FILE}: Material's search dialog is never closed; update without_search() in overrides/hooks/print_page.py")


def repaired(html: str, site: Path) -> str:
    """The pack as print-site wrote it, repaired (see the module's docstring)."""
    match = CONFIG.search(html)
    if match is None or "</body>" not in html:
        raise PluginError(f"{revision_pack.FILE}: no Material __config script or </body>; update overrides/hooks/print_page.py")
    settings = json.loads(match.group(2))
    settings["base"] = ".."
    html = without_search(with_contents_drawn(html[:match.start(2)] + json.dumps(settings) + html[match.end(2):]))
    if '<pre class="mermaid">' in html and (site / LOADER).is_file() and "mermaid-loader.js" not in html:
        html = html.replace("</body>", f'<script src="../{LOADER}"></script>\n</body>', 1)
    return html


def on_post_build(config) -> None:
    revision_pack.rewrite(config.site_dir, lambda html: repaired(html, Path(config.site_dir)),
                          if_missing="remove overrides/hooks/print_page.py from mkdocs.yml if print-site was removed")
