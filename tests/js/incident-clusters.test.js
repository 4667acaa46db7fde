// incident-clusters.js: clustered markers and the heat map's weighted points.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, payload } = require("./harness");

const FILES = ["incident-decode.js", "incident-popups.js", "incident-layer.js", "incident-clusters.js"];
const ROWS = [
  { lat: 34.5, lon: 69.2, killed: null, actor: "ISIS-K", location: "Kabul" },
  { lat: 31.6, lon: 65.7, killed: 10, actor: "Taliban", location: "Kandahar" },
  { lat: 33.0, lon: 70.0, killed: 300, actor: "ISIS-K", location: "Bannu" },
];

test("the heat map weighs each incident by its killed, within a floor and a cap", () => {
  const { L, shared } = load(...FILES);
  const layer = { data: shared.decode(payload(ROWS)) };
  const heat = L.incidentMap.heat(layer, { radius: 28 });
  assert.equal(heat.options.radius, 28);
  assert.equal(heat.points.map((p) => p[2].toFixed(2)).join(","), "0.30,0.80,1.30");
  assert.ok(Math.abs(heat.points[1][0] - 31.6) < 0.001);
});

test("every incident becomes a marker in its actor's colour, its texts as text nodes", () => {
  const { L, shared } = load(...FILES);
  const data = shared.decode(payload(ROWS));
  const group = L.incidentMap.clusters({ data });
  assert.equal(group.markers.length, 3);
  assert.equal(group.markers[0].options.fillColor, group.markers[2].options.fillColor);
  assert.notEqual(group.markers[0].options.fillColor, group.markers[1].options.fillColor);
  const tip = group.markers[1].tooltip();
  assert.equal(tip.tagName, "SPAN");
  assert.ok(tip.textContent.endsWith("Kandahar"));
  assert.ok(group.markers[2].popup().textContent.includes("Bannu"));
});
