"""The small labs embedded in relationship, immutability and lifecycle (lab.yml's `embeds`): each
scenario run by keyboard and by touch at 390 px, the picture checked after every step, the
prediction, the reading without JavaScript, the pages the lab's files load on, and their weight.

What each step does is pinned here by hand from Docker's behaviour (the pages and the CLI
reference), never read from lab.yml: a wrong edit to the data or to lab.js goes red. Each page is
opened once per context; the steps run in order through the whole scenario.
"""

from __future__ import annotations

import gzip
import re

import pytest
from bs4 import BeautifulSoup

from site_tools import lab_data
from test_bad_data import assert_refused

NGINX = ["2c45f8a1b6d3", "8d1e0f7b3a52", "b37a9c2e4d18"]  # nginx's layers, bottom first
# embed -> (page, the step asked about, its right answer, and after each step: what Docker printed
# contains, the containers {name: (state, files in its writable layer)}, the image names).
EMBEDS = {
    "relationship": ("basics/relationship/", 4, 2, [
        ("Pull complete", {"one": ("running", "")}, {"nginx:latest"}),
        ("", {"one": ("running", "mine.txt")}, {"nginx:latest"}),
        ("", {"one": ("running", "mine.txt"), "two": ("running", "")}, {"nginx:latest"}),
        ("", {"one": ("running", "mine.txt"), "two": ("running", "")}, {"nginx:latest"}),
        ("A /mine.txt", {"one": ("running", "mine.txt"), "two": ("running", "")}, {"nginx:latest"}),
    ]),
    "immutability": ("basics/immutability/", 3, 1, [
        ("Pull complete", {"web": ("running", "")}, {"nginx:latest"}),
        ("", {"web": ("running", "page.html")}, {"nginx:latest"}),
        ("sha256:", {"web": ("running", "page.html")}, {"nginx:latest", "mynginx:latest"}),
        ("mynginx", {"web": ("running", "page.html")}, {"nginx:latest", "mynginx:latest"}),
        ("", {"web": ("running", "page.html"), "copy": ("running", "")}, {"nginx:latest", "mynginx:latest"}),
        ("", {"web": ("running", "page.html"), "copy": ("running", "")}, {"nginx:latest", "mynginx:latest"}),
    ]),
    "lifecycle": ("beyond/lifecycle/", 2, 2, [
        ("Pull complete", {"web": ("running", "")}, {"nginx:latest"}),
        ("cannot remove container", {"web": ("running", "")}, {"nginx:latest"}),
        ("web", {"web": ("paused", "")}, {"nginx:latest"}),
        ("web", {"web": ("exited", "")}, {"nginx:latest"}),
        ("web", {"web": ("running", "")}, {"nginx:latest"}),
        ("web", {}, {"nginx:latest"}),
    ]),
}
LAB_PAGES = {"beyond/lab/", "basics/relationship/", "basics/immutability/", "beyond/lifecycle/"}
PICTURE = """(id) => {
  const root = document.getElementById(id);
  const all = (sel, f) => [...root.querySelectorAll(sel)].map(f);
  return {containers: Object.fromEntries(all('[data-container]', e => [e.dataset.container,
            [e.dataset.state, e.dataset.files, e.dataset.layers]])),
          images: Object.fromEntries(all('[data-image]', e => [e.dataset.image, [e.dataset.id, e.dataset.layers]])),
          marked: all('.lab-states .lab-current', e => e.dataset.stateName),
          diagram: [...document.querySelectorAll('div.mermaid')].flatMap(d => [...d.shadowRoot.querySelectorAll(
            'g.lab-diagram-current')]).map(g => g.id.replace(/^.*-state-|-\\d+$/g, '')),
          said: (root.querySelector('.lab-entry:last-child') || {innerText: ''}).innerText};
}"""


