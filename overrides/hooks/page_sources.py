"""Refuse what a contributor's pages, includes and overrides must not do, before anything else reads them.

A thin adapter over scripts/site_tools/page_sources.py (symbolic links, size and line limits,
invisible characters, front matter) and scripts/site_tools/page_html.py (the HTML a page's
Markdown renders to): the first runs in on_pre_build, before MkDocs lists the files or any plugin
reads a page; the second in
on_page_content, before any other hook adds its own markup. Each problem is one line naming the
file, the line and the fix, and fails the build. It also escapes each page's description for the
templates that write it (MkDocs renders them without autoescaping).
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools import page_html
from site_tools import page_sources
from site_tools.data_file import display_path

HTML_SIGNIFICANT = set('<>"&')


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


@event_priority(100)
def on_pre_build(config) -> None:
    """Before MkDocs lists docs/ (which follows symbolic links, however far they go)."""
    problems = page_sources.source_problems(_root(config))
    if problems:
        raise PluginError("\n".join(problems[:20]))


class EscapedText(str):
    """Text already escaped for HTML: templates write it as it is, and `| e` leaves it alone (the `__html__` protocol)."""

    def __html__(self) -> str:
        return self


def on_page_markdown(markdown: str, page, config, files) -> str:
    """MkDocs renders templates without autoescaping and Material writes the description into an attribute as it is."""
    if isinstance(page.meta.get("description"), str):
        page.meta["description"] = EscapedText(html.escape(page.meta["description"]))
    return markdown


@event_priority(100)
def on_page_content(html: str, page, config, files) -> str:
    source = Path(page.file.abs_src_path)
    sources = [source, *sorted((_root(config) / "includes").rglob("*.md"))]
    refused = page_html.refusals(html)
    if refused:
        raise PluginError("\n".join(page_html.located(refusal, sources, display_path) for refusal in refused[:20]))
    if HTML_SIGNIFICANT & set(page.title or ""):
        raise PluginError(f"{display_path(source)}: the page title {page.title!r} has one of < > \" &, which the theme writes "
                          "into <head> as it is; reword the first heading (or the front matter's title)")
    return html
