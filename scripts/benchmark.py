"""Measure the site against its quality budgets, beside a stock configuration of the same pages.

Usage: python3 scripts/benchmark.py [--runs N] [--pages PATH ...] [--no-lighthouse] [--json FILE] [--update-readme]

Sets everything up (a Chromium included), then, on this machine:
  - build time: the median of N runs of `mkdocs build --strict` with the diagram cache warm
    (and of the stock build), and one build with an empty diagram cache;
  - for every page (or those given with --pages; "/" is the home page), in headless Chromium
    from a local gzip-serving server, cache off: requests, bytes transferred (raw and gzip),
    whether any Mermaid file is requested, whether every diagram is in the HTML (shown with
    JavaScript off, so at first paint), the smallest diagram label at 1280 and 390 px, and
    the smallest diagram label printed to an A4 PDF;
  - Lighthouse (mobile, simulated throttling): the median of N runs per page of each category
    score, each run with Lighthouse's CPU benchmark index; a run whose index is under 1000 (the
    machine was busy) is discarded and retried, up to 3N attempts per page; audits that
    errored are listed.
The stock configuration is the same pages with mermaid2 and Material at their defaults (no
custom_dir, no hooks, no extra CSS, Google Fonts on); its CDN requests are answered from the
local npm copy of Mermaid and an empty font stylesheet, so it runs offline. Results are shown
as a table, with ratios to stock (which hold on a noisy machine), and each budget as met or
missed with its figure. --json writes them for tracking; --update-readme rewrites the figures
in README.md (whole runs only). Exit status: 0 every budget met, 1 some budget missed, 2 set-up failed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from site_tools import browser
from site_tools import dev_env
from site_tools import mermaid_render
from site_tools import revision_pack

ROOT = dev_env.ROOT
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
README = ROOT / "README.md"
BUDGETS = {
    "diagram_page_gzip_kb": 120,
    # The pack is every page at once: its own HTML (the whole site's text and every diagram) is
    # about 70 KB gzip on top of the ~65 KB every page loads (Material's CSS and JavaScript), so
    # one page's budget would mean cutting pages out of it. (The stock pack is about 1070 KB.)
    "pack_gzip_kb": 150,
    "lighthouse_performance": 95,
    "lighthouse_other": 100,
    "label_px": {1280: mermaid_render.MIN_LABEL_PX_DESKTOP, 390: mermaid_render.MIN_LABEL_PX_PHONE},
    "printed_label_pt": 7,
    # Warm-cache build over the stock build: 1.2x the ratio measured before diagrams were drawn
    # at build time (2.94 s / 2.47 s = 1.19 on 2026-11-26), as a ratio so a busy machine cancels out.
    "build_vs_stock": 1.43,
}
MIN_BENCHMARK_INDEX = 1000  # Lighthouse's CPU benchmark index; below it the machine was too busy
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The metrics the performance score is made of (ms; the layout shift unitless): the median of each
# is kept beside the score, so a missed budget says which one cost it.
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index")
# Stock pages only: Material swaps each <pre class="mermaid"> for a drawn <div> once Mermaid has drawn it.
STOCK_DIAGRAMS_DRAWN = "() => document.querySelectorAll('pre.mermaid').length === 0"
# A diagram with a narrow variant holds two drawings, one of them not displayed: measure the one shown.
SHOWN_SVG = "(d => d.shadowRoot && [...d.shadowRoot.querySelectorAll('svg')].find(s => s.getClientRects().length))"
SMALLEST_LABELS = "() => [...document.querySelectorAll('div.mermaid')].map(d => (%s)(%s(d)))" % (
    mermaid_render.SMALLEST_LABEL_JS, SHOWN_SVG)
CDN_MERMAID = re.compile(r"^https://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/mermaid@[^/]+/dist/(?P<path>.+)$")


@dataclass
class PageFigures:
    path: str
    requests: int = 0
    raw_bytes: int = 0
    gzip_bytes: int = 0
    mermaid_loaded: bool = False
    diagrams: int = 0
    diagrams_in_html: bool = False  # every diagram shown with JavaScript off: at first paint
    drawn_ms: float | None = None  # stock pages: until Mermaid has drawn every diagram
    smallest_label_px: dict = field(default_factory=dict)  # viewport width -> px
    printed_label_pt: float | None = None
    lighthouse: dict = field(default_factory=dict)  # category -> median score
    lighthouse_metrics: dict = field(default_factory=dict)  # METRICS name -> median value
    benchmark_indexes: list = field(default_factory=list)  # of the runs kept
    discarded_runs: int = 0
    errored_audits: list = field(default_factory=list)


# --- the stock configuration -----------------------------------------------------------------

def stock_config(text: str) -> str:
    """mkdocs.yml with mermaid2 and Material at their defaults; fails loudly if it cannot tell."""
    edits = [
        (r"\nstrict: true\n", "\nstrict: false\n"),
        (r"\n  custom_dir: overrides\n", "\n"),
        (r"\n(  # [^\n]*\n)*  font: false\n", "\n"),
        (r"\nextra_css:\n(  - [^\n]+\n)+", "\n"),
        (r"\n(# [^\n]*\n)*extra_javascript:\n(  - [^\n]+\n)+", "\n"),  # the offline copy's registration
        (r"\nhooks:\n(  [-#] [^\n]+\n)+", "\n"),  # the list may hold comment lines
        (r"\n(# [^\n]*\n)*watch:\n(  - [^\n]+\n)+", "\n"),  # `mkdocs serve` only; relative paths
        (r"\n  - mermaid2:\n(      [^\n]*\n)+", "\n  - mermaid2\n"),
    ]
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text, count=1)
        if count != 1:
            raise SystemExit(f"mkdocs.yml no longer has what the stock configuration removes ({pattern!r}); "
                             "update stock_config() in scripts/benchmark.py")
    return f"docs_dir: {ROOT / 'docs'}\n{text}"


def build(config: Path, site: Path, *, strict: bool, diagram_cache: Path | None = None) -> float:
    """Build the site (with its diagram cache elsewhere, if given); return the wall-clock seconds it took."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "--config-file", str(config),
               "--site-dir", str(site)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    cache = {"SITE_DIAGRAM_CACHE": str(diagram_cache)} if diagram_cache else {}
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **cache})
    if result.returncode != 0:
        raise SystemExit(f"build with {config.name} failed:\n{result.stderr}")
    return time.perf_counter() - start


