"""The benchmark's logic (its figures are measured by running it, never asserted in tests)."""

from __future__ import annotations

import pytest

import benchmark
from conftest import ROOT

MKDOCS_YML = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_stock_configuration_keeps_the_pages_but_drops_the_sites_own_choices():
    stock = benchmark.stock_config(MKDOCS_YML)
    assert "strict: false" in stock and "font: false" not in stock and "custom_dir" not in stock
    assert "\nhooks:" not in stock and "\nwatch:" not in stock and "mermaid-loader.js" not in stock and "\n  - mermaid2\n" in stock
    assert stock.startswith(f"docs_dir: {ROOT / 'docs'}\n") and "\nnav:\n" in stock


def test_stock_configuration_refuses_a_config_it_does_not_recognise():
    with pytest.raises(SystemExit, match="update stock_config"):
        benchmark.stock_config(MKDOCS_YML.replace("  font: false\n", ""))


def figures(path, gzip_kb, diagrams=0, drawn_ms=None, mermaid=False, **scores):
    return benchmark.PageFigures(path, requests=1, raw_bytes=gzip_kb * 4096, gzip_bytes=gzip_kb * 1024,
                                 mermaid_loaded=mermaid, diagrams=diagrams, drawn_ms=drawn_ms, lighthouse=scores)


def test_budget_report_says_met_when_every_page_is_within_budget():
    pages = [figures("", 300, diagrams=1, drawn_ms=800), figures("a/", 100)]
    assert all(line.startswith("- met") for line in benchmark.budget_report(pages))


def test_budget_report_names_each_missed_budget_with_page_and_figure():
    pages = [figures("", 500, diagrams=1, drawn_ms=1500, performance=90, accessibility=100,
                     **{"best-practices": 100, "seo": 100}),
             figures("a/", 160, mermaid=True, performance=99, accessibility=100, **{"best-practices": 100, "seo": 100})]
    missed = [line for line in benchmark.budget_report(pages) if "MISSED" in line]
    assert missed == [
        "- **MISSED**: page without diagrams <= 150 KB gzip (largest /a/: 160 KB)",
        "- **MISSED**: page without diagrams loads no Mermaid (loaded on ['a/'])",
        "- **MISSED**: page with diagrams <= 450 KB gzip (largest /: 500 KB)",
        "- **MISSED**: diagrams drawn within 1000 ms (slowest /: 1500 ms)",
        "- **MISSED**: Lighthouse performance >= 95 on every page (lowest /: 90)",
    ]


def test_figures_replace_the_readme_block_and_nothing_else():
    readme = "intro\n<!-- benchmark:begin -->\nold figures\n<!-- benchmark:end -->\noutro\n"
    assert benchmark.with_figures(readme, ["new", "figures"]) == (
        "intro\n<!-- benchmark:begin -->\nnew\nfigures\n\n<!-- benchmark:end -->\noutro\n")
    empty = "<!-- benchmark:begin -->\n<!-- benchmark:end -->\n"
    assert benchmark.with_figures(empty, ["x"]) == "<!-- benchmark:begin -->\nx\n\n<!-- benchmark:end -->\n"


def test_a_readme_without_the_block_is_refused():
    with pytest.raises(SystemExit, match="no <!-- benchmark:begin -->"):
        benchmark.with_figures("no block here", ["x"])
