/*
 * The incident canvas, a Leaflet layer: every incident stamped as a sprite on one
 * canvas (a look drawn once per colour, precision and size), the playback's
 * window applied, and the popup or tooltip of what lies under the pointer.
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-points.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var decode = shared.decode,
    radius = shared.radius,
    isCandidate = shared.isCandidate,
    el = shared.el,
    popupList = shared.popupList,
    tooltipText = shared.tooltipText,
    POINT_LIMIT = shared.POINT_LIMIT;

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

  var IncidentCanvas = L.Layer.extend({
    includes: [shared.CellView],  // grid cells, when there are too many to draw (incident-cells.js)

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
      var data = this.data, content = popupList(data, hits);
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
    }
  });

  Object.assign(shared, { IncidentCanvas: IncidentCanvas, drawingOrder: drawingOrder,
    worldX: worldX, worldY: worldY });
})();
