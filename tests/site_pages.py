"""The site's pages as a reader reaches them: one URL path per Markdown page in docs/."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"


def url_path(markdown: Path) -> str:
    """The URL path (relative to the site root) MkDocs gives a page, with directory URLs."""
    relative = markdown.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return "" if str(relative) == "." else f"{relative.as_posix()}/"


def page_paths() -> list[str]:
    return [url_path(md) for md in sorted(DOCS.rglob("*.md"))]


def diagram_page_paths() -> list[str]:
    return [url_path(md) for md in sorted(DOCS.rglob("*.md")) if "```mermaid" in md.read_text()]
