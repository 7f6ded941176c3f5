"""The built site publishes what readers need: no source maps, no raw data files or schemas."""

from __future__ import annotations

from site_tools import site_data
from site_tools import source_maps


def test_the_site_has_no_source_maps_and_no_comment_naming_one(built_site):
    maps = [p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*.map")]
    naming = [p.relative_to(built_site.site).as_posix() for p in built_site.site.rglob("*")
              if p.suffix in {".js", ".mjs", ".css"} and "sourceMappingURL" in p.read_text(encoding="utf-8")]
    assert maps == [] and naming == [], "overrides/hooks/drop_source_maps.py did not run"


def test_dropping_source_maps_removes_both_comment_styles_and_keeps_the_code(tmp_path):
    (tmp_path / "a.min.js").write_text("run();\n//# sourceMappingURL=a.min.js.map\n", encoding="utf-8")
    (tmp_path / "b.min.css").write_text("p{color:red}\n/*# sourceMappingURL=b.min.css.map */", encoding="utf-8")
    (tmp_path / "a.min.js.map").write_text("{}", encoding="utf-8")
    dropped = source_maps.drop(tmp_path)
    assert [p.name for p in dropped] == ["a.min.js.map"]
    assert (tmp_path / "a.min.js").read_text(encoding="utf-8") == "run();\n"
    assert (tmp_path / "b.min.css").read_text(encoding="utf-8") == "p{color:red}\n"


def test_the_data_files_and_schemas_stay_out_of_the_site(built_site):
    published = sorted(p.name for p in (built_site.site / "data").iterdir())
    assert published == sorted(uri.split("/")[-1] for uri in (site_data.FLASHCARDS_URI, site_data.FLASHCARDS_APKG_URI)), (
        f"site/data/ holds {published}; keep docs/data/*.yml and *.schema.json in mkdocs.yml's exclude_docs")
