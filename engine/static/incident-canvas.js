/*
 * The incident canvas: every incident stamped as a sprite on one canvas (points),
 * or counted into grid cells when there are too many to draw, with markers for
 * clusters and weighted points for the heat map built from the same arrays.
 *
 * Written for this project; the map loads incident-data.js, incident-canvas.js,
 * incident-areas.js, incident-layer.js in this order (engine/mapping/map_elements.py).
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var MAX_POPUP_ITEMS = shared.MAX_POPUP_ITEMS,
    decode = shared.decode,
    value = shared.value,
    radius = shared.radius,
    el = shared.el,
    count = shared.count,
    isCandidate = shared.isCandidate,
    popupContent = shared.popupContent,
    tooltipText = shared.tooltipText;

  // Each look (colour, precision style, radius) is drawn once into a small canvas
  // and then stamped: a stamp costs a copy, where a circle path had to be
  // filled and stroked anew each time (2.4 s of painting at 100,000 incidents).
  var SPRITE_PAD = 2;
  var sprites = {};
  var passes = 0;  // one per draw of any layer: which spots a look was stamped on

  function sprite(color, style, r, ratio) {
    var key = color + "|" + style + "|" + r + "|" + ratio;
    var found = sprites[key];
    if (found) return found;
    var mid = r + SPRITE_PAD, size = 2 * mid;
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = Math.ceil(size * ratio);
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    ctx.beginPath();
    if (style === 3) {           // a candidate awaiting review: a diamond, never a circle
      ctx.moveTo(mid, mid - r); ctx.lineTo(mid + r, mid);
      ctx.lineTo(mid, mid + r); ctx.lineTo(mid - r, mid); ctx.closePath();
    } else {
      ctx.arc(mid, mid, r, 0, 2 * Math.PI);
    }
    ctx.fillStyle = color;
    if (style === 3) {           // white inside, dashed in the actor's colour
      ctx.fillStyle = "#ffffff";
      ctx.globalAlpha = 0.85;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.setLineDash([3, 2]);
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = color;
    } else if (style === 0) {           // landmark or town: a filled circle, white edge
      ctx.globalAlpha = 0.75;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = 1;
      ctx.strokeStyle = "#ffffff";
    } else {                     // district, province, country: hollow, dashed
      ctx.setLineDash(style === 1 ? [4, 2] : [2, 3]);
      ctx.globalAlpha = style === 1 ? 0.25 : 0.08;
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.lineWidth = 2;
      ctx.strokeStyle = color;
    }
    ctx.stroke();
    found = sprites[key] = { canvas: canvas, mid: mid, size: size, pass: 0, spots: null };
    return found;
  }

  // Big circles first so small ones stay clickable on top; candidates last, so a
  // report awaiting review is never hidden under the confirmed incident it may
  // repeat.  Sorted as packed numbers (look, then index) in a typed array: a
  // comparator function took seconds at a million incidents.
  function drawingOrder(data) {
    var n = data.n, keys = new Float64Array(n), order = new Uint32Array(n);
    var SPAN = 2097152;  // 2^21: room for the index below the look
    for (var i = 0; i < n; i++) {
      var look = (isCandidate(data, i) ? 64 : 0) + (63 - Math.round(radius(data, i) * 2));
      keys[i] = look * SPAN + i;
    }
    keys.sort();
    for (var k = 0; k < n; k++) order[k] = keys[k] % SPAN;
    return order;
  }

  // Spherical Mercator at zoom 0 (Leaflet's default CRS, EPSG:3857), in 256-pixel
  // world units: the same numbers crs.latLngToPoint gives, without an object per
  // incident (a million of them cost 0.3 s).
  var MAX_LAT = 85.0511287798;
  function worldX(lon) { return (lon + 180) / 360 * 256; }
  function worldY(lat) {
    var s = Math.sin(Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * 256;
  }

  // Above this many incidents in view the map shows counts per grid cell, and
  // switches to the incidents themselves when zooming in brings it below.
  var POINT_LIMIT = 10000;
  var CELL = 28;  // pixels
  var BIN_COLOURS = ["#fee8c8", "#fdbb84", "#fc8d59", "#e34a33", "#b30000", "#7f0000"];

  var IncidentCanvas = L.Layer.extend({
    initialize: function (payload, options) {
      L.setOptions(this, options);
      this.data = decode(payload);
      this.data.detailLimit = payload.detailLimit;
      this.order = drawingOrder(this.data);
      // Playback (engine/playback.py): frames as [first day, last day] numbers
      // from the payload's first date; null draws every incident.
      this.play = (options && options.play) || null;
      this.frame = this.play ? this.play.at : null;
    },

    // Show frame ``k`` of the playback (clamped); redrawn at once.
    setFrame: function (k) {
      if (!this.play) return;
      this.frame = Math.max(0, Math.min(this.play.frames.length - 1, k));
      if (this._map) this._reset();
      this.fire("frame", { index: this.frame });
    },

    onAdd: function (map) {
      this._map = map;
      var canvas = this._canvas = L.DomUtil.create("canvas", "incident-canvas");
      canvas.style.position = "absolute";
      canvas.style.pointerEvents = "none";
      map.getPanes().overlayPane.appendChild(canvas);
      map.on("moveend resize viewreset zoomend", this._schedule, this);
      map.on("zoomstart", this._hide, this);
      map.on("click", this._click, this);
      map.on("mousemove", this._hover, this);
      if (this.play && L.incidentMap.player && !this._player) {
        this._player = L.incidentMap.player(this).addTo(map);
      }
      this._schedule();
    },

    onRemove: function (map) {
      L.DomUtil.remove(this._canvas);
      map.off("moveend resize viewreset zoomend", this._schedule, this);
      map.off("zoomstart", this._hide, this);
      map.off("click", this._click, this);
      map.off("mousemove", this._hover, this);
      if (this._tooltip) map.removeLayer(this._tooltip);
      if (this._legend) { this._legend.remove(); this._legend = null; }
    },

    _hide: function () { this._canvas.style.visibility = "hidden"; },

    // Fitting the map fires viewreset, zoomend and moveend together: one draw
    // for all of them, as soon as the running script ends (not on the next
    // animation frame, which a headless browser may give only much later).
    _schedule: function () {
      if (this._pending) return;
      this._pending = true;
      var layer = this;
      Promise.resolve().then(function () { layer._reset(); });
    },

    _reset: function () {
      this._pending = false;
      if (!this._map) return;
      var map = this._map, size = map.getSize(), ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      canvas.style.visibility = "visible";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      this._draw(ctx, size);
    },

    // Biggest first, so small circles stay on top; a stamp identical to one
    // already on the same pixel is skipped, as it adds nothing to the picture.
    // Where each incident lies on the world at zoom 0 (spherical Mercator, as
    // Leaflet's default CRS): computed once, so a redraw costs a multiply and an
    // add per incident rather than a projection call (0.3 s at a million).
    _world: function () {
      if (this._wx) return;
      var data = this.data, n = data.n;
      this._wx = new Float64Array(n);
      this._wy = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        this._wx[i] = worldX(data.lon[i]);
        this._wy[i] = worldY(data.lat[i]);
      }
    },

    // The frame being played as [first day, last day, cumulative]; every day
    // when not playing.
    _window: function () {
      if (!this.play) return [-Infinity, Infinity, false];
      var f = this.play.frames[this.frame];
      return [f[0], f[1], this.play.cumulative];
    },

    // Incident ``i`` in window ``w``: 0 not drawn, 1 drawn faded (cumulative
    // playback, before the window), 2 drawn.
    _shown: function (i, w) {
      var day = this.data.cols.date[i];
      if (day > w[1]) return 0;
      if (day >= w[0]) return 2;
      return w[2] ? 1 : 0;
    },

    // What the canvas drew, as data attributes: for tests and anyone checking.
    _report: function (fields) {
      var canvas = this._canvas;
      fields.frame = this.play ? String(this.frame) : "";
      fields.total = this.data.n;
      Object.keys(fields).forEach(function (name) {
        canvas.setAttribute("data-" + name, String(fields[name]));
      });
    },

    // Biggest first, so small circles stay on top; faded incidents under the
    // window's; a stamp identical to one already on the same pixel is skipped,
    // as it adds nothing to the picture.
    _draw: function (ctx, size) {
      var data = this.data, map = this._map, n = data.n;
      var ratio = window.devicePixelRatio || 1;
      this._world();
      var scale = map.options.crs.scale(map.getZoom()) / map.options.crs.scale(0);
      var origin = map.getPixelOrigin(), pane = map._getMapPanePos();
      var dx = pane.x - origin.x, dy = pane.y - origin.y;
      if (!this._x) { this._x = new Float32Array(n); this._y = new Float32Array(n); }
      this._x.fill(-1e9);
      this._y.fill(-1e9);
      this._bins = null;
      var binned = this._binned(size, scale, dx, dy);
      if (binned.drawn > POINT_LIMIT) {
        this._drawBins(ctx, binned);
        return;
      }
      var drawn = 0, stamped = 0, waiting = 0, faded = 0;
      var shownIn = this._window();
      var rounds = shownIn[2] ? [1, 2] : [2];
      for (var round = 0; round < rounds.length; round++) {
        var want = rounds[round], pass = ++passes;
        ctx.globalAlpha = want === 1 ? 0.3 : 1;
        for (var k = 0; k < n; k++) {
          var i = this.order[k];
          if (this._shown(i, shownIn) !== want) continue;
          var x = this._wx[i] * scale + dx, y = this._wy[i] * scale + dy;
          this._x[i] = x;
          this._y[i] = y;
          var r = radius(data, i);
          if (x < -r || y < -r || x > size.x + r || y > size.y + r) continue;
          drawn++;
          if (want === 1) faded++;
          var level = data.cols.precision[i];
          var style = isCandidate(data, i) ? 3 : level <= 1 ? 0 : level === 2 ? 1 : 2;
          if (style === 3) waiting++;
          var look = sprite(data.colors[data.cols.actor[i]], style,
                            Math.round(r * 2) / 2, ratio);
          if (look.pass !== pass) { look.pass = pass; look.spots = new Set(); }
          var spot = Math.round(x) * 65536 + Math.round(y);
          if (look.spots.has(spot)) continue;
          look.spots.add(spot);
          stamped++;
          ctx.drawImage(look.canvas, x - look.mid, y - look.mid, look.size, look.size);
        }
      }
      ctx.globalAlpha = 1;
      this._report({ mode: "incidents", bins: 0, drawn: drawn, faded: faded, candidates: waiting,
                     painted: stamped });
      this._binLegend(0, 0);
    },

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
    },

    // Every incident drawn under ``point``, nearest first: towns often hold several.
    _under: function (point) {
      var found = [], data = this.data;
      if (!this._x) return found;
      for (var i = 0; i < data.n; i++) {
        var dx = this._x[i] - point.x, dy = this._y[i] - point.y;
        var d = dx * dx + dy * dy, r = radius(data, i) + 3;
        if (d <= r * r) found.push([d, i]);
      }
      found.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
      return found.map(function (pair) { return pair[1]; });
    },

    _click: function (e) {
      var bin = this.binAt(e.containerPoint);
      if (bin) {  // a cell of counts: zoom in towards it, where its incidents show
        e.incidentHit = true;
        this._map.setView(this._map.containerPointToLatLng(bin.centre), this._map.getZoom() + 2);
        return;
      }
      var hits = this._under(e.containerPoint);
      if (!hits.length) return;
      e.incidentHit = true;  // a click on an incident is not a click on an empty spot
      var data = this.data, content;
      if (hits.length === 1) {
        content = popupContent(data, hits[0]);
      } else {
        content = el("div", "incident-popup-list");
        content.appendChild(el("div", "incident-count", hits.length + " incidents here"));
        hits.slice(0, MAX_POPUP_ITEMS).forEach(function (i) { content.appendChild(popupContent(data, i)); });
        if (hits.length > MAX_POPUP_ITEMS) {
          content.appendChild(el("p", "incident-note", (hits.length - MAX_POPUP_ITEMS)
            + " more: zoom in or narrow the filters."));
        }
      }
      var first = hits[0];
      L.popup({ maxWidth: 380, maxHeight: 360, className: "incident-popup-wrap" })
        .setLatLng([data.lat[first], data.lon[first]])
        .setContent(content)
        .openOn(this._map);
    },

    _hover: function (e) {
      var container = this._map.getContainer();
      if (this._bins) {
        var bin = this.binAt(e.containerPoint);
        if (!bin) {
          container.style.cursor = "";
          if (this._tooltip) { this._map.removeLayer(this._tooltip); this._tooltip = null; }
          return;
        }
        container.style.cursor = "zoom-in";
        if (!this._tooltip) this._tooltip = L.tooltip({ direction: "top", offset: [0, -6] });
        this._tooltip.setLatLng(this._map.containerPointToLatLng(bin.centre)).setContent(
          el("span", null, bin.count + " incidents here; most by " + bin.actor + " ("
             + bin.actorCount + "). Click to zoom in."));
        if (!this._map.hasLayer(this._tooltip)) this._tooltip.addTo(this._map);
        return;
      }
      var hits = this._under(e.containerPoint);
      if (!hits.length) {
        container.style.cursor = "";
        if (this._tooltip) { this._map.removeLayer(this._tooltip); this._tooltip = null; }
        return;
      }
      var i = hits[0];
      var label = tooltipText(this.data, i) + (hits.length > 1 ? " (+" + (hits.length - 1) + " more)" : "");
      container.style.cursor = "pointer";
      if (!this._tooltip) this._tooltip = L.tooltip({ direction: "top", offset: [0, -6] });
      this._tooltip.setLatLng([this.data.lat[i], this.data.lon[i]]).setContent(el("span", null, label));
      if (!this._map.hasLayer(this._tooltip)) this._tooltip.addTo(this._map);
    },

    points: function (withIntensity) {
      var out = [], data = this.data;
      for (var i = 0; i < data.n; i++) {
        var killed = value(data, "fatalities", i);
        out.push(withIntensity ? [data.lat[i], data.lon[i], 0.3 + Math.min(1, (killed || 0) / 20)]
                               : [data.lat[i], data.lon[i]]);
      }
      return out;
    },

    clusterGroup: function () {
      var group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
      var data = this.data, markers = [];
      for (var i = 0; i < data.n; i++) {
        var marker = L.circleMarker([data.lat[i], data.lon[i]], {
          radius: 6, color: "#ffffff", weight: 1, fillOpacity: 0.85,
          fillColor: data.colors[data.cols.actor[i]] });
        marker.bindTooltip((function (index) {
          return function () { return el("span", null, tooltipText(data, index)); };
        })(i));
        marker.bindPopup((function (index) {
          return function () { return popupContent(data, index); };
        })(i), { maxWidth: 360 });
        markers.push(marker);
      }
      group.addLayers(markers);
      return group;
    }
  });

  Object.assign(shared, { IncidentCanvas: IncidentCanvas });
})();
