"""The lifecycle page equals its one data file, and the data holds every state and move Docker makes."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import run_script
from site_tools import renderings
from site_tools import site_data
from site_tools.data_file import DataError

LIFECYCLE = site_data.lifecycle()
DATA = "docs/data/lifecycle.yml"
# The states Docker reports: api/types/container/state.go in github.com/moby/moby, and the `status`
# filter of `docker container ls` (https://docs.docker.com/reference/cli/docker/container/ls/).
DOCKER_STATES = {"created", "running", "paused", "restarting", "removing", "exited", "dead"}


def edges() -> set[tuple[str, str]]:
    return {(source, t.to) for t in LIFECYCLE.transitions for source in t.sources}


def page(built_site) -> BeautifulSoup:
    return BeautifulSoup((built_site.site / "beyond/lifecycle/index.html").read_text(encoding="utf-8"), "lxml")


def table_with_header(soup: BeautifulSoup, header: list[str]) -> list[list[str]]:
    """The cell texts, row by row, of the one table whose first row is `header`."""
    for table in soup.select("article table"):
        rows = [[" ".join(c.get_text().split()) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
        if rows and rows[0] == header:
            return rows[1:]
    pytest.fail(f"beyond/lifecycle: no table with the columns {header}; regenerate the page")


def test_the_data_has_exactly_the_states_docker_reports():
    assert {s.state for s in LIFECYCLE.states} == DOCKER_STATES


@pytest.mark.parametrize("move", [
    ("paused", "exited"),       # docker stop / kill on a paused container (daemon/kill.go resumes it)
    ("restarting", "exited"),   # docker stop during the restart back-off (daemon/monitor.go)
    ("running", "removing"),    # docker rm -f (daemon/delete.go kills it first)
    ("paused", "removing"),
    ("restarting", "removing"),
    ("removing", "dead"),       # a failed removal (daemon/delete.go)
    ("dead", "removing"),       # a dead container can only be removed
    ("running", "restarting"),  # a restart policy
    ("restarting", "running"),
], ids=lambda move: " to ".join(move))
def test_the_data_has_each_move_docker_makes(move):
    assert move in edges(), f"{DATA}: no transition from {move[0]} to {move[1]}; add it"


def test_docker_restart_is_among_the_moves():
    assert any("docker restart" in t.by for t in LIFECYCLE.transitions), f"{DATA}: no transition names `docker restart`"


def test_the_built_diagram_is_the_one_the_data_draws(built_site):
    """Drawn at build time: the page's SVG shows every state and every arrow label of the data."""
    drawings = page(built_site).select("div.mermaid > template")  # the declarative shadow root holding the SVG
    assert len(drawings) == 1 and drawings[0].find("svg"), f"beyond/lifecycle: {len(drawings)} drawn diagrams, expected 1"
    for hidden in drawings[0].find_all(["style", "title", "desc"]):  # only what the drawing shows
        hidden.decompose()
    shown = " ".join(drawings[0].get_text(" ").split())
    expected = {t.label for t in LIFECYCLE.transitions} | {name for t in LIFECYCLE.transitions for name in [*t.sources, t.to]
                                                           if renderings._mermaid_state(name) == name}
    missing = sorted(text for text in expected if " ".join(text.split()) not in shown)
    assert missing == [], f"beyond/lifecycle: the drawn diagram lacks {missing}; run `python3 scripts/generate_pages.py`"


def test_the_diagram_has_a_caption_from_the_data(built_site):
    figure = page(built_site).select_one("div.mermaid").find_parent("figure")
    assert figure is not None and figure.find("figcaption") is not None, "beyond/lifecycle: the diagram lost its caption"
    assert " ".join(figure.find("figcaption").get_text().split()) == renderings.plain(LIFECYCLE.caption)


def test_the_built_transitions_table_equals_the_data_row_by_row(built_site):
    rows = table_with_header(page(built_site), ["From", "To", "What moves it"])
    assert len(rows) == len(LIFECYCLE.transitions)
    for number, (row, t) in enumerate(zip(rows, LIFECYCLE.transitions), start=1):
        assert row[2].startswith(renderings.plain(t.by)), f"transitions table row {number}: page has {row[2]!r}, data has {t.by!r}"
        assert all(name in row[0] for name in t.sources if name != site_data.BEFORE), f"transitions table row {number}: {row[0]!r}"


def test_the_built_states_table_lists_each_state_in_data_order(built_site):
    rows = table_with_header(page(built_site), ["State", "What it means"])
    assert [row[0] for row in rows] == [s.state for s in LIFECYCLE.states]


