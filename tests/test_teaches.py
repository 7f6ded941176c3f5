"""The data files and the built pages say what tests/spec/teaches.yml says the site teaches.

The spec is the independent statement of the site's facts: every comparison row, the lifecycle's
moves (and the moves Docker does not make), each command, the key glossary terms, each exam
answer, each quiz key and which command each `[cli-...]` link names. The data tests read the
data files; the page tests read the built HTML (the session's one build, no browser). Each
failure's first line names the file, the rule, what was found and what to do.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, parsed
from site_tools import site_data
from teaches import (FIX, SPEC, allowed_moves, broken, cli_url, command_named, never_moves, page_of, parse_move, problem,
                     spec)

COMPARISON = "docs/data/comparison.yml"
LIFECYCLE = "docs/data/lifecycle.yml"
COMMANDS = "docs/data/commands.yml"
GLOSSARY = "docs/data/glossary.yml"
QUIZ = "docs/data/quiz.yml"
LINKS = "includes/links.md"
EXAM_ANSWERS = ROOT / "includes/exam-answers"
LINK_DEFINITION = re.compile(r"^\[(cli-[\w-]+)\]:\s*(\S+)", re.MULTILINE)
REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[(cli-[\w-]+)\]")
INLINE_CLI_LINK = re.compile(r"\[([^\]]+)\]\((https://docs\.docker\.com/reference/cli/[^)\s]+)\)")


def fail_with(problems: list[str]) -> None:
    """Fail with one line per problem; the first line says it all."""
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def data_moves() -> set[tuple[str, str, str]]:
    """Every (from, command or event, to) of lifecycle.yml, a multi-state or multi-command entry split up."""
    return {(source, label, t.to) for t in site_data.lifecycle().transitions
            for source in t.sources for label in t.label.split(", ")}


def show(move: tuple[str, str, str]) -> str:
    return "{} --{}--> {}".format(*move)


# --- the spec itself -------------------------------------------------------------------------

def test_the_spec_tells_the_two_sides_of_each_comparison_row_apart():
    """A row with its sides swapped must break its rules, or the spec cannot catch the swap."""
    rules = spec()["comparison"]
    blind = [feature for feature, sides in rules.items()
             if not broken(" ".join(sides["container"]["must_say"]), sides["image"])
             and not broken(" ".join(sides["image"]["must_say"]), sides["container"])]
    assert blind == [], f"{SPEC}: comparison rows {blind}: give each side a term the other side lacks or must never say"


def test_the_spec_never_allows_a_move_it_forbids():
    both = [show(m) for m in allowed_moves() & set(never_moves())]
    assert both == [], f"{SPEC}: lifecycle lists {both} under both moves and never; keep it under one"


def test_every_spec_move_is_written_from_a_state_by_a_command_to_a_state():
    states = set(spec()["lifecycle"]["states"]) | {"new", "gone"}
    odd = [show(m) for m in allowed_moves() | set(never_moves()) if not {m[0], m[2]} <= states]
    assert odd == [], f"{SPEC}: lifecycle moves {odd} name a state that is not one of {sorted(states)}"


def test_a_move_written_wrongly_is_refused():
    with pytest.raises(ValueError, match="write it `from --command--> to`"):
        parse_move("running -> exited")


@pytest.mark.parametrize("text, term, expected", [
    ("Immutable; a change makes a new image", "mutable", False),
    ("Read and  write", "read and write", True),
    ("`docker rm -f` kills it", "docker rm -f", True),
    ("`docker rmi` removes", "docker rm", False),
])
def test_a_rule_term_matches_whole_words_only(text, term, expected):
    assert (broken(text, {"must_say": [term]}) == []) is expected


# --- docs/data/comparison.yml ----------------------------------------------------------------

def test_the_spec_and_the_comparison_have_the_same_rows():
    data = [row.feature for row in site_data.comparison_rows()]
    assert sorted(data) == sorted(spec()["comparison"]), (
        f"{COMPARISON} rows {sorted(set(data) ^ set(spec()['comparison']))} are in one of it and {SPEC} (comparison) "
        f"only: a row added, removed or renamed changes what the site teaches; change {SPEC} with it")


def test_each_side_of_each_comparison_row_says_what_the_spec_says():
    rules = spec()["comparison"]
    fail_with([problem(f"{COMPARISON}, row {row.feature!r}, {side}", f"comparison.{row.feature}.{side}",
                       getattr(row, side), breaks)
               for row in site_data.comparison_rows() if row.feature in rules
               for side in ("image", "container", "note") if side in rules[row.feature]  # a note's rule where it has one
               for breaks in [broken(getattr(row, side) or "", rules[row.feature][side])] if breaks])


# --- docs/data/lifecycle.yml -----------------------------------------------------------------

def test_the_lifecycle_has_dockers_seven_states_each_described_truly():
    rules = spec()["lifecycle"]["states"]
    states = {s.state: s.means for s in site_data.lifecycle().states}
    assert sorted(states) == sorted(rules), (
        f"{LIFECYCLE}: states {sorted(states)}, but Docker has {sorted(rules)} ({SPEC}, lifecycle.states); {FIX_STATES}")
    fail_with([problem(f"{LIFECYCLE}, state {state!r}", f"lifecycle.states.{state}", means, breaks)
               for state, means in states.items() for breaks in [broken(means, rules[state])] if breaks])


FIX_STATES = "a state is Docker's (moby api/types/container/state.go), not the site's to add or drop"


def test_the_lifecycle_makes_no_move_docker_does_not_make():
    never = never_moves()
    extra = sorted(data_moves() - allowed_moves())
    fail_with([f"{LIFECYCLE}: the move '{show(m)}' breaks {SPEC} rule lifecycle.never: {never[m]}; remove it"
               if m in never else
               f"{LIFECYCLE}: the move '{show(m)}' is not one of {SPEC} lifecycle.moves; remove it, or if Docker makes it, "
               f"add it to lifecycle.moves with its source in the same pull request"
               for m in extra])


def test_the_lifecycle_makes_every_move_docker_makes():
    missing = sorted(allowed_moves() - data_moves())
    fail_with([f"{LIFECYCLE}: lacks the move '{show(m)}' that {SPEC} lifecycle.moves says Docker makes; add the transition, "
               "or if Docker no longer makes it, remove it from the spec in the same pull request" for m in missing])


def test_a_move_that_cites_a_cli_page_cites_a_command_that_makes_it():
    """`docker pause` moves running to paused, so its source is pause's page, not kill's (a move the
    daemon makes, such as the end of a removal, may cite the page of the command that started it)."""
    problems = []
    for t in site_data.lifecycle().transitions:
        commands = {command_named(code) for code in re.findall(r"`([^`]+)`", t.by)} - {None}
        if commands and page_of(t.source) and page_of(t.source) not in commands:  # a daemon's step may cite its command
            problems.append(f"{LIFECYCLE}: the move '{t.label}' cites {t.source} ({page_of(t.source)}), a command its "
                            f"'by' does not name ({', '.join(sorted(commands))}); cite the page of the command that makes the move")
    fail_with(problems)


# --- docs/data/commands.yml ------------------------------------------------------------------

def test_the_spec_and_the_command_tables_have_the_same_commands():
    data = {c.command for c in site_data.commands()}
    assert data == set(spec()["commands"]), (
        f"{COMMANDS}: commands {sorted(data ^ set(spec()['commands']))} are in one of it and {SPEC} (commands) only; "
        f"a command added, removed or renamed changes what the site teaches; change {SPEC} with it")


def test_each_command_does_what_the_spec_says_and_cites_its_own_reference_page():
    rules = spec()["commands"]
    problems = []
    for c in site_data.commands():
        rule = rules.get(c.command)
        if rule is None:
            continue
        where = f"{COMMANDS}, command {c.command!r}"
        if c.works_on != rule["works_on"]:
            problems.append(f"{where}: works_on is {c.works_on!r}, but {SPEC} rule commands.{c.command}.works_on says "
                            f"{rule['works_on']!r}; {FIX}")
        if c.source != cli_url("docker " + rule["reference"].replace("/", " ")):
            problems.append(f"{where}: source is {c.source}, but {SPEC} rule commands.{c.command}.reference names the page "
                            f"{cli_url('docker ' + rule['reference'].replace('/', ' '))}; cite the command's own page")
        if breaks := broken(c.does, rule["does"]):
            problems.append(problem(where, f"commands.{c.command}.does", c.does, breaks))
        if "short" in rule and (breaks := broken(c.short, rule["short"])):  # the revision sheet's few words
            problems.append(problem(where, f"commands.{c.command}.short", c.short, breaks))
    fail_with(problems)


# --- docs/data/glossary.yml ------------------------------------------------------------------

def test_each_key_glossary_term_is_defined_as_the_spec_says():
    rules = spec()["glossary"]
    terms = {t.term: t.definition for t in site_data.glossary_terms()}
    fail_with([f"{GLOSSARY}: the key term {term!r} is gone; {SPEC} (glossary) says the site teaches it; put it back, or "
               "remove its rule in the same pull request" for term in rules if term not in terms]
              + [problem(f"{GLOSSARY}, term {term!r}", f"glossary.{term}", terms[term], breaks)
                 for term, rule in rules.items() if term in terms for breaks in [broken(terms[term], rule)] if breaks])


# --- includes/exam-answers/*.md --------------------------------------------------------------

def exam_answer_text(name: str) -> str:
    return (EXAM_ANSWERS / f"{name}.md").read_text(encoding="utf-8").split("\n", 1)[1]


def test_the_spec_has_a_rule_for_each_exam_answer():
    files = sorted(p.stem for p in EXAM_ANSWERS.glob("*.md"))
    assert files == sorted(spec()["exam_answers"]), (
        f"includes/exam-answers: answers {sorted(set(files) ^ set(spec()['exam_answers']))} are in one of it and {SPEC} "
        f"(exam_answers) only; give a new exam answer its rule in {SPEC}")


def test_each_exam_answer_says_what_the_spec_says():
    fail_with([problem(f"includes/exam-answers/{name}.md", f"exam_answers.{name}", exam_answer_text(name), breaks)
               for name, rule in spec()["exam_answers"].items() if (EXAM_ANSWERS / f"{name}.md").exists()
               for breaks in [broken(exam_answer_text(name), rule)] if breaks])


# --- docs/data/quiz.yml ----------------------------------------------------------------------

def key_problems(where: str, qid: str, rule: dict, choices: list[str], key: int | None, accepted: list[str]) -> list[str]:
    """What is wrong with one question's key against its rule: the keyed choice, every other one, a typed answer."""
    if "accepts" in rule:
        if rule["accepts"] not in accepted:
            return [f"{where}: accepts {accepted}, but {SPEC} rule quiz.{qid}.accepts says the answer is "
                    f"{rule['accepts']!r}; {FIX}"]
        return []
    if not choices or key is None:
        return [f"{where}: is not multiple choice, but {SPEC} rule quiz.{qid} pins a keyed choice; {FIX}"]
    problems = []
    if breaks := broken(choices[key - 1], rule):
        problems.append(problem(f"{where}, keyed choice {key}", f"quiz.{qid}", choices[key - 1], breaks))
    fitting = [n for n, choice in enumerate(choices, 1) if n != key and not broken(choice, rule)]
    problems += [f"{where}: choice {n}, not keyed, fits {SPEC} rule quiz.{qid} ({choices[n - 1]!r}), so the key is "
                 f"ambiguous or on the wrong choice; key the true choice, or sharpen the rule" for n in fitting]
    return problems


