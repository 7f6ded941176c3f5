"""Reading on a phone (390 px) and a laptop (1280 px), in both palettes: commands whole, sizes readable.

Issue 20: commands broke inside a word ("user/app:1." then "0"), code blocks were cut off with
no sign that they scroll, table cells split words, and the exam answer, the corrections, the
cheat sheet's commands and the tooltips were smaller than body text. Each page is opened once
per width and palette, and everything is measured in that one visit (one evaluate each).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from site_tools import code_tokens
from conftest import looking_tab

WIDTHS = {390: 844, 1280: 800}  # viewport width -> height
SCHEMES = ("light", "dark")
# The pages measured, and why: commands in tables, the boxes that matter most with a tooltip,
# the widest table, and code blocks.
PAGES = ("beyond/cheat-sheet/", "basics/container/", "revise/comparison/",
         "basics/what-makes-a-container/", "beyond/base-images-and-build-cache/")

# Every word of inline code that is broken over two lines (Range rectangles on more than one
# line), the page's own width, each element that scrolls sideways with its cue, each code block
# with or without a copy button, and the computed font sizes that must reach body text's.
MEASURE = """
() => {
  const article = document.querySelector('article');
  const size = el => el ? parseFloat(getComputedStyle(el).fontSize) : null;
  // The words (matches of `pattern`) of `element` that lie on more than one line.
  const broken = (element, pattern) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const chars = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode())
      for (let i = 0; i < node.data.length; i++) chars.push([node, i]);
    const text = chars.map(([n, i]) => n.data[i]).join('');
    const found = [];
    for (const word of text.matchAll(pattern)) {
      if (word[0].length > %(longest)d) continue;
      const range = document.createRange();
      range.setStart(...chars[word.index]);
      const [last, at] = chars[word.index + word[0].length - 1];
      range.setEnd(last, at + 1);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      if (rects.length && Math.min(...rects.map(r => r.bottom)) <= Math.max(...rects.map(r => r.top)))
        found.push(word[0]);
    }
    return found;
  };
  const inline = [...article.querySelectorAll('code')].filter(code => !code.closest('pre'));
  const brokenCode = inline.flatMap(code => broken(code, /\\S+/g));
  // In table cells, a word is a run of letters and digits: a line may break at a space or hyphen.
  const brokenInCells = [...article.querySelectorAll('td')].flatMap(cell => broken(cell, /[\\p{L}\\p{N}]+/gu));
  const scrolling = [...article.querySelectorAll('pre > code, .md-typeset__scrollwrap')]
    .filter(el => el.scrollWidth > el.clientWidth + 1)
    .map(el => {
      const style = getComputedStyle(el);
      return {what: el.matches('code') ? 'code block' : 'table', attachment: style.backgroundAttachment,
              gradients: (style.backgroundImage.match(/gradient\\(/g) || []).length};
    });
  const body = [...article.querySelectorAll(':scope > p')].find(p => !p.closest('.admonition'));
  return {
    brokenCode, brokenInCells, scrolling,
    pageWidth: document.documentElement.scrollWidth,
    codeBlocks: article.querySelectorAll('div.highlight pre').length,
    copyButtons: article.querySelectorAll('div.highlight pre .md-code__button[data-md-type="copy"]').length,
    body: size(body),
    sizes: {
      'exam answer': size(article.querySelector('.admonition.abstract > p:not(.admonition-title)')),
      'Precisely box': size(article.querySelector('.correction > :is(p, ul):not(.admonition-title)')),
      'cheat-sheet command': size(article.querySelector('td:first-child > code:first-child')),
    },
  };
}
""" % {"longest": code_tokens.LONGEST}

COPY_BUTTONS_ADDED = """() => document.querySelectorAll('article div.highlight pre').length
  == document.querySelectorAll('article div.highlight pre .md-code__button[data-md-type="copy"]').length"""

TOOLTIP_PAGE = "basics/container/"
TOOLTIP = """
async () => {
  const term = document.querySelector('article abbr[tabindex]');
  if (!term) return null;
  term.focus();
  for (let i = 0; i < 50 && !document.querySelector('.md-tooltip2--active'); i++)
    await new Promise(done => setTimeout(done, 50));
  const inner = document.querySelector('.md-tooltip2--active .md-tooltip2__inner');
  return inner ? parseFloat(getComputedStyle(inner).fontSize) : 0;
}
"""


@pytest.fixture(scope="module")
def measured(chromium, site_url):
    """{(page, width, scheme): measurements}, each page opened once per width and palette."""
    results = {}
    for width, height in WIDTHS.items():
        for scheme in SCHEMES:
            page = looking_tab(chromium, viewport={"width": width, "height": height}, color_scheme=scheme)
            for path in PAGES:
                page.goto(site_url + path, wait_until="load")
                try:  # Material adds the copy buttons once its script runs
                    page.wait_for_function(COPY_BUTTONS_ADDED, timeout=5000)
                except PlaywrightTimeout:
                    pass  # the test on copy buttons says how many are missing
                result = page.evaluate(MEASURE)
                if path == TOOLTIP_PAGE:
                    result["tooltip"] = page.evaluate(TOOLTIP)
                if result["codeBlocks"]:
                    page.emulate_media(media="print")
                    result["copy buttons printed"] = page.evaluate(
                        "[...document.querySelectorAll('.md-code__nav')].filter(n => getComputedStyle(n).display != 'none').length")
                    page.emulate_media(media="screen")
                results[(path, width, scheme)] = result
            page.context.close()
    return results


VIEWS = [(path, width, scheme) for path in PAGES for width in WIDTHS for scheme in SCHEMES]


def _name(view) -> str:
    path, width, scheme = view
    return f"{path} at {width} px ({scheme})"


@pytest.mark.parametrize("view", VIEWS, ids=_name)
def test_no_command_breaks_inside_a_word(measured, view):
    broken = measured[view]["brokenCode"]
    assert not broken, (f"{_name(view)}: inline code broken inside a word: {broken[:5]}; each word must stay whole "
                        "(overrides/hooks/code_tokens.py and the .code-token rule in docs/assets/stylesheets/site.css)")


@pytest.mark.parametrize("view", VIEWS, ids=_name)
def test_no_table_cell_breaks_inside_a_word(measured, view):
    broken = measured[view]["brokenInCells"]
    assert not broken, (f"{_name(view)}: table cells split these words over two lines: {broken[:5]}; a wide table must "
                        "scroll instead (the table cell rule in docs/assets/stylesheets/site.css)")


@pytest.mark.parametrize("view", VIEWS, ids=_name)
def test_the_page_is_never_wider_than_the_screen(measured, view):
    assert measured[view]["pageWidth"] <= view[1], (
        f"{_name(view)}: the page is {measured[view]['pageWidth']} px wide; something wide must scroll in its own box")


@pytest.mark.parametrize("view", VIEWS, ids=_name)
def test_whatever_scrolls_sideways_shows_a_cue(measured, view):
    without = [box for box in measured[view]["scrolling"]
               if box["gradients"] < 4 or "local" not in box["attachment"] or "scroll" not in box["attachment"]]
    assert not without, (f"{_name(view)}: {len(without)} element(s) scroll sideways with no scroll cue ({without[:2]}); "
                         "see the scroll-cue rule in docs/assets/stylesheets/site.css")


def test_a_code_block_scrolls_on_a_phone_so_the_cue_is_tested(measured):
    assert any(box["what"] == "code block" for box in measured[("basics/what-makes-a-container/", 390, "light")]["scrolling"]), (
        "basics/what-makes-a-container/ has no code block wider than a phone any more: pick another page for PAGES")


@pytest.mark.parametrize("view", [v for v in VIEWS if v[0] in ("basics/what-makes-a-container/",
                                                               "beyond/base-images-and-build-cache/")], ids=_name)
def test_every_code_block_has_a_copy_button_on_screen_only(measured, view):
    result = measured[view]
    assert result["codeBlocks"] and result["copyButtons"] == result["codeBlocks"], (
        f"{_name(view)}: {result['copyButtons']} copy buttons for {result['codeBlocks']} code blocks; "
        "mkdocs.yml's theme features need content.code.copy")
    assert result["copy buttons printed"] == 0, f"{_name(view)}: a copy button prints; hide .md-code__nav in print (site.css)"


# What each size is measured on: the Learn page with both boxes, and the cheat sheet.
MEASURED_ON = {"exam answer": "basics/container/", "Precisely box": "basics/container/",
               "cheat-sheet command": "beyond/cheat-sheet/"}
SIZED = [(view, what) for what, path in MEASURED_ON.items() for view in VIEWS if view[0] == path]


@pytest.mark.parametrize("view, what", SIZED, ids=lambda x: _name(x) if isinstance(x, tuple) else x)
def test_the_text_that_matters_most_is_at_least_body_size(measured, view, what):
    result = measured[view]
    found = result["sizes"][what]
    assert found is not None, f"{_name(view)}: no {what} to measure; update PAGES in tests/test_reading_on_a_phone.py"
    assert found >= result["body"], (f"{_name(view)}: the {what} is {found} px, body text {result['body']} px; "
                                     "raise it in docs/assets/stylesheets/site.css")


@pytest.mark.parametrize("view", [v for v in VIEWS if v[0] == TOOLTIP_PAGE], ids=_name)
def test_a_glossary_tooltip_is_at_least_body_size(measured, view):
    result = measured[view]
    assert result["tooltip"], f"{_name(view)}: focusing a glossary term showed no tooltip"
    assert result["tooltip"] >= result["body"], (f"{_name(view)}: the tooltip text is {result['tooltip']} px, body text "
                                                 f"{result['body']} px; raise it in docs/assets/stylesheets/site.css")
