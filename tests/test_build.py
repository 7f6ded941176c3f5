"""The site builds strictly and cleanly, and loads nothing from another origin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

import check_links
from conftest import ROOT, html_pages


def test_strict_build_prints_no_warning(built_site):
    warnings = [line for line in built_site.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert warnings == [], "the build logged these; fix each in the file it names:\n" + "\n".join(warnings)


def test_mermaid_is_published_from_the_npm_lock(built_site):
    entry = built_site.site / "assets/javascripts/mermaid/mermaid.esm.min.mjs"
    assert entry.is_file(), f"{entry.relative_to(built_site.site)} is not in the build; see overrides/hooks/mermaid_assets.py"
    chunks = list((built_site.site / "assets/javascripts/mermaid/chunks/mermaid.esm.min").glob("*.mjs"))
    assert len(chunks) > 20, f"only {len(chunks)} Mermaid chunks published; overrides/hooks/mermaid_assets.py copies node_modules/mermaid/dist"


def test_built_pages_reference_no_resource_on_another_origin(built_site):
    """Static twin of the browser test: catches a foreign load even on a path the browser never takes."""
    loads = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "link": "href"}
    foreign = []
    for page in html_pages(built_site.site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag, attribute in loads.items():
            for element in soup.find_all(tag, attrs={attribute: True}):
                if tag == "link" and not set(element.get("rel", [])) & {"stylesheet", "preload", "modulepreload", "icon", "preconnect", "dns-prefetch", "manifest"}:
                    continue
                if re.match(r"^(https?:)?//", element[attribute]):
                    foreign.append(f"{page.relative_to(built_site.site)}: <{tag} {attribute}={element[attribute]}>")
    assert foreign == [], ("pages load from another origin (the site must be self-contained); serve the file from "
                           "docs/assets/ or node_modules via a hook instead:\n" + "\n".join(foreign))


def is_foreign(url: str) -> bool:
    """Whether a browser would fetch `url` from another origin (data: URLs are inline)."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data")


def shipped_from(relative) -> str:
    """The repository file a built file was copied from (docs/...), or its place in the site (theme files)."""
    source = Path("docs") / relative
    return source.as_posix() if (ROOT / source).is_file() else relative.as_posix()


def foreign_css_loads(site) -> list[str]:
    """`file:line: url` for every url(), @import and image-set() in the site's CSS that leaves the origin.

    Every stylesheet the site ships (Material's and the plugins', as overridden, and the site's
    own) and every <style> element of every page: a rule the browser tests never trigger
    (a :hover, a print or dark-palette rule) still loads its resources when it applies.
    """
    found = [f"{shipped_from(css.relative_to(site))}:{line}: {url}" for css in sorted(site.rglob("*.css"))
             for line, url in check_links.css_references(css.read_text(encoding="utf-8")) if is_foreign(url)]
    for page in html_pages(site):
        for style in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").find_all("style"):
            found += [f"{page.relative_to(site)} <style> line {line}: {url}"
                      for line, url in check_links.css_references(style.get_text()) if is_foreign(url)]
    return found


def test_built_stylesheets_load_nothing_from_another_origin(built_site):
    assert list(built_site.site.rglob("*.css")), "the built site has no stylesheet; the scan below would prove nothing"
    found = foreign_css_loads(built_site.site)
    assert found == [], ("stylesheets load from another origin (the site must be self-contained): copy the file into "
                         "docs/assets/ and refer to it by a relative path, or use a data: URL:\n" + "\n".join(found))


@pytest.mark.parametrize("css", [
    '@import "https://example.com/print.css" print;\np { color: red; }',
    'a:hover {\n  background: url("https://example.com/x.png");\n}',
    "a:hover {\n  background: url(//example.com/x.png);\n}",
    'p {\n  background-image: image-set("https://example.com/x.avif" 1x);\n}',
])
def test_a_foreign_load_in_any_css_rule_is_reported_with_file_and_line(tmp_path, css):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets/site.css").write_text(css + "\n.inline { background: url(data:image/png;base64,AAAA); }\n")
    line = 1 if css.startswith("@import") else 2
    assert [entry.split(": ")[0] for entry in foreign_css_loads(tmp_path)] == [f"assets/site.css:{line}"]
