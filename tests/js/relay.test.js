// dashboard/map_frame/frontend/relay.js: what the map frame tells Streamlit.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SOURCE = fs.readFileSync(
  path.join(__dirname, "..", "..", "dashboard", "map_frame", "frontend", "relay.js"), "utf8");

function relay() {
  const mapWindow = {}, parent = { sent: [] }, frame = { contentWindow: mapWindow, style: {} };
  parent.postMessage = (message) => parent.sent.push(JSON.parse(JSON.stringify(message)));
  let listener = null;
  const context = {
    document: { getElementById: () => frame },
    JSON, isFinite,
  };
  context.window = { parent, addEventListener: (type, fn) => { listener = fn; } };
  vm.createContext(context);
  vm.runInContext(SOURCE, context);
  const values = () => parent.sent.filter((m) => m.type === "streamlit:setComponentValue").map((m) => m.value);
  return {
    fromMap: (data) => listener({ source: mapWindow, data }),
    render: (html) => listener({ source: parent, data: { type: "streamlit:render", args: { html, height: 600 } } }),
    values, frame,
  };
}

const view = (lat, lng, zoom) => ({ incidentMapView: {
  center: { lat, lng }, zoom,
  bounds: { _southWest: { lat: lat - 1, lng: lng - 1 }, _northEast: { lat: lat + 1, lng: lng + 1 } } } });

test("a click stays offered when the map reports its view again", () => {
  const r = relay();
  r.render("<p>map</p>");
  r.fromMap(view(34, 69, 6));
  r.fromMap({ incidentMapClick: { lat: 30.1, lng: 62.2, zoom: 6 } });
  r.fromMap(view(34.2, 69.1, 6));  // the map refit after the page below it grew
  const last = r.values().at(-1);
  assert.equal(last.center.lat, 34.2);
  assert.equal(last.click.lat, 30.1);
});

test("a new map forgets the click; only numbers pass", () => {
  const r = relay();
  r.render("<p>map</p>");
  r.fromMap({ incidentMapClick: { lat: 30.1, lng: "<script>", zoom: 6 } });
  assert.equal(r.values().length, 0, "a click with a non-number is dropped");
  r.fromMap({ incidentMapClick: { lat: 30.1, lng: 62.2, zoom: 6 } });
  r.render("<p>another map</p>");
  assert.equal(r.frame.srcdoc, "<p>another map</p>");
  r.fromMap(view(34, 69, 6));
  assert.equal(r.values().at(-1).click, undefined);
});

test("a paused frame is kept beside the view", () => {
  const r = relay();
  r.render("<p>map</p>");
  r.fromMap({ incidentMapFrame: { frame: 3 } });
  r.fromMap(view(34, 69, 7));
  assert.equal(r.values().at(-1).frame, 3);
});