def test_changing_a_transition_without_regenerating_is_reported(scratch_repo):
    path = scratch_repo / DATA
    path.write_text(path.read_text(encoding="utf-8").replace("label: unpause", "label: thaw"), encoding="utf-8")
    result = run_script(scratch_repo, "generate_pages.py", "--check")
    assert result.returncode == 1 and "docs/beyond/lifecycle.md" in result.stderr and "thaw" in result.stderr, result.stderr


def test_a_transition_to_an_unknown_state_is_one_line_naming_file_line_and_entry(scratch_repo):
    path = scratch_repo / DATA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    to: paused\n", "    to: frozen\n", 1), encoding="utf-8")
    line = next(n for n, l in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if l == "    to: frozen")
    result = run_script(scratch_repo, "generate_pages.py")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert re.fullmatch(rf"{DATA}:{line}: entry \d+: 'to' names unknown state 'frozen'; use one of created, .*\n",
                        result.stderr), result.stderr


def test_a_state_no_transition_reaches_is_reported(scratch_repo):
    path = scratch_repo / DATA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("states:\n", "states:\n  - state: frozen\n    means: Made up\n"
                                 "    source: https://docs.docker.com/\n", 1), encoding="utf-8")
    result = run_script(scratch_repo, "generate_pages.py")
    assert result.returncode == 2 and "no transition leads to state 'frozen'" in result.stderr, result.stderr


def test_lifecycle_reads_the_file_again_once_it_changes(tmp_path):
    """site_data.lifecycle remembers what it read (the lab's checks ask for it on every load), but an
    edit, or a broken file, is read as it now is."""
    path = tmp_path / "lifecycle.yml"
    text = (site_data.LIFECYCLE_FILE).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert site_data.lifecycle(path) == LIFECYCLE
    path.write_text(text.replace("label: unpause", "label: thaw"), encoding="utf-8")
    assert "thaw" in [t.label for t in site_data.lifecycle(path).transitions], "an edited lifecycle.yml was not read again"
    path.write_text(text.replace("    to: paused\n", "    to: frozen\n", 1), encoding="utf-8")
    with pytest.raises(DataError, match="'to' names unknown state 'frozen'"):
        site_data.lifecycle(path)


def test_a_long_edge_label_is_refused_to_keep_the_diagram_legible(scratch_repo):
    path = scratch_repo / DATA
    path.write_text(path.read_text(encoding="utf-8").replace("label: pause\n", "label: pause every process now\n"),
                    encoding="utf-8")
    result = run_script(scratch_repo, "generate_pages.py")
    assert result.returncode == 2 and f"{DATA}:" in result.stderr and "'label'" in result.stderr, result.stderr


def moves(source: str, to: str) -> list[str]:
    """The `by` wording of each transition from `source` to `to`."""
    return [t.by for t in LIFECYCLE.transitions if source in t.sources and t.to == to]


def test_docker_restart_also_starts_a_created_container():
    """daemon/restart.go: containerRestart stops the container only if it runs, then starts it."""
    assert any("docker restart" in by for by in moves("created", "running")), f"{DATA}: created -> running must name `docker restart`"


def test_run_rm_removes_the_container_once_it_has_exited():
    """daemon/monitor.go: a container that exits and is not restarted is auto-removed (`--rm`)."""
    assert any("--rm" in by for by in moves("exited", "removing")), f"{DATA}: exited -> removing must name `docker run --rm`"


def test_a_failed_restart_attempt_leaves_the_container_exited():
    """daemon/monitor.go: when the restart policy's start fails, the state is set to stopped (exited)."""
    assert any("fails" in by for by in moves("restarting", "exited")), f"{DATA}: no restarting -> exited move for a failed restart"


def test_the_daemon_restarts_always_and_unless_stopped_containers_when_it_starts():
    """daemon/daemon.go restore: containers whose restart policy says so are started with the daemon."""
    assert any("daemon" in by and "`always`" in by and "`unless-stopped`" in by for by in moves("exited", "running")), (
        f"{DATA}: exited -> running must include the daemon starting `always` and `unless-stopped` containers")


def test_a_process_that_ends_is_not_restarted_when_its_policy_declines():
    """restartmanager.go: on-failure declines after exit code 0 or its maximum retries."""
    assert any("on-failure" in by and "exit code 0" in by and "maximum retries" in by for by in moves("running", "exited")), (
        f"{DATA}: running -> exited must say a policy can decline (on-failure after exit code 0 or its maximum retries)")


def test_the_caption_does_not_claim_every_move():
    assert "every move" not in LIFECYCLE.caption, f"{DATA}: the caption claims every move; the diagram shows the moves commands and the daemon make"
