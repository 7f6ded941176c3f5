"""The benchmark's logic (its figures are measured by running it, never asserted in tests)."""

from __future__ import annotations

import pytest
import yaml

import benchmark
from site_tools import revision_pack
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


def figures(path, gzip_kb, diagrams=0, mermaid=False, in_html=True, labels=(14, 11), printed=9.0, indexes=(1500, 1600, 1700), **scores):
    return benchmark.PageFigures(path, requests=1, raw_bytes=gzip_kb * 4096, gzip_bytes=gzip_kb * 1024,
                                 mermaid_loaded=mermaid, diagrams=diagrams, diagrams_in_html=in_html,
                                 smallest_label_px=dict(zip((1280, 390), labels)) if diagrams else {},
                                 printed_label_pt=printed if diagrams else None, lighthouse=scores,
                                 benchmark_indexes=list(indexes))


ALL_100 = {"performance": 100, "accessibility": 100, "best-practices": 100, "seo": 100}


def test_budget_report_says_met_when_every_page_is_within_budget():
    pages = [figures("", 100, diagrams=1, **ALL_100), figures("a/", 90, **ALL_100)]
    assert all(line.startswith("- met") for line in benchmark.budget_report(pages, runs=3, build_ratio=1.1))


def test_budget_report_names_each_missed_budget_with_page_and_figure():
    pages = [figures("", 130, diagrams=2, in_html=False, labels=(11.5, 9), printed=6.5, indexes=(1500,),
                     **{**ALL_100, "performance": 90}),
             figures("a/", 90, mermaid=True, **ALL_100)]
    pages[0].errored_audits = ["render-blocking-resources"]
    missed = [line for line in benchmark.budget_report(pages, runs=3, build_ratio=1.5) if "MISSED" in line]
    assert missed == [
        "- **MISSED**: page with diagrams (the pack apart) <= 120 KB gzip (largest /: 130 KB)",
        "- **MISSED**: every diagram shown at first paint (in the HTML, no script) (not on [''])",
        "- **MISSED**: smallest diagram label >= 12 px at 1280 px (smallest /: 11.5 px)",
        "- **MISSED**: smallest diagram label >= 10 px at 390 px (smallest /: 9 px)",
        "- **MISSED**: smallest printed diagram label >= 7 pt (A4 PDF) (smallest /: 6.5 pt)",
        "- **MISSED**: no page requests Mermaid (requested on ['a/'])",
        "- **MISSED**: warm-cache build <= 1.43 x stock build (1.50 x)",
        "- **MISSED**: Lighthouse performance >= 95 on every page (median of 3) (lowest /: 90)",
        "- **MISSED**: 3 Lighthouse runs per page at CPU index >= 1000 (too few on ['/: 1'])",
        "- **MISSED**: every Lighthouse audit ran (errored: ['render-blocking-resources'])",
    ]


def test_budget_report_holds_the_revision_pack_to_its_own_weight_budget():
    """The pack is every page at once: one page's 120 KB does not apply to it, 150 KB does."""
    within = [figures(revision_pack.URL, 140, diagrams=9, **ALL_100), figures("", 100, diagrams=1, **ALL_100)]
    assert all(line.startswith("- met") for line in benchmark.budget_report(within))
    over = [figures(revision_pack.URL, 160, diagrams=9, **ALL_100), figures("", 100, diagrams=1, **ALL_100)]
    assert [line for line in benchmark.budget_report(over) if "MISSED" in line] == [
        "- **MISSED**: revision pack, every page at once, <= 150 KB gzip (160 KB)"]


def test_lighthouse_discards_runs_on_a_busy_machine_and_takes_the_median_of_the_rest():
    outcomes = iter([{"scores": {"performance": 50}, "benchmark_index": 600, "errored": []},
                     {"scores": {"performance": 97}, "benchmark_index": 1500, "errored": []},
                     {"scores": {"performance": 99}, "benchmark_index": 1400, "errored": ["lcp-lazy-loaded"]},
                     {"scores": {"performance": 90}, "benchmark_index": 1300, "errored": []},
                     {"scores": {"performance": 10}, "benchmark_index": 2000, "errored": []}])
    page = benchmark.PageFigures("")
    benchmark.lighthouse_median("http://x/", "chromium", 3, page, run=lambda url, chromium: next(outcomes))
    assert page.lighthouse["performance"] == 97 and page.benchmark_indexes == [1500, 1400, 1300]
    assert page.discarded_runs == 1 and page.errored_audits == ["lcp-lazy-loaded"]


def test_lighthouse_keeps_the_median_of_each_metric_of_the_runs_kept():
    outcomes = iter([{"scores": {}, "benchmark_index": 600, "errored": [], "metrics": {"total-blocking-time": 900}},
                     {"scores": {}, "benchmark_index": 1500, "errored": [], "metrics": {"total-blocking-time": 40}},
                     {"scores": {}, "benchmark_index": 1500, "errored": [], "metrics": {"total-blocking-time": 10}},
                     {"scores": {}, "benchmark_index": 1500, "errored": [], "metrics": {"total-blocking-time": 30}}])
    page = benchmark.PageFigures("")
    benchmark.lighthouse_median("http://x/", "chromium", 3, page, run=lambda url, chromium: next(outcomes))
    assert page.lighthouse_metrics == {"total-blocking-time": 30}


def test_lighthouse_gives_up_after_three_times_the_runs_asked_for():
    page = benchmark.PageFigures("")
    calls = []
    benchmark.lighthouse_median("http://x/", "chromium", 2, page,
                                run=lambda url, chromium: calls.append(1) or {"scores": {}, "benchmark_index": 500, "errored": []})
    assert len(calls) == 6 and page.lighthouse == {} and page.discarded_runs == 6


def test_figures_replace_the_readme_block_and_nothing_else():
    readme = "intro\n<!-- benchmark:begin -->\nold figures\n<!-- benchmark:end -->\noutro\n"
    assert benchmark.with_figures(readme, ["new", "figures"]) == (
        "intro\n<!-- benchmark:begin -->\nnew\nfigures\n\n<!-- benchmark:end -->\noutro\n")
    empty = "<!-- benchmark:begin -->\n<!-- benchmark:end -->\n"
    assert benchmark.with_figures(empty, ["x"]) == "<!-- benchmark:begin -->\nx\n\n<!-- benchmark:end -->\n"


def test_a_readme_without_the_block_is_refused():
    with pytest.raises(SystemExit, match="no <!-- benchmark:begin -->"):
        benchmark.with_figures("no block here", ["x"])