# --- browsing ------------------------------------------------------------------------------

def answer_offline(route) -> None:
    """Answer the stock site's CDN requests locally: Mermaid from npm, fonts with an empty stylesheet."""
    url = route.request.url
    match = CDN_MERMAID.match(url)
    if match and (MERMAID_DIST / match["path"]).is_file():
        route.fulfill(path=str(MERMAID_DIST / match["path"]), content_type="text/javascript")
    elif "fonts.googleapis.com" in url:
        route.fulfill(status=200, content_type="text/css", body="")
    else:
        route.abort()


def measure_page(chrome, base: str, path: str, *, stock: bool) -> PageFigures:
    figures = PageFigures(path)
    context = chrome.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                  else (answer_offline(route) if stock else route.abort()))
    page = context.new_page()
    bodies: list[bytes] = []

    def finished(request):
        figures.requests += 1
        figures.mermaid_loaded |= "mermaid" in request.url and request.url.endswith((".js", ".mjs"))
        response = request.response()
        if response is not None:
            try:
                bodies.append(response.body())
            except Exception:  # a redirect or an aborted body has nothing to count
                pass

    page.on("requestfinished", finished)
    page.on("requestfailed", lambda request: setattr(figures, "requests", figures.requests + 1))
    page.goto(base + path, wait_until="load")
    figures.diagrams = page.evaluate("document.querySelectorAll('pre.mermaid, div.mermaid').length")
    if figures.diagrams and stock:
        page.wait_for_function(STOCK_DIAGRAMS_DRAWN, timeout=30_000, polling=10)
        figures.drawn_ms = round(page.evaluate("performance.now()"), 1)
    page.wait_for_load_state("networkidle")
    figures.raw_bytes = sum(len(body) for body in bodies)
    figures.gzip_bytes = sum(len(gzip.compress(body, 6)) for body in bodies)
    context.close()
    if figures.diagrams and not stock:
        measure_diagrams(chrome, base, path, figures)
    return figures


