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
