"""Facts the content audit corrected stay corrected (issue 12): each test finds its target by structure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from site_tools import site_data
from conftest import ROOT, parsed

TEXT_FILES = sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "includes").rglob("*.md"), *(ROOT / "docs/data").glob("*.yml")])
# An image reference with a tag or digest after a docker command that names an image.
IMAGE_COMMAND = re.compile(
    r"docker (?:image |container )?(?P<verb>push|pull|run|create|rmi|build -t|tag \S+|commit \S+)\s+(?:-[\w-]+(?:=\S+)?\s+)*"
    r"(?P<ref>[a-z0-9][\w./-]*(?::[\w.-]+|@sha256:[\w.]*))")
# Commands that name an image you make, which must carry your user or organization to be pushed.
MAKES_A_NAME = ("push", "build -t", "tag", "commit")
EXAMPLE_APP = re.compile(r"^(?:my)?app[:@]")  # the site's own example app, always user/app


def is_bare_own_image(match: re.Match) -> bool:
    """An un-namespaced name for an image of one's own: `docker push app:1.0`, `docker run app:1.0`.

    Official images (`docker run nginx:1.27`) are rightly un-namespaced; only names you make, and
    the site's example app, must carry a namespace.
    """
    ref = match["ref"]
    return "/" not in ref and (match["verb"].startswith(MAKES_A_NAME) or bool(EXAMPLE_APP.match(ref)))


MERMAID = re.compile(r"```mermaid\n(.*?)```", re.DOTALL)
FLOW_EDGE = re.compile(r"(?P<source>\w+)(?:\[[^\]]*\]|\(\[?[^)]*\)\)?)?\s*-\.?->\s*\|(?P<label>[^|]*)\|\s*(?P<target>\w+)")


def line_number(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def test_every_image_of_ones_own_names_a_namespace():
    """`app:1.0` means docker.io/library/app, reserved for Docker Official Images: a push to it is refused."""
    bare = [f"{path.relative_to(ROOT)}:{line_number(text, m.start())}: {m.group(0)!r}"
            for path in TEXT_FILES for text in [path.read_text(encoding="utf-8")]
            for m in IMAGE_COMMAND.finditer(text) if is_bare_own_image(m)]
    assert bare == [], "name example images user/app (with a namespace): " + "; ".join(bare)


def test_every_command_in_the_data_names_a_namespaced_image():
    bare = [c.command for c in site_data.commands() for m in IMAGE_COMMAND.finditer(c.command) if is_bare_own_image(m)]
    assert bare == [], f"docs/data/commands.yml: commands with an un-namespaced image: {bare}"


@pytest.mark.parametrize("path", [p for p in TEXT_FILES if p.suffix == ".md" and "docker commit" in p.read_text(encoding="utf-8")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_docker_commit_points_at_a_new_image_in_every_diagram(path):
    """`docker commit` makes a new image: its arrow may not end at an image another arrow uses."""
    for block in MERMAID.findall(path.read_text(encoding="utf-8")):
        edges = [m.groupdict() for m in FLOW_EDGE.finditer(block)]
        for commit in (e for e in edges if "docker commit" in e["label"]):
            others = {node for e in edges if e is not commit for node in (e["source"], e["target"])}
            assert commit["target"] not in others, (
                f"{path.relative_to(ROOT)}: `docker commit` points at {commit['target']}, an image other arrows use; "
                "draw it to a new image node")


def test_the_self_test_answer_on_run_versus_create_says_create_pulls_too(built_site):
    soup = parsed(built_site.site / "revise/self-test/index.html")
    asked = [q for q in soup.select(".quiz-question")
             if {"docker run", "docker create"} <= {c.get_text() for c in q.select(":scope > p:first-child code")}]
    assert len(asked) == 1, "revise/self-test: expected one question comparing `docker run` with `docker create`"
    answer_code = {c.get_text() for c in soup.select(f"#{asked[0]['id']}-answer p code")}
    assert any("--pull" in code for code in answer_code), (
        "revise/self-test: the run-vs-create answer must show that `docker create` pulls too (its `--pull` option)")


# The `docker rmi -f` rule (issue 22), told one way wherever it is stated. With the containerd image
# store, the default on new Docker Engine 29 installs, `-f` removes the image's last tag but keeps the
# image (untagged) while ANY container, running or stopped, uses it: daemon/containerd/image_delete.go
# (ImageDelete calls softImageDelete when `i.containers.First(using)` finds one) and soft_delete.go.
RMI_FORCE_RULE = "the image stays while any container uses it"
STATES_RMI_FORCE = re.compile(r"docker rmi -f`? (?:then )?removes|`-f` removes the tag|blocks (?:removing )?its last tag", re.I)
# The self-test asks about `rmi -f` rather than stating the rule; its data and page are the quiz's.
QUIZ_FILES = {ROOT / "docs/data/quiz.yml", ROOT / "docs/revise/self-test.md"}
# Wordings the review found wrong or partial (issue 22), each with what is true instead.
RETIRED_WORDINGS = {
    "not even then while that container runs": "with the containerd store a stopped container keeps the image too",
    "Forcing does not remove the image of a running container either": "the containerd store keeps it for any container",
    "refused while a container uses it, unless forced": "only the last tag is refused; an extra tag goes without -f",
    "only `docker rm` deletes": "`docker run --rm` and `docker container prune` delete containers too",
    "deleted only by `docker rm`": "`docker run --rm` and `docker container prune` delete containers too",
    "until `docker rm` removes it": "`docker run --rm` and `docker container prune` remove containers too",
    "A command to run instead of the image's default `CMD`": "arguments replace CMD, and go to the ENTRYPOINT if there is one",
    "an isolated process on the host with its own writable layer": "a container is runnable, not always running",
    "every move between them": "the lifecycle shows the moves commands and the daemon make, not every one",
    # The claim-by-claim audit (issue 22), against docker CLI / Engine 29.7.2:
    "(IMAGE ID in docker image ls)": "CLI 29's default `docker image ls` view heads that column ID (cli/command/image/tree.go)",
    "`virtual size` adds the image": "`docker ps -s` shows one SIZE column, as `0B (virtual 7.75MB)` (formatter/container.go)",
    "or the image's stop signal": "the stop signal is the container's: the image's STOPSIGNAL or `--stop-signal` at create",
    "no history and no run settings": "`docker import` writes a history of one entry, the import (daemon/containerd/image_import.go)",
    "after a delay that doubles each time (100 ms at first, at most a minute)": "the delay resets to 100 ms after a 10-second run (restartmanager.go)",
    "are shared, not sent again": "push skips blobs the registry has (a HEAD check), which the storage-driver page does not say",
}


def flat(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


def test_every_text_that_states_the_rmi_force_rule_says_the_image_stays_while_any_container_uses_it():
    stating = [path for path in TEXT_FILES if path not in QUIZ_FILES and STATES_RMI_FORCE.search(flat(path))]
    assert len(stating) >= 5, f"only {[str(p.relative_to(ROOT)) for p in stating]} state the `docker rmi -f` rule; STATES_RMI_FORCE no longer finds it"
    lacking = [str(path.relative_to(ROOT)) for path in stating if RMI_FORCE_RULE not in flat(path)]
    assert lacking == [], (f"these state what `docker rmi -f` does without the rule {RMI_FORCE_RULE!r} "
                           f"(containerd image store, daemon/containerd/image_delete.go): {lacking}")


@pytest.mark.parametrize("wording", RETIRED_WORDINGS)
def test_a_retired_wording_appears_nowhere(wording):
    found = [str(path.relative_to(ROOT)) for path in TEXT_FILES if wording.casefold() in flat(path).casefold()]
    assert found == [], f"{found} still say {wording!r}; {RETIRED_WORDINGS[wording]}"


# The data halves of these facts (commands.yml, glossary.yml, comparison.yml) are rules of
# tests/spec/teaches.yml, checked by tests/test_teaches.py; these tests keep the hand-written pages'.
def test_docker_commit_is_said_to_pause_the_container_unless_no_pause():
    """CLI 29 `docker commit` pauses the container by default; `--no-pause` (new in 29) turns that off."""
    texts = {"docs/basics/immutability.md": flat(ROOT / "docs/basics/immutability.md")}
    lacking = [name for name, text in texts.items() if "paused" not in text or "--no-pause" not in text]
    assert lacking == [], f"{lacking}: say that `docker commit` pauses the container unless `--no-pause` (docker container commit reference)"


def test_docker_stop_names_both_ways_to_change_the_grace_period():
    """10 s is only the daemon's default: `--stop-timeout` sets it per container, `docker stop -t` per call."""
    texts = {"docs/beyond/lifecycle.md": flat(ROOT / "docs/beyond/lifecycle.md")}
    lacking = [name for name, text in texts.items() if "--stop-timeout" not in text or "docker stop -t" not in text]
    assert lacking == [], f"{lacking}: name `--stop-timeout` and `docker stop -t` beside the 10-second default (docker container stop reference)"


def test_docker_stops_default_wait_is_10_seconds_on_linux_and_30_on_windows():
    """The daemon's default wait before SIGKILL (docker container stop and --stop-timeout references):
    10 seconds for Linux containers, 30 for Windows containers."""
    text = flat(ROOT / "docs/beyond/lifecycle.md")
    assert "10 seconds for Linux containers, 30 for Windows" in text, (
        "docs/beyond/lifecycle.md: `docker stop` waits by default 10 seconds for Linux containers, 30 for Windows "
        "containers (docker container stop reference); say both")


def test_the_main_process_is_pid_1_only_without_init():
    """`docker run --init` makes docker-init PID 1, and the main process its child."""
    text = flat(ROOT / "docs/basics/container.md")
    sentence = re.search(r"[^.]*main process is PID 1[^.]*\.", text)
    assert sentence and "--init" in sentence.group(0), (
        "docs/basics/container.md: the sentence saying the main process is PID 1 must add the `--init` exception")
