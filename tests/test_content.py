"""The content: every seed section covered, corrections cited, diagrams accessible, text clean."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT, html_pages, load_hook, parsed
from site_tools import data_file, renderings, site_data
from site_pages import url_path

DOCS = ROOT / "docs"
PRIMARY_SOURCES = data_file.PRIMARY_SOURCE_URLS  # the ones the data files accept too
MOJIBAKE = ("â€", "â†", "ðŸ", "Ã")
NON_ASCII_SYMBOLS = {"→", "←", "↔", "👉", "✅", "❌", "·", "—", "–"}
MERMAID_FENCE = re.compile(r"```mermaid\n(.*?)```", re.DOTALL)

# Each section of the seed notes, and the page and heading (its id) that covers it.
SEED_SECTIONS = {
    "1. Docker Image": ("basics/image/index.html", "what-the-notes-say"),
    "2. Docker Container": ("basics/container/index.html", "what-the-notes-say"),
    "3. Immutability vs Mutability": ("basics/immutability/index.html", "what-the-notes-say"),
    "4. Relationship Between Image and Container": ("basics/relationship/index.html", "what-the-notes-say"),
    "5. Simple Analogy": ("basics/analogy/index.html", "what-the-notes-say"),
    "6. Key Differences (Exam-Ready Table)": ("revise/comparison/index.html", None),
    "7. One-Line Conclusion": ("revise/conclusion/index.html", "what-the-notes-say"),
}
# A phrase from each seed section that its page must still teach (the seed's framing is kept).
SEED_PHRASES = {
    "1. Docker Image": "static template",
    "2. Docker Container": "running instance of a Docker image",
    "3. Immutability vs Mutability": "any change requires creating a new image",
    "4. Relationship Between Image and Container": "Deleting a container does not delete the image",
    "5. Simple Analogy": "Recipe book",
    "6. Key Differences (Exam-Ready Table)": "Mutability",
    "7. One-Line Conclusion": "immutable blueprint",
}
DIAGRAMS = {"One image, many containers", "Shared read-only layers, one writable layer per container",
            "The container lifecycle", "Build, ship, run", "Containers vs virtual machines",
            "The build cache after editing app.py", "A multi-platform image",
            "RUN at build time, CMD and ENTRYPOINT at run time", "save and load against export and import",
            "OverlayFS, copy-up and whiteouts", "EXPOSE documents, -p publishes", "Tags move, digests do not",
            "The Docker runtime stack", "A multi-stage build", "docker stop, step by step",
            "What docker system prune removes"}


def mermaid_sources() -> list[tuple[Path, str]]:
    files = [*DOCS.rglob("*.md"), *(ROOT / "includes").rglob("*.md")]
    return [(f, block) for f in sorted(files) for block in MERMAID_FENCE.findall(f.read_text(encoding="utf-8"))]


def article_text(page: Path) -> str:
    return " ".join(parsed(page).select_one("article").get_text().split())


@pytest.mark.parametrize("section", SEED_SECTIONS)
def test_each_seed_section_has_a_page_and_heading(built_site, section):
    page, heading = SEED_SECTIONS[section]
    html = parsed(built_site.site / page)
    assert html.select_one("article h1"), f"{section}: {page} has no title"
    if heading:
        assert html.find(id=heading), f"{section}: {page} lost its heading #{heading}"


@pytest.mark.parametrize("section", SEED_SECTIONS)
def test_each_seed_section_keeps_its_point(built_site, section):
    page, _ = SEED_SECTIONS[section]
    assert SEED_PHRASES[section].casefold() in article_text(built_site.site / page).casefold(), (
        f"{page} no longer says {SEED_PHRASES[section]!r}, the seed notes' framing of {section!r} "
        "that readers meet in exams; keep the phrase (correct it beside it if needed)")


def test_docs_have_no_mis_encoded_characters():
    found = [f"{p.relative_to(ROOT)}: {seq!r}" for p in DOCS.rglob("*") if p.is_file() and p.suffix in {".md", ".yml", ".css", ".js"}
             for seq in MOJIBAKE if seq in p.read_text(encoding="utf-8")]
    assert found == [], f"mis-encoded characters (text pasted as Latin-1); retype them as UTF-8: {found}"


def test_built_site_has_no_mis_encoded_characters(built_site):
    found = [f"{p.relative_to(built_site.site)}: {seq!r}" for p in html_pages(built_site.site)
             for seq in MOJIBAKE if seq in p.read_text(encoding="utf-8")]
    assert found == [], f"the build mis-encoded characters (check the hooks' and templates' encodings): {found}"


def test_arrows_and_emoji_in_the_sources_show_unchanged_in_the_built_pages(built_site):
    lost, checked = [], 0
    for source in sorted(DOCS.rglob("*.md")):
        wanted = {character for character in source.read_text(encoding="utf-8") if character in NON_ASCII_SYMBOLS}
        shown = article_text(built_site.site / url_path(source) / "index.html")
        lost += [f"{source.relative_to(ROOT)}: {character!r}" for character in sorted(wanted) if character not in shown]
        checked += len(wanted)
    assert checked, "no arrow or emoji in the sources any more: this test checks nothing; update NON_ASCII_SYMBOLS"
    assert lost == [], f"these characters are in the Markdown but not on the built page (encoding?): {lost}"


def diagram_titles() -> list[str]:
    return [re.search(r"accTitle:\s*(.+)", block).group(1).strip() for _, block in mermaid_sources()
            if "accTitle:" in block]


def test_the_site_keeps_each_of_its_diagrams():
    missing = DIAGRAMS - set(diagram_titles())
    assert not missing, f"diagrams missing (by accTitle): {sorted(missing)}; restore them or update DIAGRAMS"


def test_no_two_diagrams_share_a_title():
    titles = diagram_titles()
    assert sorted({t for t in titles if titles.count(t) > 1}) == [], "give each diagram its own accTitle"


@pytest.mark.parametrize("source, block", mermaid_sources(), ids=lambda v: v.name if isinstance(v, Path) else "")
def test_every_diagram_has_an_accessible_title_and_description(source, block):
    where = source.relative_to(ROOT)
    assert re.search(r"^\s*accTitle:\s*\S", block, re.M), f"{where}: a diagram has no `accTitle:` (its name for screen readers)"
    assert re.search(r"^\s*accDescr:\s*\S", block, re.M), f"{where}: a diagram has no `accDescr:` (what it shows, in words)"


def test_every_diagram_has_a_caption(built_site):
    missing = []
    for page in html_pages(built_site.site):
        for diagram in parsed(page).select("pre.mermaid, div.mermaid"):
            figure = diagram.find_parent("figure")
            if figure is None or figure.find("figcaption") is None:
                missing.append(str(page.relative_to(built_site.site)))
    assert missing == [], f"diagrams without a caption (wrap them in a figure with /// caption): {missing}"


def test_every_correction_cites_a_primary_source(built_site):
    uncited = []
    count = 0
    for page in html_pages(built_site.site):
        for box in parsed(page).select(".admonition.correction"):
            count += 1
            if not any(a["href"].startswith(PRIMARY_SOURCES) for a in box.select("a[href]")):
                uncited.append(f"{page.relative_to(built_site.site)}: {box.select_one('.admonition-title').get_text()}")
    assert count >= 10, f"only {count} correction boxes (!!! correction) on the site; the corrections are gone"
    assert uncited == [], f"correction boxes without a docs.docker.com or OCI link; cite the primary source: {uncited}"


def test_the_seeds_hotlinked_picture_is_not_used(built_site):
    using = [str(p.relative_to(built_site.site)) for p in html_pages(built_site.site) if "uncookednews" in p.read_text(encoding="utf-8")]
    assert using == [], f"pages use the seed's hotlinked picture; draw a diagram instead: {using}"


def test_self_test_has_at_least_eight_questions_each_with_its_answer_in_the_key(built_site):
    html = parsed(built_site.site / "revise/self-test/index.html")
    questions = html.select(".quiz-question")
    assert len(questions) >= 8, f"the self-test has {len(questions)} questions; docs/data/quiz.yml needs at least 8"
    for question in questions:
        choices = question.select(":scope > ol > li")
        typed = question.get("data-typed") == "true"
        assert typed or 3 <= len(choices) and 1 <= int(question["data-answer"]) <= len(choices), f"#{question['id']}: no valid choices"
        assert html.select_one(f".quiz-key #{question['id']}-answer"), f"#{question['id']}: no answer in the key; run scripts/generate_pages.py"


def test_self_test_covers_the_common_mistakes(built_site):
    text = article_text(built_site.site / "revise/self-test/index.html")
    for topic in ("docker stop", "docker ps -a", "docker rmi", "digest", "volume", "docker commit", "7.75 MB", "kernel"):
        assert topic in text, f"docs/revise/self-test.md no longer asks about {topic!r}, a common mistake it must cover"


def test_glossary_page_defines_every_term_under_a_heading_with_its_anchor(built_site):
    """A heading per term: its anchor to link to, and its own entry in the search index."""
    html = parsed(built_site.site / "revise/glossary/index.html")
    defined = {(" ".join(h.get_text().replace("¶", "").split()), h.get("id")) for h in html.select("article h2")}
    expected = {(t.term, renderings.glossary_anchor(t.term)) for t in site_data.glossary_terms()}
    assert defined == expected, (f"the glossary page differs from docs/data/glossary.yml (missing {sorted(expected - defined)}, "
                                 f"extra {sorted(defined - expected)}); run `python3 scripts/generate_pages.py`")


def test_every_glossary_term_has_its_definition_as_tooltip_where_it_appears(built_site):
    """Tooltips come from docs/data/glossary.yml, added to every page by overrides/hooks/glossary_tooltips.py."""
    shown: dict[str, set[str]] = {}
    for page in html_pages(built_site.site):
        for abbr in parsed(page).select("article abbr[title]"):
            shown.setdefault(abbr.get_text(), set()).add(abbr["title"])
    problems = []
    for term in (t for t in site_data.glossary_terms() if t.tooltip):
        titles = shown.get(term.term, set())
        if not titles:
            problems.append(f"{term.term!r}: no page shows it with a tooltip")
        elif titles != {renderings.plain(term.definition)}:
            problems.append(f"{term.term!r}: tooltip {sorted(titles)} is not its definition")
    assert problems == [], ("glossary tooltips do not match docs/data/glossary.yml (see overrides/hooks/glossary_tooltips.py; "
                            "a term no page uses can be marked `tooltip: false`):\n" + "\n".join(problems))


def test_terms_marked_without_tooltip_get_none(built_site):
    titles = {a.get_text() for page in html_pages(built_site.site) for a in parsed(page).select("abbr")}
    wrongly = titles & {t.term for t in site_data.glossary_terms() if not t.tooltip}
    assert not wrongly, f"terms marked `tooltip: false` in docs/data/glossary.yml still get one: {sorted(wrongly)}"


def test_a_page_marks_each_term_on_its_first_mention_only(built_site):
    """Each page, and each page's section of the revision pack (renderings.first_mentions)."""
    repeats = []
    for page in html_pages(built_site.site):
        html = parsed(page)
        units = html.select("section.print-page[data-heading-number]:not(.md-section)") or html.select("article")
        for unit in units:
            titles = [abbr.get("title") for abbr in unit.select("abbr")]
            repeated = sorted({abbr.get_text() for abbr in unit.select("abbr") if titles.count(abbr.get("title")) > 1})
            if repeated:
                repeats.append(f"{page.relative_to(built_site.site)} {unit.get('id', '')}: {repeated}")
    assert repeats == [], ("glossary terms marked more than once in a page (overrides/hooks/glossary_tooltips.py keeps "
                           "the first mention):\n" + "\n".join(repeats))


