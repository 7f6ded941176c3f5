"""The site builds strictly and cleanly."""

from __future__ import annotations

import re


def test_strict_build_prints_no_warning(built_site):
    warnings = [line for line in built_site.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert warnings == []


def test_published_site_holds_no_mermaid_javascript(built_site):
    """Diagrams are drawn at build time: no Mermaid build, no loader, no preload of either."""
    from conftest import html_pages

    scripts = [p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*") if p.suffix in (".js", ".mjs")]
    assert [name for name in scripts if "mermaid" in name] == []
    referencing = [p.relative_to(built_site.site).as_posix() for p in html_pages(built_site.site)
                   if re.search(r'<(?:script|link)[^>]*(?:src|href)="[^"]*mermaid[^"]*"', p.read_text(encoding="utf-8"))]
    assert referencing == [], f"pages that still load Mermaid: {referencing}"


def test_every_diagram_has_a_standalone_svg_file(built_site):
    """Each diagram links to its drawing as an SVG file of its own, titled like the diagram."""
    from bs4 import BeautifulSoup

    from conftest import html_pages

    broken, diagrams, links = [], 0, 0
    for page in html_pages(built_site.site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        diagrams += len(soup.select("div.mermaid"))
        links += len(soup.select("div.mermaid + a.diagram-full-size"))
        for link in soup.select("a.diagram-full-size"):
            target = (page.parent / link["href"]).resolve()
            if not target.is_file() or "<title" not in target.read_text(encoding="utf-8"):
                broken.append(f"{page.relative_to(built_site.site)}: {link['href']}")
    assert diagrams and links == diagrams, f"{diagrams} diagrams but {links} full-size links right after them"
    assert broken == []


def test_built_pages_reference_no_resource_on_another_origin(built_site):
    """Static twin of the browser test: catches a foreign load even on a path the browser never takes."""
    from bs4 import BeautifulSoup

    from conftest import html_pages

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
    assert foreign == []


def test_print_styles_never_block_first_paint_and_print_site_files_load_only_on_the_pack(built_site):
    from bs4 import BeautifulSoup

    from conftest import html_pages

    wrong = []
    for page in html_pages(built_site.site):
        name = page.relative_to(built_site.site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        print_css = [link.get("media") for link in soup.select('link[rel=stylesheet][href$="print.css"]')]
        if print_css != ["print"]:
            wrong.append(f"{name}: print.css links with media {print_css}, expected one with media=print")
        print_site = [tag.get("href") or tag.get("src") for tag in soup.select('link[href*="print-site"], script[src*="print-site"]')]
        if print_site != (["../css/print-site.css", "../css/print-site-material.css"] if name == "print_page/index.html" else []):
            wrong.append(f"{name}: print-site files {print_site}")
    assert wrong == []


def test_revision_pack_gets_its_table_of_contents_at_build_time(built_site):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site.site / "print_page/index.html").read_text(encoding="utf-8"), "lxml")
    entries = [link.get_text(strip=True) for link in soup.select("#print-page-toc nav a")]
    assert entries[:2] == ["Home", "Learn"] and len(entries) >= 10, entries
    assert not [s for s in soup.select("script") if "generate_toc" in s.get_text()], "the pack still calls print-site's script"
