/*
 * Two other views of the same incidents, each built only when first shown: markers
 * clustered by Leaflet.markercluster (each with its tooltip and popup) and the
 * heat map's weighted points for Leaflet.heat (more killed, hotter).
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-clusters.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var value = shared.value,
    el = shared.el,
    popupContent = shared.popupContent,
    tooltipText = shared.tooltipText;

  // [lat, lon, weight] per incident: 0.3 for none killed, up to 1.3 from 20 killed.
  function heatPoints(data) {
    var out = [];
    for (var i = 0; i < data.n; i++) {
      var killed = value(data, "fatalities", i);
      out.push([data.lat[i], data.lon[i], 0.3 + Math.min(1, (killed || 0) / 20)]);
    }
    return out;
  }

  function clusterGroup(data) {
    var group = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
    var markers = [];
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

  Object.assign(shared, { heatPoints: heatPoints, clusterGroup: clusterGroup });
  Object.assign(L.incidentMap, {
    // The views of an incident canvas's data (templates: engine/mapping/map_elements.py).
    clusters: function (layer) { return clusterGroup(layer.data); },
    heat: function (layer, options) { return L.heatLayer(heatPoints(layer.data), options); }
  });
})();
