// The event panel: the event's fields, every source, and each source article's text with this event's
// evidence highlighted (JSON twins: /events/{id} and /articles/{id}).
import { actorText, api, dateText, el, placeText } from "./common.js";

const panel = () => document.getElementById("panel");
let returnFocus = null;

/** The article text as nodes, with the spans in `spans` wrapped in <mark class="evidence">. */
export function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  const clean = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start);
  for (const s of clean) { cuts.add(s.start); cuts.add(s.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const fields = [...new Set(clean.filter((s) => s.start <= a && s.end >= b).map((s) => s.field))];
    if (fields.length) {
      nodes.push(el("mark", { class: "evidence", "data-fields": fields.join(" "), title: `evidence: ${fields.join(", ")}` }, piece));
    } else {
      nodes.push(document.createTextNode(piece));
    }
  }
  return nodes;
}

function counts(c) {
  if (!c || c.best === null || c.best === undefined) return "not reported";
  const range = c.low !== null && c.high !== null && c.low !== c.high ? ` (${c.low}–${c.high})` : "";
  return `${c.best}${range}${c.text ? ` — “${c.text}”` : ""}`;
}

function actorLine(actor) {
  if (!actor) return "—";
  const extra = [actor.type, actor.country].filter(Boolean).join(", ");
  return `${actor.name}${extra ? ` (${extra})` : ""}${actor.text ? ` — “${actor.text}”` : ""}`;
}

function sourceItem(source) {
  const who = source.publisher || "unknown publisher";
  const safe = /^https?:\/\//i.test(source.url || "");  // never a javascript: or data: link
  const link = safe ? el("a", { href: source.url, rel: "noopener noreferrer", target: "_blank" }, who) : who;
  return el("li", {}, link,
    source.reported_by ? ` — reporting ${source.reported_by}` : "",
    source.speaker ? ` — according to ${source.speaker}` : "",
    el("span", { class: "fields" }, ` (article ${source.article_id})`));
}

async function articleSection(articleId, eventId) {
  const section = el("section", { class: "article", "data-article-id": articleId });
  try {
    const article = await api(`/articles/${encodeURIComponent(articleId)}`);
    const spans = (article.spans || []).filter((s) => s.event_id === eventId);
    section.append(
      el("h3", {}, article.title || article.publisher || `Article ${articleId}`),
      el("p", { class: "fields" }, [article.publisher, article.published].filter(Boolean).join(" · "), " · ",
        el("a", { href: `/articles/${encodeURIComponent(articleId)}` }, "JSON")),
      el("div", { class: "article-text", tabindex: "0", "aria-label": "Article text with the evidence highlighted" },
        highlight(article.text || "", spans)),
      el("ul", { class: "evidence-list", "aria-label": "Evidence in this article" },
        spans.map((s) => el("li", {}, el("strong", {}, s.field), `: “${s.text}”`))),
    );
  } catch (err) {
    section.append(el("p", { role: "alert" }, `Could not load article ${articleId}: ${err.message}`));
  }
  return section;
}

export async function openEvent(eventId, from) {
  returnFocus = from || document.activeElement;
  const box = panel();
  const body = document.getElementById("panel-body");
  const title = document.getElementById("panel-title");
  body.replaceChildren(el("p", {}, "Loading…"));
  box.hidden = false;
  box.dataset.eventId = eventId;
  document.getElementById("twin-event").href = `/events/${encodeURIComponent(eventId)}`;
  let record;
  try {
    record = await api(`/events/${encodeURIComponent(eventId)}`);
  } catch (err) {
    body.replaceChildren(el("p", { role: "alert" }, err.message));
    title.focus();
    return;
  }
  title.textContent = `${record.sub_event_type} — ${dateText(record)}`;
  const loc = record.location;
  body.replaceChildren(
    el("dl", {},
      el("dt", {}, "Type"), el("dd", {}, `${record.event_type} / ${record.sub_event_type}`),
      el("dt", {}, "Status"), el("dd", {}, record.status),
      el("dt", {}, "Date"), el("dd", {}, dateText(record), record.date && record.date.text ? ` — “${record.date.text}”` : ""),
      el("dt", {}, "Actor 1"), el("dd", {}, actorLine(record.actor1)),
      el("dt", {}, "Actor 2"), el("dd", {}, actorLine(record.actor2)),
      el("dt", {}, "Location"), el("dd", {}, placeText(record),
        loc && loc.lat !== null ? ` (${loc.lat.toFixed(2)}, ${loc.lon.toFixed(2)}; precision ${loc.precision})` : "",
        loc && loc.text ? ` — “${loc.text}”` : ""),
      el("dt", {}, "Fatalities"), el("dd", {}, counts(record.fatalities)),
      el("dt", {}, "Confidence"), el("dd", {}, String(record.confidence)),
    ),
    el("h3", {}, `Sources (${record.sources.length})`),
    el("ul", { class: "sources" }, record.sources.map(sourceItem)),
  );
  const ids = [...new Set(record.sources.map((s) => s.article_id))];
  for (const section of await Promise.all(ids.map((id) => articleSection(id, eventId)))) body.append(section);
  title.focus();
  box.dispatchEvent(new CustomEvent("sitrep:loaded", { bubbles: true }));
  return actorText(record);
}

export function closePanel() {
  const box = panel();
  if (box.hidden) return;
  box.hidden = true;
  if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
  returnFocus = null;
}
