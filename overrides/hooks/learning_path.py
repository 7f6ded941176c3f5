"""The learning path from the navigation, the "Start here" button, and each page's reading time.

A thin adapter over scripts/site_tools/learning_path.py, which says what and why. Each page's
reading time is counted from its final content (after every other hook's on_page_content);
MkDocs reads every page before it writes any, so when the home page is written every page's
time is known. Writing them into the page in on_post_page keeps them out of the search index
(made in on_page_context) and out of the revision pack (kept at on_page_content).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from site_tools import learning_path

PATH_ANCHOR = "where-to-go-next"  # the heading above PATH_MARKER on the home page (docs/index.md)
_nav_items: list = []
_minutes: dict[str, int] = {}


def on_nav(nav, config, files):
    global _nav_items
    _nav_items = list(nav.items)
    _minutes.clear()
    return nav


@event_priority(-100)  # last: count what the reader gets
def on_page_content(html: str, page, config, files) -> str:
    _minutes[page.file.src_uri] = learning_path.minutes(html)
    return html


def on_post_page(output: str, page, config) -> str:
    src = page.file.src_uri
    if src in _minutes:
        output = learning_path.with_reading_time(output, _minutes[src])
    if learning_path.PATH_MARKER in output or learning_path.START_MARKER in output:
        path = learning_path.groups(_nav_items, _minutes, page)
        if not path or not path[0].entries:
            raise PluginError(f"docs/{src}: asks for the learning path, but mkdocs.yml's nav has no section to list")
        if learning_path.START_MARKER in output and f'id="{PATH_ANCHOR}"' not in output:
            raise PluginError(f"docs/{src}: {learning_path.START_MARKER} links to #{PATH_ANCHOR}; "
                              f"keep the heading '## Where to go next' above {learning_path.PATH_MARKER}")
        output = (output.replace(learning_path.PATH_MARKER, learning_path.path_html(path))
                  .replace(learning_path.START_MARKER, learning_path.start_html(path, PATH_ANCHOR)))
    return output
