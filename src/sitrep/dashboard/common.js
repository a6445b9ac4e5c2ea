// Shared helpers of the dashboard: colours per event type, API calls, small DOM builders.

export const TYPE_COLORS = {
  "Battles": "#c62828",
  "Explosions/Remote violence": "#ef6c00",
  "Violence against civilians": "#6a1b9a",
  "Protests": "#2e7d32",
  "Riots": "#795548",
  "Strategic developments": "#1565c0",
};
export const OTHER_COLOR = "#757575";

export function colorFor(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}

/** A query string of the non-empty values of `params`. */
export function queryString(params) {
  const qs = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") qs.set(key, value);
  }
  const text = qs.toString();
  return text ? `?${text}` : "";
}

/** GET a JSON document of the API; throws an Error carrying the API's error message. */
export async function api(path, params = {}) {
  const url = path + queryString(params);
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await response.json();
  } catch (err) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.error ? body.error.message : `HTTP ${response.status}`;
    throw new Error(`${path}: ${message}`);
  }
  return body;
}

/** An element with attributes and children (strings become text nodes: nothing is parsed as HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function actorText(record) {
  const names = [record.actor1, record.actor2].filter(Boolean).map((a) => a.name);
  return names.join(" vs ") || "—";
}

export function placeText(record) {
  const loc = record.location;
  if (!loc) return "—";
  return [loc.name, loc.admin1, loc.country].filter(Boolean).filter((v, i, a) => a.indexOf(v) === i).join(", ");
}

export function dateText(record) {
  const d = record.date;
  if (!d || !d.start) return "undated";
  return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start;
}
