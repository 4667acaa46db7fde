/*
 * The map's player, written for this project: steps the incident canvas through
 * the frames engine/playback.py computed (play, pause, step, speed, a scrubber),
 * shows the frame's date large on the map and marks the window on a small timeline
 * of the counts per frame.  Everything runs in the page: no request, no rerun of the
 * app per frame.  All text goes in as textContent.
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-player.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var el = shared.el;

  var SPEEDS = [0.5, 1, 2, 4, 8];  // frames per second

  function button(parent, label, title, action) {
    var b = el("button", "incident-player-button", label);
    b.type = "button";
    b.title = title;
    b.setAttribute("aria-label", title);
    b.addEventListener("click", action);
    parent.appendChild(b);
    return b;
  }

  // The counts per frame as bars, the frame shown (its window) marked.
  function drawTimeline(canvas, play, frame) {
    var ratio = window.devicePixelRatio || 1, w = canvas.clientWidth || 260, h = 36;
    canvas.width = w * ratio;
    canvas.height = h * ratio;
    var ctx = canvas.getContext("2d"), counts = play.counts, n = counts.length;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    var most = Math.max.apply(null, counts.concat([1])), bar = w / n;
    for (var i = 0; i < n; i++) {
      var bh = (h - 4) * counts[i] / most;
      ctx.fillStyle = i === frame ? "#b2182b" : "#9a9a9a";
      ctx.fillRect(i * bar, h - bh, Math.max(bar - 0.5, 0.5), bh);
    }
    ctx.strokeStyle = "#b2182b";
    ctx.lineWidth = 1.5;
    ctx.strokeRect(frame * bar + 0.5, 0.5, Math.max(bar, 2) - 1, h - 1);
  }

  var Player = L.Control.extend({
    options: { position: "bottomright" },

    initialize: function (layer) {
      this.layer = layer;
      this.play = layer.play;
      this.speed = 1;
      this.timer = null;
    },

    onAdd: function (map) {
      var play = this.play, self = this;
      var box = L.DomUtil.create("div", "incident-player");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      var buttons = box.appendChild(el("div", "incident-player-buttons"));
      button(buttons, "\u00ab", "First frame", function () { self.pause(); self.show(0); });
      button(buttons, "\u2039", "Step back", function () { self.pause(); self.show(self.layer.frame - 1); });
      this.toggle = button(buttons, "\u25b6", "Play", function () {
        if (self.timer) self.pause(); else self.start();
      });
      button(buttons, "\u203a", "Step forward", function () { self.pause(); self.show(self.layer.frame + 1); });
      button(buttons, "\u00bb", "Last frame", function () {
        self.pause(); self.show(play.frames.length - 1);
      });
      var speed = el("select", "incident-player-speed");
      speed.title = "Frames per second";
      speed.setAttribute("aria-label", "Frames per second");
      SPEEDS.forEach(function (s) {
        var option = el("option", null, s + " per s");
        option.value = String(s);
        if (s === self.speed) option.selected = true;
        speed.appendChild(option);
      });
      speed.addEventListener("change", function () {
        self.speed = Number(speed.value);
        if (self.timer) { self.pause(); self.start(); }
      });
      buttons.appendChild(speed);
      var scrub = this.scrub = el("input", "incident-player-scrub");
      scrub.type = "range";
      scrub.min = "0";
      scrub.max = String(play.frames.length - 1);
      scrub.setAttribute("aria-label", "Frame");
      scrub.addEventListener("input", function () { self.pause(); self.show(Number(scrub.value)); });
      buttons.appendChild(scrub);
      this.timeline = box.appendChild(el("canvas", "incident-player-timeline"));
      this.count = box.appendChild(el("div", "incident-player-count"));
      // The date, large, top right of the map: what a reader (and each exported
      // frame) must see first.
      this.stamp = L.control({ position: "topright" });
      this.stamp.onAdd = function () {
        self.stampBox = L.DomUtil.create("div", "incident-date-stamp");
        return self.stampBox;
      };
      this.stamp.addTo(map);
      this.layer.on("frame", this.update, this);
      setTimeout(function () { self.update(); }, 0);
      return box;
    },

    onRemove: function () {
      this.pause();
      this.stamp.remove();
      this.layer.off("frame", this.update, this);
    },

    show: function (k) { this.layer.setFrame(k); },

    start: function () {
      var self = this, last = this.play.frames.length - 1;
      if (this.layer.frame >= last) this.show(0);
      this.toggle.textContent = "II";
      this.toggle.title = "Pause";
      this.timer = setInterval(function () {
        if (self.layer.frame >= last) { self.pause(); return; }
        self.show(self.layer.frame + 1);
      }, 1000 / this.speed);
      this.report(null);
    },

    pause: function () {
      if (!this.timer) return;
      clearInterval(this.timer);
      this.timer = null;
      this.toggle.textContent = "\u25b6";
      this.toggle.title = "Play";
      this.report(this.layer.frame);
    },

    // While paused, the frame shown is told to the page holding the map (the app
    // keeps it in the link and the snapshot); numbers only.
    report: function (frame) {
      if (!L.incidentMap.reportFrames || window.parent === window) return;
      window.parent.postMessage({ incidentMapFrame: { frame: frame } }, "*");
    },

    update: function () {
      var k = this.layer.frame, play = this.play;
      if (this.stampBox) this.stampBox.textContent = play.labels[k];
      this.scrub.value = String(k);
      var n = play.counts[k];
      this.count.textContent = "Frame " + (k + 1) + " of " + play.frames.length + " \u00b7 " + n
        + " incident" + (n === 1 ? "" : "s") + (play.cumulative ? " up to here" : " in the window");
      drawTimeline(this.timeline, play, k);
      // A snapshot page's header names the frame shown; it follows the player.
      var line = document.querySelector(".snapshot-head .frame");
      if (line && play.lines) line.textContent = play.lines[k];
      if (!this.timer && this.ready) this.report(k);
      this.ready = true;  // the first frame shown is the page's, not the reader's choice
    }
  });

  Object.assign(shared, { drawTimeline: drawTimeline });
  L.incidentMap.player = function (layer) { return new Player(layer); };
})();
