"""Source notes: external links numbered in order, each address listed once at the page's end."""

from __future__ import annotations

import pytest

from site_tools.source_notes import with_source_notes

A, B = "https://docs.docker.com/a/", "https://github.com/opencontainers/b?x=1&amp;y=2"


def test_links_are_numbered_in_order_and_a_repeated_address_keeps_its_number():
    html = with_source_notes(f'<p><a href="{A}">a</a> <a href="{B}">b</a> <a href="{A}">again</a></p>')
    assert html.count('data-source-note="1"') == 2 and html.count('data-source-note="2"') == 1
    assert html.index("docs.docker.com/a/</span>") < html.index("opencontainers/b?x=1&amp;y=2</span>")
    assert html.count("<li>") == 2


def test_notes_are_kept_out_of_search():
    assert 'class="source-notes" data-search-exclude' in with_source_notes(f'<a href="{A}">a</a>')


def test_a_page_without_external_links_is_left_alone():
    html = '<p><a href="../image/">image</a> <a href="#x">x</a></p>'
    assert with_source_notes(html) == html


def test_numbering_twice_fails_naming_the_cause():
    with pytest.raises(ValueError, match="already numbered"):
        with_source_notes(with_source_notes(f'<a href="{A}">a</a>'))
