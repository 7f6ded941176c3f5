/*
 * The self-test, scored in the browser (loaded on the self-test page only, by
 * overrides/hooks/quiz_assets.py).
 *
 * The page itself is an answer key generated from docs/data/quiz.yml: each `.quiz-question`
 * holds the question, its numbered choices and its answer, so it reads whole without
 * JavaScript and on paper. This script turns each one into a form: radio buttons in a
 * fieldset whose legend is the question, a "Check answer" button, and a live region that
 * says right or wrong with the explanation and the link to where it is taught. Below the
 * questions: the running score, "Retry the ones I missed" and "Start again". The last
 * finished result is kept in localStorage; nothing is sent anywhere.
 */
(() => {
  "use strict";

  const STORAGE_KEY = "docker-images-vs-containers/self-test/last-result";
  const quiz = document.querySelector(".quiz");
  if (!quiz) return;

  const make = (tag, properties = {}, ...children) => {
    const element = Object.assign(document.createElement(tag), properties);
    element.append(...children);
    return element;
  };
  const copyOf = (element) => [...element.childNodes].map((node) => node.cloneNode(true));

  const questions = [...quiz.querySelectorAll(".quiz-question")].map(enhance);
  const score = make("p", { className: "quiz-score" });
  score.setAttribute("role", "status");
  const retry = make("button", { type: "button", className: "md-button md-button--primary", hidden: true },
    "Retry the ones I missed");
  const restart = make("button", { type: "button", className: "md-button" }, "Start again");
  const last = make("p", { className: "quiz-last", hidden: true });
  retry.addEventListener("click", () => reset(questions.filter((q) => q.right === false)));
  restart.addEventListener("click", () => reset(questions));
  quiz.before(last);
  quiz.append(make("div", { className: "quiz-panel" }, score, make("p", { className: "quiz-actions" }, retry, " ", restart)));
  quiz.classList.add("quiz--live");
  showLastResult(loadLastResult());
  update();

  function enhance(element) {
    const q = { element, answer: Number(element.dataset.answer), right: null };
    const prompt = element.querySelector(":scope > p");
    const choices = element.querySelector(":scope > ol");
    q.key = element.querySelector(":scope > .quiz-answer");
    q.fieldset = make("fieldset", {}, make("legend", {}, ...copyOf(prompt)));
    [...choices.children].forEach((choice, index) => {
      const input = make("input", { type: "radio", name: element.id, value: String(index + 1) });
      q.fieldset.append(make("label", { className: "quiz-choice" }, input, " ", ...copyOf(choice)));
    });
    q.check = make("button", { type: "submit", className: "md-button" }, "Check answer");
    q.feedback = make("div", { className: "quiz-feedback" });
    q.feedback.setAttribute("role", "status");
    const form = make("form", { className: "quiz-form" }, q.fieldset, q.check, q.feedback);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      check(q);
    });
    element.append(form);
    return q;
  }

  function check(q) {
    if (q.right !== null) return;
    const chosen = q.fieldset.querySelector("input:checked");
    if (!chosen) {
      q.feedback.replaceChildren(make("p", {}, "Choose an answer first."));
      return;
    }
    const focusWasInside = q.fieldset.contains(document.activeElement);
    q.right = Number(chosen.value) === q.answer;
    q.fieldset.disabled = true;
    q.check.setAttribute("aria-disabled", "true");
    q.element.classList.add(q.right ? "quiz-question--right" : "quiz-question--wrong");
    const verdict = make("strong", {}, q.right ? "Right." : `Not quite: you chose ${chosen.value}.`);
    q.feedback.replaceChildren(make("p", { className: "quiz-verdict" }, verdict), ...[...q.key.children].map((p) => p.cloneNode(true)));
    if (focusWasInside) q.check.focus();
    update();
  }

  function reset(which) {
    which.forEach((q) => {
      q.right = null;
      q.fieldset.disabled = false;
      q.fieldset.querySelectorAll("input").forEach((input) => { input.checked = false; });
      q.check.removeAttribute("aria-disabled");
      q.element.classList.remove("quiz-question--right", "quiz-question--wrong");
      q.feedback.replaceChildren();
    });
    update();
    if (which.length) which[0].fieldset.querySelector("input").focus();
  }

  function update() {
    const answered = questions.filter((q) => q.right !== null);
    const right = answered.filter((q) => q.right).length;
    const total = questions.length;
    if (answered.length < total) {
      score.textContent = `Score: ${right} right of ${answered.length} answered; ${total - answered.length} of ${total} to go.`;
      retry.hidden = true;
      return;
    }
    score.textContent = `Finished: ${right} of ${total} right.`;
    retry.hidden = right === total;
    const result = { right, total, missed: questions.filter((q) => !q.right).map((q) => q.element.id), date: new Date().toISOString() };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(result));
    } catch {
      // Storage is off (private mode, a policy): the score still shows, it is just not kept.
    }
    showLastResult(result);
  }

  function loadLastResult() {
    try {
      const result = JSON.parse(localStorage.getItem(STORAGE_KEY));
      return Number.isInteger(result?.right) && Number.isInteger(result?.total) ? result : null;
    } catch {
      return null;
    }
  }

  function showLastResult(result) {
    if (!result) return;
    const day = new Date(result.date).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    last.textContent = `Your last result in this browser: ${result.right} of ${result.total} right, on ${day}.`;
    last.hidden = false;
  }
})();
