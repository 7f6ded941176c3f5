/*
 * The flashcards on screen, one card at a time (loaded on the flashcards page only, by
 * overrides/hooks/page_assets.py).
 *
 * The page itself lists every card as a question that opens to show its answer (generated from
 * docs/data/comparison.yml and glossary.yml), so it reads whole without JavaScript. This script
 * shows the cards due today one at a time: the card is a button, so a tap, a click, Space or
 * Enter flips it; "I knew it" moves the card up one Leitner box and "Not yet" back to box 1.
 * A card in box N comes back after 2^(N-1) days (1, 2, 4, 8, 16). The boxes are kept in
 * localStorage under this site's own key; nothing is sent anywhere. One live region says what
 * happened (the answer, the new box, how many cards are still due).
 */
(() => {
  "use strict";

  const STORAGE_KEY = "docker-images-vs-containers/flashcards/boxes";
  const BOXES = 5;
  const list = document.querySelector(".flashdeck");
  if (!list) return;

  const make = (tag, properties = {}, ...children) => {
    const element = Object.assign(document.createElement(tag), properties);
    element.append(...children);
    return element;
  };
  const copyOf = (element) => [...element.childNodes].map((node) => node.cloneNode(true));

  const cards = [...list.querySelectorAll(".flashdeck__card")].map((details) => {
    const front = details.querySelector("summary");
    // The list numbers each question ("12. "); the card view does not.
    const question = copyOf(front);
    if (question[0] && question[0].nodeType === Node.TEXT_NODE) {
      question[0] = document.createTextNode(question[0].textContent.replace(/^\d+\.\s*/, ""));
    }
    return { id: details.dataset.card, question, answer: copyOf(details.querySelector("p")) };
  });

  // Days are local dates written YYYY-MM-DD, so they compare as strings.
  const isoDay = (date) => [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((n) => String(n).padStart(2, "0")).join("-");
  const today = () => isoDay(new Date());
  const addDays = (day, days) => {
    const [year, month, date] = day.split("-").map(Number);
    return isoDay(new Date(year, month - 1, date + days));
  };
  const load = () => {
    try {
      const stored = JSON.parse(localStorage.getItem(STORAGE_KEY));
      return stored && typeof stored === "object" && !Array.isArray(stored) ? stored : {};
    } catch {
      return {};
    }
  };
  const save = () => {
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(boxes));
    } catch {
      // Storage full or blocked: the session still works, it is just not kept.
    }
  };
  let boxes = load();
  // A card's stored entry, or null when there is none or it is not one this script writes
  // ({box, due: "YYYY-MM-DD"}): such a card counts as new, due today in box 1.
  const entryOf = (card) => {
    const entry = boxes[card.id];
    return entry && typeof entry === "object" && /^\d{4}-\d{2}-\d{2}$/.test(entry.due) ? entry : null;
  };
  const boxOf = (card) => {
    const box = entryOf(card) && Number(entryOf(card).box);
    return box >= 1 && box <= BOXES ? box : 1;
  };
  const isDue = (card) => !entryOf(card) || entryOf(card).due <= today();
  const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const longDate = (day) => new Date(`${day}T12:00:00`).toLocaleDateString(undefined,
    { weekday: "long", day: "numeric", month: "long" });

  // The card view, placed before the list, which it replaces on screen.
  const due = make("p", { className: "flashdeck-due" });
  const side = make("span", { className: "flashdeck-card__side" });
  const face = make("span", { className: "flashdeck-card__text" });
  const hint = make("span", { className: "flashdeck-card__hint" });
  const card = make("button", { type: "button", className: "flashdeck-card" }, side, face, hint);
  const knew = make("button", { type: "button", className: "md-button md-button--primary" }, "I knew it");
  const notYet = make("button", { type: "button", className: "md-button" }, "Not yet");
  const grades = make("p", { className: "flashdeck-grades" }, knew, " ", notYet);
  const done = make("p", { className: "flashdeck-done" });
  const again = make("button", { type: "button", className: "md-button" }, "Practise all cards anyway");
  const forget = make("button", { type: "button", className: "md-button flashdeck-forget" }, "Forget my progress");
  const tally = make("p", { className: "flashdeck-tally" });
  const live = make("p", { className: "md-visually-hidden flashdeck-live" });
  live.setAttribute("role", "status");
  const view = make("section", { className: "flashdeck-view" },
    due, card, grades, done, make("p", { className: "flashdeck-actions" }, again, " ", forget), tally, live);
  view.setAttribute("aria-label", "Flashcard practice");
  list.before(view);
  list.hidden = true;

  let queue = cards.filter(isDue);
  let flipped = false;

  const say = (message) => {
    live.textContent = message;
  };
  const dueCount = () => cards.filter(isDue).length;
  const dueLine = () => {
    const n = dueCount();
    return n === 0 ? "No cards due today." : `${plural(n, "card")} due today, of ${cards.length}.`;
  };

  function show() {
    const current = queue[0];
    due.textContent = dueLine();
    const counts = Array.from({ length: BOXES }, (_, index) => cards.filter((c) => boxOf(c) === index + 1).length);
    tally.textContent = `In your boxes: ${counts.map((n, index) => `box ${index + 1}: ${n}`).join(", ")}.`;
    card.hidden = !current;
    grades.hidden = !current || !flipped;
    done.hidden = Boolean(current);
    again.hidden = Boolean(current);
    if (!current) {
      const next = cards.map((c) => entryOf(c) && entryOf(c).due).filter(Boolean).sort()[0];
      done.textContent = `Done for today. ${next ? `The next card is due on ${longDate(next)}.` : ""}`;
      return;
    }
    card.classList.toggle("flashdeck-card--flipped", flipped);
    side.textContent = flipped ? "Answer" : "Question";
    face.replaceChildren(...(flipped ? current.answer : current.question).map((node) => node.cloneNode(true)));
    hint.textContent = flipped ? `Box ${boxOf(current)}. Did you know it?` : "Tap, click, Space or Enter to see the answer";
  }

  function flip() {
    flipped = !flipped;
    show();
    say(flipped ? `Answer: ${face.textContent}` : `Question: ${face.textContent}`);
  }

  function grade(known) {
    const current = queue.shift();
    const box = known ? Math.min(boxOf(current) + 1, BOXES) : 1;
    boxes[current.id] = { box, due: known ? addDays(today(), 2 ** (box - 1)) : today() };
    save();
    if (!known) queue.push(current);
    flipped = false;
    show();
    const when = known ? `next on ${longDate(boxes[current.id].due)}` : "again today";
    say(`${known ? "Known" : "Not yet"}: box ${box}, ${when}. ${dueLine()}${queue[0] ? ` Next question: ${face.textContent}` : ""}`);
    (queue[0] ? card : again).focus();
  }

  card.addEventListener("click", flip);
  knew.addEventListener("click", () => grade(true));
  notYet.addEventListener("click", () => grade(false));
  again.addEventListener("click", () => {
    queue = cards.slice();
    flipped = false;
    show();
    say(`All ${cards.length} cards. Question: ${face.textContent}`);
    card.focus();
  });
  forget.addEventListener("click", () => {
    if (!window.confirm("Forget which cards you knew? Every card goes back to box 1.")) return;
    boxes = {};
    save();
    queue = cards.slice();
    flipped = false;
    show();
    say(`Progress forgotten. ${dueLine()}`);
  });
  show();
})();