def check_step(page, name: str, number: int, expected) -> dict:
    """The picture and the output after step `number` (1-based) are what Docker does."""
    said, containers, images = expected
    seen = page.evaluate(PICTURE, f"lab-embed-{name}")
    where = f"{name}, after step {number}"
    assert said in seen["said"], f"{where}: printed {seen['said']!r}"
    assert {c: v[:2] for c, v in seen["containers"].items()} == {c: list(v) for c, v in containers.items()}, where
    assert set(seen["images"]) == images, where
    for container, (_, _, layers) in seen["containers"].items():  # each on its image's read-only layers
        image = next(v for v in seen["images"].values() if v[1] == layers)
        assert layers.split()[:3] == NGINX and image, f"{where}: {container} on {layers}"
    if "nginx:latest" in seen["images"]:
        assert seen["images"]["nginx:latest"][1].split() == NGINX, f"{where}: nginx changed"
    states = sorted({state for state, _ in containers.values()})
    assert sorted(seen["marked"]) == states, f"{where}: marked {seen['marked']}"
    if name == "lifecycle":
        assert sorted(set(seen["diagram"])) == states, f"{where}: the diagram marks {seen['diagram']}"
    return seen


def run_by_keyboard(page, name: str, asked: int, answer: int) -> None:
    """Every step with the keyboard only: Enter on the run button; the prediction by arrows and Space."""
    steps = EMBEDS[name][3]
    for number, expected in enumerate(steps, start=1):
        if number == asked:
            page.focus(f"#lab-embed-{name} .lab-next")
            page.keyboard.press("Enter")  # no prediction yet: asked for one, focus on the choices
            assert page.inner_text(f"#lab-embed-{name} .lab-feedback") == "Choose your prediction first."
            assert page.evaluate("document.activeElement.type") == "radio"
            wrong = 1 if answer != 1 else 2
            for _ in range(wrong - 1):
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Space")
            page.keyboard.press("Tab")  # out of the radio group, to the run button
        else:
            page.focus(f"#lab-embed-{name} .lab-next")
        assert page.evaluate("document.activeElement.classList.contains('lab-next')"), f"{name} step {number}"
        page.keyboard.press("Enter")
        check_step(page, name, number, expected)
        if number == asked:
            feedback = page.inner_text(f"#lab-embed-{name} .lab-feedback")
            assert feedback.startswith(f"Not quite: the answer is {answer}."), feedback
            assert page.locator(f"#lab-embed-{name} .lab-answer").is_visible()
    assert page.locator(f"#lab-embed-{name} .lab-next").is_disabled()
    assert page.evaluate("document.activeElement.classList.contains('lab-reset')")
    page.keyboard.press("Enter")  # Start over
    assert page.evaluate(PICTURE, f"lab-embed-{name}")["containers"] == {}
    assert not page.locator(f"#lab-embed-{name} .lab-answer").is_visible()


@pytest.fixture(scope="module")
def desktop(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    yield context
    context.close()


@pytest.mark.parametrize("name", EMBEDS)
def test_each_embed_runs_its_scenario_by_keyboard_and_the_picture_follows_each_step(desktop, site_url, name):
    page = desktop.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + EMBEDS[name][0])
    page.wait_for_selector(f"#lab-embed-{name}.lab-embed--live")
    shows = page.locator(f"#lab-embed-{name} .lab-shows")
    assert shows.count() == len(EMBEDS[name][3]) and not shows.first.is_visible()  # no answer before the run
    run_by_keyboard(page, name, EMBEDS[name][1], EMBEDS[name][2])
    assert errors == []
    page.close()


def test_each_embed_runs_by_touch_at_390_px_with_buttons_big_enough(chromium, site_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, service_workers="block")
    page = context.new_page()
    for name, (path, asked, answer, steps) in EMBEDS.items():
        page.goto(site_url + path)
        page.wait_for_selector(f"#lab-embed-{name}.lab-embed--live")
        for number, expected in enumerate(steps, start=1):
            for button in page.locator(f"#lab-embed-{name} .lab-button").all():
                box = button.bounding_box()
                assert box["width"] >= 44 and box["height"] >= 44, f"{name}: a button is {box}"
            if number == asked:
                page.tap(f"label[for=lab-embed-{name}-predict-choice-{answer}]")
            page.tap(f"#lab-embed-{name} .lab-next")
            check_step(page, name, number, expected)
        assert page.inner_text(f"#lab-embed-{name} .lab-feedback").startswith("Right.")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    context.close()


