"""The site builds strictly and cleanly."""

from __future__ import annotations

import re


def test_strict_build_prints_no_warning(built_site):
    warnings = [line for line in built_site.log.splitlines() if re.match(r"^(WARNING|ERROR)\b", line)]
    assert warnings == []


def test_mermaid_is_published_from_the_npm_lock(built_site):
    entry = built_site.site / "assets/javascripts/mermaid/mermaid.esm.min.mjs"
    assert entry.is_file()
    chunks = list((built_site.site / "assets/javascripts/mermaid/chunks/mermaid.esm.min").glob("*.mjs"))
    assert len(chunks) > 20


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
