"""Check the external links of a built site (docs.docker.com, the OCI specs, ...) over the network.

Usage: python3 scripts/check_external_links.py [SITE_DIR] [--timeout S] [--retries N] [--delay S]

Run by hand or by the weekly workflow when online, never by the offline test suite. Polite: one
request at a time, at least --delay seconds between two requests to the same host, HEAD first
(GET when a server refuses HEAD), a few retries with back-off on time-outs, 429 and 5xx, and a
User-Agent that names the project. Hosts in SKIPPED are not checked (see the reason beside
each). Every failure is printed as `page -> url -> reason`. Exit status: 0 all reachable,
1 some broken, 2 bad usage.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import requests
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
USER_AGENT = "docker-images-vs-containers-link-check/1.0 (+https://github.com/example/docker-images-vs-containers)"
# URL prefixes not checked, each with its reason. Keep this list short.
SKIPPED = {
    "https://github.com/example/": "placeholder repository in mkdocs.yml (repo_url); remove when it is real",
    "https://example.github.io/": "placeholder site address in mkdocs.yml (site_url); remove when it is real",
}
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Result:
    url: str
    ok: bool
    reason: str


class HostPacer:
    """Waits so that two requests to the same host are at least `delay` seconds apart."""

    def __init__(self, delay: float, clock=time.monotonic, sleep=time.sleep):
        self.delay, self.clock, self.sleep = delay, clock, sleep
        self.last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = urlsplit(url).netloc
        if host in self.last:
            remaining = self.last[host] + self.delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


def check_url(session: requests.Session, url: str, *, timeout: float, retries: int, pacer: HostPacer) -> Result:
    """Whether `url` answers with a success, after redirects, within the time-out and retries."""
    reason = "not tried"
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(min(2 ** attempt, 10))
        pacer.wait(url)
        try:
            response = session.head(url, timeout=timeout, allow_redirects=True)
            if response.status_code in (403, 405, 501):  # some servers refuse HEAD
                pacer.wait(url)
                response = session.get(url, timeout=timeout, allow_redirects=True, stream=True)
                response.close()
        except requests.Timeout:
            reason = f"timed out after {timeout:g} s"
            continue
        except requests.RequestException as error:
            reason = f"connection failed: {type(error).__name__}"
            continue
        if response.status_code in RETRY_STATUSES:
            reason = f"HTTP {response.status_code}"
            continue
        if response.ok:
            moved = f" (redirected to {response.url})" if response.history else ""
            return Result(url, True, f"HTTP {response.status_code}{moved}")
        return Result(url, False, f"HTTP {response.status_code}")
    return Result(url, False, f"{reason} ({retries + 1} attempts)")


def external_links(site: Path) -> dict[str, list[str]]:
    """{url without fragment: [site pages that link to it]} for every http(s) link in the site."""
    links: dict[str, list[str]] = defaultdict(list)
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        for anchor in soup.find_all("a", href=True):
            url = urldefrag(anchor["href"]).url
            if url.startswith(("http://", "https://")) and not url.startswith(tuple(SKIPPED)):
                name = page.relative_to(site).as_posix()
                if name not in links[url]:
                    links[url].append(name)
    return dict(links)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "site", help="built site (default: site/)")
    parser.add_argument("--timeout", type=float, default=15, help="seconds per request (default: %(default)s)")
    parser.add_argument("--retries", type=int, default=2, help="retries after a time-out, 429 or 5xx (default: %(default)s)")
    parser.add_argument("--delay", type=float, default=1.0, help="seconds between requests to one host (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: no such folder (build it first: python3 scripts/build.py)", file=sys.stderr)
        return 2
    links = external_links(args.site)
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    pacer = HostPacer(args.delay)
    broken = 0
    for url, pages in sorted(links.items()):
        result = check_url(session, url, timeout=args.timeout, retries=args.retries, pacer=pacer)
        if not result.ok:
            broken += 1
            print(f"{pages[0]}{f' (+{len(pages) - 1} more)' if len(pages) > 1 else ''} -> {url} -> {result.reason}")
    print(f"{broken} of {len(links)} external link(s) broken", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
