"""Every built page carries a strict Content-Security-Policy, and search, the palette toggle and the
self-test work under it in Chromium (each page's own load under it: tests/test_browsing.py)."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from site_tools import content_security_policy
from conftest import DIAGRAMS_DRAWN_AS_SVG, RECORD_VIOLATIONS, html_pages
from site_pages import diagram_page_paths

def directives(page) -> dict[str, list[str]]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    meta = soup.select_one('head > meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None, f"{page}: no Content-Security-Policy meta in <head>"
    return {name: values for name, *values in (part.split() for part in meta["content"].split(";"))}


def test_every_page_has_the_policy_before_anything_it_governs(built_site):
    for page in html_pages(built_site.site):
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        policy_at = head.find('http-equiv="Content-Security-Policy"')
        first_load = min((m.start() for m in re.finditer(r"<(script|style|link)\b", head)), default=len(head))
        assert 0 <= policy_at < first_load, (f"{page.relative_to(built_site.site)}: the Content-Security-Policy <meta> is missing or comes after "
                                                  "a script, style or link it must govern; with_policy() puts it first in <head>")


def test_scripts_run_only_from_the_site_and_by_hash(built_site):
    for page in html_pages(built_site.site):
        policy = directives(page)
        where = page.relative_to(built_site.site)
        fix = " (scripts/site_tools/content_security_policy.py writes the policy)"
        assert policy.get("default-src") == ["'self'"], f"{where}: default-src is {policy.get('default-src')}{fix}"
        assert policy.get("script-src", [""])[0] == "'self'", f"{where}: script-src is {policy.get('script-src')}{fix}"
        assert all(v.startswith("'sha256-") for v in policy["script-src"][1:]), \
            f"{where}: script-src allows more than the site and hashes: {policy['script-src']}{fix}"
        assert policy.get("object-src") == ["'none'"] and policy.get("base-uri") == ["'self'"], \
            f"{where}: object-src {policy.get('object-src')}, base-uri {policy.get('base-uri')}{fix}"
        assert "'unsafe-eval'" not in sum(policy.values(), []), where


# Every directive of a built page's policy, as the site means it, written out here (not read from
# content_security_policy.py). HASHES stands for the page's own list of 'sha256-...' sources;
# style-src-attr is 'unsafe-inline' only on a page that has a style attribute (checked below).
HASHES = "<hashes>"
EXACT_POLICY = {
    "default-src": "'self'",
    "script-src": f"'self' {HASHES}",
    "style-src": "'self'",
    "style-src-elem": f"'self' {HASHES}",
    "style-src-attr": "'none'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'none'",
}


def policy_as_written(content: str) -> tuple[list[str], dict[str, str]]:
    """(directive names in order, {name: value with its hash list replaced by HASHES}) of a policy."""
    names, values = [], {}
    for part in filter(str.strip, content.split(";")):
        name, *sources = part.split()
        hashes = [s for s in sources if s.startswith("'sha256-")]
        rest = [s for s in sources if not s.startswith("'sha256-")]
        names.append(name)
        values[name] = " ".join(rest + ([HASHES] if hashes or name in ("script-src", "style-src-elem") else []))
    return names, values


def test_every_directive_of_every_page_is_exactly_the_sites_own(built_site):
    wrong = []
    for page in html_pages(built_site.site):
        text = page.read_text(encoding="utf-8")
        meta = BeautifulSoup(text, "lxml").select_one('head > meta[http-equiv="Content-Security-Policy"]')
        where = page.relative_to(built_site.site)
        if meta is None:
            wrong.append(f"{where}: no policy")
            continue
        names, values = policy_as_written(meta["content"])
        # A drawing's SVG (in a <template>, which the parsers here leave unread) may hold style attributes.
        has_style_attribute = re.search(r"<[a-zA-Z][^>]*\sstyle=", text) is not None
        expected = {**EXACT_POLICY, "style-src-attr": "'unsafe-inline'" if has_style_attribute else "'none'"}
        if len(names) != len(set(names)):
            wrong.append(f"{where}: a directive is given twice (the browser keeps the first): {names}")
        wrong += [f"{where}: {name} is {values.get(name, '(missing)')!r}, the site's policy says {want!r}"
                  for name, want in expected.items() if values.get(name) != want]
        wrong += [f"{where}: {name} {values[name]!r} is not in the site's policy" for name in values if name not in expected]
    assert wrong == [], (f"{len(wrong)} policy directive(s) differ from EXACT_POLICY in this test; if the change is "
                         "meant, change both scripts/site_tools/content_security_policy.py and EXACT_POLICY: "
                         + "; ".join(wrong[:5]))


def test_the_policy_of_a_page_without_inline_code_is_exactly_the_sites_own():
    names, values = policy_as_written(content_security_policy.policy("<!doctype html><html><head></head><body></body></html>"))
    differ = sorted(set(values.items()) ^ set(EXACT_POLICY.items()))
    assert differ == [] and len(names) == len(EXACT_POLICY), (
        "content_security_policy.policy() differs from EXACT_POLICY in tests/test_content_security_policy.py "
        f"(change both if that is meant): {differ or names}")


# One of Material's own inline scripts (partials/javascripts/content.html), the only kind a page may hold.
THEME_SCRIPT = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                '(target.checked=target.name.startsWith("__tabbed_"))')
PAGE = f"""<!doctype html><html><head><meta charset="utf-8"><script>{THEME_SCRIPT}</script>
<script id="__config" type="application/json">{{"data": 1}}</script><style>p{{color:red}}</style></head>
<body><p>text</p></body></html>"""


def test_policy_allows_exactly_the_inline_scripts_and_styles_of_the_page():
    policy = content_security_policy.policy(PAGE)
    sha = {text: "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"
           for text in (THEME_SCRIPT, '{"data": 1}', "p{color:red}")}
    assert f"script-src 'self' {sha[THEME_SCRIPT]};" in policy  # the JSON data block is not a script
    assert f"style-src-elem 'self' {sha['p{color:red}']};" in policy
    assert "style-src-attr 'none'" in policy


def test_only_mkdocs_serve_lets_inline_scripts_run_for_live_reload():
    assert "script-src 'self' 'unsafe-inline';" in content_security_policy.policy(PAGE, live_reload=True)
    assert "'unsafe-inline'" not in content_security_policy.policy(PAGE)


@pytest.fixture
def open_under_policy(chromium, site_url):
    """open_under_policy(path) -> (page, problems): CSP violations, CSP console errors and dialogs."""
    contexts = []

    def _open(path: str, **context_options):
        context = chromium.new_context(**{"service_workers": "block", **context_options})
        contexts.append(context)
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda m: "Content Security Policy" in m.text and problems.append(m.text))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.goto(site_url + path, wait_until="networkidle")
        if path in diagram_page_paths():
            page.wait_for_function(DIAGRAMS_DRAWN_AS_SVG, timeout=15_000)
        return page, problems

    yield _open
    for context in contexts:
        context.close()


def violations(page, problems) -> list[str]:
    """The distinct problems seen so far (console errors repeat what the events report)."""
    return sorted(set(problems + page.evaluate("window.__violations")))


def test_search_finds_pages_under_the_policy(open_under_policy, site_url):
    page, problems = open_under_policy("")
    page.keyboard.press("/")  # Material's search shortcut
    page.keyboard.type("writable layer")
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    with page.expect_navigation(timeout=15_000):
        page.click(".md-search-result__link >> nth=0")
    assert page.url != site_url, "following a search result did not leave the home page"
    blocked = violations(page, problems)
    assert blocked == [], (f"searching and opening a result broke the Content-Security-Policy {len(blocked)} time(s) "
                           f"(scripts/site_tools/content_security_policy.py writes it); first: {blocked[:2]}")


def test_palette_toggle_works_under_the_policy(open_under_policy):
    page, problems = open_under_policy("", color_scheme="light")
    page.click("label[title='Switch to dark mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_function(DIAGRAMS_DRAWN_AS_SVG)
    assert violations(page, problems) == []


def test_self_test_scores_an_answer_under_the_policy(open_under_policy):
    """quiz.js (a site file) turns the answer key into a quiz, scores a choice and shows why."""
    page, problems = open_under_policy("revise/self-test/")
    page.wait_for_selector(".quiz--live")
    question = page.locator(".quiz-question").first
    question.locator("input[type=radio]").first.check()
    question.locator("button[type=submit]").click()
    assert "Answer:" in question.locator(".quiz-feedback").inner_text()
    assert violations(page, problems) == []


def test_policy_blocks_an_injected_inline_script_and_event_handler(open_under_policy):
    """The policy is enforced, not only present: markup injected into a page cannot run."""
    page, problems = open_under_policy("revise/comparison/")
    page.evaluate("""() => {
        document.body.insertAdjacentHTML('beforeend', '<img src="x.png" onerror="window.__ran = 1">');
        const script = document.createElement('script');
        script.textContent = 'window.__ran = 2';
        document.body.append(script);
    }""")
    page.wait_for_function("window.__violations.length >= 2")
    assert page.evaluate("window.__ran") is None
