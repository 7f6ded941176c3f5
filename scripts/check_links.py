"""Check every internal link, anchor and asset, in the built site and in the Markdown sources.

Usage:
  python3 scripts/check_links.py site [SITE_DIR]       a built site (default: site/)
  python3 scripts/check_links.py sources [DOCS_DIR]    Markdown and raw HTML in pages (default: docs/)

The site check reads every href and src of every HTML page, url(), @import and image-set() in every CSS
file, and every sitemap entry; each must name a file in the site, and each #fragment an id on
the target page. It catches what MkDocs' own validation cannot: links written in raw HTML,
assets, CSS references, sitemap entries. The source check gives the file and line of each
broken link in Markdown or raw HTML before a build. External URLs are left to lychee
(`lychee.toml`, weekly in CI). Every break is reported, one per line:
`source -> target -> reason`. Exit status: 0 none broken, 1 broken links, 2 bad usage.

HTML is parsed with BeautifulSoup and lxml, CSS with tinycss2 and Markdown with markdown-it-py
(which keeps source line numbers): real parsers, so a link is found the way a browser or
MkDocs finds it, not by a regular expression. lychee's `--offline` mode is no substitute: on
the fixture sites of tests/test_links.py it misses a missing `<script src>`, a missing srcset
candidate and a sitemap entry for a missing page, flags folder links (`other/`) as broken, and
cannot name the Markdown line of a break.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from lxml import etree
from markdown.extensions.toc import slugify, unique
from markdown_it import MarkdownIt

from site_tools import site_data
from site_tools.css_urls import css_references
from site_tools.data_file import ROOT, display_path

URL_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
    "source": ("src", "srcset"), "iframe": ("src",), "embed": ("src",), "object": ("data",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "use": ("href", "xlink:href"),
    "image": ("href", "xlink:href"),
}
MISSING_PAGE, MISSING_ANCHOR, MISSING_ASSET = "missing page", "missing anchor", "missing asset"
UNDEFINED_REFERENCE = "undefined link reference"
# Files the build makes that have no source in docs/ (links to them are valid in the sources).
GENERATED_IN_BUILD = {site_data.FLASHCARDS_URI, site_data.FLASHCARDS_APKG_URI}
SHARED_LINKS = ROOT / "includes" / "links.md"


@dataclass(frozen=True, order=True)
class Broken:
    source: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} -> {self.reason}"


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc)


def _srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


# --- the built site ------------------------------------------------------------------------

class Site:
    """A built site on disk: its files, and each HTML page parsed once (for its links and its ids)."""

    def __init__(self, root: Path):
        self.root = root
        self._soups: dict[str, BeautifulSoup] = {}
        self._ids: dict[str, set[str]] = {}
        self.base_url = _site_url(root)
        # Absolute paths (the 404 page uses them) start with the path of the published address.
        self.base_path = urlsplit(self.base_url).path if self.base_url else "/"

    def file_for(self, site_path: str) -> str | None:
        """The site-relative file a resolved path names (a folder means its index.html), or None."""
        path = site_path.rstrip("/")
        candidate = self.root / path if path else self.root
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate.relative_to(self.root).as_posix() if candidate.is_file() else None

    def parsed(self, page: str) -> BeautifulSoup:
        """The site-relative HTML file `page`, parsed."""
        if page not in self._soups:
            self._soups[page] = BeautifulSoup((self.root / page).read_bytes(), "lxml")
        return self._soups[page]

    def ids(self, page: str) -> set[str]:
        if page not in self._ids:
            soup = self.parsed(page)
            self._ids[page] = {el["id"] for el in soup.find_all(id=True)} | {a["name"] for a in soup.find_all("a", attrs={"name": True})}
        return self._ids[page]

    def check(self, referrer: str, url: str) -> Broken | None:
        """Resolve `url` as found in the site file `referrer`; a Broken if it leads nowhere."""
        parts = urlsplit(url)
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            if not path.startswith(self.base_path):
                return Broken(referrer, url, f"outside the site's path {self.base_path}")
            path = path[len(self.base_path):] or "./"
            referrer_dir = ""
        else:
            referrer_dir = posixpath.dirname(referrer)
        if path:
            resolved = posixpath.normpath(posixpath.join(referrer_dir, path))
            if resolved.startswith(".."):
                return Broken(referrer, url, MISSING_PAGE)
            target = self.file_for(resolved + ("/" if path.endswith("/") else ""))
        else:
            target = referrer
        if target is None:
            looks_like_page = path.endswith(("/", ".html")) or "." not in posixpath.basename(path)
            return Broken(referrer, url, MISSING_PAGE if looks_like_page else MISSING_ASSET)
        if fragment and target.endswith(".html") and fragment not in self.ids(target):
            return Broken(referrer, url, MISSING_ANCHOR)
        return None


def _page_source(docs: Path, page: str) -> tuple[Path, str] | None:
    """The Markdown source of a built page, when it can be found in `docs`."""
    stem = page.removesuffix("index.html").rstrip("/")
    for candidate in (f"{stem}.md" if stem else "index.md", f"{stem}/index.md"):
        source = docs / candidate
        if source.is_file():
            return source, source.read_text(encoding="utf-8")
    return None


def _where(docs: Path | None, page: str, url: str) -> str:
    """`page (docs/file.md:line)` where the source and the line can be found, else `page`."""
    found = _page_source(docs, page) if docs else None
    if not found:
        return page
    source, text = found
    parts = urlsplit(url)
    needle = f"#{parts.fragment}" if parts.fragment else posixpath.basename(parts.path.rstrip("/"))
    for number, line in enumerate(text.splitlines(), start=1):
        if needle and needle in line:
            return f"{page} ({display_path(source)}:{number})"
    return f"{page} ({display_path(source)})"


def _site_url(root: Path) -> str | None:
    """The published base address: the canonical link of the site's home page."""
    home = root / "index.html"
    if not home.is_file():
        return None
    canonical = BeautifulSoup(home.read_bytes(), "lxml").find("link", rel="canonical")
    return canonical["href"] if canonical else None