def test_the_spec_and_the_self_test_have_the_same_questions():
    data = [q.id for q in site_data.quiz_questions()]
    assert sorted(data) == sorted(spec()["quiz"]), (
        f"{QUIZ}: questions {sorted(set(data) ^ set(spec()['quiz']))} are in one of it and {SPEC} (quiz) only; "
        f"give a new question its key's rule in {SPEC}")


def test_each_quiz_key_is_the_choice_the_spec_says_is_true():
    rules = spec()["quiz"]
    fail_with([p for q in site_data.quiz_questions() if q.id in rules
               for p in key_problems(f"{QUIZ}, question {q.id!r}", q.id, rules[q.id], list(q.choices), q.answer,
                                     list(q.accept))])


# --- includes/links.md and every [cli-...] / CLI reference link in the sources ----------------

def test_each_cli_link_reference_opens_the_page_of_the_command_the_spec_names():
    defined = dict(LINK_DEFINITION.findall((ROOT / LINKS).read_text(encoding="utf-8")))
    named = spec()["cli_links"]
    problems = [f"{LINKS}: [{ref}] is not in {SPEC} (cli_links); name the command it opens there"
                for ref in sorted(set(defined) - set(named))]
    problems += [f"{LINKS}: [{ref}] is missing; {SPEC} (cli_links) says it opens {cli_url(cmd)}"
                 for ref, cmd in named.items() if ref not in defined]
    problems += [f"{LINKS}: [{ref}] opens {defined[ref]}, but {SPEC} rule cli_links.{ref} says it names `{cmd}` "
                 f"({cli_url(cmd)}); point it at that page" for ref, cmd in named.items()
                 if ref in defined and defined[ref] != cli_url(cmd)]
    fail_with(problems)


