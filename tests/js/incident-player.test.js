// incident-player.js: the player's buttons step the canvas; its texts follow the frame.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./harness");

const FILES = ["incident-decode.js", "incident-popups.js", "incident-layer.js", "incident-player.js"];

function fakeCanvasLayer(L) {
  const layer = new L.Layer();
  layer.play = { frames: [[0, 30], [31, 60], [61, 90]], labels: ["Aug 2021", "Sep 2021", "Oct 2021"],
                 counts: [2, 1, 0], cumulative: false };
  layer.frame = 0;
  layer.setFrame = (k) => {
    layer.frame = Math.max(0, Math.min(2, k));
    layer.fire("frame", { index: layer.frame });
  };
  return layer;
}

function buttons(box) {
  const found = {};
  box.all("button").forEach((b) => { found[b.title] = b; });
  return found;
}

test("the buttons step the canvas through its frames and the texts follow", () => {
  const { L } = load(...FILES);
  const layer = fakeCanvasLayer(L);
  const player = L.incidentMap.player(layer);
  const map = { controls: [] };
  const box = player.onAdd(map);
  player.update();
  assert.equal(player.stampBox.textContent, "Aug 2021");
  assert.equal(player.count.textContent, "Frame 1 of 3 \u00b7 2 incidents in the window");
  const controls = buttons(box);
  controls["Step forward"].dispatch("click");
  assert.equal(layer.frame, 1);
  assert.equal(player.stampBox.textContent, "Sep 2021");
  assert.equal(player.count.textContent, "Frame 2 of 3 \u00b7 1 incident in the window");
  controls["Last frame"].dispatch("click");
  controls["Step forward"].dispatch("click");
  assert.equal(layer.frame, 2, "stepping past the last frame stays there");
  controls["First frame"].dispatch("click");
  assert.equal(player.scrub.value, "0");
});

test("the timeline marks the frame shown among the counts per frame", () => {
  const { L, shared, document } = load(...FILES);
  const canvas = document.createElement("canvas");
  canvas.clientWidth = 300;
  shared.drawTimeline(canvas, fakeCanvasLayer(L).play, 1);
  const calls = document.context.calls;
  const bars = calls.filter((c) => c[0] === "fillRect");
  assert.equal(bars.length, 3);
  assert.equal(bars[2][4], 0, "a frame with no incident has no bar");
  const marked = calls.find((c) => c[0] === "strokeRect");
  assert.ok(marked[1] > 100 && marked[1] < 200, "the second of three frames is marked");
});
