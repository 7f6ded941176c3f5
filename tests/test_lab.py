"""The lab (beyond/lab/): every lifecycle transition and every refusal driven through it, the
picture after each command, the exercises by keyboard and by touch, bad input, and its budget.

The expected outcomes here are pinned by hand from Docker's behaviour (the CLI reference and the
moby source the data cites; each move's end state is the spec's, tests/spec/teaches.yml), never
read from lifecycle.yml or lab.yml: the tests compare the data
and the lab against them, so a wrong edit to either goes red.
"""

from __future__ import annotations

import gzip

import pytest
from bs4 import BeautifulSoup

from site_pages import nav_pages
from site_tools import lab_data, site_data
from teaches import move_target
from test_bad_data import assert_refused

PAGE = "beyond/lab/"
RUN = ["run -d --name c nginx"]
RESTARTING = ["run -d --name c --restart always alpine"]
BROKEN = ["create --name c nginx", "lab break c"]
# (state before, command or event) -> (set-up, the command that makes the move). The state after is
# Docker's, from the spec of what the site teaches (tests/spec/teaches.yml, lifecycle.moves).
SCENARIOS = {
    ("new", "create"): ([], "create --name c nginx"),
    ("created", "start"): (["create --name c nginx"], "start c"),
    ("created", "restart"): (["create --name c nginx"], "restart c"),
    ("running", "pause"): (RUN, "pause c"),
    ("paused", "unpause"): (RUN + ["pause c"], "unpause c"),
    ("running", "policy"): ([], "run -d --name c --restart always alpine"),
    ("restarting", "restarted"): (RESTARTING, "ps"),
    ("restarting", "restart fails"): (RESTARTING + ["lab break c"], "ps"),
    ("running", "ends"): ([], "run --name c alpine"),
    ("running", "stop"): (RUN, "stop c"),
    ("running", "kill"): (RUN, "kill c"),
    ("paused", "stop"): (RUN + ["pause c"], "stop c"),
    ("paused", "kill"): (RUN + ["pause c"], "kill c"),
    ("restarting", "stop"): (RESTARTING, "stop c"),
    ("restarting", "kill"): (RESTARTING, "kill c"),
    ("exited", "start"): (RUN + ["stop c"], "start c"),
    ("exited", "restart"): (RUN + ["stop c"], "restart c"),
    ("exited", "daemon starts"): (["run -d --name c --restart always nginx", "stop c"], "lab restart-daemon"),
    ("exited", "auto-remove"): (["run -d --rm --name c nginx"], "stop c"),
    ("created", "rm"): (["create --name c nginx"], "rm c"),
    ("exited", "rm"): (RUN + ["stop c"], "rm c"),
    ("running", "rm -f"): (RUN, "rm -f c"),
    ("paused", "rm -f"): (RUN + ["pause c"], "rm -f c"),
    ("restarting", "rm -f"): (RESTARTING, "rm -f c"),
    ("removing", "removed"): (["create --name c nginx"], "rm c"),
    ("removing", "removal fails"): (BROKEN, "rm c"),
    ("dead", "rm"): (BROKEN + ["rm c"], "rm c"),
}
# (command, when) -> (set-up, command, Docker's message with {id} for the container's ID).
REFUSALS = {
    ("rm", "running"): (RUN, "rm c", 'Error response from daemon: cannot remove container "/c": container is running: '
                                     "stop the container before removing or force remove"),
    ("rm", "restarting"): (RESTARTING, "rm c", 'Error response from daemon: cannot remove container "/c": container is '
                                               "restarting: stop the container before removing or force remove"),
    ("rm", "paused"): (RUN + ["pause c"], "rm c", 'Error response from daemon: cannot remove container "/c": container '
                                                  "is paused and must be unpaused first"),
    ("start", "paused"): (RUN + ["pause c"], "start c",
                          "Error response from daemon: cannot start a paused container, try unpause instead"),
    ("exec", "paused"): (RUN + ["pause c"], "exec c ls",
                         "Error response from daemon: Container {id} is paused, unpause the container before exec"),
    ("exec", "restarting"): (RESTARTING, "exec c ls",
                             "Error response from daemon: Container {id} is restarting, wait until the container is running"),
    ("exec", "created"): (["create --name c nginx"], "exec c ls", "Error response from daemon: container {id} is not running"),
    ("exec", "exited"): (RUN + ["stop c"], "exec c ls", "Error response from daemon: container {id} is not running"),
    ("pause", "created"): (["create --name c nginx"], "pause c", "Error response from daemon: container {id} is not running"),
    ("pause", "exited"): (RUN + ["stop c"], "pause c", "Error response from daemon: container {id} is not running"),
    ("pause", "restarting"): (RESTARTING, "pause c", "Error response from daemon: container {id} is not running"),
    ("pause", "paused"): (RUN + ["pause c"], "pause c", "Error response from daemon: container {id} is already paused"),
    ("unpause", "created"): (["create --name c nginx"], "unpause c", "Error response from daemon: container {id} is not paused"),
    ("unpause", "running"): (RUN, "unpause c", "Error response from daemon: container {id} is not paused"),
    ("unpause", "exited"): (RUN + ["stop c"], "unpause c", "Error response from daemon: container {id} is not paused"),
    ("unpause", "restarting"): (RESTARTING, "unpause c", "Error response from daemon: container {id} is not paused"),
    ("kill", "created"): (["create --name c nginx"], "kill c",
                          "Error response from daemon: cannot kill container: c: container {id} is not running"),
    ("kill", "exited"): (RUN + ["stop c"], "kill c",
                         "Error response from daemon: cannot kill container: c: container {id} is not running"),
    ("rmi", "image-used"): (RUN + ["stop c"], "rmi nginx", "Error response from daemon: conflict: unable to delete nginx "
                            "(must be forced) - container {short} is using its referenced image 4f2d3b0c9a81"),
    ("rmi", "image-multiple-refs"): (["pull nginx", "tag nginx web:1"], "rmi 4f2d3b0c9a81",
                                     "Error response from daemon: conflict: unable to delete 4f2d3b0c9a81 (must be forced) "
                                     "- image is referenced in multiple repositories"),
    ("rmi -f", "image-used-by-running"): (RUN, "rmi -f nginx", "Error response from daemon: conflict: unable to delete "
                                          "4f2d3b0c9a81 (cannot be forced) - image is being used by running container {short}"),
    ("create", "name-taken"): (RUN, "create --name c nginx",
                               'docker: Error response from daemon: Conflict. The container name "/c" is already in use by '
                               'container "{id}". You have to remove (or rename) that container to be able to reuse that name.'),
}
# Per exercise: text its command must print (or "" for none) and each container's state after it.
EXERCISE_OUTCOMES = {
    "stop-keeps-files": ("A /notes.txt", {"web": "running"}),
    "rm-running": ("container is running", {"web": "running"}),
    "rmi-used-by-stopped": ("must be forced", {"web": "exited"}),
    "shared-layers": ("2c45f8a1b6d3: Already exists", {}),
    "commit-makes-image": ("sha256:", {"web": "running"}),
    "exec-paused": ("is paused, unpause the container before exec", {"web": "paused"}),
    "new-container-new-layer": ("", {"one": "running", "two": "running"}),
    "run-rm-leaves-nothing": ("CONTAINER ID", {}),
    "stop-paused": ("web", {"web": "exited"}),
    "rmi-force-stopped": ("Untagged: nginx:latest", {"web": "exited"}),
}