def source_texts():
    """Every Markdown page and include, and every data file, with its repository-relative name."""
    for path in sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "includes").rglob("*.md"), *(ROOT / "docs/data").glob("*.yml")]):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


def test_each_link_that_names_a_docker_command_opens_that_commands_page_in_the_sources():
    named = spec()["cli_links"]
    problems = []
    for name, text in source_texts():
        links = [(label, cli_url(named[ref]) if ref in named else None, f"[{ref}]") for label, ref in REFERENCE_LINK.findall(text)]
        links += [(label, url, url) for label, url in INLINE_CLI_LINK.findall(text)]
        for label, url, target in links:
            command = command_named(label)
            if command and url and page_of(url) != command:
                problems.append(f"{name}: the link {label!r} names `{command}` but opens {target}, the page of "
                                f"`{page_of(url)}` ({SPEC} cli_links / command_aliases); link it to {cli_url(command)}")
    fail_with(problems)


# --- the built pages -------------------------------------------------------------------------

def soup_of(built_site, page: str) -> BeautifulSoup:
    return parsed(built_site.site / page / "index.html")


def text_of(element) -> str:
    """The element's text as a reader sees it: inline markup (code, glossary tooltips) joined, spaces collapsed."""
    return " ".join(element.get_text().split())


def test_the_built_self_test_keys_and_answer_key_are_what_the_spec_says(built_site):
    soup = soup_of(built_site, "revise/self-test")
    rules = spec()["quiz"]
    problems = []
    for question in soup.select(".quiz-question[id^=quiz-]"):
        qid = question["id"].removeprefix("quiz-")
        if qid not in rules:
            problems.append(f"revise/self-test/index.html: question {qid!r} has no rule in {SPEC} (quiz)")
            continue
        where = f"revise/self-test/index.html, question {qid!r}"
        answer = soup.find(id=f"quiz-{qid}-answer")
        if "accepts" in rules[qid]:
            first = answer.find("p") if answer else None
            codes = first.find_all("code") if first else []
            shown = text_of(codes[0]) if codes else re.sub(r"^\S+\s+Answer:\s*", "", text_of(first) if first else "")
            problems += key_problems(where + ", answer key", qid, rules[qid], [], None, [shown])
            continue
        choices = [text_of(li) for li in question.select(":scope > ol > li")]
        key = int(question.get("data-answer", 0)) or None
        problems += key_problems(where + " (data-answer, what quiz.js scores)", qid, rules[qid], choices, key, [])
        keyed = re.sub(r"^\S+\s+Answer:\s*\d+\.\s*", "", text_of(answer.find("p"))) if answer else ""
        if breaks := broken(keyed, rules[qid]):
            problems.append(problem(where + ", answer key", f"quiz.{qid}", keyed, breaks))
    fail_with(problems)


