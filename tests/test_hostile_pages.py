"""A pull request that edits pages, includes, front matter, the theme overrides or the file tree cannot
harm a reader or the build machine (docs/data/ has tests/test_hostile_contributions.py).

ONE table per class of attack, each row a variant; every row must end refused in ONE line naming
the file (and the line where there is one), by the same code the build runs. A few rows per class
are also built end to end, as small fixture sites, to prove the build itself fails.

To extend: add a row to the class's table.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from conftest import ROOT
from site_tools import content_security_policy, page_html, page_sources
from site_tools.allowed_scripts import is_site_script

# --- 1. Scripts by allow-list: what a built page may hold ------------------------------------------------

MATERIAL_SCRIPT = ('var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
                   '(target.checked=target.name.startsWith("__tabbed_"))')
MATERIAL_SCOPE = ('__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
                  '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
                  '__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}')
SCRIPTS = [  # (what it tries, what the built page holds)
    ("inline script", "<script>alert(1)</script>"),
    ("module script", '<script type="module">import("https://evil.example/x.js")</script>'),
    ("explicit JavaScript type", '<script type="text/javascript">alert(1)</script>'),
    ("import map", '<script type="importmap">{"imports": {"x": "https://evil.example/"}}</script>'),
    ("script file on another origin", '<script src="https://evil.example/x.js"></script>'),
    ("protocol-relative script file", '<script src="//evil.example/x.js"></script>'),
    ("site file not on the allow-list", '<script src="assets/evil.js"></script>'),
    ("self-closing script tag", '<script src="assets/evil.js" />'),
    ("script inside an SVG", "<svg><script>alert(1)</script></svg>"),
    ("Material's script with a call added", f"<script>{MATERIAL_SCRIPT};alert(1)</script>"),
    ("Material's scope with a base that breaks out", "<script>" + MATERIAL_SCOPE.format(base='",alert(1),"') + "</script>"),
    ("a second __config block that is not JSON", '<script id="__config" type="application/json">{"base": alert(1)}</script>'),
    ("a data block the theme does not write", '<script type="text/plain" id="x">alert(1)</script>'),
    ("mermaid2's settings with a call", "<script>window.mermaidConfig = {default: {x: alert(1)}};</script>"),
]


def page_with(body: str) -> str:
    return f'<!doctype html><html><head><meta charset="utf-8"></head><body>{body}</body></html>'


@pytest.mark.parametrize("script", [pytest.param(s, id=name) for name, s in SCRIPTS])
def test_a_script_the_site_does_not_write_is_refused_in_one_line(script):
    with pytest.raises(content_security_policy.PolicyError) as refused:
        content_security_policy.policy(page_with(script), path="basics/image/index.html")
    assert len(str(refused.value).splitlines()) == 1, refused.value


@pytest.mark.parametrize("element", ["script", "style", "link"])
def test_anything_that_loads_before_head_is_refused_naming_it(element):
    """The policy is the first thing in <head>; a script, style or stylesheet link above it would
    run or load before the policy governs anything."""
    page = f'<!doctype html><{element}></{element}><html><head><meta charset="utf-8"></head><body></body></html>'
    with pytest.raises(content_security_policy.PolicyError, match=f"<{element}> comes before <head>"):
        content_security_policy.with_policy(page, path="index.html")


def test_materials_own_inline_scripts_and_config_are_hashed():
    page = page_with(f"<script>{MATERIAL_SCRIPT}</script><script>{MATERIAL_SCOPE.format(base='../..')}</script>"
                     '<script id="__config" type="application/json">{"base": "../.."}</script>'
                     '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>')
    assert content_security_policy.policy(page, path="basics/image/index.html").count("'sha256-") == 2


@pytest.mark.parametrize("path, shipped", [("assets/javascripts/quiz.js", True), ("assets/javascripts/bundle.0123abcd.min.js", True),
                                           ("assets/javascripts/evil.js", False), ("assets/images/x.js", False),
                                           ("js/print-site.js", True), ("js/other.js", False)])
def test_only_script_files_on_the_allow_list_are_site_scripts(path, shipped):
    assert is_site_script(path) is shipped


# --- 2. Raw HTML and links in Markdown, by allow-list (pages and includes) -------------------------------

MARKDOWN = [  # (what it tries, Markdown, text the one line must name)
    ("script element", "<script>alert(1)</script>", "<script>"),
    ("img onerror", "<img src=x onerror=alert(1)>", "onerror"),
    ("svg onload", "<svg onload=alert(1)></svg>", "<svg>"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "iframe"),
    ("meta refresh", '<meta http-equiv="refresh" content="20;url=https://evil.example/">', "<meta>"),
    ("base element", '<base href="https://evil.example/">', "base"),
    ("form", '<form action="https://evil.example/"><button>Go</button></form>', "<form>"),
    ("object", '<object data="x.swf"></object>', "<object>"),
    ("style element", "<style>body{display:none}</style>", "<style>"),
    ("style attribute", '<p style="background:url(https://evil.example/x.png)">x</p>', "style"),
    ("inline handler through attr_list", "Heading text\n{: onclick=alert(1) }", "onclick"),
    ("javascript: Markdown link", "[docs](javascript:alert(1))", "javascript"),
    ("data: link", '<a href="data:text/html,x">x</a>', "data:"),
    ("http:// link", "[docs](http://docs.docker.com/)", "http:"),
    ("raw IP address", "[docs](https://192.0.2.1/)", "192.0.2.1"),
    ("look-alike host", "[docs](https://docs.docker.com.evil.example/)", "docs.docker.com.evil.example"),
    ("look-alike host in punycode", "[docs](https://xn--dcs-docker-9db.com/)", "xn--"),
    ("foreign image", "![x](https://evil.example/x.png)", "evil.example"),
    ("srcset", '<img alt="x" srcset="https://evil.example/x.png 1x">', "srcset"),
    ("Material's own id (DOM clobbering)", '<div id="__config">{}</div>', "__config"),
    ("Material's component attribute", '<div data-md-component="announce">x</div>', "data-md-component"),
]


@pytest.fixture(scope="module")
def site_markdown():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@pytest.mark.parametrize("text, named", [pytest.param(text, named, id=name) for name, text, named in MARKDOWN])
def test_html_off_the_allow_list_is_refused_with_file_and_line(tmp_path, site_markdown, text, named):
    page = tmp_path / "page.md"
    page.write_text(f"# Page\n\nSome text.\n\n{text}\n", encoding="utf-8")
    refused = page_html.refusals(site_markdown.reset().convert(page.read_text(encoding="utf-8")))
    assert refused, f"{text!r} was accepted"
    line = page_html.located(refused[0], [page], lambda path: path.name)
    assert len(line.splitlines()) == 1 and re.match(r"page\.md:[5-6]: ", line) and named in line, line


def test_the_site_pages_render_to_allowed_html_only(site_markdown):
    from mkdocs.utils import meta

    refused = {path.name: page_html.refusals(site_markdown.reset().convert(meta.get_data(path.read_text(encoding="utf-8"))[0]))
               for path in (ROOT / "docs").rglob("*.md")}
    assert {name: found for name, found in refused.items() if found} == {}


def test_a_snippet_cannot_leave_the_includes_folder(site_markdown):
    with pytest.raises(Exception, match="config|not found|outside|restricted|Snippet"):
        site_markdown.reset().convert('--8<-- "../.git/config"\n')


# --- 3. Front matter is data ------------------------------------------------------------------------------

FRONT_MATTER = [  # (what it tries, the YAML between the '---' lines, text the one line must name)
    ("its own template", "template: ../../etc/x.html", "unknown field 'template'"),
    ("an unknown key", "extra_css: [x.css]", "unknown field 'extra_css'"),
    ("description opening a tag", "description: a <script>alert(1)</script>", "description"),
    ("title closing <title>", "title: x</title><script>alert(1)</script>", "title"),
    ("title closing an attribute", 'title: x" onmouseover="alert(1)', "title"),
    ("title with an entity", "title: a &lt;/title&gt;", "title"),
    ("zero-width character", "description: Nat\u200bure", "U+200B"),
    ("bidi override", "description: safe\u202eexe", "U+202E"),
    ("alias bomb", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]", "anchors and aliases"),
    ("deep nesting", "hide: " + "[" * 12 + "x" + "]" * 12, "nested"),
    ("front matter too large", "description: x\n" + "# padding\n" * 500, "over the limit"),
    ("hide an unknown part", "hide: [everything]", "hide"),
    ("a switch that is not a switch", "glossary_tooltips: 'no'", "glossary_tooltips"),
    ("a line break in a description", 'description: "one\\ntwo"', "line break"),
]


@pytest.mark.parametrize("yaml_text, named", [pytest.param(text, named, id=name) for name, text, named in FRONT_MATTER])
def test_front_matter_off_the_schema_is_refused_in_one_line(tmp_path, yaml_text, named):
    page = tmp_path / "page.md"
    page.write_text(f"---\n{yaml_text}\n---\n# Page\n", encoding="utf-8")
    problems = page_sources.page_problems(page, page=True)
    assert problems and all(len(p.splitlines()) == 1 for p in problems), problems
    assert str(page) in problems[0] and named in problems[0], problems


def test_front_matter_without_dashes_is_refused():
    assert page_sources.front_matter_problems("template: x.html\n\n# Page\n", "page.md") == [
        "page.md:1: front matter without '---' lines (template); put it between two '---' lines, or start the page with its heading"]


def test_the_site_front_matter_passes():
    assert page_sources.source_problems(ROOT) == []


# --- 4 and 6. Nothing outside the project is published; bounds before any plugin ---------------------------

def make_project(tmp_path: Path) -> Path:
    for folder in page_sources.CHECKED_FOLDERS:
        (tmp_path / folder).mkdir()
    (tmp_path / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    return tmp_path


TREE = [  # (what it tries, how, text the one line must name)
    ("a file linked to the build's environment", lambda p: (p / "docs/x.txt").symlink_to("/proc/self/environ"), "docs/x.txt"),
    ("an include linked to .git", lambda p: (p / "includes/git.md").symlink_to(ROOT / ".git"), "includes/git.md"),
    ("a folder linked out of the project", lambda p: (p / "docs/etc").symlink_to("/etc"), "docs/etc"),
    ("a theme override linked", lambda p: (p / "overrides/main.html").symlink_to("/etc/hostname"), "overrides/main.html"),
    ("docs itself a link", lambda p: (shutil.rmtree(p / "includes"), (p / "includes").symlink_to("/etc")), "includes"),
    ("a file name that closes an attribute", lambda p: (p / 'docs/x"onmouseover=alert(1).md').write_text("# x\n"), "onmouseover"),
    ("a raw HTML page", lambda p: (p / "docs/evil.html").write_text('<meta http-equiv="refresh" content="0;url=https://evil.example/">'),
     "docs/evil.html"),
    ("an XHTML page", lambda p: (p / "docs/evil.xhtml").write_text("<html/>"), "docs/evil.xhtml"),
    ("a page over the size limit", lambda p: (p / "docs/big.md").write_text("# Big\n" + ("word " * 20 + "\n") * 2100),
     "byte limit"),
    ("a line over the length limit", lambda p: (p / "docs/long.md").write_text("# Long\n" + "a" * 150_000 + "\n"), "long.md:2"),
    ("a zero-width character in a page", lambda p: (p / "docs/zw.md").write_text("# Z\n\nNat\u200bure\n"), "zw.md:3"),
    ("a bidi override in an include", lambda p: (p / "includes/bidi.md").write_text("safe\u202eexe\n"), "bidi.md:1"),
    ("a page that is not UTF-8", lambda p: (p / "docs/latin.md").write_bytes(b"# Latin \xe9\n"), "not UTF-8"),
]


@pytest.mark.parametrize("change, named", [pytest.param(change, named, id=name) for name, change, named in TREE])
def test_an_unsafe_file_tree_is_refused_in_one_line(tmp_path, change, named):
    project = make_project(tmp_path)
    change(project)
    problems = page_sources.source_problems(project)
    assert len(problems) == 1 and named in problems[0], problems


# --- End to end: the build fails, on a small fixture site --------------------------------------------------

FIXTURE_CONFIG = f"""site_name: Fixture
site_url: https://example.org/fixture/
theme:
  name: material
  custom_dir: overrides
  font: false
