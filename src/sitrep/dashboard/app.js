// The dashboard's wiring: filters (kept in the page URL) drive the map, the timeline and the table;
// brushing the timeline narrows the map and the table to the selected dates. Every view reads the API.
import { TYPE_COLORS, OTHER_COLOR, actorText, api, colorFor, dateText, el, placeText, queryString } from "./common.js";
import { createMap } from "./map.js";
import { closePanel, openEvent } from "./panel.js";
import { createTimeline } from "./timeline.js";

const FIELDS = ["since", "until", "country", "admin1", "event_type", "sub_event_type", "status", "actor", "q", "min_confidence"];
const MAP_LIMIT = 500;
const MAP_PAGES = 10;
const form = document.getElementById("filters");
const state = { brush: null, next: null, loads: 0, facets: null };

const map = createMap(document.getElementById("map"), {
  onOpen: (id, node) => openEvent(id, node),
  onMoveEnd: () => { if (form.elements.in_view.checked) refresh({ map: false }); },
});
const timeline = createTimeline(document.getElementById("timeline"), {
  label: document.getElementById("brush-label"),
  onBrush: (range) => {
    state.brush = range;
    document.getElementById("brush-clear").hidden = !range;
    refresh({ timeline: false });
  },
});

/** The filters of the form (and, unless told otherwise, the brushed dates and the map view). */
function filters({ brush = true, view = true } = {}) {
  const data = new FormData(form);
  const params = {};
  for (const name of FIELDS) params[name] = String(data.get(name) || "").trim();
  if (!(parseFloat(params.min_confidence) > 0)) params.min_confidence = "";
  if (brush && state.brush) {
    params.since = params.since && params.since > state.brush.since ? params.since : state.brush.since;
    params.until = params.until && params.until < state.brush.until ? params.until : state.brush.until;
  }
  if (view && data.get("in_view") && map.available) params.bbox = map.bbox();
  return params;
}

function setOptions(select, items, label) {
  const current = select.value;
  select.replaceChildren(el("option", { value: "" }, label));
  for (const item of items) {
    const text = item.country ? `${item.value} (${item.country})` : item.value;
    select.append(el("option", { value: item.value }, `${text} — ${item.events}`));
  }
  select.value = [...select.options].some((o) => o.value === current) ? current : "";
}

async function loadFacets() {
  const facets = await api("/stats/facets");
  state.facets = facets;
  const f = form.elements;
  setOptions(f.country, facets.country, "All countries");
  setOptions(f.event_type, facets.event_type, "All types");
  setOptions(f.sub_event_type, facets.sub_event_type, "All sub-types");
  setOptions(f.status, facets.status, "Any status");
  fillAdmin1();
  api("/actors", { limit: 200 }).then((data) => {
    document.getElementById("actor-list").replaceChildren(...data.actors.map((a) => el("option", { value: a.name })));
  }).catch(() => {});
}

function fillAdmin1() {
  if (!state.facets) return;
  const country = form.elements.country.value;
  const items = state.facets.admin1.filter((a) => !country || a.country === country);
  setOptions(form.elements.admin1, items, "All provinces");
}

function legend() {
  const list = document.getElementById("legend");
  const entries = [...Object.entries(TYPE_COLORS), ["Other", OTHER_COLOR]];
  list.replaceChildren(...entries.map(([type, color]) =>
    el("li", {}, el("span", { class: "swatch", style: `background:${color}` }), type)));
}

function setTwins(params) {
  const qs = (extra) => queryString({ ...params, ...extra });
  document.getElementById("twin-map").href = `/events${qs({ format: "geojson", limit: MAP_LIMIT })}`;
  document.getElementById("twin-table").href = `/events${qs({ sort: document.getElementById("sort").value })}`;
  document.getElementById("twin-csv").href = `/events${qs({ format: "csv", limit: MAP_LIMIT })}`;
}

function syncUrl() {
  const params = filters({ brush: false, view: false });
  if (state.brush) { params.brush_since = state.brush.since; params.brush_until = state.brush.until; }
  history.replaceState(null, "", `${location.pathname}${queryString(params)}`);
}

function restoreFromUrl() {
  const qs = new URLSearchParams(location.search);
  for (const name of FIELDS) if (qs.has(name) && form.elements[name]) form.elements[name].value = qs.get(name);
  document.getElementById("conf-out").value = Number(form.elements.min_confidence.value).toFixed(2);
  if (qs.get("brush_since") && qs.get("brush_until")) {
    state.brush = { since: qs.get("brush_since"), until: qs.get("brush_until") };
    document.getElementById("brush-clear").hidden = false;
  }
}

