/*
 * Incidents per area (province or district), counted in the browser by the polygon
 * each incident lies in and shaded, labelled with their counts.
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-areas.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var el = shared.el;

  // --- Incidents per province, shaded -------------------------------------
  // Counted by the area each incident lies in, not by its admin1 text, which
  // differs between sources.  Incidents placed only at country level (or not
  // placed) are left out: their point says nothing about a province.
  var COUNTED_LEVELS = 3;  // landmark, town, district, province

  function ringContains(ring, x, y) {
    var inside = false;
    for (var a = 0, b = ring.length - 1; a < ring.length; b = a++) {
      var xa = ring[a][0], ya = ring[a][1], xb = ring[b][0], yb = ring[b][1];
      if ((ya > y) !== (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa) inside = !inside;
    }
    return inside;
  }

  function polygons(geometry) {
    return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  }

  function contains(area, x, y) {
    if (x < area.box[0] || x > area.box[2] || y < area.box[1] || y > area.box[3]) return false;
    var inside = false;   // even-odd over every ring: holes count themselves out
    area.polygons.forEach(function (rings) {
      rings.forEach(function (ring) { if (ringContains(ring, x, y)) inside = !inside; });
    });
    return inside;
  }

  function areaOf(feature) {
    var box = [Infinity, Infinity, -Infinity, -Infinity], all = polygons(feature.geometry);
    all.forEach(function (rings) {
      rings[0].forEach(function (pt) {
        box[0] = Math.min(box[0], pt[0]); box[1] = Math.min(box[1], pt[1]);
        box[2] = Math.max(box[2], pt[0]); box[3] = Math.max(box[3], pt[1]);
      });
    });
    return { feature: feature, polygons: all, box: box, count: 0, lat: 0, lon: 0 };
  }

  // One feature per group (pieces that are one area today are merged).
  function groupedAreas(topology) {
    var object = topology.objects.admin1, groups = {};
    object.geometries.forEach(function (g) {
      (groups[g.properties.group] || (groups[g.properties.group] = [])).push(g);
    });
    return Object.keys(groups).map(function (key) {
      var pieces = groups[key];
      var geometry = pieces.length === 1 ? topojson.feature(topology, pieces[0]).geometry
                                         : topojson.merge(topology, pieces);
      return areaOf({ type: "Feature", properties: pieces[0].properties, geometry: geometry });
    });
  }

  function countInto(areas, data) {
    var level = data.cols.precision;
    for (var i = 0; i < data.n; i++) {
      if (level[i] > COUNTED_LEVELS) continue;
      for (var k = 0; k < areas.length; k++) {
        if (contains(areas[k], data.lon[i], data.lat[i])) {
          var area = areas[k];
          area.count++;
          area.lat += data.lat[i];
          area.lon += data.lon[i];
          break;
        }
      }
    }
  }

  // Where each label goes: going from the most incidents down, the first of its
  // places (below its incidents, then above, right, left) that covers no label kept
  // so far; -1 when every place does (the label is hidden until zooming in parts
  // them).  ``labels``: {count, boxes} with a rectangle (left, top, right, bottom) or
  // null per place; returns the place chosen for each.
  // ``names`` (rectangles of the city and country names) are avoided where a place
  // clear of them is left; a count is never hidden for a name alone.
  function placeLabels(labels, names) {
    var order = labels.map(function (_, i) { return i; });
    order.sort(function (a, b) { return labels[b].count - labels[a].count || a - b; });
    var kept = [], chosen = labels.map(function () { return -1; });
    function clear(r, others) {
      return !others.some(function (k) {
        return r.left < k.right && r.right > k.left && r.top < k.bottom && r.bottom > k.top;
      });
    }
    function pick(boxes, others) {
      return boxes.findIndex(function (r) { return r && clear(r, others); });
    }
    order.forEach(function (i) {
      var place = pick(labels[i].boxes, kept.concat(names || []));
      if (place < 0) place = pick(labels[i].boxes, kept);
      if (place < 0) return;
      kept.push(labels[i].boxes[place]);
      chosen[i] = place;
    });
    return chosen;
  }

  var PLACES = [["bottom", [0, 12]], ["top", [0, -12]], ["right", [12, 0]], ["left", [-12, 0]]];

  function shade(count, most) {
    return count ? 0.12 + 0.6 * Math.sqrt(count / most) : 0;
  }

  // The areas of one source: a TopoJSON of provinces (pieces grouped), or a GeoJSON
  // FeatureCollection of districts (one feature each).
  function sourceAreas(data) {
    return data.type === "FeatureCollection" ? data.features.map(areaOf) : groupedAreas(data);
  }

  function provinceCounts(incidents, sources, unit) {
    unit = unit || "province";
    var group = L.layerGroup(), areas = [], legend = L.control({ position: "bottomleft" });
    var note = null;
    legend.onAdd = function () {
      var box = L.DomUtil.create("div", "incident-legend province-legend " + unit + "-legend");
      box.appendChild(el("h4", null, "Incidents per " + unit));
      note = box.appendChild(el("div", "province-legend-range"));
      return box;
    };
    var labels = [];
    function redraw() {
      var most = 0, counted = 0;
      areas.forEach(function (a) { most = Math.max(most, a.count); counted += a.count; });
      group.clearLayers();
      labels = [];
      areas.forEach(function (a) {
        L.geoJSON(a.feature, { interactive: false, pane: "provinces",
          style: { stroke: false, fillColor: "#b2182b", fillOpacity: shade(a.count, most) } })
          .addTo(group);
        if (!a.count) return;
        // Below the incidents' centre, so the city name and the markers there stay readable.
        var label = L.tooltip({ permanent: true, direction: "bottom", offset: [0, 12],
                                className: "province-count", interactive: false })
          .setLatLng([a.lat / a.count, a.lon / a.count])
          .setContent(el("span", null, a.feature.properties.name + ": " + a.count))
          .addTo(group);
        labels.push({ count: a.count, tooltip: label });
      });
      group.counted = counted;
      declutter();
    }
    // Labels that would cover a label of more incidents are hidden until zooming in
    // parts them (small districts lie close: Quetta and Mastung, Karachi's five).
    function declutter() {
      if (!group._map) return;
      function put(tooltip, place) {
        tooltip.options.direction = PLACES[place][0];
        tooltip.options.offset = PLACES[place][1];
        tooltip.update();
      }
      var container = group._map.getContainer();
      var names = Array.prototype.map.call(
        container.querySelectorAll(".city-label > span, .country-label > span"),
        function (node) { return node.getBoundingClientRect(); });
      var chosen = placeLabels(labels.map(function (label) {
        var node = label.tooltip.getElement();
        if (node) node.style.visibility = "";
        return { count: label.count, boxes: PLACES.map(function (_, place) {
          if (!node) return null;
          put(label.tooltip, place);
          return node.getBoundingClientRect();
        }) };
      }), names);
      var hidden = 0;
      chosen.forEach(function (place, i) {
        var tooltip = labels[i].tooltip;
        if (!tooltip.getElement()) return;
        put(tooltip, Math.max(place, 0));
        if (place < 0) { tooltip.getElement().style.visibility = "hidden"; hidden++; }
      });
      group.hidden = hidden;
      group.labelled = labels.length;
      if (note) {
        var most = 0;
        areas.forEach(function (a) { most = Math.max(most, a.count); });
        note.textContent = (most ? "1 to " + most + " per " + unit + "; " : "") + group.counted
          + " of " + incidents.data.n + " incidents counted (those placed only at country level, or"
          + " outside the " + unit + "s drawn, are not)."
          + (hidden ? " " + hidden + (hidden === 1 ? " label" : " labels") + " hidden where "
             + unit + "s are crowded: zoom in." : "");
      }
    }
    // What was counted, by area name: for tests and for anyone checking the map.
    group.counts = function () {
      var out = {};
      areas.forEach(function (a) { if (a.count) out[a.feature.properties.name] = a.count; });
      return out;
    };
    L.incidentMap[unit === "province" ? "lastCounts" : "lastDistrictCounts"] = group;
    if (unit === "district") {  // the shapes' credit, while the layer is shown
      group.getAttribution = function () { return "Districts: OCHA COD-AB (AGCHO, WFP/ITOS)"; };
    }
    group.on("add", function () {
      legend.addTo(group._map);
      // Again whenever the labels may have moved against each other: a zoom, and a
      // resize or fit of the map (the app's frame can be laid out after the first draw).
      group._map.on("zoomend moveend resize", declutter);
      redraw();
    });
    group.on("remove", function () {
      legend.remove();
      if (group._map) group._map.off("zoomend moveend resize", declutter);
    });
    sources.forEach(function (source) {
      L.incidentMap.load(source, function (data) {
        var found = sourceAreas(data);
        countInto(found, incidents.data);
        areas = areas.concat(found);
        redraw();
      });
    });
    return group;
  }

  Object.assign(shared, { areaOf: areaOf, contains: contains, countInto: countInto, shade: shade,
    placeLabels: placeLabels });
  L.incidentMap.provinceCounts = provinceCounts;
})();