hooks:
  - {ROOT}/overrides/hooks/page_sources.py
  - {ROOT}/overrides/hooks/policy_meta.py
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.snippets:
      base_path: [includes]
      restrict_base_path: true
      check_paths: true
      auto_append: [links.md]
"""


def fixture_site(tmp_path: Path, files: dict[str, str]) -> subprocess.CompletedProcess:
    """Build a one-page site with the real theme overrides and the two guarding hooks, plus `files`."""
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides", ignore=shutil.ignore_patterns("hooks"))
    base = {"mkdocs.yml": FIXTURE_CONFIG, "docs/index.md": "---\ndescription: A page.\n---\n# Fixture\n\nSee [the docs][d].\n",
            "includes/links.md": "[d]: https://docs.docker.com/\n"}
    for name, text in {**base, **files}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
                          cwd=tmp_path, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)


def error_lines(build: subprocess.CompletedProcess) -> list[str]:
    return [line for line in build.stderr.splitlines() if line.startswith(("ERROR", "Aborted"))]


def test_an_unknown_inline_script_fails_the_build_naming_the_page(tmp_path):
    override = '{% extends "base.html" %}\n{% block scripts %}{{ super() }}<script>fetch("https://evil.example/")</script>{% endblock %}\n'
    build = fixture_site(tmp_path, {"overrides/main.html": override})
    assert build.returncode != 0
    assert "index.html (built from docs/index.md): an inline script the theme does not write" in build.stderr, build.stderr


def test_a_script_in_an_include_fails_the_build_naming_the_include_line(tmp_path):
    build = fixture_site(tmp_path, {"includes/links.md": "[d]: https://docs.docker.com/\n\n<script>alert(1)</script>\n"})
    assert build.returncode != 0 and re.search(r"includes/links\.md:3: <script> is not allowed", build.stderr), build.stderr


def test_a_template_in_front_matter_fails_the_build(tmp_path):
    build = fixture_site(tmp_path, {"docs/index.md": "---\ntemplate: evil.html\n---\n# Fixture\n"})
    assert build.returncode != 0 and re.search(r"docs/index\.md:2: unknown field 'template'", build.stderr), build.stderr


def test_a_description_that_closes_its_attribute_is_written_escaped(tmp_path):
    hostile = 'x" http-equiv="refresh" content="0;url=https://evil.example/ & more'
    build = fixture_site(tmp_path, {"docs/index.md": f"---\ndescription: '{hostile}'\n---\n# Fixture\n"})
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    escaped = 'x&quot; http-equiv=&quot;refresh&quot; content=&quot;0;url=https://evil.example/ &amp; more'
    assert page.count(f'content="{escaped}"') == 3 and 'http-equiv="refresh"' not in page  # description, og:, twitter:


def test_a_title_the_theme_would_write_raw_fails_the_build(tmp_path):
    build = fixture_site(tmp_path, {"docs/index.md": '# Images "vs" containers\n'})
    assert build.returncode != 0 and "the page title" in build.stderr, (
        "a title with a double quote (which Material writes unescaped into <head>) was built "
        f"(exit {build.returncode}); overrides/hooks/page_sources.py must refuse it naming 'the page title': {build.stderr[-500:]}")


def test_a_symbolic_link_fails_the_build_in_one_line(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/environ.txt").symlink_to("/proc/self/environ")
    build = fixture_site(tmp_path, {})
    assert build.returncode != 0 and "docs/environ.txt: a symbolic link" in build.stderr, build.stderr
    assert not (tmp_path / "site/environ.txt").exists()


# --- 5. Drawings are verified, not trusted ------------------------------------------------------------------

DRAWINGS = [  # (what a forged cache entry or a diagram's source slips into a drawing, the SVG, text the phrase must name)
    ("script", '<svg id="mermaid-x"><script>alert(1)</script></svg>', "<script>"),
    ("event attribute", '<svg id="mermaid-x" onload="alert(1)"></svg>', "onload"),
    ("pointer event attribute", '<svg id="mermaid-x"><g onmouseover="alert(1)"></g></svg>', "onmouseover"),
    ("focus event attribute", '<svg id="mermaid-x"><a tabindex="0" onfocus="alert(1)">x</a></svg>', "onfocus"),
    ("click link to another site", '<svg id="mermaid-x"><a xlink:href="https://evil.example/">x</a></svg>', "evil.example"),
    ("javascript: link", '<svg id="mermaid-x"><a href="javascript:alert(1)">x</a></svg>', "javascript"),
    ("label image", '<svg id="mermaid-x"><foreignObject><div><img src="https://evil.example/x.png"></div></foreignObject></svg>',
     "<img>"),
    ("label iframe", '<svg id="mermaid-x"><foreignObject><iframe src="/"></iframe></foreignObject></svg>', "<iframe>"),
    ("SVG image", '<svg id="mermaid-x"><image href="https://evil.example/x.png"/></svg>', "<image>"),
    ("use of another file", '<svg id="mermaid-x"><use href="https://evil.example/x.svg#a"/></svg>', "<use>"),
    ("themeCSS url()", '<svg id="mermaid-x"><style>.a{background:url(https://evil.example/x.png)}</style></svg>', "evil.example"),
    ("themeCSS @import", '<svg id="mermaid-x"><style>@import "https://evil.example/x.css";</style></svg>', "evil.example"),
    ("style attribute url()", '<svg id="mermaid-x"><g style="fill:url(https://evil.example/#a)"></g></svg>', "evil.example"),
    ("style attribute url() written with an escape", '<svg id="mermaid-x"><g style="fill:\\75 rl(https://evil.example/#a)"></g></svg>',
     "evil.example"),
    ("presentation attribute url() written with an escape",
     '<svg id="mermaid-x"><rect fill="u\\72l(https://evil.example/#a)"></rect></svg>', "evil.example"),
    ("style attribute image-set()", '<svg id="mermaid-x"><g style="background:image-set(\'https://evil.example/x.png\' 1x)"></g></svg>',
     "evil.example"),
    ("a drawing too large", '<svg id="mermaid-x">' + "<g></g>" * 70_000 + "</svg>", "byte limit"),
]


@pytest.mark.parametrize("svg, named", [pytest.param(svg, named, id=name) for name, svg, named in DRAWINGS])
def test_a_drawing_beyond_what_mermaid_draws_is_refused(svg, named):
    from site_tools.svg_check import svg_problems

    problems = svg_problems(svg)
    assert problems and named in problems[0], (f"scripts/site_tools/svg_check.py let through a drawing with {named} "
                                               f"(it found {problems}); refuse it, naming {named!r}")


def test_the_sites_own_drawings_pass_the_drawing_check(built_site):
    from site_tools.svg_check import svg_problems

    drawings = sorted((built_site.site / "assets").rglob("*.svg"))
    assert drawings and {path.name: svg_problems(path.read_text(encoding="utf-8")) for path in drawings} == \
        {path.name: [] for path in drawings}


FORGED_ENTRIES = {  # a .cache/diagrams entry that is not what its key promises -> its text, given the drawing's id
    "script in the drawing": lambda id_: json.dumps({"svg": f'<svg id="{id_}"><script>alert(1)</script></svg>',
                                                     "standalone": "<svg></svg>", "width": 1, "height": 1, "min_font_px": 12}),
    "script in the full-size file": lambda id_: json.dumps({"svg": f'<svg id="{id_}"></svg>', "width": 1, "height": 1,
                                                            "standalone": "<svg onload='alert(1)'></svg>", "min_font_px": 12}),
    "another diagram's drawing": lambda id_: json.dumps({"svg": '<svg id="mermaid-000000000000"></svg>',
                                                         "standalone": "<svg></svg>", "width": 1, "height": 1, "min_font_px": 12}),
    "corrupt JSON": lambda id_: '{"svg": "<svg',
    "extra fields": lambda id_: json.dumps({"svg": f'<svg id="{id_}"></svg>', "standalone": "<svg></svg>", "width": 1,
                                            "height": 1, "min_font_px": 12, "script": "alert(1)"}),
}


@pytest.mark.parametrize("forge", FORGED_ENTRIES.values(), ids=FORGED_ENTRIES.keys())
def test_a_forged_cache_entry_is_discarded_and_drawn_again(tmp_path, forge):
    from site_tools import mermaid_render

    renderer = mermaid_render.Renderer(cache=tmp_path)
    source = "flowchart LR\n  A --> B\n"
    key = renderer.key(source)
    forged = tmp_path / f"{key}.json"
    forged.write_text(forge(mermaid_render.diagram_id(key)), encoding="utf-8")

    class Redrawn(Exception):
        pass

    def redraw():
        raise Redrawn

    renderer._page_ready = redraw
    with pytest.raises(Redrawn):
        renderer.draw(source)
    assert not forged.exists()


def test_the_diagram_cache_is_never_tracked_by_git():
    tracked = subprocess.run(["git", "ls-files", ".cache"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert tracked == "", f"remove it from git: git rm -r --cached .cache ({tracked.split()[:3]})"
    ignored = subprocess.run(["git", "check-ignore", "-q", ".cache/diagrams/x.json"], cwd=ROOT)
    assert ignored.returncode == 0, ".gitignore must list /.cache/"


# --- 7. All-or-nothing site ----------------------------------------------------------------------------------

def interrupted(folder: Path) -> int:
    (folder / "index.html").write_text("half a page", encoding="utf-8")
    raise KeyboardInterrupt


def disk_full(folder: Path) -> int:
    (folder / "index.html").write_text("half a page", encoding="utf-8")
    raise OSError(28, "No space left on device")


def failed(folder: Path) -> int:
    (folder / "index.html").write_text("a page without its policy", encoding="utf-8")
    return 1


@pytest.mark.parametrize("build, status, said", [(interrupted, 130, "interrupted"), (disk_full, 1, "No space left on device"),
                                                 (failed, 1, "failed")])
def test_a_build_that_does_not_finish_leaves_the_previous_site_and_no_temporary_folder(tmp_path, capsys, build, status, said):
    from site_tools import whole_site

    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    assert whole_site.build_whole(build, site) == status
    assert [path.name for path in tmp_path.iterdir()] == ["site"]
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    message = capsys.readouterr().err.splitlines()
    assert len(message) == 1 and said in message[0] and "untouched" in message[0], message


def test_a_finished_build_replaces_the_site_whole(tmp_path):
    from site_tools import whole_site

    site = tmp_path / "site"
    (site / "old").mkdir(parents=True)
    assert whole_site.build_whole(lambda folder: (folder / "index.html").write_text("new") and 0, site) == 0
    assert sorted(path.name for path in site.iterdir()) == ["index.html"] and [p.name for p in tmp_path.iterdir()] == ["site"]


def test_the_pdf_build_leaves_the_previous_site_when_its_last_build_fails(tmp_path, monkeypatch, capsys):
    """scripts/build_pdfs.py publishes through the same swap as scripts/build.py: its last build
    (the one with the PDFs) failing leaves the previous site untouched."""
    spec = importlib.util.spec_from_file_location("build_pdfs", ROOT / "scripts/build_pdfs.py")
    build_pdfs = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_pdfs)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    builds = []

    def mkdocs_build(folder: Path, **env: str) -> int:
        builds.append(env)
        (folder / "index.html").parent.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text("half a site", encoding="utf-8")
        return 1 if env else 0  # the first build (no PDFs yet) passes, the last one fails

    monkeypatch.setattr(build_pdfs, "mkdocs_build", mkdocs_build)
    monkeypatch.setattr(build_pdfs, "print_pdfs", lambda first, out: None)
    monkeypatch.setattr(sys, "argv", ["build_pdfs.py", "--site-dir", str(site)])
    with pytest.raises(SystemExit) as ended:
        build_pdfs.main()
    assert ended.value.code == 1 and len(builds) == 2
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site", \
        "scripts/build_pdfs.py wrote its last build straight into --site-dir: build it through whole_site.build_whole"
    assert "untouched" in capsys.readouterr().err


# --- 8. The environment: a changed installed file is noticed ---------------------------------------------------

def installed_package(tmp_path: Path, code: bytes):
    """A distribution installed in tmp_path: one module and its RECORD (size and SHA-256)."""
    import base64
    import hashlib
    from importlib.metadata import PathDistribution

    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg/__main__.py").write_bytes(code)
    info = tmp_path / "pkg-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n", encoding="utf-8")
    digest = base64.urlsafe_b64encode(hashlib.sha256(code).digest()).rstrip(b"=").decode()
    (info / "RECORD").write_text(f"pkg/__main__.py,sha256={digest},{len(code)}\npkg-1.0.dist-info/RECORD,,\n", encoding="utf-8")
    return PathDistribution(info)


@pytest.mark.parametrize("tampered, changed", [(b"print('the real build')\n", False), (b"pass\n", True),
                                               (b"print('the fake build')\n", True)],
                         ids=["unchanged", "a stub of another size", "an edit of the same size"])
def test_the_environment_check_notices_a_changed_installed_file(tmp_path, tampered, changed):
    from site_tools import env_health

    dist = installed_package(tmp_path, b"print('the real build')\n")
    verified: dict = {}
    assert env_health.file_problems(dist, {}, verified) == ([], [])
    (tmp_path / "pkg/__main__.py").write_bytes(tampered)
    os.utime(tmp_path / "pkg/__main__.py", ns=(1, 1))
    assert env_health.file_problems(dist, verified, {}) == ([], ["pkg/__main__.py"] if changed else [])


# What a reviewer may leave to the build's checks: the pages, the includes and the data files. Every
# other file of a pull request is code (README, Security): the set-up, the build or a browser runs it.
CONTENT = re.compile(r"(docs|includes)/.+\.md|docs/data/[^/]+\.yml")


def test_the_readmes_preview_check_hides_only_pages_includes_and_data_files():
    """The README's `git diff` before previewing an untrusted pull request, run on this repository's
    files: what it leaves out must be content, so nothing the set-up or the build runs goes unseen."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    pathspecs = re.findall(r"'([^']+)'|(\S+)", re.search(r"`git diff main --stat -- ([^`]+)`", readme)[1])
    shown = subprocess.run(["git", "ls-files", "-z", "--", *(quoted or bare for quoted, bare in pathspecs)],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    hidden = sorted(set(tracked) - set(shown))
    assert hidden and all(CONTENT.fullmatch(name) for name in hidden), (
        "the README's check before previewing an untrusted pull request hides files that are not pages, includes "
        f"or data files: {[name for name in hidden if not CONTENT.fullmatch(name)][:10]}; hide only those")


def test_every_test_the_readme_security_section_cites_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Security: what a pull request can and cannot do")[1].split("\n## ")[0]
    defined = {name for path in ("test_hostile_pages.py", "test_hostile_contributions.py", "test_content_security_policy.py", "test_build.py")
               for name in re.findall(r"^def (test_\w+)", (ROOT / "tests" / path).read_text(encoding="utf-8"), re.MULTILINE)}
    cited = set(re.findall(r"`(test_\w+)`", section))
    assert cited and cited <= defined, sorted(cited - defined)


def refused_and_not_cached(tmp_path, chromium, source: str, error: type, match: str) -> None:
    """Drawing `source` in Chromium raises `error` (matching `match`) and leaves nothing in the cache."""
    from site_tools import mermaid_render

    renderer = mermaid_render.Renderer(cache=tmp_path, browser_session=chromium)
    try:
        with pytest.raises(error, match=match):
            renderer.draw(source)
    finally:
        renderer.close()
    assert list(tmp_path.iterdir()) == []


def test_a_diagram_not_drawn_within_the_time_limit_is_refused(tmp_path, chromium, monkeypatch):
    from site_tools import mermaid_render

    monkeypatch.setattr(mermaid_render, "MAX_DRAW_SECONDS", 0.001)
    refused_and_not_cached(tmp_path, chromium, "flowchart LR\n  A --> B\n", mermaid_render.MermaidSyntaxError, "not drawn within")


def test_a_diagram_linking_off_the_primary_sources_is_refused(tmp_path, chromium):
    from site_tools import mermaid_render

    refused_and_not_cached(tmp_path, chromium, 'flowchart LR\n  A --> B\n  click A href "https://evil.example/" "Docs"\n',
                           mermaid_render.UnsafeDrawing, "evil.example")


# Hooks allowed after the policy: they change no page (offline_cache only writes the service worker,
# hashing the pages as published).
AFTER_THE_POLICY = ["overrides/hooks/offline_cache.py"]


def test_the_site_runs_the_page_checks_first_and_the_policy_after_every_hook_that_changes_pages():
    hooks = re.findall(r"^  - (overrides/hooks/\w+\.py)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE)
    assert hooks[0] == "overrides/hooks/page_sources.py", f"mkdocs.yml: page_sources.py must be the first hook, not {hooks[0]}"
    after = hooks[hooks.index("overrides/hooks/policy_meta.py") + 1:]
    assert after == AFTER_THE_POLICY, (f"mkdocs.yml: only {AFTER_THE_POLICY} may follow policy_meta.py (a later hook that "
                                       f"changes pages would publish them without their policy); found {after}")


@pytest.mark.parametrize("name, text, named", [
    ("assets/evil.js", "alert(1)", "a script file the site does not ship"),
    ("assets/javascripts/workers/x.mjs", "alert(1)", "a script file the site does not ship"),
    ("assets/images/x.svg", "<svg onload='alert(1)'/>", "event attribute"),
    ("assets/stylesheets/x.css", "@import url(https://evil.example/x.css);", "evil.example"),
    ("assets/stylesheets/y.css", "body{background:url(//evil.example/x.png)}", "evil.example"),
], ids=["script file", "module file", "SVG with a handler", "stylesheet @import", "stylesheet url()"])
def test_a_built_file_that_runs_or_loads_from_elsewhere_is_refused(tmp_path, name, text, named):
    from site_tools import site_files

    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text(text, encoding="utf-8")
    problems = site_files.problems(tmp_path)
    assert len(problems) == 1 and problems[0].startswith(name) and named in problems[0], problems
