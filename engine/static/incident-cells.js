/*
 * Grid cells: above POINT_LIMIT incidents in view the canvas counts them into
 * cells fixed to the world's pixel grid and shades each by its count, with a
 * legend; a cell under the pointer names its count and most frequent actor.
 * A mixin of the incident canvas (incident-points.js).
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-cells.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var el = shared.el;

  // Above this many incidents in view the map shows counts per grid cell, and
  // switches to the incidents themselves when zooming in brings it below.
  var POINT_LIMIT = 10000;
  var CELL = 28;  // pixels
  var BIN_COLOURS = ["#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000", "#7f0000"];

  var CellView = {
    // What the shades mean, while cells are drawn instead of incidents.
    _binLegend: function (most, drawn) {
      if (!most) {
        if (this._legend) { this._legend.remove(); this._legend = null; }
        return;
      }
      if (!this._legend) {
        this._legend = L.control({ position: "bottomleft" });
        this._legend.onAdd = function () { return L.DomUtil.create("div", "incident-legend bin-legend"); };
        this._legend.addTo(this._map);
      }
      var box = this._legend.getContainer();
      box.replaceChildren();
      box.appendChild(el("h4", null, "Incidents per cell"));
      var ramp = box.appendChild(el("div", "bin-ramp"));
      BIN_COLOURS.forEach(function (colour) {
        var swatch = ramp.appendChild(el("span", "bin-swatch"));
        swatch.style.background = colour;
      });
      box.appendChild(el("div", "bin-range", "1 to " + most + " (darker: more), " + drawn
        + " incidents in view"));
      box.appendChild(el("div", "bin-note", "Over " + POINT_LIMIT.toLocaleString("en")
        + " in view: zoom in, or narrow the filters, to see each incident."));
    },

    // One pass over every incident: which grid cell of the view it falls in (-1
    // outside the view or the frame) and the count per cell.  Cells are fixed to
    // the world's pixel grid at this zoom, so panning does not move an incident
    // between cells.  Whether cells or incidents are drawn follows from the total.
    _binned: function (size, scale, dx, dy) {
      var n = this.data.n, wx = this._wx, wy = this._wy, days = this.data.cols.date;
      var w = this._window(), last = w[1], first = w[2] ? -Infinity : w[0];
      var c0 = Math.floor(-dx / CELL), r0 = Math.floor(-dy / CELL);
      var cols = Math.ceil(size.x / CELL) + 2, rows = Math.ceil(size.y / CELL) + 2;
      var counts = new Uint32Array(cols * rows);
      if (!this._cellOf) this._cellOf = new Int32Array(n);
      var cellOf = this._cellOf, drawn = 0;
      for (var i = 0; i < n; i++) {
        cellOf[i] = -1;
        var day = days[i];
        if (day > last || day < first) continue;
        var px = wx[i] * scale, x = px + dx;
        if (x < 0 || x > size.x) continue;
        var py = wy[i] * scale, y = py + dy;
        if (y < 0 || y > size.y) continue;
        var cell = (Math.floor(py / CELL) - r0) * cols + Math.floor(px / CELL) - c0;
        counts[cell]++;
        cellOf[i] = cell;
        drawn++;
      }
      return { counts: counts, cellOf: cellOf, cols: cols, c0: c0, r0: r0, dx: dx, dy: dy,
               drawn: drawn };
    },

    // Counts per grid cell, shaded by count (log scale).
    _drawBins: function (ctx, b) {
      var counts = b.counts, most = 1, used = 0;
      for (var k = 0; k < counts.length; k++) {
        if (counts[k]) { used++; if (counts[k] > most) most = counts[k]; }
      }
      var top = Math.log(most + 1);
      ctx.globalAlpha = 0.85;
      for (var k2 = 0; k2 < counts.length; k2++) {
        if (!counts[k2]) continue;
        var level = Math.min(BIN_COLOURS.length - 1,
                             Math.floor(Math.log(counts[k2] + 1) / top * BIN_COLOURS.length));
        var left = (b.c0 + k2 % b.cols) * CELL + b.dx, upper = (b.r0 + Math.floor(k2 / b.cols)) * CELL + b.dy;
        ctx.fillStyle = BIN_COLOURS[level];
        ctx.fillRect(left + 1, upper + 1, CELL - 2, CELL - 2);
      }
      ctx.globalAlpha = 1;
      b.most = most;
      this._bins = b;
      this._report({ mode: "bins", bins: used, drawn: b.drawn, faded: 0, candidates: 0,
                     painted: used });
      this._binLegend(most, b.drawn);
    },

    // The grid cell under a point, and who most of its incidents are by.
    binAt: function (point) {
      var b = this._bins;
      if (!b) return null;
      var c = Math.floor((point.x - b.dx) / CELL) - b.c0, r = Math.floor((point.y - b.dy) / CELL) - b.r0;
      if (c < 0 || r < 0 || c >= b.cols) return null;
      var cell = r * b.cols + c;
      if (!b.counts[cell]) return null;
      var byActor = {}, data = this.data, best = null;
      for (var i = 0; i < data.n; i++) {
        if (b.cellOf[i] !== cell) continue;
        var a = data.cols.actor[i];
        byActor[a] = (byActor[a] || 0) + 1;
        if (best === null || byActor[a] > byActor[best]) best = a;
      }
      return { count: b.counts[cell], actor: data.tables.actor[best] || "(no actor given)",
               actorCount: byActor[best],
               centre: [(b.c0 + c + 0.5) * CELL + b.dx, (b.r0 + r + 0.5) * CELL + b.dy] };
    }
  };

  Object.assign(shared, { CellView: CellView, POINT_LIMIT: POINT_LIMIT, CELL: CELL,
    BIN_COLOURS: BIN_COLOURS });
})();
