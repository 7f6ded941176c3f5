"""Every built page is valid HTML: zero errors in the W3C Nu HTML Checker (vnu.jar, from the npm lock).

Why vnu and not the pure-JavaScript html-validate: on this site html-validate (standard preset)
missed the 17 made-up `heading-number` attributes of the print page that Nu reports, and
reported `rel="edit"` on Material's edit button, which Nu (the reference checker) accepts.
vnu needs a Java runtime; `python3 scripts/test.py` installs one when there is none.
The built site and one page with an error put in on purpose are checked in one JVM run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, html_pages, load_hook

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
INJECTED = '<label tabindex="">an error put in on purpose</label>'


def nu_errors(files: list[Path]) -> list[tuple[Path, int, str]]:
    """(file, line, message) of every error the Nu checker finds in `files`."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("no Java runtime for the Nu HTML checker: run python3 scripts/test.py (installs one), "
                    "or apt-get install default-jre-headless")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always",
                             *map(str, files)], capture_output=True, text=True, timeout=240)
    messages = json.loads(result.stderr)["messages"]
    return [(Path(m["url"].removeprefix("file:")), m.get("lastLine", 0), m["message"]) for m in messages]


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory):
    """Nu's errors, as `page:line: message`, for the built site and for a copy of one page with an error added."""
    broken_site = tmp_path_factory.mktemp("broken") / "site"
    page = broken_site / "basics" / "image" / "index.html"
    page.parent.mkdir(parents=True)
    lines = (built_site.site / "basics/image/index.html").read_text(encoding="utf-8").splitlines()
    main = next(n for n, line in enumerate(lines) if "<main" in line)
    page.write_text("\n".join([*lines[:main + 1], INJECTED, *lines[main + 1:]]), encoding="utf-8")
    errors = nu_errors([*html_pages(built_site.site), page])

    def report(site: Path) -> list[str]:
        return [f"{file.relative_to(site)}:{line}: {message}" for file, line, message in errors if file.is_relative_to(site)]

    return SimpleNamespace(site=report(built_site.site), broken=report(broken_site), injected_line=main + 2)


def test_every_built_page_has_no_nu_html_checker_error(checked):
    assert not checked.site, ("the Nu HTML checker found errors (page:line: message); fix the page, or the theme "
                              "output in scripts/site_tools/html_rewrites.py:\n" + "\n".join(checked.site))


def test_the_check_names_page_line_and_message_of_an_error(checked):
    assert checked.broken == [f"basics/image/index.html:{checked.injected_line}: Bad value “” for attribute "
                              "“tabindex” on element “label”: The empty string is not a valid integer."]


def test_the_build_fails_naming_a_rewrite_that_no_longer_finds_its_markup(tmp_path, monkeypatch):
    hook = load_hook(monkeypatch, "valid_html")
    (tmp_path / "print_page").mkdir()
    (tmp_path / "print_page/index.html").write_text("<!doctype html><html><head></head><body></body></html>")
    hook.on_pre_build(None)
    with pytest.raises(PluginError, match=r"scripts/site_tools/html_rewrites.py: the rewrite\(s\) 'empty tabindex on navigation "
                                          r"labels', .* found nothing to change in the whole site"):
        hook.on_post_build(SimpleNamespace(site_dir=str(tmp_path)))