async function loadMap(params) {
  const features = [];
  let next = `/events${queryString({ ...params, format: "geojson", limit: MAP_LIMIT })}`;
  for (let page = 0; next && page < MAP_PAGES; page++) {
    const response = await fetch(next, { headers: { Accept: "application/geo+json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
    features.push(...body.features);
    next = body.next;
  }
  map.setEvents(features);
  return features.length;
}

async function loadTimeline(params) {
  const range = state.facets && state.facets.date_range;
  const span = range && range.start ? (Date.parse(range.end) - Date.parse(range.start)) / 86400000 : 0;
  const interval = span > 120 ? "week" : "day";
  const query = { ...params, interval, by: "event_type" };
  delete query.since;
  delete query.until;
  const own = filters({ brush: false, view: true });
  if (own.since) query.since = own.since;
  if (own.until) query.until = own.until;
  document.getElementById("twin-timeline").href = `/stats/timeseries${queryString(query)}`;
  const data = await api("/stats/timeseries", query);
  timeline.render(data.series, interval);
}

function row(record) {
  const open = (event) => { event.stopPropagation(); openEvent(record.event_id, event.currentTarget); };
  const tr = el("tr", { "data-event-id": record.event_id },
    el("td", {}, el("button", { type: "button", class: "open-event", onclick: open, "aria-label": `Open event of ${dateText(record)}: ${record.sub_event_type}, ${placeText(record)}` }, dateText(record))),
    el("td", { class: "type-cell" }, el("span", { class: "swatch", style: `background:${colorFor(record.event_type)}` }), record.sub_event_type,
      record.status !== "actual" ? el("span", { class: "fields" }, ` (${record.status})`) : ""),
    el("td", { "data-label": "Actors" }, actorText(record)),
    el("td", { "data-label": "Where" }, placeText(record)),
    el("td", { class: "num", "data-label": "Deaths" }, record.fatalities && record.fatalities.best !== null ? String(record.fatalities.best) : "—"),
    el("td", { class: "num" }, record.confidence.toFixed(2)),
    el("td", {}, String(record.sources.length)),
  );
  tr.addEventListener("click", () => openEvent(record.event_id, tr.querySelector("button")));
  return tr;
}

async function loadTable(params, append = false) {
  const tbody = document.querySelector("#events-table tbody");
  const query = append && state.next ? null : { ...params, sort: document.getElementById("sort").value, limit: 50 };
  const page = query ? await api("/events", query) : await api(state.next);
  if (!append) tbody.replaceChildren();
  tbody.append(...page.events.map(row));
  if (!append && !page.events.length) tbody.append(el("tr", {}, el("td", { colspan: "7" }, "No events match the filters.")));
  state.next = page.next;
  document.getElementById("more").hidden = !page.next;
  return page.count;
}

async function refresh({ map: doMap = true, timeline: doTimeline = true } = {}) {
  const ticket = ++state.loads;
  document.body.dataset.ready = "0";
  const params = filters();
  setTwins(params);
  syncUrl();
  try {
    const jobs = [loadTable(params)];
    if (doMap) jobs.push(loadMap(filters({ view: false })));
    if (doTimeline) jobs.push(loadTimeline(params));
    const [count] = await Promise.all(jobs);
    if (ticket !== state.loads) return;
    const dates = state.brush ? ` · dates ${state.brush.since} to ${state.brush.until}` : "";
    const total = state.facets ? state.facets.total : count;
    document.getElementById("summary").textContent = `${count} of ${total} events match${dates}.`;
  } catch (err) {
    document.getElementById("summary").textContent = `Could not load events: ${err.message}`;
  } finally {
    if (ticket === state.loads) document.body.dataset.ready = "1";
  }
}

async function checkAssets() {
  let complete = Boolean(window.L && window.L.markerClusterGroup && window.topojson);
  let hint = "run npm ci in the sitrep repository root (or scripts/ci_browser.sh), then reload";
  try {
    const health = await api("/health");
    complete = complete && health.assets.complete;
    hint = health.assets.install;
  } catch (err) { /* the warning below still says what to do */ }
  if (!complete) {
    const box = document.getElementById("asset-warning");
    box.replaceChildren("Some dashboard files (Leaflet, marker clusters or country outlines) are not installed: ", hint,
      ". The table, timeline and event panel work without them.");
    box.hidden = false;
  }
}

async function alertsCount() {
  try {
    const data = await api("/alerts", { limit: 1 });
    document.getElementById("alerts-link").textContent = `Alerts (${data.count})`;
  } catch (err) { /* the link still works */ }
}

function wire() {
  form.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
  form.addEventListener("reset", () => setTimeout(() => {
    state.brush = null;
    document.getElementById("brush-clear").hidden = true;
    document.getElementById("conf-out").value = "0.00";
    fillAdmin1();
    refresh();
  }));
  form.elements.country.addEventListener("change", fillAdmin1);
  form.elements.min_confidence.addEventListener("input", (e) => {
    document.getElementById("conf-out").value = Number(e.target.value).toFixed(2);
  });
  for (const name of ["country", "admin1", "event_type", "sub_event_type", "status", "in_view"]) {
    form.elements[name].addEventListener("change", () => refresh());
  }
  document.getElementById("sort").addEventListener("change", () => refresh({ map: false, timeline: false }));
  document.getElementById("more").addEventListener("click", () => loadTable(filters(), true));
  document.getElementById("brush-clear").addEventListener("click", () => timeline.clear());
  document.getElementById("panel-close").addEventListener("click", closePanel);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") closePanel(); });
  if (window.matchMedia("(max-width: 899px)").matches) document.getElementById("filters-box").open = false;
}

async function start() {
  legend();
  wire();
  restoreFromUrl();
  checkAssets();
  alertsCount();
  try {
    await loadFacets();
  } catch (err) {
    document.getElementById("summary").textContent = `Could not reach the API: ${err.message}`;
  }
  await refresh();
}

window.sitrepDashboard = { map, timeline, refresh, openEvent };
start();
