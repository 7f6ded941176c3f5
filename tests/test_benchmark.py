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
        "- **MISSED**: page with diagrams <= 120 KB gzip (largest /: 130 KB)",
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
