"""Make every built page valid HTML (zero errors in the W3C Nu checker): see scripts/site_tools/html_rewrites.py.

Theme rewrites run on each page and on the 404 page as they are written, and again on the print page, which
mkdocs-print-site-plugin writes after every other page (list this hook after print_page.py).
The build fails if a rewrite found nothing to change in the whole site: the theme or plugin
changed, and the rewrite should go.
"""

from __future__ import annotations


from mkdocs.exceptions import PluginError

from site_tools import html_rewrites
from site_tools import revision_pack

applied: set[str] = set()


def on_pre_build(config) -> None:
    applied.clear()


def on_post_page(output: str, page, config) -> str:
    html, names = html_rewrites.rewrite(output, html_rewrites.THEME)
    applied.update(names)
    return html


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's static pages (404.html; sitemap.xml is not HTML)."""
    return on_post_page(output, None, config) if template_name.endswith(".html") else output


def on_post_build(config) -> None:
    def repaired(html: str) -> str:
        html, names = html_rewrites.rewrite(html, html_rewrites.THEME + html_rewrites.PRINT)
        applied.update(names)
        return html

    revision_pack.rewrite(config.site_dir, repaired, if_missing="drop the PRINT rewrites in scripts/site_tools/html_rewrites.py "
                          "if print-site was removed")
    unused = [r.name for r in html_rewrites.THEME + html_rewrites.PRINT if r.name not in applied]
    if unused:
        raise PluginError(f"scripts/site_tools/html_rewrites.py: the rewrite(s) {', '.join(map(repr, unused))} found nothing to "
                          "change in the whole site (the theme or print-site changed): remove them, then run "
                          ".venv/bin/python -m pytest tests/test_valid_html.py")
