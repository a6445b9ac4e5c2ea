// The map: country outlines drawn from world-atlas (no tile server), events as clustered markers coloured
// by type. Without the npm files (window.L missing) the map area says how to install them.
import { colorFor, dateText, el, placeText } from "./common.js";

const OUTLINES = "/vendor/world-atlas/countries-50m.json";

function clusterIcon(cluster) {
  const counts = {};
  for (const marker of cluster.getAllChildMarkers()) {
    const type = marker.options.eventType;
    counts[type] = (counts[type] || 0) + 1;
  }
  const total = cluster.getChildCount();
  let angle = 0;
  const stops = [];
  for (const [type, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) {
    const next = angle + (360 * n) / total;
    stops.push(`${colorFor(type)} ${angle}deg ${next}deg`);
    angle = next;
  }
  const size = total < 10 ? 34 : total < 100 ? 40 : 48;
  const html = `<div class="ev-cluster" style="width:${size}px;height:${size}px;border-radius:50%;` +
    `background:conic-gradient(${stops.join(",")});display:grid;place-items:center;` +
    `box-shadow:0 0 0 2px #fff,0 0 0 3px rgba(0,0,0,.4)"><span style="background:#fff;border-radius:50%;` +
    `min-width:${size - 14}px;line-height:${size - 14}px;text-align:center;font:600 12px system-ui,sans-serif">` +
    `${total}</span></div>`;
  return window.L.divIcon({ html, className: "ev-cluster-icon", iconSize: [size, size] });
}

export function createMap(container, { onOpen, onMoveEnd }) {
  const L = window.L;
  if (!L) {
    container.append(el("p", { class: "map-missing" },
      "The map files are not installed. Run ", el("code", {}, "npm ci"),
      " in the sitrep repository root (or scripts/ci_browser.sh), then reload. The timeline, table and event panel work without them."));
    return { available: false, setEvents() {}, bbox() { return null; }, markerCount() { return 0; } };
  }
  const map = L.map(container, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 0.5, keyboard: true })
    .setView([20, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth via world-atlas");
  if (window.topojson) {
    fetch(OUTLINES)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(response.statusText))))
      .then((topo) => {
        const countries = window.topojson.feature(topo, topo.objects.countries);
        L.geoJSON(countries, {
          interactive: false,
          style: { color: "#9aa5b1", weight: 0.7, fillColor: "#f3f1ea", fillOpacity: 1 },
        }).addTo(map).bringToBack();
        container.dataset.outlines = "loaded";
      })
      .catch(() => { container.dataset.outlines = "missing"; });
  }
  const group = L.markerClusterGroup
    ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 45, iconCreateFunction: clusterIcon })
    : L.layerGroup();
  group.addTo(map);
  let markers = [];
  let fitted = false;
  map.on("moveend", () => onMoveEnd && onMoveEnd());

  function setEvents(features) {
    group.clearLayers();
    markers = [];
    for (const feature of features) {
      if (!feature.geometry) continue;
      const [lon, lat] = feature.geometry.coordinates;
      const record = feature.properties;
      const label = `${dateText(record)}: ${record.sub_event_type} — ${placeText(record)}`;
      const icon = L.divIcon({
        className: "ev-marker",
        html: `<span class="ev-dot" style="display:block;width:14px;height:14px;background:${colorFor(record.event_type)}"></span>`,
        iconSize: [14, 14],
      });
      const marker = L.marker([lat, lon], { icon, title: label, keyboard: true, eventType: record.event_type });
      marker.eventId = record.event_id;
      marker.on("click", () => onOpen(record.event_id, marker.getElement()));
      marker.on("add", () => {
        const node = marker.getElement();
        if (node) {
          node.setAttribute("role", "button");
          node.setAttribute("aria-label", `Open event: ${label}`);
          node.dataset.eventId = record.event_id;
        }
      });
      markers.push(marker);
    }
    if (group.addLayers) group.addLayers(markers);
    else markers.forEach((m) => group.addLayer(m));
    if (!fitted && markers.length) {
      const bounds = L.latLngBounds(markers.map((m) => m.getLatLng()));
      map.fitBounds(bounds.pad(0.4), { maxZoom: 5 });
      fitted = true;
    }
  }

  function bbox() {
    const b = map.getBounds();
    const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
    return [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -90, 90), clamp(b.getEast(), -180, 180),
      clamp(b.getNorth(), -90, 90)].map((v) => v.toFixed(4)).join(",");
  }

  return { available: true, map, group, setEvents, bbox, markerCount: () => markers.length };
}