def measure_diagrams(chrome, base: str, path: str, figures: PageFigures) -> None:
    """Shown without script, smallest label on screen at each width, and smallest label printed."""
    from site_tools import print_pdf

    context = chrome.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + path, wait_until="load")
    figures.diagrams_in_html = page.evaluate("""() => [...document.querySelectorAll('div.mermaid')].every(d => {
        const svg = %s(d);
        return svg && svg.getBoundingClientRect().width > 50;
    }) && !document.querySelector('pre.mermaid')""" % SHOWN_SVG)
    context.close()
    for width in BUDGETS["label_px"]:
        context = chrome.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        figures.smallest_label_px[width] = round(min(page.evaluate(SMALLEST_LABELS)), 1)
        context.close()
    context = chrome.new_context()
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "page.pdf"
        print_pdf.print_to_pdf(context.new_page(), base + path, pdf, "A4", style=print_pdf.ONLY_DIAGRAMS)
        figures.printed_label_pt = round(min(t.size_pt for t in print_pdf.printed_texts(pdf)), 1)
    context.close()


def lighthouse(url: str, chromium: str) -> dict:
    """One Lighthouse run: category scores (0-100), the CPU benchmark index, audits that errored."""
    flags = "--headless=new " + " ".join(browser.LAUNCH_ARGS)
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--chrome-flags={flags}",
         f"--only-categories={','.join(CATEGORIES)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=300)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}
    report = json.loads(result.stdout)
    return {"scores": {name: round(category["score"] * 100) for name, category in report["categories"].items()},
            "benchmark_index": report["environment"]["benchmarkIndex"],
            "metrics": {name: report["audits"][name].get("numericValue") for name in METRICS if name in report["audits"]},
            "errored": sorted(audit_id for audit_id, audit in report["audits"].items() if audit.get("scoreDisplayMode") == "error")}


def lighthouse_median(url: str, chromium: str, runs: int, figures: PageFigures, run=lighthouse) -> None:
    """The median of `runs` Lighthouse runs at a CPU benchmark index >= MIN_BENCHMARK_INDEX, into `figures`.

    A run under that index is discarded and another made, up to 3 x `runs` attempts in all.
    """
    kept = []
    for _ in range(3 * runs):
        outcome = run(url, chromium)
        if "error" in outcome:
            figures.errored_audits = sorted(set(figures.errored_audits) | {f"run failed: {outcome['error']}"})
            continue
        if outcome["benchmark_index"] < MIN_BENCHMARK_INDEX:
            figures.discarded_runs += 1
            continue
        kept.append(outcome)
        figures.errored_audits = sorted(set(figures.errored_audits) | set(outcome["errored"]))
        if len(kept) == runs:
            break
    figures.benchmark_indexes = [round(outcome["benchmark_index"]) for outcome in kept]
    if kept:
        figures.lighthouse = {c: statistics.median(o["scores"].get(c, 0) for o in kept) for c in CATEGORIES}
        values = {m: [o["metrics"][m] for o in kept if o.get("metrics", {}).get(m) is not None] for m in METRICS}
        figures.lighthouse_metrics = {m: round(statistics.median(v), 3) for m, v in values.items() if v}


# --- report --------------------------------------------------------------------------------

def kb(value: int) -> str:
    return f"{value / 1024:.0f}"


