"""Print the site's address where a page asks with `<!-- site-address -->`.

The printed revision sheet says where the notes live online. The address is `site_url` from
mkdocs.yml (its one source), written as text rather than a link: it is there to be read off paper.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError

MARKER = "<!-- site-address -->"


def on_page_markdown(markdown: str, page, config, files) -> str:
    if MARKER not in markdown:
        return markdown
    if not config.get("site_url"):
        raise PluginError(f"{page.file.src_uri} asks for the site's address ({MARKER}) but mkdocs.yml has no site_url; set it")
    return markdown.replace(MARKER, f"The notes online: **{config['site_url']}**\n{{: .site-address }}")
