"""The benchmark's logic (its figures are measured by running it, never asserted in tests)."""

from __future__ import annotations

import pytest
import yaml

import benchmark
from conftest import ROOT

MKDOCS_YML = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def yaml_ignoring_tags(text: str) -> dict:
    """A MkDocs config as plain data (its !!python/name tags read as None)."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_multi_constructor("", lambda loader, suffix, node: None)
    return yaml.load(text, Loader=loader)


STOCK = benchmark.stock_config(MKDOCS_YML)
# The site's own front-end files and theme changes, as a config would name them.
SITES_OWN = sorted([*(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs/assets").rglob("*.[cj]s*")),
                    *(p.relative_to(ROOT).as_posix() for p in (ROOT / "overrides").rglob("*") if p.is_file())])


def test_stock_configuration_builds_the_same_pages():
    stock, ours = yaml_ignoring_tags(STOCK), yaml_ignoring_tags(MKDOCS_YML)
    assert stock["docs_dir"] == str(ROOT / "docs"), "the stock build must read this repository's docs/"
    assert stock["nav"] == ours["nav"] and stock["markdown_extensions"] == ours["markdown_extensions"], \
        "the stock configuration must keep the site's nav and Markdown extensions (only the look is stock)"


def test_stock_configuration_names_none_of_the_sites_css_javascript_hooks_or_overrides():
    assert SITES_OWN, "found none of the site's own files under docs/assets/ and overrides/"
    named = [path for path in SITES_OWN if path in STOCK]
    assert named == [], f"scripts/benchmark.py stock_config() keeps the site's own {named}; remove them, or every ratio to stock is skewed"


def test_stock_configuration_has_no_extra_assets_hooks_or_theme_changes():
    stock = yaml_ignoring_tags(STOCK)
    kept = [key for key in ("extra_css", "extra_javascript", "hooks", "watch") if stock.get(key)]
    kept += [f"theme.{key}" for key in ("custom_dir", "font") if key in stock["theme"]]
    mermaid = [p for p in stock["plugins"] if p == "mermaid2" or isinstance(p, dict) and "mermaid2" in p]
    kept += [] if mermaid == ["mermaid2"] else [f"plugins: mermaid2 as {mermaid}"]
    assert kept == [], f"scripts/benchmark.py stock_config() keeps the site's own {kept}; stock means Material and mermaid2 defaults"
    assert stock["strict"] is False, "the stock build must not be strict: it runs Material and mermaid2 as shipped, warnings and all"


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
