// incident-decode.js: the payload's columns back to positions, numbers and texts.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, payload } = require("./harness");

const ROWS = [
  { lat: 34.5, lon: 69.2, day: 25, killed: 72, actor: "ISIS-K", location: "Kabul", precision: 0 },
  { lat: 31.6, lon: 65.7, day: 0, killed: null, actor: "Taliban", location: "Kandahar", candidate: true },
  { lat: 33.0, lon: 70.0, day: 3, killed: 500, actor: "TTP", location: "Bannu" },
];

test("positions come back within the quantisation of the bounding box", () => {
  const { shared } = load("incident-decode.js");
  const data = shared.decode(payload(ROWS));
  assert.equal(data.n, 3);
  assert.ok(Math.abs(data.lat[0] - 34.5) < 0.001 && Math.abs(data.lon[0] - 69.2) < 0.001);
  assert.ok(Math.abs(data.lat[1] - 31.6) < 0.001 && Math.abs(data.lon[1] - 65.7) < 0.001);
});

test("a null marker reads as null, not as a number", () => {
  const { shared } = load("incident-decode.js");
  const data = shared.decode(payload(ROWS));
  assert.equal(shared.value(data, "fatalities", 0), 72);
  assert.equal(shared.value(data, "fatalities", 1), null);
  assert.equal(shared.count(data, "fatalities", 1), "unknown");
});

test("texts, dates, sizes and candidates are read from their columns", () => {
  const { shared } = load("incident-decode.js");
  const data = shared.decode(payload(ROWS));
  assert.equal(shared.text(data, "actor", 1), "Taliban");
  assert.equal(shared.dateText(data, 0), "2021-08-26");
  assert.equal(shared.radius(data, 1), 5);  // killed unknown: the smallest mark
  assert.ok(Math.abs(shared.radius(data, 0) - (4 + 2.2 * Math.sqrt(72))) < 1e-9);
  assert.equal(shared.radius(data, 2), 24);  // capped, however many were killed
  assert.equal(shared.isCandidate(data, 0), false);
  assert.equal(shared.isCandidate(data, 1), true);
});
