// Small DOM helpers: build elements without innerHTML (no markup from data ever reaches the DOM).

/**
 * Create an element.
 * @param {string} tag Tag name, e.g. "button".
 * @param {Object<string, *>} [attrs] Attributes; "class", "text", "dataset" and "on<event>" are special.
 * @param {...(Node|string|null|undefined|false)} children Child nodes or text.
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      el.addEventListener(key.slice(2), value);
    } else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

/**
 * Create an SVG element.
 * @param {string} tag SVG tag name, e.g. "rect".
 * @param {Object<string, *>} [attrs] Attributes.
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "text") el.textContent = value;
    else el.setAttribute(key, String(value));
  }
  return el;
}

/**
 * Append children (nodes, strings, nested arrays; falsy values are skipped).
 * @param {Node} parent
 * @param {Array<*>} children
 */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replace all children of an element.
 * @param {Element} el
 * @param {...*} children
 */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}
