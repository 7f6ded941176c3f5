"""Typed answers: the matching rules in docs/assets/javascripts/quiz.js (their one home), run under
Node, forgive what a shell would run the same way and nothing else; and each typed question in
docs/data/quiz.yml accepts the true command, pinned here by hand, not read from the data."""

from __future__ import annotations

import json
import subprocess

import pytest

from site_tools.data_file import ROOT
from site_tools import site_data

QUIZ_JS = ROOT / "docs/assets/javascripts/quiz.js"

# (an accepted form, what a student types, whether it counts as right, why)
RULES = [
    ("docker ps -a", "docker ps -a", True, "the form itself"),
    ("docker ps -a", "  docker   ps  -a ", True, "spacing"),
    ("docker ps -a", "$ docker ps -a", True, "a prompt"),
    ("docker ps -a", "`docker ps -a`", True, "backticks around it"),
    ("docker ps -a", "Docker PS -a", True, "case of the command words"),
    ("docker ps -a", "docker container ls -a", True, "the long name of the command"),
    ("docker ps -a", "docker container list --all", True, "long command and long option"),
    ("docker ps -a", "docker ps", False, "a missing option"),
    ("docker ps -a", "docker ps -A", False, "case of a flag"),
    ("docker ps -a", "docker images -a", False, "another command"),
    ("docker ps -a -s", "docker ps -sa", True, "combined short flags in another order"),
    ("docker ps -a -s", "docker ps --size --all", True, "long options in another order"),
    ("docker exec -it web1 sh", "docker exec -ti web1 sh", True, "combined flags reordered"),
    ("docker exec -it web1 sh", "docker container exec -i --tty web1 sh", True, "split and long flags"),
    ("docker exec -it web1 sh", "docker exec web1 -it sh", False, "exec reads options before its first argument only"),
    ("docker exec -it web1 sh", "docker exec -it sh web1", False, "arguments in another order"),
    ("docker exec -it web1 sh", "docker exec -it WEB1 sh", False, "case of an argument"),
    ("docker run -d -p 8080:80 nginx", "docker run -p8080:80 -d nginx", True, "a value attached to its flag"),
    ("docker run -d -p 8080:80 nginx", "docker run --publish=8080:80 --detach nginx", True, "--option=value"),
    ("docker run -d -p 8080:80 nginx", "docker run -d -p 80:8080 nginx", False, "another value"),
    ("docker build -t user/app:1.0 .", "docker build . --tag user/app:1.0", True, "build reads options after its argument"),
    ("docker build -t user/app:1.0 .", "docker buildx build -t user/app:1.0 .", True, "buildx build is build"),
    ("docker build -t user/app:1.0 .", "docker build -t user/app:1.0", False, "a missing build context"),
    ("docker rmi user/app:1.0", "docker image rm user/app:1.0", True, "docker image rm is docker rmi"),
    ("docker rmi user/app:1.0", "docker rm user/app:1.0", False, "rm removes containers"),
    ("docker image history user/app:1.0", "docker history user/app:1.0", True, "the short command"),
    ("docker save -o app.tar user/app:1.0", "docker save user/app:1.0 --output app.tar", True, "option after the argument"),
    ("runnable", "Runnable", True, "a word, any case"),
    ("runnable", " runnable. ", True, "a word with a full stop"),
    ("runnable", "running", False, "another word"),
    ("docker ps -a", "", False, "nothing typed"),
]

# Each typed question's true answers and a tempting wrong one, written from the pages and the
# Docker CLI reference, not from quiz.yml.
TRUE_ANSWERS = {
    "list-all-containers": (["docker ps -a", "docker container ls --all"], "docker ps"),
    "runnable-not-running": (["runnable"], "running"),
    "create-without-starting": (["docker create nginx:alpine", "docker container create nginx:alpine"], "docker run nginx:alpine"),
    "inspect-container": (["docker container inspect web1", "docker inspect web1"], "docker logs web1"),
    "image-history": (["docker image history user/app:1.0", "docker history user/app:1.0"], "docker diff user/app:1.0"),
    "exec-shell": (["docker exec -it web1 sh", "docker exec -ti web1 sh"], "docker run -it web1 sh"),
    "diff-writable-layer": (["docker diff web1", "docker container diff web1"], "docker logs web1"),
    "start-again": (["docker start web1", "docker container start web1"], "docker run web1"),
    "push-image": (["docker push user/app:1.0", "docker image push user/app:1.0"], "docker pull user/app:1.0"),
    "build-and-tag": (["docker build -t user/app:1.0 .", "docker image build --tag user/app:1.0 ."], "docker build user/app:1.0 ."),
    "commit-new-image": (["docker commit web1 user/app:debug", "docker container commit web1 user/app:debug"],
                         "docker commit user/app:debug web1"),
}


def accepted_by_quiz_js(cases: list[tuple[list[str], str]]) -> list[bool]:
    """quiz.js's verdict on each (accepted forms, typed answer), from one Node process."""
    script = ("const {accepts} = require(process.argv[1]); const cases = JSON.parse(process.argv[2]);"
              "console.log(JSON.stringify(cases.map(([forms, typed]) => accepts(forms, typed))));")
    result = subprocess.run(["node", "-e", script, str(QUIZ_JS), json.dumps(cases)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"node could not run {QUIZ_JS.relative_to(ROOT)}: {result.stderr.strip()[:300]}"
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def verdicts():
    return dict(zip(range(len(RULES)), accepted_by_quiz_js([([form], typed) for form, typed, _, _ in RULES])))


@pytest.mark.parametrize("index", range(len(RULES)), ids=[f"{'right' if r[2] else 'wrong'}: {r[3]}" for r in RULES])
def test_typed_answer_matching_forgives_only_what_means_the_same(verdicts, index):
    form, typed, right, why = RULES[index]
    assert verdicts[index] is right, (
        f"quiz.js: {typed!r} against {form!r} should be {'right' if right else 'wrong'} ({why}); see its typed-answer rules")


def test_every_typed_question_is_pinned_here():
    typed = sorted(q.id for q in site_data.quiz_questions() if q.typed)
    assert typed == sorted(TRUE_ANSWERS), (
        f"docs/data/quiz.yml's typed questions {typed} differ from TRUE_ANSWERS in {__name__}.py; "
        "pin the true answer of each new one there, from the page and the Docker reference")


@pytest.mark.parametrize("question_id", sorted(TRUE_ANSWERS))
def test_each_typed_question_accepts_the_true_answers_and_refuses_the_tempting_wrong_one(question_id):
    question = next(q for q in site_data.quiz_questions() if q.id == question_id)
    right, wrong = TRUE_ANSWERS[question_id]
    verdicts = accepted_by_quiz_js([(list(question.accept), answer) for answer in [*right, wrong]])
    refused = [answer for answer, ok in zip(right, verdicts) if not ok]
    assert refused == [], f"docs/data/quiz.yml: {question_id} refuses the true answer(s) {refused}; fix its 'accept'"
    assert not verdicts[-1], f"docs/data/quiz.yml: {question_id} accepts the wrong answer {wrong!r}; fix its 'accept'"
