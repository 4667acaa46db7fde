// incident-points.js: the canvas's drawing order, projection, playback window and
// what lies under the pointer.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, payload } = require("./harness");

const FILES = ["incident-decode.js", "incident-popups.js", "incident-layer.js", "incident-cells.js",
               "incident-points.js"];

test("big circles are drawn first and candidates last, so neither hides the other", () => {
  const { shared } = load(...FILES);
  const data = shared.decode(payload([
    { lat: 34, lon: 69, killed: 0 },
    { lat: 34, lon: 69, killed: 100 },
    { lat: 34, lon: 69, killed: 100, candidate: true },
    { lat: 34, lon: 69, killed: 9 },
  ]));
  assert.equal(Array.from(shared.drawingOrder(data)).join(","), "1,3,0,2");
});

test("positions are spherical Mercator in 256-pixel world units, as Leaflet's", () => {
  const { shared } = load(...FILES);
  assert.equal(shared.worldX(0), 128);
  assert.equal(shared.worldX(-180), 0);
  assert.ok(Math.abs(shared.worldY(0) - 128) < 1e-9);
  assert.ok(Math.abs(shared.worldY(85.0511287798)) < 1e-6);
  assert.ok(shared.worldY(34.5) < 128, "north is up");
});

test("while playing, an incident is drawn in its window, faded before it when cumulative", () => {
  const { L } = load(...FILES);
  const rows = [{ lat: 34, lon: 69, day: 1 }, { lat: 34, lon: 69, day: 10 }, { lat: 34, lon: 69, day: 20 }];
  const play = { frames: [[0, 5], [8, 12]], at: 1, cumulative: true, labels: [], counts: [] };
  const layer = L.incidentMap.canvas(payload(rows), { play });
  const w = layer._window();
  assert.equal([0, 1, 2].map((i) => layer._shown(i, w)).join(","), "1,2,0");
  layer.setFrame(7);  // clamped to the last frame
  assert.equal(layer.frame, 1);
  const still = L.incidentMap.canvas(payload(rows), {});
  assert.equal([0, 1, 2].map((i) => still._shown(i, still._window())).join(","), "2,2,2");
});

test("what lies under the pointer, nearest first, within its circle", () => {
  const { L } = load(...FILES);
  const layer = L.incidentMap.canvas(payload([
    { lat: 34, lon: 69, killed: null }, { lat: 34, lon: 69, killed: null }, { lat: 34, lon: 69, killed: null },
  ]), {});
  layer._x = Float32Array.from([100, 103, 300]);
  layer._y = Float32Array.from([100, 100, 100]);
  assert.equal(layer._under({ x: 102, y: 100 }).join(","), "1,0");
  assert.equal(layer._under({ x: 200, y: 100 }).length, 0);
});

test("a click on an incident opens its popup and is not a click on an empty spot", () => {
  const { L } = load(...FILES);
  const layer = L.incidentMap.canvas(payload([{ lat: 34.5, lon: 69.2, actor: "ISIS-K" }]), {});
  layer._map = { id: "map" };
  layer._x = Float32Array.from([50]);
  layer._y = Float32Array.from([50]);
  const hit = { containerPoint: { x: 51, y: 50 } }, miss = { containerPoint: { x: 150, y: 50 } };
  layer._click(hit);
  layer._click(miss);
  assert.equal(hit.incidentHit, true);
  assert.equal(miss.incidentHit, undefined);
  const popup = L.made.find((m) => m.kind === "popup");
  assert.equal(popup.openedOn.id, "map");
  assert.ok(popup.content.textContent.includes("ISIS-K"));
});
