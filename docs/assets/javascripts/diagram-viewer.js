/*
 * "Open the diagram full size" in the page (loaded on pages with a diagram only, by
 * overrides/hooks/page_assets.py).
 *
 * Without JavaScript the link opens the diagram's standalone SVG file. With it, the link opens
 * a modal <dialog> holding a copy of the drawing the page shows, at its natural size (never
 * smaller than on the page), in a shadow root of its own: Material's --md-mermaid-* colours
 * inherit into it, so it follows the palette. Zoom: + and - keys, the buttons, Ctrl + wheel
 * or a pinch; 0 goes back to the natural size. Pan: arrow keys, scrolling, or dragging with
 * one finger or the mouse. Esc, the close button or a click outside the drawing closes it,
 * and the focus goes back to the link. Sizes are set through the CSSOM, which the site's
 * Content Security Policy allows (no style attribute, no inline code).
 */
(() => {
  "use strict";

  const STEP = 1.25;
  const MIN_SCALE = 0.25;
  const MAX_SCALE = 8;
  const PAN_PX = 48;
  const links = document.querySelectorAll("a.diagram-full-size");
  if (!links.length || typeof HTMLDialogElement !== "function") return;

  const make = (tag, properties = {}, ...children) => {
    const element = Object.assign(document.createElement(tag), properties);
    element.append(...children);
    return element;
  };

  const title = make("h2", {className: "diagram-viewer__title", id: "diagram-viewer-title"});
  const zoomOut = make("button", {type: "button", className: "md-button", title: "Zoom out (-)"}, "−");
  const zoomIn = make("button", {type: "button", className: "md-button", title: "Zoom in (+)"}, "+");
  const natural = make("button", {type: "button", className: "md-button", title: "Natural size (0)"}, "1:1");
  const close = make("button", {type: "button", className: "md-button md-button--primary", title: "Close (Esc)"}, "Close");
  zoomOut.setAttribute("aria-label", "Zoom out");
  zoomIn.setAttribute("aria-label", "Zoom in");
  natural.setAttribute("aria-label", "Natural size");
  const help = make("p", {className: "diagram-viewer__help", id: "diagram-viewer-help"},
    "Keys: + and − zoom, 0 natural size, arrows move, Esc closes. Touch: pinch to zoom, drag to move.");
  const drawing = make("div", {className: "diagram-viewer__drawing"});
  const stage = make("div", {className: "diagram-viewer__stage", tabIndex: 0}, drawing);
  stage.setAttribute("role", "img");
  const dialog = make("dialog", {className: "diagram-viewer md-typeset"},
    make("div", {className: "diagram-viewer__bar"}, title, zoomOut, zoomIn, natural, close), help, stage);
  dialog.setAttribute("aria-labelledby", title.id);
  dialog.setAttribute("aria-describedby", help.id);
  const root = drawing.attachShadow({mode: "open"});
  document.body.append(dialog);

  let svg = null;
  let width = 0;
  let height = 0;
  let scale = 1;
  let opener = null;

  // Zoom to `next`, keeping the point (x, y) of the stage (default: its centre) where it is.
  const zoom = (next, x = stage.clientWidth / 2, y = stage.clientHeight / 2) => {
    next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, next));
    const ratio = next / scale;
    const left = (stage.scrollLeft + x) * ratio - x;
    const top = (stage.scrollTop + y) * ratio - y;
    scale = next;
    svg.style.width = `${width * scale}px`;
    svg.style.height = `${height * scale}px`;
    stage.scrollLeft = left;
    stage.scrollTop = top;
    dialog.dataset.scale = scale.toFixed(3);
  };

  const open = (link) => {
    const host = link.previousElementSibling;
    const shown = host && host.shadowRoot &&
      [...host.shadowRoot.querySelectorAll("svg")].find((candidate) => candidate.getClientRects().length);
    if (!shown) return false;
    opener = link;
    svg = shown.cloneNode(true);
    width = svg.viewBox.baseVal.width;
    height = svg.viewBox.baseVal.height;
    // Never smaller than on the page: the natural size, or the page's size if that is larger.
    scale = Math.max(1, shown.getBoundingClientRect().width / width);
    svg.style.maxWidth = "none";
    svg.style.minWidth = "0";
    svg.style.display = "block";
    svg.style.margin = "0";
    root.replaceChildren(svg);
    title.textContent = (host.getAttribute("aria-label") || "Diagram").replace(/^Diagram: /, "") + ", full size";
    stage.setAttribute("aria-label", host.getAttribute("aria-label") || "Diagram");
    dialog.showModal();
    zoom(scale);
    stage.scrollLeft = 0;
    stage.scrollTop = 0;
    stage.focus();
    return true;
  };

  dialog.addEventListener("close", () => {
    root.replaceChildren();
    if (opener) opener.focus();
  });
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();  // the backdrop
  });
  close.addEventListener("click", () => dialog.close());
  zoomIn.addEventListener("click", () => zoom(scale * STEP));
  zoomOut.addEventListener("click", () => zoom(scale / STEP));
  natural.addEventListener("click", () => zoom(1));

  dialog.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const pan = {ArrowLeft: [-PAN_PX, 0], ArrowRight: [PAN_PX, 0], ArrowUp: [0, -PAN_PX], ArrowDown: [0, PAN_PX]}[event.key];
    if (pan && event.target.localName !== "button") {
      stage.scrollBy(pan[0], pan[1]);
    } else if (event.key === "+" || event.key === "=") {
      zoom(scale * STEP);
    } else if (event.key === "-" || event.key === "_") {
      zoom(scale / STEP);
    } else if (event.key === "0") {
      zoom(1);
    } else {
      return;
    }
    event.preventDefault();
  });

  stage.addEventListener("wheel", (event) => {
    if (!event.ctrlKey) return;  // a plain wheel scrolls; Ctrl + wheel (and a trackpad pinch) zooms
    event.preventDefault();
    const box = stage.getBoundingClientRect();
    zoom(scale * Math.exp(-event.deltaY / 300), event.clientX - box.left, event.clientY - box.top);
  }, {passive: false});

  // Touch and mouse: one pointer drags the drawing, two pinch it.
  const pointers = new Map();
  let pinch = null;
  const spread = () => {
    const [a, b] = [...pointers.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  stage.addEventListener("pointerdown", (event) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    stage.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, {x: event.clientX, y: event.clientY});
    if (pointers.size === 2) pinch = {distance: spread(), scale};
  });
  stage.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const now = {x: event.clientX, y: event.clientY};
    pointers.set(event.pointerId, now);
    if (pointers.size === 1) {
      stage.scrollBy(last.x - now.x, last.y - now.y);
    } else if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      const box = stage.getBoundingClientRect();
      zoom(pinch.scale * spread() / pinch.distance, (a.x + b.x) / 2 - box.left, (a.y + b.y) / 2 - box.top);
    }
  });
  const lift = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
  };
  stage.addEventListener("pointerup", lift);
  stage.addEventListener("pointercancel", lift);

  links.forEach((link) => link.addEventListener("click", (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;  // new tab, window...
    if (open(link)) event.preventDefault();
  }));
})();