def budget_report(pages: list[PageFigures], *, runs: int = 3, build_ratio: float | None = None) -> list[str]:
    """One line per budget: met, or missed with the page and figure."""
    lines = []
    drawn = [p for p in pages if p.diagrams]
    single = [p for p in drawn if p.path != revision_pack.URL]
    if single:
        worst = max(single, key=lambda p: p.gzip_bytes)
        lines.append(_verdict(f"page with diagrams (the pack apart) <= {BUDGETS['diagram_page_gzip_kb']} KB gzip",
                              worst.gzip_bytes / 1024 <= BUDGETS["diagram_page_gzip_kb"],
                              f"largest /{worst.path}: {kb(worst.gzip_bytes)} KB"))
    pack = next((p for p in pages if p.path == revision_pack.URL), None)
    if pack:
        lines.append(_verdict(f"revision pack, every page at once, <= {BUDGETS['pack_gzip_kb']} KB gzip",
                              pack.gzip_bytes / 1024 <= BUDGETS["pack_gzip_kb"], f"{kb(pack.gzip_bytes)} KB"))
    if drawn:
        late = [p.path for p in drawn if not p.diagrams_in_html]
        lines.append(_verdict("every diagram shown at first paint (in the HTML, no script)", not late,
                              f"not on {late}" if late else f"{sum(p.diagrams for p in drawn)} diagrams on {len(drawn)} pages"))
        for width, budget in BUDGETS["label_px"].items():
            low = min(drawn, key=lambda p: p.smallest_label_px.get(width, 0))
            figure = low.smallest_label_px.get(width)
            lines.append(_verdict(f"smallest diagram label >= {budget} px at {width} px", (figure or 0) >= budget - 0.05,
                                  f"smallest /{low.path}: {figure} px"))
        low = min(drawn, key=lambda p: p.printed_label_pt or 0)
        lines.append(_verdict(f"smallest printed diagram label >= {BUDGETS['printed_label_pt']} pt (A4 PDF)",
                              (low.printed_label_pt or 0) >= BUDGETS["printed_label_pt"],
                              f"smallest /{low.path}: {low.printed_label_pt} pt"))
    loaded = [p.path for p in pages if p.mermaid_loaded]
    lines.append(_verdict("no page requests Mermaid", not loaded, f"requested on {loaded or 'none'}"))
    if build_ratio is not None:
        lines.append(_verdict(f"warm-cache build <= {BUDGETS['build_vs_stock']} x stock build", build_ratio <= BUDGETS["build_vs_stock"],
                              f"{build_ratio:.2f} x"))
    scored = [p for p in pages if p.lighthouse]
    for category in CATEGORIES:
        if not scored:
            break
        budget = BUDGETS["lighthouse_performance" if category == "performance" else "lighthouse_other"]
        low = min(scored, key=lambda p: p.lighthouse.get(category, 0))
        lines.append(_verdict(f"Lighthouse {category} >= {budget} on every page (median of {runs})",
                              low.lighthouse.get(category, 0) >= budget, f"lowest /{low.path}: {low.lighthouse.get(category)}"))
    if scored or any(p.discarded_runs or p.errored_audits for p in pages):  # Lighthouse ran
        short = [f"/{p.path}: {len(p.benchmark_indexes)}" for p in pages if len(p.benchmark_indexes) < runs]
        lines.append(_verdict(f"{runs} Lighthouse runs per page at CPU index >= {MIN_BENCHMARK_INDEX}", not short,
                              f"too few on {short}" if short else f"{sum(p.discarded_runs for p in pages)} busy runs discarded"))
        errored = sorted({audit for p in pages for audit in p.errored_audits})
        lines.append(_verdict("every Lighthouse audit ran", not errored, f"errored: {errored or 'none'}"))
    return lines


def _verdict(budget: str, met: bool, figure: str) -> str:
    return f"- {'met' if met else '**MISSED**'}: {budget} ({figure})"


def table(ours: list[PageFigures], stock: dict[str, PageFigures]) -> list[str]:
    lines = ["| Page | Requests | KB gzip (stock) | gzip vs stock | Mermaid requested | Diagrams shown (stock) "
             "| Smallest label px, 1280/390 | Printed label pt | Lighthouse P/A/BP/SEO | CPU index |",
             "| --- | ---: | ---: | ---: | --- | --- | --- | ---: | --- | --- |"]
    for page in ours:
        other = stock[page.path]
        ratio = f"{page.gzip_bytes / other.gzip_bytes:.2f}" if other.gzip_bytes else "-"
        shown = (f"{'first paint' if page.diagrams_in_html else 'later'} ({other.drawn_ms:.0f} ms)"
                 if page.diagrams and other.drawn_ms else "-")
        labels = "/".join(str(page.smallest_label_px.get(w, "-")) for w in BUDGETS["label_px"]) if page.diagrams else "-"
        scores = "/".join(f"{page.lighthouse[c]:g}" for c in CATEGORIES) if page.lighthouse else "-"
        indexes = ", ".join(map(str, page.benchmark_indexes)) or "-"
        lines.append(f"| /{page.path} | {page.requests} | {kb(page.gzip_bytes)} ({kb(other.gzip_bytes)}) | {ratio} "
                     f"| {'yes' if page.mermaid_loaded else 'no'} | {shown} | {labels} | {page.printed_label_pt or '-'} "
                     f"| {scores} | {indexes} |")
    return lines


FIGURES_BLOCK = re.compile(r"(<!-- benchmark:begin -->\n).*?(<!-- benchmark:end -->)", re.DOTALL)


def with_figures(readme: str, report: list[str]) -> str:
    """The README with the report between its benchmark markers (which must be there).

    A blank line ends the report, so Markdown keeps its closing list apart from the marker.
    """
    if not FIGURES_BLOCK.search(readme):
        raise SystemExit("README.md has no <!-- benchmark:begin --> / <!-- benchmark:end --> block; put it back")
    return FIGURES_BLOCK.sub(lambda m: m[1] + "\n".join(report) + "\n\n" + m[2], readme, count=1)


