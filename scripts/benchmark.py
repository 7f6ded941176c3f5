"""Measure the site against its quality budgets, beside a stock configuration of the same pages.

Usage: python3 scripts/benchmark.py [--runs N] [--no-lighthouse] [--json FILE] [--update-readme]

Sets everything up (a Chromium included), then, on this machine:
  - build time: the median of N runs of `mkdocs build --strict` (and of the stock build);
  - for every page, in headless Chromium from a local server, cache off: requests, bytes
    transferred (raw, and gzip as a compressing server would send them), whether Mermaid was
    loaded, and the time from navigation until every diagram is drawn;
  - Lighthouse scores (performance, accessibility, best practices, SEO) for every page.
The stock configuration is the same pages with mermaid2 and Material at their defaults (no
custom_dir, no hooks, no extra CSS, Google Fonts on); its CDN requests are answered from the
local npm copy of Mermaid and an empty font stylesheet, so it runs offline. Results are shown
as a table, with ratios to stock (which hold on a noisy machine), and each budget as met or
missed with its figure. --json writes them for tracking; --update-readme rewrites the figures
in README.md. Exit status: 0 every budget met, 1 some budget missed, 2 set-up failed.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser  # noqa: E402
import dev_env  # noqa: E402

ROOT = dev_env.ROOT
MERMAID_DIST = ROOT / "node_modules" / "mermaid" / "dist"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
README = ROOT / "README.md"
BUDGETS = {
    "plain_page_gzip_kb": 150,
    "diagram_page_gzip_kb": 450,
    "diagrams_drawn_ms": 1000,
    "lighthouse_performance": 95,
    "lighthouse_other": 100,
}
CDN_MERMAID = re.compile(r"^https://(?:unpkg\.com|cdn\.jsdelivr\.net/npm)/mermaid@[^/]+/dist/(?P<path>.+)$")


@dataclass
class PageFigures:
    path: str
    requests: int = 0
    raw_bytes: int = 0
    gzip_bytes: int = 0
    mermaid_loaded: bool = False
    diagrams: int = 0
    drawn_ms: float | None = None
    lighthouse: dict = field(default_factory=dict)


# --- the stock configuration -----------------------------------------------------------------

def stock_config(text: str) -> str:
    """mkdocs.yml with mermaid2 and Material at their defaults; fails loudly if it cannot tell."""
    edits = [
        (r"\nstrict: true\n", "\nstrict: false\n"),
        (r"\n  custom_dir: overrides\n", "\n"),
        (r"\n(  # [^\n]*\n)*  font: false\n", "\n"),
        (r"\nextra_css:\n(  - [^\n]+\n)+", "\n"),
        (r"\nhooks:\n(  - [^\n]+\n)+", "\n"),
        (r"\n(# [^\n]*\n)*watch:\n(  - [^\n]+\n)+", "\n"),  # `mkdocs serve` only; relative paths
        (r"\n  - mermaid2:\n(      [^\n]*\n)+", "\n  - mermaid2\n"),
    ]
    for pattern, replacement in edits:
        text, count = re.subn(pattern, replacement, text, count=1)
        if count != 1:
            raise SystemExit(f"mkdocs.yml no longer has what the stock configuration removes ({pattern!r}); "
                             "update stock_config() in scripts/benchmark.py")
    return f"docs_dir: {ROOT / 'docs'}\n{text}"


def build(config: Path, site: Path, *, strict: bool) -> float:
    """Build the site; return the wall-clock seconds it took."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "--config-file", str(config),
               "--site-dir", str(site)] + (["--strict"] if strict else [])
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
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
        figures.mermaid_loaded |= "mermaid" in request.url
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
    if figures.diagrams:
        page.wait_for_function(browser.DIAGRAMS_DRAWN, timeout=30_000, polling=10)
        figures.drawn_ms = round(page.evaluate("performance.now()"), 1)
    page.wait_for_load_state("networkidle")
    figures.raw_bytes = sum(len(body) for body in bodies)
    figures.gzip_bytes = sum(len(gzip.compress(body, 6)) for body in bodies)
    context.close()
    return figures


