"""Every link, anchor and asset a reader could follow or a browser could load resolves.

The checker itself is proven on small fixture sites (tests/fixtures/links/) into which each
kind of break is inserted on purpose.
"""

from __future__ import annotations

import re
import shutil

import pytest

import check_links
from check_links import MISSING_ANCHOR, MISSING_ASSET, MISSING_PAGE, UNDEFINED_REFERENCE
from conftest import ROOT, run_script

FIXTURES = ROOT / "tests" / "fixtures" / "links"

# kind of break -> (file to put it in, the markup, the target it must be reported with, reason)
SITE_BREAKS = {
    "a missing page": ("index.html", '<a href="missing/">gone</a>', "missing/", MISSING_PAGE),
    "a missing anchor on another page": ("index.html", '<a href="other/#absent">gone</a>', "other/#absent", MISSING_ANCHOR),
    "a missing anchor on the same page": ("index.html", '<a href="#nowhere">gone</a>', "#nowhere", MISSING_ANCHOR),
    "a raw link to a missing html file": ("index.html", '<a href="gone.html">gone</a>', "gone.html", MISSING_PAGE),
    "a missing image": ("index.html", '<img src="images/missing.png" alt="">', "images/missing.png", MISSING_ASSET),
    "a missing script": ("index.html", '<script src="assets/missing.js"></script>', "assets/missing.js", MISSING_ASSET),
    "a missing stylesheet": ("index.html", '<link rel="stylesheet" href="assets/missing.css">', "assets/missing.css", MISSING_ASSET),
    "a srcset candidate that is missing": ("index.html", '<img src="images/dot.svg" srcset="images/dot.svg 1x, images/dot@2x.svg 2x" alt="">', "images/dot@2x.svg", MISSING_ASSET),
    "a CSS url() to a missing file": ("assets/style.css", 'p { background: url("../images/missing-bg.png"); }', "../images/missing-bg.png", MISSING_ASSET),
    "a sitemap entry for a missing page": ("sitemap.xml", "<url><loc>https://example.org/fixture/nowhere/</loc></url>", "https://example.org/fixture/nowhere/", MISSING_PAGE),
}

SOURCE_BREAKS = {
    "a Markdown link to a missing page": ("[gone](missing.md)", "missing.md", MISSING_PAGE),
    "a Markdown link to a missing anchor on another page": ("[gone](other.md#absent)", "other.md#absent", MISSING_ANCHOR),
    "a raw HTML link to a missing page": ('<a href="gone.md">gone</a>', "gone.md", MISSING_PAGE),
    "a missing image": ("![gone](images/missing.png)", "images/missing.png", MISSING_ASSET),
    "a reference that is defined nowhere": ("[gone][no-such-reference]", "[no-such-reference]", UNDEFINED_REFERENCE),
}


def site_with(tmp_path, *breaks: str):
    site = shutil.copytree(FIXTURES / "site", tmp_path / "site")
    for name in breaks:
        file, markup, _, _ = SITE_BREAKS[name]
        path = site / file
        text = path.read_text(encoding="utf-8")
        if file.endswith(".html"):
            text = text.replace("<!-- BREAKS -->", f"<!-- BREAKS -->\n  {markup}")
        elif file.endswith(".xml"):
            text = text.replace("</urlset>", f"  {markup}\n</urlset>")
        else:
            text += markup + "\n"
        path.write_text(text, encoding="utf-8")
    return site


def docs_with(tmp_path, *breaks: str):
    docs = shutil.copytree(FIXTURES / "docs", tmp_path / "docs")
    page = docs / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "".join(f"\n{SOURCE_BREAKS[b][0]}\n" for b in breaks))
    return docs


def test_the_built_site_has_no_broken_internal_link_anchor_or_asset(built_site):
    assert [str(b) for b in check_links.check_site(built_site.site, ROOT / "docs")] == []


def test_the_markdown_sources_have_no_broken_link():
    assert [str(b) for b in check_links.check_sources(ROOT / "docs")] == []


def test_clean_fixture_site_passes():
    assert check_links.check_site(FIXTURES / "site") == []


def test_clean_fixture_sources_pass():
    assert check_links.check_sources(FIXTURES / "docs") == []


@pytest.mark.parametrize("kind", SITE_BREAKS)
def test_site_checker_reports(tmp_path, kind):
    file, _, target, reason = SITE_BREAKS[kind]
    broken = check_links.check_site(site_with(tmp_path, kind))
    expected_source = "sitemap.xml" if file == "sitemap.xml" else file
    assert [(b.source, b.target, b.reason) for b in broken] == [(expected_source, target, reason)]


@pytest.mark.parametrize("kind", SOURCE_BREAKS)
def test_source_checker_reports_with_file_and_line(tmp_path, kind):
    docs = docs_with(tmp_path, kind)
    markup, target, reason = SOURCE_BREAKS[kind]
    line = (docs / "index.md").read_text(encoding="utf-8").splitlines().index(markup) + 1
    broken = check_links.check_sources(docs)
    assert [(b.source.endswith(f"index.md:{line}"), b.target, b.reason) for b in broken] == [(True, target, reason)]


def test_every_break_is_reported_in_one_run(tmp_path):
    broken = check_links.check_site(site_with(tmp_path, *SITE_BREAKS))
    assert sorted((b.target, b.reason) for b in broken) == sorted((t, r) for _, _, t, r in SITE_BREAKS.values())


def test_command_prints_source_target_and_reason_and_exits_1(tmp_path):
    site = site_with(tmp_path, "a missing page", "a missing image")
    result = run_script(ROOT, "check_links.py", "site", str(site))
    assert result.returncode == 1
    assert result.stdout.splitlines() == ["index.html -> images/missing.png -> missing asset",
                                          "index.html -> missing/ -> missing page"]


def test_a_break_in_the_real_site_names_its_markdown_source_and_line(built_site, tmp_path):
    source = ROOT / "docs/revise/conclusion.md"
    line, target = next((number, match[1]) for number, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                        if (match := re.search(r"\]\(\.\./([\w/-]+)\.md\)", text)))  # its first link to another page
    site = shutil.copytree(built_site.site, tmp_path / "site")
    page = site / "revise/conclusion/index.html"
    typo = target[:-1]  # a misspelt address, as a contributor makes it
    page.write_text(page.read_text(encoding="utf-8").replace(f'href="../../{target}/"', f'href="../../{typo}/"'))
    broken = check_links.check_site(site, ROOT / "docs")
    assert [str(b) for b in broken] == [
        f"revise/conclusion/index.html (docs/revise/conclusion.md:{line}) -> ../../{typo}/ -> missing page"]


def test_each_shared_link_label_is_defined_once():
    """Python-Markdown keeps the last of two definitions of a label, so a second one silently
    changes what every earlier `[text][label]` points at."""
    seen: dict[str, int] = {}
    for number, line in enumerate((ROOT / "includes/links.md").read_text(encoding="utf-8").splitlines(), 1):
        label = re.match(r"\[([^\]]+)\]:", line)
        if label:
            name = label.group(1).lower()
            assert name not in seen, (f"includes/links.md:{number}: [{label.group(1)}] is already defined on line "
                                      f"{seen[name]}; delete one of the two definitions")
            seen[name] = number