def check_site(root: Path, docs: Path | None = None) -> list[Broken]:
    """Every broken internal link, anchor, asset, CSS reference and sitemap entry of a built site.

    With `docs`, the Markdown sources the site was built from, each break on a page also names
    its source file (and line, where the link can be found there).
    """
    site = Site(root)
    broken: set[Broken] = set()
    for page_path in sorted(root.rglob("*.html")):
        page = page_path.relative_to(root).as_posix()
        soup = site.parsed(page)
        for tag, attributes in URL_ATTRIBUTES.items():
            for element in soup.find_all(tag):
                for attribute in attributes:
                    value = element.get(attribute)
                    if not value:
                        continue
                    urls = _srcset_urls(value) if attribute == "srcset" else [value]
                    for url in urls:
                        if not is_external(url) and (problem := site.check(page, url)):
                            broken.add(Broken(_where(docs, page, url), url, problem.reason))
    for css_path in sorted(root.rglob("*.css")):
        css = css_path.relative_to(root).as_posix()
        for _, url in css_references(css_path.read_text(encoding="utf-8")):
            if not is_external(url) and (problem := site.check(css, url)):
                broken.add(problem)
    sitemap = root / "sitemap.xml"
    base = site.base_url
    if sitemap.is_file() and base:
        namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
        for loc in etree.parse(str(sitemap)).getroot().iterfind("s:url/s:loc", namespace):
            if not loc.text.startswith(base):
                broken.add(Broken("sitemap.xml", loc.text, f"outside the site address {base}"))
            elif problem := site.check("index.html", loc.text[len(base):] or "./"):
                broken.add(Broken("sitemap.xml", loc.text, problem.reason))
    return sorted(broken)


# --- the Markdown sources ------------------------------------------------------------------

def _markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _shared_references(parser: MarkdownIt) -> dict:
    env: dict = {}
    if SHARED_LINKS.is_file():
        parser.parse(SHARED_LINKS.read_text(encoding="utf-8"), env)
    return env.get("references", {})


