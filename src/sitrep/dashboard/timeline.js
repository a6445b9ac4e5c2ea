// The timeline: stacked bars of event counts by type per day or week (own SVG code), with a brush that
// selects a date range by mouse, touch or keyboard and reports it through onBrush({since, until} | null).
import { colorFor } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const M = { left: 30, right: 8, top: 8, bottom: 22 };

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

function parse(iso) {
  return new Date(`${iso}T00:00:00Z`);
}

function iso(date) {
  return date.toISOString().slice(0, 10);
}

/** Every period from the first to the last of `series` (days, or ISO weeks starting on Monday). */
function periods(series, interval) {
  if (!series.length) return [];
  const step = interval === "week" ? 7 * DAY : DAY;
  const first = parse(series[0].period).getTime();
  const last = parse(series[series.length - 1].period).getTime();
  const out = [];
  for (let t = first; t <= last; t += step) out.push(iso(new Date(t)));
  return out;
}

export function createTimeline(container, { onBrush, label }) {
  const root = svg("svg", {
    role: "group",
    tabindex: "0",
    "aria-label": "Timeline of events by type. Arrow keys select dates; Escape clears.",
    "data-testid": "timeline",
  });
  container.append(root);
  let bins = [];
  let interval = "day";
  let selection = null; // [firstBin, lastBin]
  let drag = null;
  let commitTimer = null;
  let width = 0;

  const binWidth = () => (bins.length ? (width - M.left - M.right) / bins.length : 0);
  const binAt = (x) => Math.max(0, Math.min(bins.length - 1, Math.floor((x - M.left) / binWidth())));

  function range() {
    if (!selection || !bins.length) return null;
    const [a, b] = selection[0] <= selection[1] ? selection : [selection[1], selection[0]];
    const days = interval === "week" ? 6 : 0;
    return { since: bins[a].period, until: iso(new Date(parse(bins[b].period).getTime() + days * DAY)) };
  }

  function describe() {
    const r = range();
    label.textContent = r ? `Selected ${r.since} to ${r.until}: the map and table show these dates.`
      : "Drag across the timeline to filter by date.";
  }

  function commit(now = false) {
    clearTimeout(commitTimer);
    const fire = () => onBrush(range());
    if (now) fire();
    else commitTimer = setTimeout(fire, 300);
  }

  function draw() {
    width = container.clientWidth || 600;
    const height = 150;
    root.setAttribute("viewBox", `0 0 ${width} ${height}`);
    root.replaceChildren();
    const plotH = height - M.top - M.bottom;
    root.append(svg("rect", { class: "frame", x: 0.5, y: 0.5, width: width - 1, height: height - 1, fill: "none", stroke: "transparent" }));
    if (!bins.length) {
      const t = svg("text", { x: width / 2, y: height / 2, "text-anchor": "middle", fill: "#5b6572" });
      t.textContent = "No dated events match the filters.";
      root.append(t);
      return;
    }
    const max = Math.max(1, ...bins.map((b) => b.total));
    const bw = binWidth();
    const bars = svg("g", { class: "bars" });
    bins.forEach((bin, i) => {
      let y = M.top + plotH;
      for (const [type, n] of Object.entries(bin.byType)) {
        const h = (n / max) * plotH;
        y -= h;
        const rect = svg("rect", {
          x: M.left + i * bw + (bw > 3 ? 0.5 : 0), y, width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: h,
          fill: colorFor(type), "data-type": type,
        });
        const title = svg("title");
        title.textContent = `${bin.period}: ${n} ${type}`;
        rect.append(title);
        bars.append(rect);
      }
    });
    root.append(bars);
    const axis = svg("g", { class: "axis" });
    axis.append(svg("line", { x1: M.left, x2: width - M.right, y1: M.top + plotH + 0.5, y2: M.top + plotH + 0.5 }));
    const yl = svg("text", { x: M.left - 4, y: M.top + 8, "text-anchor": "end" });
    yl.textContent = String(max);
    axis.append(yl);
    const ticks = Math.min(bins.length, Math.max(2, Math.floor((width - M.left) / 90)));
    for (let k = 0; k < ticks; k++) {
      const i = Math.round((k * (bins.length - 1)) / Math.max(1, ticks - 1));
      const anchor = k === 0 ? "start" : k === ticks - 1 ? "end" : "middle";
      const x = k === 0 ? M.left : k === ticks - 1 ? width - M.right : M.left + (i + 0.5) * bw;
      const t = svg("text", { x, y: height - 6, "text-anchor": anchor });
      t.textContent = bins[i].period;
      axis.append(t);
    }
    root.append(axis);
    const area = svg("rect", {
      class: "brush-area", x: M.left, y: M.top, width: width - M.left - M.right, height: plotH, fill: "transparent",
    });
    root.append(area);
    if (selection) {
      const [a, b] = selection[0] <= selection[1] ? selection : [selection[1], selection[0]];
      root.append(svg("rect", {
        class: "selection", x: M.left + a * bw, y: M.top, width: (b - a + 1) * bw, height: plotH, "pointer-events": "none",
      }));
    }
  }

  root.addEventListener("pointerdown", (event) => {
    if (!bins.length) return;
    const x = event.offsetX * (width / root.clientWidth || 1);
    drag = binAt(x);
    selection = [drag, drag];
    root.setPointerCapture(event.pointerId);
    draw();
    describe();
  });
  root.addEventListener("pointermove", (event) => {
    if (drag === null) return;
    const x = event.offsetX * (width / root.clientWidth || 1);
    selection = [drag, binAt(x)];
    draw();
    describe();
  });
  const end = () => {
    if (drag === null) return;
    drag = null;
    commit(true);
  };
  root.addEventListener("pointerup", end);
  root.addEventListener("pointercancel", end);

  root.addEventListener("keydown", (event) => {
    if (!bins.length) return;
    const last = bins.length - 1;
    let [a, b] = selection || [0, 0];
    const had = Boolean(selection);
    switch (event.key) {
      case "ArrowLeft":
      case "ArrowRight": {
        const d = event.key === "ArrowLeft" ? -1 : 1;
        if (!had) { a = b = d > 0 ? 0 : last; }
        else if (event.shiftKey) { b = Math.max(a, Math.min(last, b + d)); }
        else if (a + d >= 0 && b + d <= last) { a += d; b += d; }
        break;
      }
      case "Home": b = b - a; a = 0; break;
      case "End": a = last - (b - a); b = last; break;
      case "Escape":
        if (!had) return;
        selection = null; draw(); describe(); commit(true); event.preventDefault();
        return;
      case "Enter": commit(true); event.preventDefault(); return;
      default: return;
    }
    event.preventDefault();
    selection = [a, b];
    draw();
    describe();
    commit();
  });

  new ResizeObserver(() => draw()).observe(container);

  return {
    render(series, newInterval) {
      interval = newInterval;
      const byPeriod = new Map();
      for (const row of series) {
        if (!byPeriod.has(row.period)) byPeriod.set(row.period, {});
        byPeriod.get(row.period)[row.key || "Other"] = row.events;
      }
      const old = range();
      bins = periods(series, interval).map((period) => {
        const byType = byPeriod.get(period) || {};
        return { period, byType, total: Object.values(byType).reduce((s, n) => s + n, 0) };
      });
      selection = null;
      if (old && bins.length) {
        const a = bins.findIndex((b) => b.period >= old.since);
        let b = bins.length - 1;
        while (b > 0 && bins[b].period > old.until) b--;
        if (a >= 0 && b >= a) selection = [a, b];
      }
      draw();
      describe();
    },
    clear() {
      selection = null;
      draw();
      describe();
      commit(true);
    },
    range,
  };
}
