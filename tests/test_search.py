"""Search finds the teaching: students' queries typed into the site's search box, and what the index leaves out.

The queries run in Chromium through Material's own search worker on the served site, one page
and one search box for the whole file; what stays out of the index is read from
search/search_index.json (scripts/site_tools/search_index.py says how each part is kept out).
"""

from __future__ import annotations

import json
import re

import pytest

from site_tools import lab_data, renderings, site_data

# What a student types -> where the site teaches it: a page, or a page's section (#anchor).
QUERIES = {
    "dangling": "beyond/clean-up/",
    "layer": "basics/image/#what-an-image-is-made-of",
    "docker commit": "beyond/cheat-sheet/#docker-commit-turning-a-container-into-an-image",
    "writable layer": "basics/relationship/#shared-layers-one-writable-layer-each",
    # The lifecycle page's table of states says what paused means and how a container gets in and
    # out of it (docker pause / unpause); the container page only names it among the seven states.
    "paused": "beyond/lifecycle/#the-states",
    "digest": "beyond/tags-and-digests/",
    "exit code": "beyond/pid1-signals-exit-codes/",
    "SIGTERM": "beyond/pid1-signals-exit-codes/",
    "copy-on-write": "revise/glossary/#copy-on-write",
    "prune": "beyond/clean-up/",
    "ENTRYPOINT": "beyond/run-cmd-entrypoint/",
    "whiteout": "beyond/union-filesystem/",
}
TOP = 3
# Every link of one result group (one page): the page first, then its sections, without the ?h= highlight.
RESULT_GROUPS = """() => [...document.querySelectorAll('.md-search-result__item')].map(li =>
  [...li.querySelectorAll('a.md-search-result__link')].map(a =>
    new URL(a.href).pathname + new URL(a.href).hash))"""
# Material's search worker answers each query (message type 2) with a result (type 3), in order, and
# the page renders a result's first 10 groups as it arrives. Typing sends a query per key, so until
# the last answer is in, the list shows an earlier prefix's results ("docker" for "docker commit").
WORKER_WATCH = """(() => {
  const Base = window.Worker, seen = window.__search = {sent: 0, done: 0, items: null};
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        if (e.data && e.data.type === 3) { seen.done += 1; seen.items = e.data.data.items; }
      });
    }
    postMessage(message, ...rest) {
      if (message && message.type === 2) seen.sent += 1;
      return super.postMessage(message, ...rest);
    }
  };
})()"""
# True once every query typed has its answer and the list shows that answer (its first group first).
ANSWERED = """() => {
  const seen = window.__search, shown = document.querySelectorAll('.md-search-result__item');
  if (!seen || seen.sent === 0 || seen.sent !== seen.done) return false;
  if (shown.length !== Math.min(10, seen.items.length)) return false;
  if (!seen.items.length) return true;
  const link = new URL(shown[0].querySelector('a.md-search-result__link').href);
  return link.pathname.endsWith('/' + seen.items[0][0].location.split('#')[0]);
}"""
DIAGRAM_SOURCE = re.compile(r"stateDiagram|flowchart|graph (?:TD|LR)|--(?:>|&gt;)|classDef")


@pytest.fixture(scope="module")
def search_box(chromium, site_url):
    """The home page's search box, opened once for the whole file."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.add_init_script(WORKER_WATCH)
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    yield page
    context.close()


def results(page, site_url: str, query: str) -> list[list[str]]:
    """Type `query` as a student does and return the result groups, best first, as site paths."""
    box = page.locator("input.md-search__input")
    box.fill("")
    page.locator(".md-search-result__meta", has_text="Type to start").wait_for()
    box.type(query)
    page.locator(".md-search-result__meta", has_text=re.compile("matching|No matching")).wait_for()
    page.wait_for_function(ANSWERED)  # the results of the whole query, not of a prefix typed on the way
    base = site_url.split("://", 1)[1].split("/", 1)[1]  # the site's own path prefix, if any
    return [[link.lstrip("/")[len(base):] for link in group] for group in page.evaluate(RESULT_GROUPS)]


@pytest.mark.parametrize("query, expected", QUERIES.items())
def test_a_students_query_finds_where_it_is_taught_in_the_top_three(search_box, site_url, query, expected):
    groups = results(search_box, site_url, query)
    top = [link for group in groups[:TOP] for link in group]
    assert expected in top, (f"searching {query!r} does not show {expected} in the top {TOP} results "
                             f"(it shows {[group[0] for group in groups[:TOP]]}); name it in the teaching "
                             "section's heading, or raise that page's `search: boost` in its front matter")


def test_docker_commit_finds_the_section_on_docker_commit_first(search_box, site_url):
    first = results(search_box, site_url, "docker commit")[0]
    assert QUERIES["docker commit"] in first[:2], f"searching 'docker commit' shows {first[:2]} first"


@pytest.fixture(scope="module")
def index(built_site) -> list[dict]:
    return json.loads((built_site.site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


def test_the_search_index_holds_no_diagram_source(index):
    leaks = [f"{e['location']}: {DIAGRAM_SOURCE.search(e['text'])[0]!r}" for e in index if DIAGRAM_SOURCE.search(e["text"])]
    assert leaks == [], ("Mermaid source in the search index (overrides/hooks/mermaid_diagrams.py marks it with "
                         "mark_diagram_sources in scripts/site_tools/search_index.py):\n" + "\n".join(leaks))


def test_the_search_index_holds_no_self_test_question_or_answer_key(index):
    texts = [(e["location"], e["title"] + " " + e["text"]) for e in index]
    questions = {q.id: renderings.plain(q.question)[:60] for q in site_data.quiz_questions()}
    key = [f"{where}: answer {number}" for where, text in texts
           for number in range(1, len(questions) + 1) if f"{number}. Answer" in text]
    asked = [f"{where}: question {qid}" for where, text in texts for qid, start in questions.items() if start in text]
    assert key + asked == [], ("the self-test's questions or answer key are in the search index (renderings.quiz "
                               "marks them renderings.NOT_SEARCHED):\n" + "\n".join((key + asked)[:10]))


def test_the_search_index_holds_no_lab_answer(index):
    """A lab exercise asks for a prediction; its answer and why (docs/data/lab.yml) stay out of the
    index, on the lab page and in the labs embedded in other pages."""
    why = {ex["id"]: renderings.plain(ex["explanation"])[:60] for ex in lab_data.lab()["exercises"]}
    leaks = sorted({f"{e['location']}: exercise {exercise}" for e in index for exercise, start in why.items() if start in e["text"]})
    assert leaks == [], f"lab answers in the search index (scripts/site_tools/lab_page.py marks them renderings.NOT_SEARCHED): {leaks[:5]}"


def test_the_search_index_holds_no_flashcard(index):
    cards = renderings.flashcards(site_data.flashcard_sources())
    fronts = {renderings.plain(card.front) for card in cards}
    leaks = sorted({e["location"] for e in index if "Sheet 1 of" in e["text"] or any(f in e["text"] for f in fronts)})
    assert leaks == [], f"flashcards (deck or print sheets) in the search index at {leaks}; mark them renderings.NOT_SEARCHED"


def test_each_glossary_term_is_a_search_entry_of_its_own_with_its_anchor(index):
    entries = {e["location"]: e["title"] for e in index if e["location"].startswith("revise/glossary/#")}
    expected = {f"revise/glossary/#{renderings.glossary_anchor(t.term)}": t.term for t in site_data.glossary_terms()}
    assert entries == expected, f"glossary entries in the search index differ: {set(entries.items()) ^ set(expected.items())}"