def site_pages(site: Path) -> list[str]:
    return sorted(p.parent.relative_to(site).as_posix().replace(".", "") + "/" if p.parent != site else ""
                  for p in site.rglob("index.html"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3,
                        help="builds to time and Lighthouse runs per page, each configuration (default: %(default)s)")
    parser.add_argument("--pages", nargs="+", metavar="PATH", help='measure only these pages ("/" is the home page)')
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (the slowest part)")
    parser.add_argument("--json", type=Path, default=ROOT / ".benchmarks" / "latest.json", help="where to write the figures")
    parser.add_argument("--update-readme", action="store_true", help="rewrite the figures block in README.md")
    args = parser.parse_args()
    if args.update_readme and args.pages:
        parser.error("--update-readme needs a whole run: drop --pages")

    from site_tools import local_server
    from playwright.sync_api import sync_playwright

    chromium = browser.find_chromium(sys.executable)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        stock_yml = scratch / "mkdocs-stock.yml"
        stock_yml.write_text(stock_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
        ours_site, stock_site = scratch / "ours", scratch / "stock"
        cold = build(ROOT / "mkdocs.yml", ours_site, strict=True, diagram_cache=scratch / "cold-cache")
        build_ours = statistics.median(build(ROOT / "mkdocs.yml", ours_site, strict=True) for _ in range(args.runs))
        build_stock = statistics.median(build(stock_yml, stock_site, strict=False) for _ in range(args.runs))
        print(f"build (median of {args.runs}): {build_ours:.2f} s, stock {build_stock:.2f} s; "
              f"empty diagram cache {cold:.2f} s", file=sys.stderr)

        pages = site_pages(ours_site)
        if args.pages:
            wanted = [path.strip("/") + "/" if path.strip("/") else "" for path in args.pages]
            unknown = [path for path in wanted if path not in pages]
            if unknown:
                parser.error(f"no such page: {unknown}; pages are {pages}")
            pages = wanted
        with local_server.serve(ours_site) as ours_base, local_server.serve(stock_site) as stock_base:
            with sync_playwright() as playwright:
                chrome = playwright.chromium.launch(executable_path=chromium, args=browser.PLAYWRIGHT_LAUNCH_ARGS)
                ours = [measure_page(chrome, ours_base, path, stock=False) for path in pages]
                stock = {path: measure_page(chrome, stock_base, path, stock=True) for path in pages}
                chrome.close()
            if not args.no_lighthouse:
                for figures in ours:
                    print(f"lighthouse /{figures.path}", file=sys.stderr)
                    lighthouse_median(ours_base + figures.path, chromium, args.runs, figures)
                    print(f"  performance {figures.lighthouse.get('performance')}: " + ", ".join(
                        f"{m} {v:g}" for m, v in figures.lighthouse_metrics.items()), file=sys.stderr)

    budgets = budget_report(ours, runs=args.runs, build_ratio=build_ours / build_stock)
    scope = f"pages {', '.join('/' + p for p in pages)}" if args.pages else "every page"
    report = [f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores with `python3 scripts/benchmark.py`, {scope}. "
              f"Build (`mkdocs build --strict`, diagram cache warm, median of {args.runs}): **{build_ours:.2f} s** "
              f"(stock configuration: {build_stock:.2f} s; empty diagram cache: {cold:.2f} s). "
              f"Lighthouse: median of {args.runs} runs per page, each at a CPU benchmark index of at least "
              f"{MIN_BENCHMARK_INDEX} (the indexes of the runs kept are listed).",
              "", *table(ours, stock), "", "Budgets:", "", *budgets]
    print("\n".join(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"build_seconds": build_ours, "stock_build_seconds": build_stock,
                                     "cold_cache_build_seconds": cold,
                                     "pages": [asdict(p) for p in ours],
                                     "stock_pages": [asdict(p) for p in stock.values()],
                                     "budgets": budgets}, indent=2), encoding="utf-8")
    if args.update_readme:
        README.write_text(with_figures(README.read_text(encoding="utf-8"), report), encoding="utf-8")
    return 1 if any("MISSED" in line for line in budgets) else 0


if __name__ == "__main__":
    dev_env.main_guard(lambda: dev_env.run_in_env(__file__, with_browser=True))
    sys.exit(main())
