"""The site builds strictly and cleanly, and loads nothing from another origin."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

import check_links
from conftest import GENERATOR, ROOT, html_pages, parsed


def test_strict_build_prints_no_warning(built_site):
    warnings = [line for line in built_site.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert warnings == [], "the build logged these; fix each in the file it names:\n" + "\n".join(warnings)


def test_published_site_holds_no_mermaid_javascript(built_site):
    """Diagrams are drawn at build time: no Mermaid build, no loader, no preload of either."""
    scripts = [p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*") if p.suffix in (".js", ".mjs")]
    assert [name for name in scripts if "mermaid" in name] == []
    referencing = [p.relative_to(built_site.site).as_posix() for p in html_pages(built_site.site)
                   if re.search(r'<(?:script|link)[^>]*(?:src|href)="[^"]*mermaid[^"]*"', p.read_text(encoding="utf-8"))]
    assert referencing == [], f"pages that still load Mermaid: {referencing}"


def test_every_diagram_has_a_standalone_svg_file(built_site):
    """Each diagram links to its drawing as an SVG file of its own, titled like the diagram."""
    broken, diagrams, links = [], 0, 0
    for page in html_pages(built_site.site):
        soup = parsed(page)
        diagrams += len(soup.select("div.mermaid"))
        links += len(soup.select("div.mermaid + a.diagram-full-size"))
        for link in soup.select("a.diagram-full-size"):
            target = (page.parent / link["href"]).resolve()
            if not target.is_file() or "<title" not in target.read_text(encoding="utf-8"):
                broken.append(f"{page.relative_to(built_site.site)}: {link['href']}")
    assert diagrams and links == diagrams, f"{diagrams} diagrams but {links} full-size links right after them"
    assert broken == []


# Every attribute through which an element loads something (`a href` navigates, it does not load).
LOADING_ATTRIBUTES = {"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc", "codebase", "manifest", "ping"}
LOADING_REFERENCES = {"image", "use", "feimage", "script"}  # SVG elements whose href / xlink:href loads
LOADING_LINKS = {"stylesheet", "preload", "prefetch", "modulepreload", "icon", "apple-touch-icon", "preconnect", "dns-prefetch",
                 "manifest"}


def foreign_loads(soup) -> list[str]:
    """Each `<tag attribute=url>` of a parsed page or SVG that loads from another origin, style attributes' CSS included."""
    found = []
    for element in soup.find_all(True):
        name = element.name.lower()
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            key = attribute.lower()
            urls = []
            if key == "srcset":
                urls = [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
            elif key in LOADING_ATTRIBUTES or (key in ("href", "xlink:href") and name in LOADING_REFERENCES):
                urls = [value]
            elif key == "href" and name == "link" and set(element.get("rel", [])) & LOADING_LINKS:
                urls = [value]
            elif key == "style":
                urls = [url for _, url in check_links.css_references(f"x{{{value}}}")]
            found += [f"<{name} {attribute}={url}>" for url in urls if is_foreign(url)]
    return found


def test_built_pages_and_svgs_reference_no_resource_on_another_origin(built_site):
    """Static twin of the browser test: catches a foreign load even on a path the browser never takes,
    in every URL-bearing attribute and style attribute of every page and every SVG file."""
    foreign = [f"{path.relative_to(built_site.site)}: {load}"
               for path in [*html_pages(built_site.site), *sorted(built_site.site.rglob("*.svg"))]
               for load in foreign_loads(BeautifulSoup(path.read_text(encoding="utf-8"), "xml") if path.suffix == ".svg" else parsed(path))]
    assert foreign == [], ("pages load from another origin (the site must be self-contained); serve the file from "
                           "docs/assets/ or node_modules via a hook instead:\n" + "\n".join(foreign))


@pytest.mark.parametrize("markup", ['<img srcset="a.png 1x, https://evil.example/b.png 2x">', '<video poster="//evil.example/p.png">',
                                    '<svg><image href="https://evil.example/x.png"/></svg>', '<p style="background:url(https://evil.example/x)">',
                                    '<object data="https://evil.example/x.swf">', '<link rel="preload" href="https://evil.example/f.woff2">'])
def test_the_static_scan_finds_a_foreign_load_in_any_url_bearing_attribute(markup):
    assert foreign_loads(BeautifulSoup(markup, "lxml")) != []


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


def test_print_styles_never_block_first_paint_and_print_site_files_load_only_on_the_pack(built_site):
    wrong = []
    for page in html_pages(built_site.site):
        name = page.relative_to(built_site.site).as_posix()
        soup = parsed(page)
        print_css = [link.get("media") for link in soup.select('link[rel=stylesheet][href$="print.css"]')]
        if print_css != ["print"]:
            wrong.append(f"{name}: print.css links with media {print_css}, expected one with media=print")
        print_site = [tag.get("href") or tag.get("src") for tag in soup.select('link[href*="print-site"], script[src*="print-site"]')]
        if print_site != (["../css/print-site.css", "../css/print-site-material.css"] if name == "print_page/index.html" else []):
            wrong.append(f"{name}: print-site files {print_site}")
    assert wrong == []


def test_revision_pack_gets_its_table_of_contents_at_build_time(built_site):
    soup = parsed(built_site.site / "print_page/index.html")
    entries = [link.get_text(strip=True) for link in soup.select("#print-page-toc nav a")]
    assert entries[:2] == ["Home", "Learn"] and len(entries) >= 10, entries
    assert not [s for s in soup.select("script") if "generate_toc" in s.get_text()], "the pack still calls print-site's script"


def test_the_site_is_built_by_the_generator_the_tests_ask_for(built_site):
    """CI's ProperDocs job (SITE_GENERATOR=properdocs) must really build with ProperDocs, not MkDocs."""
    home = parsed(built_site.site / "index.html")
    generator = home.find("meta", attrs={"name": "generator"})["content"]
    assert generator.startswith({"mkdocs": "mkdocs-1.", "properdocs": "mkdocs-ProperDocs 1."}[GENERATOR]), generator