def moves() -> list[tuple[str, str, str]]:
    """Every (from, command or event, to) of lifecycle.yml, a multi-state or multi-command entry split up."""
    return [(source, label, t.to) for t in site_data.lifecycle().transitions
            for source in t.sources for label in t.label.split(", ")]


@pytest.fixture(scope="module")
def lab(chromium, site_url):
    """One lab page for the module; each test starts from `reset`."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + PAGE)
    page.wait_for_selector(".lab-app--live")
    page.errors = errors
    yield page
    context.close()


def run(page, line: str) -> str:
    """Type `line` into the lab's command line and press Enter; return what it printed."""
    page.fill("#lab-command", line)
    page.press("#lab-command", "Enter")
    said = page.locator(".lab-entry").last.locator(".lab-said")
    return said.inner_text() if said.count() else ""


def fresh(page, setup: list[str]) -> None:
    run(page, "reset")
    for line in setup:
        run(page, line)


def states(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-container]')]"
                         ".map(e => [e.dataset.container, e.dataset.state]))")


@pytest.mark.parametrize("source,label,target", moves(), ids=lambda v: str(v))
def test_every_lifecycle_transition_is_what_the_lab_does_and_what_docker_does(lab, source, label, target):
    assert (source, label) in SCENARIOS, (f"lifecycle.yml moves a container from '{source}' by '{label}', which "
                                          "neither Docker nor the lab does; fix the data, or pin a scenario here")
    setup, command = SCENARIOS[(source, label)]
    truth = move_target(source, label)
    assert target == truth, f"lifecycle.yml says '{label}' takes '{source}' to '{target}'; Docker takes it to '{truth}'"
    fresh(lab, setup)
    run(lab, command)
    changes = lab.inner_text(".lab-changes")
    full_label = next(t.label for t in site_data.lifecycle().transitions if source in t.sources and t.to == target
                      and label in t.label.split(", "))
    assert f"c: {source} \u2192 {truth} ({full_label})" in changes, f"after `{command}` the lab says: {changes}"
    assert not lab.errors


