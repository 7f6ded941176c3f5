"""Draw every Mermaid diagram at build time, so published pages carry no Mermaid JavaScript.

A thin adapter over scripts/site_tools/mermaid_render.py (drawing, cache) and scripts/site_tools/diagram_pages.py
(markup): on each page (at on_post_page, after mermaid2, so the SVG's CSS stays out of the
search index) and on the revision pack (at on_post_build, because mkdocs-print-site copies
pages before on_post_page), every `<pre class="mermaid">` becomes its drawing, and each distinct
diagram is also written to assets/diagrams/ as a standalone SVG file. One browser session
serves the whole build and is closed at its end. Before that, at on_page_content, each diagram's
source is marked so Material's search leaves it out of the index (scripts/site_tools/search_index.py).

It fails the build naming the page, the diagram and Mermaid's message on a syntax error, and
with what to install when there is no Chromium. Only `mkdocs serve` without a Chromium leaves
diagrams to Mermaid in the browser (overrides/hooks/mermaid_assets.py publishes it then).
"""

from __future__ import annotations

from pathlib import Path

from site_tools import diagram_pages
from site_tools import mermaid_render
from site_tools import revision_pack
from site_tools import search_index
from mkdocs.exceptions import PluginError

_state: dict = {"command": "build", "renderer": None}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def _renderer() -> mermaid_render.Renderer:
    if _state["renderer"] is None:
        try:
            _state["renderer"] = mermaid_render.Renderer()
        except (FileNotFoundError, ValueError) as error:
            raise PluginError(f"overrides/hooks/mermaid_diagrams.py: {error}") from None
    return _state["renderer"]


def _drawn(html: str, url: str, where: str, site_dir: str) -> str:
    if not diagram_pages.has_source_blocks(html) or mermaid_render.client_side_fallback(_state["command"]):
        return html
    try:
        result = diagram_pages.with_drawn_diagrams(html, url, where, _renderer())
    except diagram_pages.DiagramError as error:
        raise PluginError(str(error)) from None
    except mermaid_render.NoBrowser as error:
        raise PluginError(f"{where}: cannot draw its diagrams: {error}") from None
    except ValueError as error:  # Mermaid's or Material's output changed shape
        raise PluginError(f"{where}: {error}; update scripts/site_tools/mermaid_render.py") from None
    for path, svg in result.files.items():
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(svg, encoding="utf-8")
    return result.html


def on_page_content(html: str, page, config, files) -> str:
    return search_index.mark_diagram_sources(html)


def on_post_page(output: str, page, config) -> str:
    return _drawn(output, page.url, page.file.src_uri, config.site_dir)


def on_post_build(config) -> None:
    try:
        revision_pack.rewrite(config.site_dir, lambda html: _drawn(html, revision_pack.URL, revision_pack.FILE + " (the revision pack)",
                                                                   config.site_dir), if_missing=None)
    finally:
        _close()


def on_build_error(error) -> None:
    _close()


def _close() -> None:
    if _state["renderer"] is not None:
        _state["renderer"].close()
    _state["renderer"] = None
