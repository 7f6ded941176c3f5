"""Print-only styles and scripts load only where they are needed, and never block first paint.

- `assets/stylesheets/print.css` (from extra_css) gets `media="print"` on every page and on the
  revision pack: it holds only print rules, and a print-only stylesheet does not hold up the
  first paint.
- mkdocs-print-site adds its CSS and JavaScript to every page, but only its revision pack
  (print_page/, which it writes itself at on_post_build) uses them; they are taken off every
  other page.

Fails the build, naming the page and the fix, when a page no longer links print.css once.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

from site_tools import revision_pack

PRINT_CSS = re.compile(r'<link (?=[^>]*rel="stylesheet")(?=[^>]*href="([^"]*assets/stylesheets/print\.css)")[^>]*>')
PRINT_SITE = (re.compile(r'<link (?=[^>]*rel="stylesheet")(?=[^>]*href="[^"]*css/print-site(?:-material)?\.css")[^>]*>\n?'),
              re.compile(r'<script src="[^"]*js/print-site\.js"></script>\n?'))


def print_only(html: str, where: str) -> str:
    """`html` with its print.css link marked media="print"."""
    html, count = PRINT_CSS.subn(r'<link href="\1" rel="stylesheet" media="print">', html)
    if count != 1:
        raise PluginError(f"overrides/hooks/print_assets.py: {where} links print.css {count} times, not once; "
                          "keep assets/stylesheets/print.css in extra_css of mkdocs.yml, or update PRINT_CSS")
    return html


def plain_page(html: str, where: str) -> str:
    """A page other than the pack: print.css for print only, and none of print-site's files."""
    html = print_only(html, where)
    for pattern in PRINT_SITE:
        html = pattern.sub("", html)
    return html


def on_post_page(output: str, page, config) -> str:
    return plain_page(output, page.file.src_uri)


def on_post_template(output: str, template_name: str, config) -> str:
    return plain_page(output, template_name) if template_name == "404.html" else output


def on_post_build(config) -> None:
    revision_pack.rewrite(config.site_dir, lambda html: print_only(html, revision_pack.FILE),
                          if_missing="remove the pack step of overrides/hooks/print_assets.py if print-site was removed")