def test_every_scenario_here_is_a_transition_of_the_data(lab):
    assert set(SCENARIOS) == {(source, label) for source, label, _ in moves()}


# Restart policy, and whether `c` was stopped by hand before the daemon restarted -> c's state after.
DAEMON_RESTARTS = {
    ("no", False): "exited",
    ("always", False): "running",
    ("always", True): "running",
    ("unless-stopped", False): "running",
    ("unless-stopped", True): "exited",
    ("on-failure", False): "exited",
}


@pytest.mark.parametrize("policy,by_hand", DAEMON_RESTARTS, ids=lambda v: str(v))
def test_a_daemon_restart_starts_only_the_containers_whose_policy_asks(lab, policy, by_hand):
    fresh(lab, [f"run -d --name c --restart {policy} nginx"] + (["stop c"] if by_hand else []))
    run(lab, "lab restart-daemon")
    assert states(lab) == {"c": DAEMON_RESTARTS[(policy, by_hand)]}


def test_a_run_rm_container_is_removed_when_it_is_stopped(lab):
    fresh(lab, ["run -d --rm --name c nginx", "run -d --name d nginx"])
    run(lab, "stop c d")
    assert states(lab) == {"d": "exited"}


@pytest.mark.parametrize("key", list(REFUSALS), ids=lambda k: " ".join(k))
def test_each_refusal_prints_dockers_message_and_changes_nothing(lab, key):
    setup, command, message = REFUSALS[key]
    fresh(lab, setup)
    before = states(lab)
    cid = lab.evaluate("() => (document.querySelector('[data-container=c]') || {dataset: {}}).dataset.id || ''")
    said = run(lab, command)
    expected = message.format(id=cid, short=cid[:12])
    assert expected in said.splitlines(), (f"`{command}` after {setup}: Docker prints {expected!r} (REFUSALS here, "
                                            f"from the docs); the lab printed {said!r}: fix docs/data/lab.yml or lab.js")
    assert states(lab) == before, f"`{command}` was refused but changed the containers: {before} -> {states(lab)}"
    assert "lab-entry--failed" in lab.locator(".lab-entry").last.get_attribute("class")


def test_every_refusal_of_the_data_is_pinned_here():
    data = {(r["command"], when) for r in lab_data.lab()["refusals"] for when in r["when"]}
    assert data == set(REFUSALS)


PICTURE_STEPS = [
    # command, images shown, layers stored, {container: (state, files)}
    ("pull nginx", {"nginx:latest"}, 3, {}),
    ("pull httpd", {"nginx:latest", "httpd:latest"}, 4, {}),
    ("run -d --name web nginx", {"nginx:latest", "httpd:latest"}, 4, {"web": ("running", "")}),
    ("exec web touch /notes.txt", {"nginx:latest", "httpd:latest"}, 4, {"web": ("running", "notes.txt")}),
    ("stop web", {"nginx:latest", "httpd:latest"}, 4, {"web": ("exited", "notes.txt")}),
    ("commit web keep", {"nginx:latest", "httpd:latest", "keep:latest"}, 5, {"web": ("exited", "notes.txt")}),
    ("rm web", {"nginx:latest", "httpd:latest", "keep:latest"}, 5, {}),
    ("rmi httpd", {"nginx:latest", "keep:latest"}, 4, {}),
    ("rmi keep nginx", set(), 0, {}),
    ("build -t hello .", {"alpine:latest", "hello:latest"}, 2, {}),
    ("run --name h hello", {"alpine:latest", "hello:latest"}, 2, {"h": ("exited", "")}),
]