def table_rows(soup: BeautifulSoup, selector: str) -> list[list[str]]:
    return [[text_of(cell) for cell in tr.find_all("td")] for tr in soup.select(selector)]


def test_the_built_comparison_table_says_what_the_spec_says(built_site):
    rules = spec()["comparison"]
    rows = table_rows(soup_of(built_site, "revise/comparison"), ".comparison table tbody tr")
    assert sorted(r[0] for r in rows) == sorted(rules), (
        f"revise/comparison/index.html: the table's rows {sorted(r[0] for r in rows)} are not {SPEC}'s {sorted(rules)}")
    fail_with([problem(f"revise/comparison/index.html, row {feature!r}, {side}", f"comparison.{feature}.{side}", text, breaks)
               for feature, image, container in (r[:3] for r in rows)
               for side, text in (("image", image), ("container", container))
               for breaks in [broken(text, rules[feature][side])] if breaks])


def test_the_built_lifecycle_table_moves_only_between_the_states_the_spec_allows(built_site):
    """The table shows (from, to) pairs; each must be a pair of the spec's moves, and every such pair shown."""
    rows = table_rows(soup_of(built_site, "beyond/lifecycle"), "table tbody tr")
    shown = set()
    for source_cell, target_cell, _ in (r for r in rows if len(r) == 3 and r[1] != "" and not r[0][:1].isupper()):
        sources = ["new"] if source_cell.startswith("(no container") else re.split(r", | or ", source_cell)
        target = "gone" if target_cell.startswith("(removed") else target_cell
        shown |= {(source, target) for source in sources}
    allowed = {(source, target) for source, _, target in allowed_moves()}
    assert shown, "beyond/lifecycle/index.html: found no transitions table; the page's table layout changed"
    never = {(source, target): because for (source, _, target), because in never_moves().items()}
    fail_with([f"beyond/lifecycle/index.html: shows a move from '{s}' to '{t}', which no move of {SPEC} lifecycle.moves "
               f"makes{' (lifecycle.never: ' + never[(s, t)] + ')' if (s, t) in never else ''}; remove it from {LIFECYCLE}"
               for s, t in sorted(shown - allowed)]
              + [f"beyond/lifecycle/index.html: shows no move from '{s}' to '{t}' ({SPEC} lifecycle.moves); regenerate the page"
                 for s, t in sorted(allowed - shown)])


