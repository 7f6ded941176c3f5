"""External links are checked by lychee with the checked-in lychee.toml, proven against local servers.

The suite never uses the network: one lychee run, with the project's configuration (only the
time-out and the pause between retries shortened), checks a page of links to small servers on
127.0.0.x that answer each way a real site can. Each test reads one behaviour from that run.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import threading
import time
import tomllib
from dataclasses import dataclass, field

import pytest
import yaml

from conftest import ROOT
from site_tools import data_file

CONFIG = ROOT / "lychee.toml"
LYCHEE = ROOT / ".venv" / "bin" / "lychee"
TIMEOUT = 1  # seconds; the real configuration's is longer
RETRY_AFTER = 3  # seconds the rate-limited page asks for


@dataclass
class Log:
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (time, path, user agent)
    trickle_finished: bool = False

    def times(self, path: str) -> list[float]:
        return [t for t, p, _ in self.requests if p == path]


def handler(log: Log):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            log.requests.append((time.monotonic(), self.path, self.headers.get("User-Agent", "")))
            if self.path in ("/ok", "/landing"):
                self.answer(200)
            elif self.path == "/moved":
                self.answer(301, Location="/landing")
            elif self.path == "/slow":
                time.sleep(30)
            elif self.path == "/busy":
                first = len(log.times("/busy")) == 1
                self.answer(429, **{"Retry-After": str(RETRY_AFTER)}) if first else self.answer(200)
            elif self.path == "/trickle":  # a 200 whose body takes a minute to arrive
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", "300")
                self.end_headers()
                for _ in range(300):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
                log.trickle_finished = True
            else:
                self.answer(404)

        def answer(self, status: int, **headers: str) -> None:
            self.send_response(status)
            for name, value in {**headers, "Content-Length": "0"}.items():
                self.send_header(name, value)
            self.end_headers()

        def log_message(self, *args):
            pass

        def handle(self):
            try:
                super().handle()
            except OSError:  # lychee hung up (time-out, trickle): what these tests expect
                pass

    return Handler


# Each group of links has a server of its own (another host to lychee), so the per-host pacing
# of one group does not make the others wait.
HOSTS = {"127.0.0.1": ["/ok", "/moved", "/missing"], "127.0.0.2": ["/slow"], "127.0.0.3": ["/busy"],
         "127.0.0.4": ["/trickle"]}
PLACEHOLDERS = ["https://github.com/example/docker-images-vs-containers", "https://example.github.io/docker-images-vs-containers/"]


@dataclass
class Run:
    report: dict
    logs: dict[str, Log]
    url: dict[str, str]
    trickle_finished_when_lychee_ended: bool

    def failed(self, kind: str) -> dict[str, str]:
        return {entry["url"]: entry["status"]["text"] for entries in self.report[kind].values() for entry in entries}


@pytest.fixture(scope="module")
def lychee_run(tmp_path_factory) -> Run:
    folder = tmp_path_factory.mktemp("lychee")
    logs, servers, url = {}, [], {}
    for host, paths in HOSTS.items():
        logs[host] = Log()
        server = http.server.ThreadingHTTPServer((host, 0), handler(logs[host]))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        url |= {path: f"http://{host}:{server.server_address[1]}{path}" for path in paths}
    links = [*url.values(), *PLACEHOLDERS]
    (folder / "page.html").write_text("".join(f'<p><a href="{link}">link</a></p>\n' for link in links))
    result = subprocess.run([str(LYCHEE), "--config", str(CONFIG), "--format", "json", "--timeout", str(TIMEOUT),
                             "--retry-wait-time", "1", "page.html"], cwd=folder, capture_output=True, text=True,
                            env={**os.environ, "RUST_BACKTRACE": "0"}, timeout=240)
    trickle_finished = logs["127.0.0.4"].trickle_finished
    for server in servers:
        server.shutdown()
        server.server_close()
    assert result.returncode in (0, 2), f"lychee did not run (exit {result.returncode}):\n{result.stderr}"
    return Run(json.loads(result.stdout), logs, url, trickle_finished)


def all_requests(run: Run) -> list[tuple[float, str, str]]:
    return [request for log in run.logs.values() for request in log.requests]


def test_a_page_that_answers_200_is_fine(lychee_run):
    assert lychee_run.url["/ok"] not in lychee_run.failed("error_map") | lychee_run.failed("timeout_map")


def test_a_missing_page_is_broken_with_its_status_and_asked_only_once(lychee_run):
    assert lychee_run.failed("error_map") == {lychee_run.url["/missing"]: "Rejected status code: 404 Not Found"}
    assert len(lychee_run.logs["127.0.0.1"].times("/missing")) == 1, "a 404 is final: it must not be retried"


def test_a_redirect_is_followed_to_its_target(lychee_run):
    paths = [path for _, path, _ in lychee_run.logs["127.0.0.1"].requests]
    assert paths.index("/moved") < paths.index("/landing"), "the redirect target was not asked for"
    assert lychee_run.url["/moved"] not in lychee_run.failed("error_map")
    assert lychee_run.report["redirects"] == 1


def test_a_slow_page_times_out_after_every_retry(lychee_run):
    retries = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["max_retries"]
    assert lychee_run.failed("timeout_map") == {lychee_run.url["/slow"]: "Timeout"}
    assert len(lychee_run.logs["127.0.0.2"].times("/slow")) == 1 + retries


def test_a_rate_limited_page_is_asked_again_no_sooner_than_its_retry_after_header_says(lychee_run):
    asked = lychee_run.logs["127.0.0.3"].times("/busy")
    assert len(asked) == 2, f"/busy was asked {len(asked)} times, expected twice (429, then 200)"
    assert asked[1] - asked[0] >= RETRY_AFTER - 0.1, f"retried after {asked[1] - asked[0]:.1f} s, before Retry-After"
    assert lychee_run.url["/busy"] not in lychee_run.failed("error_map")


def test_a_trickling_server_cannot_hold_the_check(lychee_run):
    assert not lychee_run.trickle_finished_when_lychee_ended, "lychee waited for the whole trickled body"


def test_every_request_names_the_project_in_its_user_agent(lychee_run):
    agent = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["user_agent"]
    assert "docker-images-vs-containers" in agent
    assert {ua for _, _, ua in all_requests(lychee_run)} == {agent}


def test_requests_to_one_host_are_spaced_by_the_configured_interval(lychee_run):
    interval = tomllib.loads(CONFIG.read_text(encoding="utf-8"))["host_request_interval"]
    assert interval == "1s"
    starts = sorted(t for t, path, _ in lychee_run.logs["127.0.0.1"].requests if path != "/landing")  # a redirect is followed at once
    assert len(starts) >= 3 and min(b - a for a, b in zip(starts, starts[1:])) >= 0.9


def test_the_placeholder_addresses_are_not_checked(lychee_run):
    assert sorted(lychee_run.failed("excluded_map")) == sorted(PLACEHOLDERS)


def site_links(site) -> set[str]:
    """The external links lychee would check in the built site (its --dump mode asks nothing)."""
    result = subprocess.run([str(LYCHEE), "--config", str(CONFIG), "--dump", str(site)], capture_output=True,
                            text=True, cwd=site.parent, env={**os.environ, "RUST_BACKTRACE": "0"}, check=True)
    return set(result.stdout.split())


def test_links_are_collected_from_the_built_site_without_placeholders(built_site):
    links = site_links(built_site.site)
    assert "https://docs.docker.com/engine/storage/drivers/" in links
    assert [url for url in links if "example" in url] == []


def test_every_cited_source_is_a_primary_source(built_site):
    """Content links go to the primary sources the data files accept too; anything else needs a reason here."""
    other = ("https://squidfunk.github.io/mkdocs-material/",)  # Material's "Made with" footer
    elsewhere = sorted(u for u in site_links(built_site.site) if not u.startswith(data_file.PRIMARY_SOURCE_URLS + other))
    assert elsewhere == [], f"cite docs.docker.com, the OCI specs or the moby source instead of: {elsewhere}"


def test_links_into_the_moby_source_name_a_release_not_a_moving_branch(built_site):
    moving = sorted(u for u in site_links(built_site.site) if re.match(r"https://github\.com/moby/(moby|buildkit)/(blob|tree)/(master|main)/", u))
    assert moving == [], f"link the moby and BuildKit source at a release tag (e.g. blob/docker-v29.7.2/, blob/v0.32.2/), so the cited lines cannot drift: {moving}"


def test_the_weekly_workflow_checks_the_built_site_with_this_configuration():
    workflow = yaml.safe_load((ROOT / ".github/workflows/external-links.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert ".venv/bin/lychee --config lychee.toml site" in runs