def test_without_javascript_each_embed_shows_its_steps_and_its_answer(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    for name, (path, _, answer, steps) in EMBEDS.items():
        page.goto(site_url + path)
        block = page.locator(f"#lab-embed-{name}")
        assert block.locator(":scope > ol > li").count() == len(steps)
        assert all(shows.is_visible() for shows in block.locator(".lab-shows").all()), name
        assert f"Answer: {answer}." in block.locator(".lab-answer").inner_text()
        assert block.locator(".lab-next").count() == 0
    context.close()


def test_the_embeds_run_under_the_policy_with_no_request_elsewhere(open_page):
    page, visit = open_page(EMBEDS["lifecycle"][0])
    page.click("#lab-embed-lifecycle .lab-next")
    assert visit.console_errors == [] and visit.foreign_requests == []


SHIFTS = """window.__shifts = 0; new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__shifts += e.value; }).observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("width,height", [(412, 823), (1280, 900)])
def test_nothing_on_a_lab_page_moves_when_the_lab_appears(chromium, site_url, width, height):
    # The lab's data is held back until the page has painted, as on a slow phone: the lab then
    # appears in a box already its size. (A shift of 0.32 cost the lab page its Lighthouse budget.)
    context = chromium.new_context(viewport={"width": width, "height": height}, is_mobile=width < 600,
                                   service_workers="block")
    context.add_init_script(SHIFTS)
    page = context.new_page()
    for path in sorted(LAB_PAGES):
        held = []
        page.route("**/lab-data.json", lambda route: held.append(route))
        page.goto(site_url + path, wait_until="load")
        page.wait_for_timeout(300)
        held[0].continue_()
        page.wait_for_selector(".lab-app--live, .lab-embed--live")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__shifts") < 0.02, f"/{path} at {width} px: layout shift {page.evaluate('window.__shifts')}"
        page.unroute("**/lab-data.json")
    context.close()


def lab_files(html: str) -> list[str]:
    """The lab's files a built page links: its script and its styles."""
    return re.findall(r'(?:src|href)="([^"]*\blab\.(?:js|css))"', html)


def test_the_lab_loads_on_the_lab_page_and_the_embed_pages_only(built_site):
    pages = {page.parent.relative_to(built_site.site).as_posix() + "/": lab_files(page.read_text(encoding="utf-8"))
             for page in built_site.site.rglob("index.html")}
    assert {path for path, files in pages.items() if files} == LAB_PAGES
    assert all(len(files) == 2 for path, files in pages.items() if path in LAB_PAGES)


@pytest.mark.parametrize("path", sorted(LAB_PAGES))
def test_the_lab_adds_at_most_25_kb_gzip_to_each_page_that_has_one(built_site, path):
    html = (built_site.site / path / "index.html").read_text(encoding="utf-8")
    here = built_site.site / path
    files = [(here / href).resolve() for href in lab_files(html)] + [built_site.site / lab_data.DATA_URI]
    block = BeautifulSoup(html, "html.parser").select_one(".lab-embed, .lab-app")
    total = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files) + len(gzip.compress(str(block).encode(), 9))
    assert total <= 25_000, f"/{path}: the lab adds {total} bytes gzipped"


def test_a_prediction_whose_set_up_is_not_the_steps_before_is_refused_with_its_line(scratch_repo):
    data = scratch_repo / "docs/data/lab.yml"
    text = data.read_text(encoding="utf-8").replace("predict: rm-running", "predict: exec-paused", 1)
    data.write_text(text, encoding="utf-8")
    assert_refused(scratch_repo, r"docs/data/lab\.yml:\d+: embed 'lifecycle' step 2: exercise 'exec-paused' sets up")


def test_an_embed_whose_page_has_no_block_is_refused_with_its_line(scratch_repo):
    page = scratch_repo / "docs/basics/immutability.md"
    page.write_text(re.sub(r"<!-- generated:lab-embed.*?end generated:lab-embed -->\n", "",
                           page.read_text(encoding="utf-8"), flags=re.DOTALL), encoding="utf-8")
    assert_refused(scratch_repo, r"docs/data/lab\.yml:\d+: embed 'immutability': docs/basics/immutability\.md has no")