def test_the_built_cheat_sheet_describes_each_command_as_the_spec_says(built_site):
    rules = spec()["commands"]
    rows = table_rows(soup_of(built_site, "beyond/cheat-sheet"), "table tbody tr")
    seen = {r[0]: r[1] for r in rows if len(r) >= 2 and r[0] in rules}
    assert set(seen) == set(rules), (
        f"beyond/cheat-sheet/index.html: commands {sorted(set(rules) - set(seen))} of {SPEC} are not in its tables")
    fail_with([problem(f"beyond/cheat-sheet/index.html, command {command!r}", f"commands.{command}.does", text, breaks)
               for command, text in seen.items() for breaks in [broken(text, rules[command]["does"])] if breaks])


def test_the_built_glossary_defines_each_key_term_as_the_spec_says(built_site):
    soup = soup_of(built_site, "revise/glossary")
    defined = {text_of(heading).rstrip("¶").strip(): text_of(heading.find_next_sibling("p"))
               for heading in soup.select("article h2[id]")}  # each term a heading, its definition below
    rules = spec()["glossary"]
    fail_with([f"revise/glossary/index.html: the key term {term!r} of {SPEC} is not defined" for term in rules
               if term not in defined]
              + [problem(f"revise/glossary/index.html, term {term!r}", f"glossary.{term}", defined[term], breaks)
                 for term, rule in rules.items() if term in defined for breaks in [broken(defined[term], rule)] if breaks])


EXAM_INCLUDE = re.compile(r'--8<-- "exam-answers/([\w-]+)\.md"')


def test_each_built_exam_answer_box_says_what_the_spec_says(built_site):
    rules = spec()["exam_answers"]
    problems = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        names = EXAM_INCLUDE.findall(page.read_text(encoding="utf-8"))
        if not names:
            continue
        built = page.relative_to(ROOT / "docs").with_suffix("")
        soup = soup_of(built_site, str(built))
        boxes = [" ".join(text_of(p) for p in box.find_all("p")) for box in soup.select(".admonition.abstract")
                 if "Exam answer" in text_of(box)]
        if len(boxes) != len(names):
            problems.append(f"{built}/index.html: {len(boxes)} 'Exam answer' boxes for {len(names)} includes of exam-answers")
            continue
        problems += [problem(f"{built}/index.html, 'Exam answer' box {n}", f"exam_answers.{name}", box, breaks)
                     for n, (name, box) in enumerate(zip(names, boxes), 1) for breaks in [broken(box, rules[name])] if breaks]
    fail_with(problems)


def test_each_built_link_that_names_a_docker_command_opens_that_commands_page(built_site):
    problems = []
    for path in sorted(built_site.site.rglob("*.html")):
        soup = parsed(path)
        for a in soup.select('a[href^="https://docs.docker.com/reference/cli/"]'):
            command = command_named(text_of(a))
            if command and page_of(a["href"]) != command:
                problems.append(f"{path.relative_to(built_site.site)}: the link {text_of(a)!r} names `{command}` but opens "
                                f"{a['href']}, the page of `{page_of(a['href'])}` ({SPEC} cli_links / command_aliases); "
                                f"link it to {cli_url(command)}")
    fail_with(problems)
