/*
 * The browser layer's entry point: ``L.incidentMap`` makes the incident canvas,
 * builds optional layers only when first shown, loads area data, and keeps each
 * layer under the name the layer control shows.  The other parts add their own
 * views to it (clusters, heat, provinceCounts, player).
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-layer.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var el = shared.el;

  // A layer built only when first shown, so optional views cost nothing until used.
  var LazyLayer = L.Layer.extend({
    initialize: function (factory) { this._factory = factory; },
    onAdd: function (map) {
      if (!this._inner) this._inner = this._factory();
      map.addLayer(this._inner);
    },
    onRemove: function (map) { if (this._inner) map.removeLayer(this._inner); }
  });

  Object.assign(L.incidentMap, {
    canvas: function (payload, options) {
      // The canvas is added by incident-points.js, loaded after this file; the last
      // layer made is kept here so tests can find where it drew.
      L.incidentMap.last = new shared.IncidentCanvas(payload, options);
      return L.incidentMap.last;
    },
    position: function (layer, i) { return [layer._x[i], layer._y[i]]; },
    lazy: function (factory) { return new LazyLayer(factory); },
    // Data embedded in the page is drawn at once; a URL is fetched from the app first.
    load: function (source, draw) {
      if (typeof source === "string") {
        fetch(source).then(function (r) { return r.json(); }).then(draw);
      } else {
        draw(source);
      }
    },
    register: function (map, name, layer, kind) {
      L.incidentMap.map = map;  // the map the layers are on, shown or not
      map._incidentLayers = map._incidentLayers || [];
      map._incidentLayers.push({ name: name, layer: layer, kind: kind });
      if (kind === "on" && !map.hasLayer(layer)) layer.addTo(map);
    },
    // A text node for Leaflet's tooltips and popups, which treat strings as HTML.
    text: function (content) { return el("span", null, content); }
  });
})();
