// incident-layer.js: the entry point's registry of layers, lazy layers and loading.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./harness");

function fakeMap() {
  const map = { shown: [] };
  map.addLayer = (layer) => { map.shown.push(layer); if (layer.onAdd) layer.onAdd(map); return map; };
  map.removeLayer = (layer) => { map.shown = map.shown.filter((l) => l !== layer); };
  map.hasLayer = (layer) => map.shown.includes(layer);
  return map;
}

test("a layer registered on is shown; one registered off is only offered", () => {
  const { L } = load("incident-decode.js", "incident-popups.js", "incident-layer.js");
  const map = fakeMap(), shown = new L.Layer(), offered = new L.Layer();
  L.incidentMap.register(map, "Incidents", shown, "on");
  L.incidentMap.register(map, "Heat map", offered, "off");
  const listed = map._incidentLayers.map((l) => l.name + ":" + l.kind).join(" ");
  assert.equal(listed, "Incidents:on Heat map:off");
  assert.ok(map.hasLayer(shown) && !map.hasLayer(offered));
});

test("a lazy layer is built when first shown, and only once", () => {
  const { L } = load("incident-decode.js", "incident-popups.js", "incident-layer.js");
  let built = 0;
  const lazy = L.incidentMap.lazy(() => { built++; return new L.Layer(); });
  const map = fakeMap();
  assert.equal(built, 0);
  map.addLayer(lazy);
  lazy.onRemove(map);
  map.addLayer(lazy);
  assert.equal(built, 1);
});

test("data in the page is drawn at once; text goes in as a text node", () => {
  const { L } = load("incident-decode.js", "incident-popups.js", "incident-layer.js");
  let drawn = null;
  L.incidentMap.load({ type: "FeatureCollection", features: [] }, (data) => { drawn = data; });
  assert.equal(drawn.type, "FeatureCollection");
  const node = L.incidentMap.text("<b>Kabul</b>");
  assert.equal(node.tagName, "SPAN");
  assert.equal(node.textContent, "<b>Kabul</b>");
});

test("the map the layers are registered on is known, whichever layers are shown", () => {
  const { L } = load("incident-decode.js", "incident-popups.js", "incident-layer.js");
  const map = fakeMap();
  L.incidentMap.register(map, "Heat map", new L.Layer(), "on");
  assert.equal(L.incidentMap.map, map);
});