def test_the_picture_shows_images_shared_layers_and_containers_after_each_command(lab):
    fresh(lab, [])
    for command, images, layers, containers in PICTURE_STEPS:
        run(lab, command)
        shown = set(lab.evaluate("() => [...document.querySelectorAll('[data-image]')].map(e => e.dataset.image)"))
        fix = "fix lab.js (its picture, or the command's effect on the store)"
        assert shown == images, f"after `{command}` the picture shows images {sorted(shown)}; Docker holds {sorted(images)}: {fix}"
        drawn = lab.locator("[data-layer]").count()
        assert drawn == layers, (f"after `{command}` the picture shows {drawn} layers; Docker holds {layers} (a layer "
                                 f"goes only when no image uses it): {fix}")
        found = lab.evaluate("() => Object.fromEntries([...document.querySelectorAll('[data-container]')]"
                             ".map(e => [e.dataset.container, [e.dataset.state, e.dataset.files]]))")
        expected = {name: list(value) for name, value in containers.items()}
        assert found == expected, f"after `{command}` the picture shows containers {found}; Docker has {expected}: {fix}"
        for name, (state, _) in containers.items():
            assert name in lab.locator(f"[data-state-name={state}]").inner_text(), f"{state} not marked after `{command}`"
    assert not lab.errors


def test_the_shared_debian_layer_is_shown_once_and_names_both_images(lab):
    fresh(lab, ["pull nginx", "pull httpd"])
    layer = lab.locator('[data-layer="2c45f8a1b6d3"]')
    assert layer.count() == 1 and "nginx:latest, httpd:latest" in layer.inner_text()


def test_what_a_command_changed_is_highlighted_and_said(lab):
    fresh(lab, ["run -d --name web nginx"])
    run(lab, "pause web")
    assert lab.locator("[data-container=web].lab-changed").count() == 1
    assert "web: running \u2192 paused (pause)" in lab.inner_text(".lab-changes[role=status]")
    run(lab, "ps")
    assert lab.locator(".lab-changed").count() == 0


def test_output_columns_look_like_docker_ps_and_images(lab):
    fresh(lab, ["run -d --name web nginx"])
    lines = run(lab, "ps").splitlines()
    assert lines[0].split() == ["CONTAINER", "ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"]
    assert "\"nginx -g 'daemon of\u2026\"" in lines[1] and lines[1].rstrip().endswith("web") and "Up " in lines[1]
    assert run(lab, "images").splitlines()[0].split() == ["REPOSITORY", "TAG", "IMAGE", "ID", "CREATED", "SIZE"]


def test_ps_lists_running_and_paused_containers_and_ps_a_adds_the_rest_with_their_exit_codes(lab):
    """As `docker ps`: a paused container is still up; `docker stop` ends nginx cleanly (exit 0),
    `docker kill` with SIGKILL gives 128 + 9 = 137."""
    fresh(lab, ["run -d --name up nginx", "run -d --name held nginx", "pause held", "run -d --name stopped nginx",
                "stop stopped", "run -d --name killed nginx", "kill killed", "create --name new nginx"])
    listed = {line.split()[-1] for line in run(lab, "ps").splitlines()[1:]}
    assert listed == {"up", "held"}, f"`ps` lists {sorted(listed)}; it must list the running and paused containers only (lab.js ps)"
    rows = {line.split()[-1]: line for line in run(lab, "ps -a").splitlines()[1:]}
    assert set(rows) == {"up", "held", "stopped", "killed", "new"}, f"`ps -a` lists {sorted(rows)}"
    assert ("Exited (0)" in rows["stopped"], "Exited (137)" in rows["killed"], "Created" in rows["new"]) == (True, True, True), (
        f"`ps -a` statuses: {rows['stopped']!r}, {rows['killed']!r}, {rows['new']!r}; stop exits 0, kill 137 (lab.js stopWith)")


