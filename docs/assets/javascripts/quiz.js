/*
 * The self-test, scored in the browser (loaded on the self-test page only, by
 * overrides/hooks/quiz_assets.py), and the one place where the rules for typed answers live.
 *
 * The page itself is a practice sheet generated from docs/data/quiz.yml: the questions with
 * their numbered choices (a typed question, a line to write on), then the answer key, so it
 * reads whole without JavaScript and on paper. This script turns each question into a form: a
 * fieldset whose legend is the question, radio buttons or a text box, a "Check answer" button
 * and a live region that says right or wrong with the explanation and the link to where it is
 * taught. Above the questions, a progress bar that stays in view; below them, the score,
 * "Retry the ones I missed" and "Start again".
 *
 * Kept in localStorage under a key of this site's own (its path on the origin), nothing sent
 * anywhere: each answer as it is checked, so a reload or Back keeps it; the finished first
 * attempt as the result; each finished retry as a retry. "Start again" deletes all of it.
 *
 * Under Node (`require`), the file exports only the answer matching, for tests/test_quiz_answers.py.
 */
(() => {
  "use strict";

  // ---- Typed answers --------------------------------------------------------------------------
  // A typed answer is right when it means the same command as one of the forms quiz.yml accepts.
  // Forgiven, because a shell would run both the same way or the difference is not what is asked:
  //  - spacing, a `$ ` prompt and surrounding backticks;
  //  - the case of `docker` and its command words (a phone capitalises the first word);
  //  - the long names of the short commands: `docker container ls` is `docker ps`,
  //    `docker image rm` is `docker rmi`, `docker buildx build` is `docker build`;
  //  - the order of options, combined short flags (`-it` is `-i -t`), `--opt=value`, and a
  //    long option for its short one (`--all` is `-a`) among the options each command has below.
  // Not forgiven: arguments (names, tags, ports) and their order, the case of flags (`-p` is not
  // `-P`), and options a command stops reading after its first argument (`docker run IMAGE -d`
  // passes `-d` to the container). A one-word answer is compared ignoring case and spacing.

  // `docker <group> <command>` -> the short command Docker also accepts for it.
  const SHORT_COMMANDS = {
    container: {
      ls: "ps", list: "ps", ps: "ps", remove: "rm",
      ...Object.fromEntries(["attach", "commit", "cp", "create", "diff", "exec", "export", "kill", "logs", "pause",
        "port", "rename", "restart", "rm", "run", "start", "stats", "stop", "top", "unpause", "update", "wait"]
        .map((name) => [name, name])),
    },
    image: {
      ls: "images", list: "images", rm: "rmi", remove: "rmi",
      ...Object.fromEntries(["build", "history", "import", "load", "pull", "push", "save", "tag"].map((name) => [name, name])),
    },
    buildx: { build: "build" },
  };
  // Each command's options: "s/long" (short and long name), "long" (long only); "=" when it takes a value.
  const RUN_OPTIONS = "d/detach i/interactive t/tty p/publish= P/publish-all e/env= v/volume= w/workdir= u/user= name= rm pull= restart= read-only network= entrypoint= mount=";
  const OPTION_SPECS = {
    ps: "a/all s/size q/quiet l/latest n/last= f/filter= format= no-trunc",
    images: "a/all q/quiet f/filter= format= digests no-trunc",
    run: RUN_OPTIONS,
    create: RUN_OPTIONS,
    exec: "d/detach i/interactive t/tty e/env= u/user= w/workdir= privileged",
    start: "a/attach i/interactive",
    stop: "t/timeout= s/signal=",
    restart: "t/timeout= s/signal=",
    rm: "f/force v/volumes l/link",
    rmi: "f/force no-prune",
    build: "t/tag= f/file= q/quiet no-cache pull build-arg= target= platform=",
    commit: "a/author= m/message= c/change= p/pause",
    history: "H/human q/quiet no-trunc format=",
    push: "a/all-tags q/quiet platform=",
    pull: "a/all-tags q/quiet platform=",
    save: "o/output= platform=",
    load: "i/input= q/quiet",
    logs: "f/follow t/timestamps n/tail= since= until= details",
    "container inspect": "f/format= s/size",
    "container prune": "f/force filter=",
    "image prune": "a/all f/force filter=",
  };
  // Commands that read options only before their first argument (the rest belongs to the container).
  const OPTIONS_FIRST = new Set(["run", "create", "exec"]);

  const optionTable = (spec) => {
    const table = { short: {}, long: {} };
    for (const entry of (spec || "").split(" ").filter(Boolean)) {
      const takesValue = entry.endsWith("=");
      const [short, long] = entry.replace(/=$/, "").includes("/") ? entry.replace(/=$/, "").split("/") : [null, entry.replace(/=$/, "")];
      const option = { name: short ? `-${short}` : `--${long}`, takesValue };
      if (short) table.short[short] = option;
      table.long[long] = option;
    }
    return table;
  };

  /** The words of `text` as typed at a prompt: no `$ `, no surrounding backticks, single spaces. */
  const words = (text) => text.trim().replace(/^`+|`+$/g, "").trim().replace(/^\$\s+/, "").split(/\s+/).filter(Boolean);

  /** One canonical string for a command line, equal for two lines that mean the same (rules above). */
  function normalise(text) {
    const tokens = words(text);
    if (tokens.length === 0 || tokens[0].toLowerCase() !== "docker") return tokens.join(" ").toLowerCase().replace(/\.$/, "");
    let rest = tokens.slice(1);
    let command = (rest[0] || "").toLowerCase();
    const group = SHORT_COMMANDS[command];
    if (group && rest[1]) {
      const sub = rest[1].toLowerCase();
      command = Object.hasOwn(group, sub) ? group[sub] : `${command} ${sub}`;
      rest = rest.slice(2);
    } else {
      rest = rest.slice(1);
    }
    const table = optionTable(OPTION_SPECS[command]);
    const options = [];
    const args = [];
    for (let index = 0; index < rest.length; index += 1) {
      const token = rest[index];
      if (token === "--") {  // everything after it is an argument
        args.push(...rest.slice(index + 1));
        break;
      }
      if (!token.startsWith("-") || token === "-" || (args.length > 0 && OPTIONS_FIRST.has(command))) {
        args.push(token);
        continue;
      }
      if (token.startsWith("--")) {
        const [name, ...value] = token.slice(2).split("=");
        const option = table.long[name] || { name: `--${name}`, takesValue: value.length > 0 };
        const given = value.length ? value.join("=") : option.takesValue ? rest[++index] : undefined;
        options.push(given === undefined ? option.name : `${option.name}=${given}`);
        continue;
      }
      const letters = token.slice(1);
      if (![...letters].every((letter) => table.short[letter]) && letters.length > 1 && !table.short[letters[0]]?.takesValue) {
        options.push(token);  // not a cluster of this command's flags: compared as typed
        continue;
      }
      for (let at = 0; at < letters.length; at += 1) {
        const option = table.short[letters[at]] || { name: `-${letters[at]}`, takesValue: false };
        if (!option.takesValue) { options.push(option.name); continue; }
        const attached = letters.slice(at + 1);
        options.push(`${option.name}=${attached || rest[++index]}`);
        break;
      }
    }
    return ["docker", command, ...options.sort(), "::", ...args].join(" ");
  }

  /** Whether `typed` is one of the `accepted` answers, as the rules above read them. */
  const accepts = (accepted, typed) => words(typed).length > 0 && accepted.some((form) => normalise(form) === normalise(typed));

  if (typeof module === "object" && module.exports) {
    module.exports = { normalise, accepts };
    return;
  }

  // ---- The page ------------------------------------------------------------------------------
  const quiz = document.querySelector(".quiz");
  if (!quiz) return;
  // The script is <site>/assets/javascripts/quiz.js: the key names the site's own path, so
  // another site on the same origin (user.github.io/other/) neither reads nor overwrites it.
  const SITE_PATH = new URL("../..", document.currentScript.src).pathname;
  const STORAGE_KEY = `${SITE_PATH}self-test`;

  const make = (tag, properties = {}, ...children) => {
    const element = Object.assign(document.createElement(tag), properties);
    element.append(...children);
    return element;
  };
  const copyOf = (element) => [...element.childNodes].map((node) => node.cloneNode(true));
  const day = (iso) => new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });

  const questions = [...quiz.querySelectorAll(".quiz-question")].map(enhance);
  const byId = new Map(questions.map((q) => [q.id, q]));

  const progressText = make("span", { className: "quiz-progress__text" });
  const progressBar = make("progress", { className: "quiz-progress__bar", max: questions.length, value: 0 });
  progressBar.setAttribute("aria-hidden", "true");  // the text says the same
  const progress = make("div", { className: "quiz-progress" }, progressText, progressBar);
  const score = make("p", { className: "quiz-score" });
  score.setAttribute("role", "status");
  const retry = make("button", { type: "button", className: "md-button md-button--primary", hidden: true },
    "Retry the ones I missed");
  const restart = make("button", { type: "button", className: "md-button" }, "Start again");
  const last = make("p", { className: "quiz-last", hidden: true });
  retry.addEventListener("click", retryMissed);
  restart.addEventListener("click", startAgain);
  quiz.before(last, progress);
  quiz.append(make("div", { className: "quiz-panel" }, score, make("p", { className: "quiz-actions" }, retry, " ", restart)));
  quiz.classList.add("quiz--live");

  // Every live region is in the page, empty, before anything is said in it.
  let state = load();
  questions.forEach((q) => { if (Object.hasOwn(state.answers, q.id)) show(q, state.answers[q.id]); });
  update();

  function enhance(element) {
    const key = document.getElementById(`${element.id}-answer`);
    const q = { id: element.id, element, key, right: null, typed: element.dataset.typed === "true" };
    q.fieldset = make("fieldset", {}, make("legend", {}, ...copyOf(element.querySelector(":scope > p"))));
    if (q.typed) {
      q.accepted = [...key.querySelectorAll(":scope > p:first-child code")].map((code) => code.textContent);
      q.input = make("input", { type: "text", name: element.id, autocomplete: "off", spellcheck: false, className: "quiz-typed__input" });
      q.input.setAttribute("autocapitalize", "none");
      q.fieldset.append(make("label", { className: "quiz-typed" }, "Your answer ", q.input));
    } else {
      q.answer = element.dataset.answer;
      [...element.querySelector(":scope > ol").children].forEach((choice, index) => {
        const input = make("input", { type: "radio", name: element.id, value: String(index + 1) });
        q.fieldset.append(make("label", { className: "quiz-choice" }, input, " ", make("span", {}, ...copyOf(choice))));
      });
    }
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

  function given(q) {
    return q.typed ? q.input.value.trim() : q.fieldset.querySelector("input:checked")?.value || "";
  }

  function isRight(q, answer) {
    return q.typed ? accepts(q.accepted, answer) : answer === q.answer;
  }

  function check(q) {
    if (q.right !== null) return;
    const answer = given(q);
    if (!answer) {
      q.feedback.replaceChildren(make("p", {}, q.typed ? "Type an answer first." : "Choose an answer first."));
      return;
    }
    const focusWasInside = q.fieldset.contains(document.activeElement);
    show(q, answer);
    state.answers[q.id] = answer;
    if (focusWasInside) q.check.focus();
    update();
  }

  /** Show `answer` as given and checked: the form locked, the verdict and the key in the live region. */
  function show(q, answer) {
    q.right = isRight(q, answer);
    if (q.typed) q.input.value = answer;
    else q.fieldset.querySelector(`input[value="${CSS.escape(answer)}"]`).checked = true;
    q.fieldset.disabled = true;
    q.check.setAttribute("aria-disabled", "true");
    q.element.classList.add(q.right ? "quiz-question--right" : "quiz-question--wrong");
    const mistake = q.typed ? ["Not quite: you typed ", make("code", {}, answer), "."] : [`Not quite: you chose ${answer}.`];
    const verdict = make("strong", {}, ...(q.right ? ["Right."] : mistake));
    const key = [...q.key.children].map((p) => p.cloneNode(true));
    key[0].querySelector(".quiz-number")?.remove();
    q.feedback.replaceChildren(make("p", { className: "quiz-verdict" }, verdict), ...key);
  }

  function reopen(which) {
    which.forEach((q) => {
      q.right = null;
      delete state.answers[q.id];
      q.fieldset.disabled = false;
      q.fieldset.querySelectorAll("input").forEach((input) => { input.checked = false; if (q.typed) input.value = ""; });
      q.check.removeAttribute("aria-disabled");
      q.element.classList.remove("quiz-question--right", "quiz-question--wrong");
      q.feedback.replaceChildren();
    });
    update();
    if (which.length) which[0].fieldset.querySelector("input").focus();
  }

  function retryMissed() {
    const missed = questions.filter((q) => q.right === false);
    state.retrying = missed.map((q) => q.id);
    reopen(missed);
  }

  function startAgain() {
    state = { answers: {}, retrying: null, result: null, retries: [] };
    reopen(questions);  // saving an empty state deletes what was kept
  }

  function update() {
    const answered = questions.filter((q) => q.right !== null);
    const right = answered.filter((q) => q.right).length;
    const total = questions.length;
    const finished = answered.length === total;
    progressText.textContent = `${answered.length} of ${total} answered, ${right} right`;
    progressBar.value = answered.length;
    if (finished && !state.result) {
      state.result = { right, total, missed: questions.filter((q) => !q.right).map((q) => q.id), date: new Date().toISOString() };
    } else if (finished && state.retrying) {
      const retried = state.retrying.filter((id) => byId.get(id)?.right);
      state.retries.push({ right: retried.length, of: state.retrying.length, date: new Date().toISOString() });
      state.retrying = null;
    }
    if (!finished) {
      score.textContent = `Score: ${right} right of ${answered.length} answered; ${total - answered.length} of ${total} to go.`;
    } else if (state.retries.length) {
      score.textContent = `Finished the retry: ${right} of ${total} right now; your finished attempt scored ${state.result.right}.`;
    } else {
      score.textContent = `Finished: ${right} of ${total} right.`;
    }
    retry.hidden = !(finished && right < total);
    save();
    showResult();
  }

  function showResult() {
    const { result, retries } = state;
    last.hidden = !result;
    if (!result) return;
    const latest = retries[retries.length - 1];
    last.textContent = `Your last result in this browser: ${result.right} of ${result.total} right, on ${day(result.date)}.`
      + (latest ? ` Retried: ${latest.right} of the ${latest.of} missed right, on ${day(latest.date)}.` : "");
  }

  function save() {
    try {
      if (Object.keys(state.answers).length || state.result) localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      else localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Storage is off (private mode, a policy): the score still shows, it is just not kept.
    }
  }

  /** What this browser kept, with anything foreign, stale or corrupt left out. */
  function load() {
    const fresh = { answers: {}, retrying: null, result: null, retries: [] };
    let stored;
    try {
      stored = JSON.parse(localStorage.getItem(STORAGE_KEY));
    } catch {
      return fresh;
    }
    if (!stored || typeof stored !== "object") return fresh;
    const count = (value) => Number.isInteger(value) && value >= 0;
    const date = (value) => typeof value === "string" && !Number.isNaN(Date.parse(value));
    const answers = stored.answers && typeof stored.answers === "object" ? stored.answers : {};
    for (const [id, answer] of Object.entries(answers)) {
      const q = byId.get(id);
      const valid = q && typeof answer === "string" && answer.trim() &&
        (q.typed || q.fieldset.querySelector(`input[value="${CSS.escape(answer)}"]`));
      if (valid) fresh.answers[id] = answer;
    }
    const { result } = stored;
    if (result && count(result.right) && count(result.total) && result.right <= result.total && date(result.date)) {
      fresh.result = { ...result, missed: Array.isArray(result.missed) ? result.missed.filter((id) => byId.has(id)) : [] };
      fresh.retries = (Array.isArray(stored.retries) ? stored.retries : [])
        .filter((r) => r && count(r.right) && count(r.of) && r.right <= r.of && date(r.date));
      const retrying = Array.isArray(stored.retrying) ? stored.retrying.filter((id) => byId.has(id)) : [];
      fresh.retrying = retrying.length ? retrying : null;
    }
    return fresh;
  }
})();
