"""How the hooks change the built revision pack (scripts/site_tools/revision_pack.py)."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from site_tools import revision_pack


def built_pack(site, html="<p>pack</p>"):
    pack = site / revision_pack.FILE
    pack.parent.mkdir(parents=True)
    pack.write_text(html, encoding="utf-8")
    return pack


def test_a_change_is_written_back_whole(tmp_path):
    pack = built_pack(tmp_path)
    revision_pack.rewrite(tmp_path, lambda html: html.replace("pack", "repaired"), if_missing="fix")
    assert pack.read_text(encoding="utf-8") == "<p>repaired</p>"
    assert [p.name for p in pack.parent.iterdir()] == ["index.html"], "a temporary file was left behind"


def test_a_change_that_fails_leaves_the_pack_as_it_was(tmp_path):
    pack = built_pack(tmp_path)

    def broken(html):
        raise PluginError("the hook found something it does not know")

    with pytest.raises(PluginError):
        revision_pack.rewrite(tmp_path, broken, if_missing="fix")
    assert pack.read_text(encoding="utf-8") == "<p>pack</p>"


def test_a_missing_pack_fails_the_build_naming_the_file_and_the_fix(tmp_path):
    with pytest.raises(PluginError, match=r"^print_page/index.html is missing from the built site; remove the hook$"):
        revision_pack.rewrite(tmp_path, str.upper, if_missing="remove the hook")


def test_a_hook_that_does_not_need_the_pack_skips_a_missing_one(tmp_path):
    revision_pack.rewrite(tmp_path, str.upper, if_missing=None)
    assert not (tmp_path / revision_pack.FILE).exists()
