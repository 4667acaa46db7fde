// incident-popups.js: tooltips and popups as text nodes, links only when http(s).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, payload } = require("./harness");

const HOSTILE = "<img src=x onerror=alert(1)>";

function setUp(rows) {
  const parts = load("incident-decode.js", "incident-popups.js");
  return Object.assign(parts, { data: parts.shared.decode(payload(rows)) });
}

test("text from the data stays text: no element is made from it", () => {
  const { shared, data, document } = setUp([
    { lat: 34.5, lon: 69.2, actor: HOSTILE, location: HOSTILE, source: HOSTILE, source_url: "javascript:alert(1)" },
  ]);
  const box = shared.popupContent(data, 0);
  assert.ok(box.textContent.includes(HOSTILE));
  assert.ok(!document.created.includes("img") && !document.created.includes("script"));
  assert.equal(box.all("a").length, 0, "a javascript: address is not made a link");
});

test("an http(s) source becomes a link that opens apart from the map", () => {
  const { shared, data } = setUp([
    { lat: 34.5, lon: 69.2, actor: "ISIS-K", source: "Reuters", source_url: "https://example.org/a" },
  ]);
  const [link] = shared.popupContent(data, 0).all("a");
  assert.equal(link.href, "https://example.org/a");
  assert.equal(link.textContent, "Reuters");
  assert.equal(link.rel, "noopener noreferrer");
});

test("many incidents under one click: a list cut at the limit, saying how many more", () => {
  const rows = Array.from({ length: 25 }, (_, i) => ({ lat: 34, lon: 69, actor: "A" + i }));
  const { shared, data } = setUp(rows);
  const list = shared.popupList(data, rows.map((_, i) => i));
  assert.ok(list.textContent.startsWith("25 incidents here, newest first"));
  assert.equal(list.children.filter((c) => c.className === "incident-popup").length, shared.MAX_POPUP_ITEMS);
  assert.ok(list.textContent.endsWith("5 more: zoom in or narrow the filters."));
  assert.equal(shared.popupList(data, [3]).className, "incident-popup");
});

test("incidents under one click are listed newest first, whatever order they came in", () => {
  const rows = [3, 40, 1, 12].map((day) => ({ lat: 34, lon: 69, day: day, location: "Day " + day }));
  const { shared, data } = setUp(rows);
  const items = shared.popupList(data, [0, 1, 2, 3]).children.filter((c) => c.className === "incident-popup");
  const days = items.map((item) => item.textContent.slice(0, 10));
  assert.deepEqual(days, ["2021-09-10", "2021-08-13", "2021-08-04", "2021-08-02"]);
});

test("a candidate says so, in the popup and the tooltip", () => {
  const { shared, data } = setUp([{ lat: 34, lon: 69, location: "Kabul", candidate: true, day: 1 }]);
  assert.equal(shared.tooltipText(data, 0), "Candidate \u00b7 2021-08-02 \u00b7 Kabul");
  assert.ok(shared.popupContent(data, 0).textContent.startsWith("Candidate: awaiting review"));
});
