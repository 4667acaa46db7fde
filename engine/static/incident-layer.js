/*
 * Incident layer for Leaflet, the map's entry point: ``L.incidentMap`` makes the
 * canvas, lazy layers and area counts, and registers each layer under its name.
 *
 * Written for this project; the map loads incident-data.js, incident-canvas.js,
 * incident-areas.js, incident-layer.js in this order (engine/mapping/map_elements.py).
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var text = shared.text,
    el = shared.el,
    popupContent = shared.popupContent,
    IncidentCanvas = shared.IncidentCanvas,
    provinceCounts = shared.provinceCounts;

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
      // The last layer made is kept here so tests can find where it drew.
      L.incidentMap.last = new IncidentCanvas(payload, options);
      return L.incidentMap.last;
    },
    position: function (layer, i) { return [layer._x[i], layer._y[i]]; },
    lazy: function (factory) { return new LazyLayer(factory); },
    provinceCounts: provinceCounts,
    // Data embedded in the page is drawn at once; a URL is fetched from the app first.
    load: function (source, draw) {
      if (typeof source === "string") {
        fetch(source).then(function (r) { return r.json(); }).then(draw);
      } else {
        draw(source);
      }
    },
    register: function (map, name, layer, kind) {
      map._incidentLayers = map._incidentLayers || [];
      map._incidentLayers.push({ name: name, layer: layer, kind: kind });
      if (kind === "on" && !map.hasLayer(layer)) layer.addTo(map);
    },
    popupContent: popupContent,
    // A text node for Leaflet's tooltips and popups, which treat strings as HTML.
    text: function (content) { return el("span", null, content); }
  });
})();