def test_a_term_first_mentioned_in_a_link_is_marked_where_it_is_next_mentioned_outside_one():
    """A focusable mark inside a link is invalid HTML (and the link already takes the focus)."""
    html = '<a href="x"><abbr title="d">tag</abbr></a> and <abbr title="d">tag</abbr>, <abbr title="d">tag</abbr>'
    assert renderings.first_mentions(html) == '<a href="x">tag</a> and <abbr tabindex="0" title="d">tag</abbr>, tag'


def test_every_marked_term_is_in_the_keyboard_order(built_site):
    unreachable = sorted({f"{page.relative_to(built_site.site)}: {abbr.get_text()}" for page in html_pages(built_site.site)
                          for abbr in parsed(page).select("abbr") if abbr.get("tabindex") != "0"})
    assert unreachable == [], f"glossary terms keyboard users cannot focus to read the definition: {unreachable}"


@pytest.mark.parametrize("page", ["revise/flashcards/index.html", "revise/self-test/index.html", "revise/glossary/index.html"])
def test_pages_that_ask_for_or_give_the_definitions_show_none_as_tooltips(built_site, page):
    """A tooltip would give away the answer on the flashcards and the self-test, and repeat the glossary."""
    shown = [abbr.get_text() for abbr in parsed(built_site.site / page).select("abbr")]
    assert shown == [], (f"{page} shows the definitions of {shown} as tooltips; "
                         "its source needs `glossary_tooltips: false` in its front matter")


