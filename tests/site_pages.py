"""The site's pages as a reader reaches them: one URL path per Markdown page, plus generated pages."""

from __future__ import annotations

from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
# Pages that plugins make with no Markdown source: mkdocs-print-site-plugin's revision pack.
GENERATED_PAGES = {"print_page/": True}  # URL path -> has diagrams


def url_path(markdown: Path) -> str:
    """The URL path (relative to the site root) MkDocs gives a page, with directory URLs."""
    relative = markdown.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return "" if str(relative) == "." else f"{relative.as_posix()}/"


def _has_diagram(markdown: Path) -> bool:
    text = markdown.read_text(encoding="utf-8")
    return "```mermaid" in text or '--8<-- "diagrams/' in text


def markdown_for(path: str) -> Path:
    """The Markdown source of the page at URL path `path`."""
    return next(md for md in DOCS.rglob("*.md") if url_path(md) == path)


def page_paths() -> list[str]:
    return [url_path(md) for md in sorted(DOCS.rglob("*.md"))] + list(GENERATED_PAGES)


def diagram_page_paths() -> list[str]:
    return [url_path(md) for md in sorted(DOCS.rglob("*.md")) if _has_diagram(md)] + [
        path for path, has in GENERATED_PAGES.items() if has]