def lighthouse(url: str, chromium: str) -> dict:
    """Lighthouse's category scores (0-100) for `url`, run with the same Chromium as the tests."""
    flags = "--headless=new " + " ".join(browser.LAUNCH_ARGS)
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--chrome-flags={flags}",
         "--only-categories=performance,accessibility,best-practices,seo"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium}, timeout=180)
    if result.returncode != 0:
        return {"error": result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed"}
    categories = json.loads(result.stdout)["categories"]
    return {name: round(category["score"] * 100) for name, category in categories.items()}


# --- report --------------------------------------------------------------------------------

def kb(value: int) -> str:
    return f"{value / 1024:.0f}"


def budget_report(pages: list[PageFigures]) -> list[str]:
    """One line per budget: met, or missed with the page and figure."""
    lines = []
    plain = [p for p in pages if not p.diagrams]
    drawn = [p for p in pages if p.diagrams]
    worst_plain = max(plain, key=lambda p: p.gzip_bytes)
    lines.append(_verdict(f"page without diagrams <= {BUDGETS['plain_page_gzip_kb']} KB gzip",
                          worst_plain.gzip_bytes / 1024 <= BUDGETS["plain_page_gzip_kb"],
                          f"largest /{worst_plain.path}: {kb(worst_plain.gzip_bytes)} KB"))
    loaded = [p.path for p in plain if p.mermaid_loaded]
    lines.append(_verdict("page without diagrams loads no Mermaid", not loaded, f"loaded on {loaded or 'none'}"))
    worst = max(drawn, key=lambda p: p.gzip_bytes)
    lines.append(_verdict(f"page with diagrams <= {BUDGETS['diagram_page_gzip_kb']} KB gzip",
                          worst.gzip_bytes / 1024 <= BUDGETS["diagram_page_gzip_kb"],
                          f"largest /{worst.path}: {kb(worst.gzip_bytes)} KB"))
    slowest = max(drawn, key=lambda p: p.drawn_ms or 0)
    lines.append(_verdict(f"diagrams drawn within {BUDGETS['diagrams_drawn_ms']} ms",
                          (slowest.drawn_ms or 0) <= BUDGETS["diagrams_drawn_ms"],
                          f"slowest /{slowest.path}: {slowest.drawn_ms:.0f} ms"))
    scored = [p for p in pages if p.lighthouse and "error" not in p.lighthouse]
    if scored:
        for category, budget in (("performance", BUDGETS["lighthouse_performance"]),
                                 ("accessibility", BUDGETS["lighthouse_other"]),
                                 ("best-practices", BUDGETS["lighthouse_other"]),
                                 ("seo", BUDGETS["lighthouse_other"])):
            low = min(scored, key=lambda p: p.lighthouse.get(category, 0))
            lines.append(_verdict(f"Lighthouse {category} >= {budget} on every page",
                                  low.lighthouse.get(category, 0) >= budget,
                                  f"lowest /{low.path}: {low.lighthouse.get(category)}"))
    failed = [p.path for p in pages if "error" in p.lighthouse]
    if failed:
        lines.append(_verdict("Lighthouse ran on every page", False, f"failed on {failed}"))
    return lines


def _verdict(budget: str, met: bool, figure: str) -> str:
    return f"- {'met' if met else '**MISSED**'}: {budget} ({figure})"


def table(ours: list[PageFigures], stock: dict[str, PageFigures]) -> list[str]:
    lines = ["| Page | Requests | KB raw | KB gzip (stock) | gzip vs stock | Mermaid | Diagrams drawn, ms (stock) | Lighthouse P/A/BP/SEO |",
             "| --- | ---: | ---: | ---: | ---: | --- | ---: | --- |"]
    for page in ours:
        other = stock[page.path]
        ratio = f"{page.gzip_bytes / other.gzip_bytes:.2f}" if other.gzip_bytes else "-"
        drawn = f"{page.drawn_ms:.0f} ({other.drawn_ms:.0f})" if page.drawn_ms and other.drawn_ms else "-"
        scores = "/".join(str(page.lighthouse.get(c, "-")) for c in ("performance", "accessibility", "best-practices", "seo"))
        lines.append(f"| /{page.path} | {page.requests} | {kb(page.raw_bytes)} | {kb(page.gzip_bytes)} ({kb(other.gzip_bytes)}) "
                     f"| {ratio} | {'yes' if page.mermaid_loaded else 'no'} | {drawn} | {scores if page.lighthouse else '-'} |")
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
    parser.add_argument("--runs", type=int, default=5, help="builds to time, each configuration (default: %(default)s)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse (the slowest part)")
    parser.add_argument("--json", type=Path, default=ROOT / ".benchmarks" / "latest.json", help="where to write the figures")
    parser.add_argument("--update-readme", action="store_true", help="rewrite the figures block in README.md")
    args = parser.parse_args()

    import local_server
    from playwright.sync_api import sync_playwright

    chromium = browser.find_chromium(sys.executable)
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        stock_yml = scratch / "mkdocs-stock.yml"
        stock_yml.write_text(stock_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")), encoding="utf-8")
        ours_site, stock_site = scratch / "ours", scratch / "stock"
        build_ours = statistics.median(build(ROOT / "mkdocs.yml", ours_site, strict=True) for _ in range(args.runs))
        build_stock = statistics.median(build(stock_yml, stock_site, strict=False) for _ in range(args.runs))
        print(f"build (median of {args.runs}): {build_ours:.2f} s, stock {build_stock:.2f} s", file=sys.stderr)

        with local_server.serve(ours_site) as ours_base, local_server.serve(stock_site) as stock_base:
            with sync_playwright() as playwright:
                chrome = playwright.chromium.launch(executable_path=chromium, args=browser.LAUNCH_ARGS)
                pages = site_pages(ours_site)
                ours = [measure_page(chrome, ours_base, path, stock=False) for path in pages]
                stock = {path: measure_page(chrome, stock_base, path, stock=True) for path in pages}
                chrome.close()
            if not args.no_lighthouse:
                for figures in ours:
                    print(f"lighthouse /{figures.path}", file=sys.stderr)
                    figures.lighthouse = lighthouse(ours_base + figures.path, chromium)

    budgets = budget_report(ours)
    report = [f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores with `python3 scripts/benchmark.py`. "
              f"Build (`mkdocs build --strict`, median of {args.runs}): **{build_ours:.2f} s** "
              f"(stock configuration: {build_stock:.2f} s).", "", *table(ours, stock), "", "Budgets:", "", *budgets]
    print("\n".join(report))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"build_seconds": build_ours, "stock_build_seconds": build_stock,
                                     "pages": [asdict(p) for p in ours],
                                     "stock_pages": [asdict(p) for p in stock.values()],
                                     "budgets": budgets}, indent=2), encoding="utf-8")
    if args.update_readme:
        README.write_text(with_figures(README.read_text(encoding="utf-8"), report), encoding="utf-8")
    return 1 if any("MISSED" in line for line in budgets) else 0


if __name__ == "__main__":
    dev_env.main_guard(lambda: dev_env.run_in_env(__file__, with_browser=True))
    sys.exit(main())