@pytest.mark.parametrize("line,expected", [
    ("bogus", "docker: unknown command: docker bogus"),
    ("run", '"docker run" requires at least 1 argument.'),
    ("rm --bogus c", "unknown flag: --bogus"),
    ("ps -z", "unknown shorthand flag: 'z' in -z"),
    ("run --name", "flag needs an argument: --name"),
    ("stop nothere", "Error response from daemon: No such container: nothere"),
    ("rmi nothere", "Error response from daemon: No such image: nothere:latest"),
    ("pull nothere", "Error response from daemon: pull access denied for nothere, repository does not exist or may require 'docker login'"),
    ("pull nginx:1.0", "Error response from daemon: manifest for nginx:1.0 not found: manifest unknown: manifest unknown"),
    ("build elsewhere", 'ERROR: unable to prepare context: path "elsewhere" not found'),
    ("run --restart sometimes nginx", "docker: invalid restart policy 'sometimes'"),
    ("tag nothere x", "Error response from daemon: No such image: nothere:latest"),
    ("exec 'unclosed", '"docker exec" requires at least 2 arguments.'),
])
def test_bad_input_gets_the_clis_kind_of_error_not_a_crash(lab, line, expected):
    fresh(lab, [])
    said = run(lab, line)
    assert expected in said.splitlines(), f"`{line}` printed:\n{said}"
    assert not lab.errors


def test_exec_of_an_unknown_program_fails_as_the_runtime_does(lab):
    fresh(lab, RUN)
    assert 'exec: "vim": executable file not found in $PATH' in run(lab, "exec c vim")


def test_arrow_keys_recall_earlier_commands(lab):
    fresh(lab, [])
    run(lab, "images")
    run(lab, "ps -a")
    lab.focus("#lab-command")
    lab.keyboard.press("ArrowUp")
    lab.keyboard.press("ArrowUp")
    assert lab.input_value("#lab-command") == "images"
    lab.keyboard.press("ArrowDown")
    assert lab.input_value("#lab-command") == "ps -a"


def test_help_lists_the_commands_and_reset_empties_the_lab(lab):
    fresh(lab, RUN)
    said = run(lab, "help")
    for command in ("pull", "build", "rmi", "run", "pause", "exec", "diff", "commit", "container prune", "image prune"):
        assert command in said
    run(lab, "reset")
    assert states(lab) == {} and lab.locator("[data-image]").count() == 0


def test_output_and_changes_are_live_regions(lab):
    assert lab.get_attribute(".lab-output", "role") == "log"
    assert lab.get_attribute(".lab-changes", "role") == "status"
    assert lab.get_attribute("#lab-command", "aria-describedby") == "lab-command-hint"
    assert lab.locator("label[for=lab-command]").count() == 1


def exercises() -> list[dict]:
    return lab_data.lab()["exercises"]


def test_every_exercise_has_a_pinned_outcome():
    assert {ex["id"] for ex in exercises()} == set(EXERCISE_OUTCOMES)


def check_outcome(page, ex: dict, right: bool) -> None:
    text, expected_states = EXERCISE_OUTCOMES[ex["id"]]
    said = page.locator(".lab-entry").last.inner_text()
    assert said.startswith(f"$ docker {ex['command']}") and text in said, (
        f"exercise {ex['id']}: `docker {ex['command']}` should print {text!r} (EXERCISE_OUTCOMES here, from Docker's "
        f"behaviour); the lab printed {said!r}: fix lab.js or docs/data/lab.yml")
    assert states(page) == expected_states, (f"exercise {ex['id']}: after `docker {ex['command']}` the containers are "
                                             f"{states(page)}, but Docker leaves {expected_states}: fix lab.js")
    feedback = page.locator(f"#lab-{ex['id']} .lab-feedback").inner_text()
    assert feedback.startswith("Right." if right else "Not quite"), f"{ex['id']}: {feedback}"
    assert page.locator(f"#lab-{ex['id']} .lab-answer").is_visible()
    assert page.locator(f"#lab-{ex['id']} .lab-answer a", has_text="Where it is taught").count() == 1


