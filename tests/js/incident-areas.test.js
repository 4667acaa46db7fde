// incident-areas.js: which area each incident lies in, by its polygon.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, payload } = require("./harness");

const FILES = ["incident-decode.js", "incident-popups.js", "incident-layer.js", "incident-areas.js"];
const square = (x0, y0, x1, y1) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const feature = (name, rings) => ({ type: "Feature", properties: { name },
                                    geometry: { type: "Polygon", coordinates: rings } });

test("a point in a polygon's hole is outside it", () => {
  const { shared } = load(...FILES);
  const area = shared.areaOf(feature("Ring", [square(60, 30, 70, 40), square(64, 34, 66, 36)]));
  assert.equal(shared.contains(area, 61, 31), true);
  assert.equal(shared.contains(area, 65, 35), false);
  assert.equal(shared.contains(area, 75, 35), false);
  assert.equal(area.box.join(","), "60,30,70,40");
});

test("each incident counts once, in the first area holding it; country-level ones not at all", () => {
  const { shared } = load(...FILES);
  const west = shared.areaOf(feature("West", [square(60, 30, 65, 40)]));
  const east = shared.areaOf(feature("East", [square(66, 30, 80, 40)]));
  const data = shared.decode(payload([
    { lat: 34, lon: 62, precision: 1 },
    { lat: 35, lon: 70, precision: 2 },
    { lat: 36, lon: 71, precision: 3 },
    { lat: 37, lon: 72, precision: 4 },  // placed only at country level
    { lat: 35, lon: 65.5, precision: 1 },  // between the two
  ]));
  shared.countInto([west, east], data);
  assert.equal(west.count + ":" + east.count, "1:2");
  assert.ok(Math.abs(east.lat / east.count - 35.5) < 0.01);
});

test("an area with no incident is not shaded; more incidents, a darker shade", () => {
  const { shared } = load(...FILES);
  assert.equal(shared.shade(0, 10), 0);
  assert.ok(shared.shade(10, 10) > shared.shade(1, 10) && shared.shade(1, 10) > 0);
});

test("a label goes where it covers no label of more incidents, else it is hidden", () => {
  const { shared } = load(...FILES);
  const box = (left, top, width) => ({ left, top, right: left + width, bottom: top + 20 });
  const labels = [
    // below its incidents it would cover the next label (more incidents); above it is free
    { count: 1, boxes: [box(100, 100, 80), box(100, 60, 80)] },
    { count: 5, boxes: [box(150, 105, 80), box(150, 65, 80)] },
    { count: 2, boxes: [box(400, 100, 80), box(400, 60, 80)] },  // alone: stays below
    { count: 9, boxes: [null, null] },  // not drawn (outside the view)
    // covers the first 5 in both places (same count, later): hidden
    { count: 5, boxes: [box(210, 110, 40), box(200, 100, 40)] },
  ];
  assert.equal(shared.placeLabels(labels).join(","), "1,0,0,-1,-1");
});

test("a label keeps clear of city and country names where it can, never hidden for them", () => {
  const { shared } = load(...FILES);
  const box = (left, top, width) => ({ left, top, right: left + width, bottom: top + 20 });
  const labels = [
    { count: 3, boxes: [box(100, 100, 80), box(100, 60, 80), box(190, 80, 80)] },
    { count: 2, boxes: [box(400, 100, 80)] },
  ];
  const kabul = box(120, 95, 40);       // a city name under the first label's first place
  const quetta = box(390, 90, 100);     // covers the second label's only place
  assert.equal(shared.placeLabels(labels, [kabul, quetta]).join(","), "1,0");
  assert.equal(shared.placeLabels(labels).join(","), "0,0");
});
