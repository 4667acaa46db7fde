// incident-cells.js: counting into grid cells, the cell under the pointer, its legend.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, payload } = require("./harness");

const CORE = ["incident-decode.js", "incident-popups.js", "incident-layer.js", "incident-cells.js"];

// A canvas-like object with the mixin's methods over incidents at world pixels.
function cellLayer(points, actors) {
  const parts = load(...CORE);
  const { shared, L } = parts;
  const rows = points.map((_, i) => ({ lat: 34, lon: 69, actor: actors[i] }));
  const layer = Object.assign(Object.create(shared.CellView), {
    data: shared.decode(payload(rows)),
    _wx: Float64Array.from(points.map((p) => p[0])),
    _wy: Float64Array.from(points.map((p) => p[1])),
    _window: () => [-Infinity, Infinity, false],
    _report(fields) { this.reported = fields; },
    _map: { controls: [] },
  });
  return Object.assign(parts, { layer, shared, L });
}

test("each incident in view is counted in the cell of the world grid it lies in", () => {
  const { layer, shared } = cellLayer([[5, 5], [6, 7], [40, 5], [500, 5]], ["A", "A", "B", "C"]);
  const b = layer._binned({ x: 200, y: 100 }, 1, 0, 0);
  assert.equal(b.drawn, 3, "the incident right of the view is not counted");
  const used = Array.from(b.counts).filter((c) => c);
  assert.equal(used.join(","), "2,1");
  assert.equal(b.cellOf[0], b.cellOf[1]);
  assert.notEqual(b.cellOf[0], b.cellOf[2]);
  assert.equal(b.cellOf[3], -1);
  assert.equal(shared.CELL, 28);
});

test("panning by less than a cell keeps incidents in their cells", () => {
  const { layer } = cellLayer([[5, 5], [20, 5]], ["A", "A"]);
  const before = layer._binned({ x: 200, y: 100 }, 1, 0, 0);
  const together = before.cellOf[0] === before.cellOf[1];
  const after = layer._binned({ x: 200, y: 100 }, 1, 10, 0);
  assert.equal(after.cellOf[0] === after.cellOf[1], together);
});

test("the cell under the pointer names its count and most frequent actor", () => {
  const { layer } = cellLayer([[5, 5], [6, 7], [8, 9], [40, 5]], ["A", "B", "B", "C"]);
  layer._drawBins(layer.data && new Proxy({}, { get: () => () => {}, set: () => true }),
                  layer._binned({ x: 200, y: 100 }, 1, 0, 0));
  assert.equal(layer.reported.mode, "bins");
  assert.equal(layer.reported.bins, 2);
  const cell = layer.binAt({ x: 10, y: 10 });
  assert.equal(cell.count, 3);
  assert.equal(cell.actor, "B");
  assert.equal(cell.actorCount, 2);
  assert.equal(layer.binAt({ x: 150, y: 90 }), null, "an empty cell names nothing");
});

test("the legend says what the shades mean while cells are drawn, and goes after", () => {
  const { layer } = cellLayer([[5, 5]], ["A"]);
  layer._binLegend(12, 30000);
  const text = layer._legend.getContainer().textContent;
  assert.ok(text.includes("Incidents per cell") && text.includes("1 to 12"));
  assert.ok(text.includes("30000 incidents in view"));
  const legend = layer._legend;
  layer._binLegend(0, 0);
  assert.ok(legend.removed && layer._legend === null);
});