def test_every_exercise_runs_by_keyboard(lab):
    lab.goto(lab.url)
    lab.wait_for_selector(".lab-app--live")
    for number, ex in enumerate(exercises()):
        right = number % 2 == 0
        choice = ex["answer"] if right else (1 if ex["answer"] != 1 else 2)
        lab.focus(f"#lab-{ex['id']}-choice-1")
        for _ in range(choice - 1):
            lab.keyboard.press("ArrowDown")
        lab.keyboard.press("Space")
        for _ in range(2):  # out of the radio group (one tab stop) to Set up, then to Run
            lab.keyboard.press("Tab")
        assert lab.evaluate("document.activeElement.classList.contains('lab-run')"), ex["id"]
        lab.keyboard.press("Enter")
        check_outcome(lab, ex, right)
    assert not lab.errors


def test_every_exercise_runs_by_touch_on_a_phone_with_buttons_big_enough(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, service_workers="block")
    page = context.new_page()
    page.goto(site_url + PAGE)
    page.wait_for_selector(".lab-app--live")
    for ex in exercises():
        for button in page.locator(f"#lab-{ex['id']} .lab-button").all():
            box = button.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, f"{ex['id']}: a button is {box}"
        page.tap(f"label[for=lab-{ex['id']}-choice-{ex['answer']}]")
        page.tap(f"#lab-{ex['id']} .lab-run")
        check_outcome(page, ex, True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_running_without_a_prediction_asks_for_one(lab):
    lab.goto(lab.url)
    lab.wait_for_selector(".lab-app--live")
    ex = exercises()[0]
    lab.click(f"#lab-{ex['id']} .lab-run")
    assert lab.inner_text(f"#lab-{ex['id']} .lab-feedback") == "Choose your prediction first."
    assert not lab.locator(f"#lab-{ex['id']} .lab-answer").is_visible()


def test_without_javascript_the_exercises_show_their_answers(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGE)
    for ex in exercises():
        answer = page.locator(f"#lab-{ex['id']} .lab-answer")
        assert answer.is_visible() and f"Answer: {ex['answer']}." in answer.inner_text()
    assert not page.locator("#lab-app").is_visible()
    context.close()


def test_the_lab_runs_under_the_policy_with_no_request_elsewhere(open_page):
    page, visit = open_page(PAGE)
    page.wait_for_selector(".lab-app--live")
    run(page, "run -d --name web nginx")
    assert visit.console_errors == [] and visit.foreign_requests == []
    assert any(url.endswith("/assets/javascripts/lab-data.json") for url in visit.requests)


def test_the_labs_script_styles_and_data_are_at_most_25_kb_gzip(built_site):
    # Which pages load them, and their weight on each, is tested in test_lab_embeds.py.
    files = [built_site.site / "assets/javascripts/lab.js", built_site.site / "assets/stylesheets/lab.css",
             built_site.site / lab_data.DATA_URI]
    total = sum(len(gzip.compress(path.read_bytes(), 9)) for path in files)
    assert total <= 25_000, f"the lab's files are {total} bytes gzipped"


def test_the_page_shows_every_refusal_with_its_source(built_site):
    soup = BeautifulSoup((built_site.site / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")
    table = soup.find("h2", id="what-docker-refuses").find_next("table")
    assert len(table.find_all("tr")) - 1 == len(lab_data.lab()["refusals"])
    assert all(row.find("a", href=True) for row in table.find_all("tr")[1:])


def test_the_page_is_in_the_navigation():
    assert lab_data.LAB_PAGE in nav_pages()


def test_a_refusal_naming_an_unknown_state_is_refused_with_its_line(scratch_repo):
    data = scratch_repo / "docs/data/lab.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("when: [running, restarting]", "when: [sleeping, restarting]", 1),
                    encoding="utf-8")
    assert_refused(scratch_repo, r"docs/data/lab\.yml:\d+: refusal 1: 'when' names 'sleeping', which is neither a state")


def test_an_exercise_taught_on_a_missing_page_is_refused_with_its_line(scratch_repo):
    data = scratch_repo / "docs/data/lab.yml"
    text = data.read_text(encoding="utf-8").replace("taught_at: beyond/lifecycle.md#the-transitions",
                                                    "taught_at: beyond/nowhere.md", 1)
    data.write_text(text, encoding="utf-8")
    assert_refused(scratch_repo, r"docs/data/lab\.yml:\d+: exercise 2: 'taught_at' names docs/beyond/nowhere\.md")
