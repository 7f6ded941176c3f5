"""The site's pages as a reader reaches them: one URL path per Markdown page, plus generated pages."""

from __future__ import annotations

from pathlib import Path

import yaml

from site_tools import revision_pack

DOCS = Path(__file__).resolve().parent.parent / "docs"
MKDOCS_YML = DOCS.parent / "mkdocs.yml"
# Pages that teach what the seed notes left out; each ends in an exam answer (issue 12).
ADDED_SECTIONS = ("basics/containers-vs-vms.md", "basics/what-makes-a-container.md",
                  "beyond/base-images-and-build-cache.md", "beyond/multi-platform-images.md",
                  # Issue 22: the questions exams ask next; each also opens with its exam answer.
                  "beyond/run-cmd-entrypoint.md", "beyond/save-load-export-import.md",
                  "beyond/union-filesystem.md", "beyond/expose-vs-publish.md", "beyond/tags-and-digests.md",
                  "beyond/runtime-stack.md", "beyond/multi-stage-builds.md", "beyond/pid1-signals-exit-codes.md",
                  "beyond/clean-up.md")
# Pages that plugins make with no Markdown source: mkdocs-print-site-plugin's revision pack.
GENERATED_PAGES = {revision_pack.URL: True}  # URL path -> has diagrams


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


def _config() -> dict:
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !!python/name tags
    return yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=loader)


def nav() -> list:
    """mkdocs.yml's nav as written: a list of {title: file} and {section: [...]} items."""
    return _config()["nav"]


def hooks() -> list[str]:
    """mkdocs.yml's hooks, in the order MkDocs runs them."""
    return _config()["hooks"]


def _files(items: list) -> list[str]:
    files = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += _files(value) if isinstance(value, list) else [value]
    return files


def nav_pages() -> list[str]:
    """The Markdown files (docs-relative) in the order of mkdocs.yml's nav."""
    return _files(nav())


def pack_pages() -> list[str]:
    """The nav's pages that the revision pack holds: all but those print-site's `exclude` lists."""
    plugin = next(p["print-site"] for p in _config()["plugins"] if isinstance(p, dict) and "print-site" in p)
    return [page for page in nav_pages() if page not in plugin.get("exclude", [])]


def nav_section(title: str) -> list[str]:
    """The Markdown files of one top-level nav section, such as "Learn", in nav order."""
    return next(_files(value) for item in nav() if isinstance(item, dict)
                for name, value in item.items() if name == title)