HEADING_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")


def heading_ids(parser: MarkdownIt, text: str) -> set[str]:
    """The ids Python-Markdown's toc extension gives the headings of a page, and raw HTML ids."""
    ids: set[str] = set(HTML_ID.findall(text))
    slugs: set[str] = set()
    tokens = parser.parse(text)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[index + 1]
            raw = inline.content
            custom = HEADING_ID.search(raw)
            if custom:
                ids.add(custom.group(1))
            else:
                plain = "".join(child.content for child in inline.children or [] if child.type in ("text", "code_inline"))
                ids.add(unique(slugify(plain, "-"), slugs))
    return ids


def _links_in(tokens) -> list[tuple[int, int, str]]:
    """(first line, last line, url) of every link, image and raw-HTML href/src in a token stream."""
    found = []
    for token in tokens:
        if not token.map:
            continue
        first, last = token.map[0] + 1, token.map[1]
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("link_open", "image"):
                    found.append((first, last, child.attrs.get("href") or child.attrs.get("src")))
                elif child.type == "html_inline":
                    found += [(first, last, url) for url in _html_urls(child.content)]
                elif child.type == "text" and "][" in child.content:
                    found += [(first, last, f"[{name}]") for name in re.findall(r"\]\[([^\]]+)\]", child.content)]
        elif token.type == "html_block":
            found += [(first, last, url) for url in _html_urls(token.content)]
    return found


def _html_urls(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [element[attribute] for tag, attributes in URL_ATTRIBUTES.items()
            for element in soup.find_all(tag) for attribute in attributes if element.get(attribute)]


def check_sources(docs: Path) -> list[Broken]:
    """Every broken relative link in the Markdown pages under `docs`, with its file and line."""
    parser = _markdown_parser()
    references = _shared_references(parser)
    pages = {p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") for p in sorted(docs.rglob("*.md"))}
    anchors: dict[str, set[str]] = {}
    broken = []
    for name, text in pages.items():
        lines = text.splitlines()
        for first, last, url in _links_in(parser.parse(text, {"references": dict(references)})):
            line = next((n for n in range(first, last + 1) if url in lines[n - 1]), first)
            where = f"{display_path(docs / name)}:{line}"
            if url.startswith("[") and url.endswith("]"):
                broken.append(Broken(where, url, UNDEFINED_REFERENCE))
                continue
            if is_external(url):
                continue
            parts = urlsplit(url)
            path, fragment = unquote(parts.path), unquote(parts.fragment)
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
            if target in GENERATED_IN_BUILD:
                continue
            if not (docs / target).exists() or target.startswith(".."):
                reason = MISSING_PAGE if target.endswith(".md") or path.endswith("/") else MISSING_ASSET
                broken.append(Broken(where, url, reason))
            elif fragment and target.endswith(".md"):
                if target not in anchors:
                    anchors[target] = heading_ids(parser, pages.get(target) or (docs / target).read_text(encoding="utf-8"))
                if fragment not in anchors[target]:
                    broken.append(Broken(where, url, MISSING_ANCHOR))
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("site", "sources"), help="a built site, or the Markdown sources")
    parser.add_argument("path", nargs="?", type=Path, help="the site folder (default site/) or docs folder (default docs/)")
    parser.add_argument("--docs", type=Path, help="with `site PATH`: the sources it was built from, to name them in reports")
    args = parser.parse_args(argv)
    path = args.path or ROOT / ("site" if args.what == "site" else "docs")
    docs = args.docs or (ROOT / "docs" if args.path is None else None)
    if not path.is_dir():
        hint = " (build it first: python3 scripts/build.py)" if args.what == "site" else ""
        print(f"{path}: no such folder{hint}", file=sys.stderr)
        return 2
    broken = check_site(path, docs) if args.what == "site" else check_sources(path)
    for problem in broken:
        print(problem)
    print(f"{len(broken)} broken link(s) in {display_path(path)}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
