"""The published site points at the repository that deploys it, not at mkdocs.yml's placeholders.

mkdocs.yml reads site_url, repo_url and repo_name with `!ENV [NAME, placeholder]`; the Pages
workflow sets the three names from the deploying repository.
"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build_failure, build_site

PAGES_WORKFLOW = ROOT / ".github/workflows/pages.yml"
# A fork's addresses, pinned here rather than taken from any file the build reads.
FORK = {"SITE_URL": "https://fork-owner.github.io/revision-site/",
        "REPO_URL": "https://github.com/fork-owner/revision-site",
        "REPO_NAME": "fork-owner/revision-site"}


def build_step() -> dict:
    """The step of pages.yml that builds the published site."""
    steps = yaml.safe_load(PAGES_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    return next(step for step in steps if "scripts/build_pdfs.py" in step.get("run", ""))


def test_the_pages_workflow_sets_the_addresses_from_the_deploying_repository():
    steps = yaml.safe_load(PAGES_WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    pages_step = next(step for step in steps if step.get("uses", "").startswith("actions/configure-pages@"))
    assert build_step().get("env") == {
        "SITE_URL": f"${{{{ steps.{pages_step.get('id')}.outputs.base_url }}}}",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
        "REPO_NAME": "${{ github.repository }}",
    }, f"{PAGES_WORKFLOW.relative_to(ROOT)}: the build step must set SITE_URL (configure-pages' base_url), REPO_URL and REPO_NAME"


def test_no_workflow_spells_a_github_expression_into_a_shell_command():
    """Template injection: an expression in `run:` is pasted into the script before the shell reads it."""
    found = [f"{path.relative_to(ROOT)}: {line.strip()}" for path in sorted((ROOT / ".github/workflows").glob("*.yml"))
             for step in (s for job in yaml.safe_load(path.read_text(encoding="utf-8"))["jobs"].values()
                          for s in job.get("steps", []))
             for line in step.get("run", "").splitlines() if "${{" in line]
    assert not found, "pass each expression through the step's `env:` and use $NAME instead:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory):
    site = tmp_path_factory.mktemp("fork") / "site"
    result = build_site(site, **FORK)
    if result.returncode != 0:
        pytest.fail(build_failure(result.stderr), pytrace=False)
    return site


def page(site, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "lxml")


def test_a_deployed_page_links_its_edit_button_to_the_deploying_repository(fork_site):
    edit = page(fork_site, "basics/image").select_one("a.md-content__button[href*='/edit/']")
    assert edit["href"] == "https://github.com/fork-owner/revision-site/edit/main/docs/basics/image.md"


def test_a_deployed_page_opens_its_report_form_in_the_deploying_repository(fork_site):
    report = page(fork_site, "basics/image").select_one("a.md-content__button[href*='/issues/new?']")
    assert report["href"].startswith("https://github.com/fork-owner/revision-site/issues/new?template=factual-error.yml&")
    assert "page=https%3A//fork-owner.github.io/revision-site/basics/image/" in report["href"]


def test_a_deployed_page_names_the_deploying_repository_in_its_header(fork_site):
    source = page(fork_site, "basics/image").select_one("a.md-source")
    assert (source["href"], " ".join(source.get_text().split())) == (
        "https://github.com/fork-owner/revision-site", "fork-owner/revision-site")


def test_a_deployed_page_is_canonical_at_the_deploying_address(fork_site):
    soup = page(fork_site, "basics/image")
    assert soup.find("link", rel="canonical")["href"] == "https://fork-owner.github.io/revision-site/basics/image/"
    assert soup.find("meta", property="og:image")["content"] == (
        "https://fork-owner.github.io/revision-site/assets/images/social-card.png")


def test_the_deployed_sitemap_lists_only_the_deploying_address(fork_site):
    addresses = re.findall(r"<loc>([^<]*)</loc>", (fork_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert addresses and all(a.startswith("https://fork-owner.github.io/revision-site/") for a in addresses), addresses


def test_a_deployed_site_keeps_no_placeholder_address(fork_site):
    leftovers = sorted(str(p.relative_to(fork_site)) for p in fork_site.rglob("*") if p.suffix in (".html", ".xml")
                       and re.search(r"example(\.github\.io|/docker-images)", p.read_text(encoding="utf-8")))
    assert not leftovers, f"still the placeholder addresses of mkdocs.yml: {leftovers}"