def test_a_page_switch_for_tooltips_that_is_not_true_or_false_fails_the_build_naming_the_page(monkeypatch):
    hook = load_hook(monkeypatch, "glossary_tooltips")
    page = SimpleNamespace(meta={"glossary_tooltips": "no"}, file=SimpleNamespace(src_uri="revise/quiz.md"))
    with pytest.raises(PluginError, match=r"^docs/revise/quiz.md: front matter `glossary_tooltips: 'no'` must be true or false$"):
        hook.on_page_markdown("# Quiz", page, None, None)


def test_glossary_defines_the_image_format_terms_the_pages_use():
    terms = {t.term for t in site_data.glossary_terms()}
    missing = {"OCI", "manifest", "image index", "blob", "content-addressed", "image ID", "local image store"} - terms
    assert not missing, f"docs/data/glossary.yml: add the terms {sorted(missing)}"


def test_no_layer_tooltip_lands_on_a_containers_own_layer(built_site):
    """"its layer" on a container means its writable layer; the read-only "layer" definition would mislead."""
    wrong = [f"{page.relative_to(built_site.site)}: {abbr.parent.get_text()[:80]!r}"
             for page in html_pages(built_site.site) for abbr in parsed(page).select("abbr")
             if abbr.get_text() == "layer" and str(abbr.previous_sibling or "").endswith("its ")]
    assert wrong == [], "say 'writable layer' where a container's own layer is meant: " + "; ".join(wrong)


# Issue 20: the notes' loose wording is a quotation of the notes, never the first thing a skimming
# eye lands on: a `!!! quote notes "The notes say (...)"` box with no bold, after the precise statement.
@pytest.mark.parametrize("section", [s for s, (_, heading) in SEED_SECTIONS.items() if heading == "what-the-notes-say"])
def test_the_notes_wording_is_a_marked_quotation_after_the_precise_statement(built_site, section):
    page, heading = SEED_SECTIONS[section]
    html = parsed(built_site.site / page)
    box = html.find(id=heading).find_next_sibling()
    assert box is not None and {"admonition", "notes"} <= set(box.get("class", [])), (
        f"{page}: put the notes' wording under 'What the notes say' in a `!!! quote notes \"The notes say (...)\"` box")
    assert box.select_one(".admonition-title").get_text().startswith("The notes say"), f"{page}: title the box 'The notes say (...)'"
    assert not box.select("strong, b"), f"{page}: no bold inside the notes' quotation (the precise statement gets the bold)"
    first_box = html.select_one("article .admonition")
    assert first_box is not box and "notes" not in first_box.get("class", []), (
        f"{page}: the precise statement (exam answer or one-line answer) must come before the notes' quotation")
