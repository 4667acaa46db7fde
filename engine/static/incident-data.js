/*
 * Incident data for the map's browser layer: the payload's typed columns decoded,
 * each field of an incident read from them, and its tooltip and popup built as
 * DOM nodes (text only through textContent, links only when http(s)).
 *
 * Written for this project; the map loads incident-data.js, incident-canvas.js,
 * incident-areas.js, incident-layer.js in this order (engine/mapping/map_elements.py).
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files

  var TYPES = { u1: Uint8Array, u2: Uint16Array, u4: Uint32Array };
  var PRECISIONS = ["landmark", "town", "district", "province", "country", "unknown"];
  var MAX_POPUP_ITEMS = 20;

  function decodeColumn(column) {
    var bytes;
    if (Uint8Array.fromBase64) {  // native, and much faster on a million rows
      bytes = Uint8Array.fromBase64(column.b);
    } else {
      var raw = atob(column.b);
      bytes = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    }
    return new TYPES[column.t](bytes.buffer, bytes.byteOffset, bytes.byteLength / TYPES[column.t].BYTES_PER_ELEMENT);
  }

  function decode(payload) {
    var cols = {};
    Object.keys(payload.cols).forEach(function (name) {
      cols[name] = decodeColumn(payload.cols[name]);
    });
    var n = payload.n, box = payload.bbox;
    var lat = new Float64Array(n), lon = new Float64Array(n);
    for (var i = 0; i < n; i++) {
      lat[i] = box[0] + (box[1] - box[0]) * cols.lat[i] / 65535;
      lon[i] = box[2] + (box[3] - box[2]) * cols.lon[i] / 65535;
    }
    return { n: n, lat: lat, lon: lon, cols: cols, tables: payload.tables,
             text: payload.text || {}, colors: payload.colors, nulls: payload.nulls,
             dateBase: Date.parse(payload.dateBase + "T00:00:00Z"), detail: payload.detail };
  }

  function value(data, name, i) {
    var v = data.cols[name][i];
    return v === data.nulls[name] ? null : v;
  }

  function text(data, table, i) {
    var v = data.cols[table][i];
    var t = data.tables[table];
    return t ? (t[v] || "") : "";
  }

  function dateText(data, i) {
    var d = new Date(data.dateBase + data.cols.date[i] * 86400000);
    return d.toISOString().slice(0, 10);
  }

  function radius(data, i) {
    var killed = value(data, "fatalities", i);
    if (killed === null) return 5;
    return Math.min(24, 4 + 2.2 * Math.sqrt(killed));
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  function row(list, label, content) {
    var line = el("div", "incident-row");
    line.appendChild(el("b", null, label + ": "));
    line.appendChild(el("span", null, content));
    list.appendChild(line);
  }

  function count(data, name, i) {
    var v = value(data, name, i);
    return v === null ? "unknown" : String(v);
  }

  function isCandidate(data, i) {
    return !!(data.cols.candidate && data.cols.candidate[i]);
  }

  function popupContent(data, i) {
    var box = el("div", "incident-popup");
    if (isCandidate(data, i)) {
      box.appendChild(el("div", "incident-candidate", "Candidate: awaiting review, not confirmed"));
    }
    box.appendChild(el("div", "incident-title", dateText(data, i) + " \u2014 " + text(data, "event_type", i)));
    row(box, "Actor", text(data, "actor", i));
    if (text(data, "actor2", i)) row(box, "Other side", text(data, "actor2", i));
    if (text(data, "associated_actors", i)) row(box, "Also", text(data, "associated_actors", i));
    var place = [text(data, "location", i), text(data, "admin2", i), text(data, "admin1", i),
                 text(data, "country", i)]
      .filter(function (s) { return s; }).join(", ");
    row(box, "Place", place);
    row(box, "Placed at", PRECISIONS[data.cols.precision[i]] + " level");
    row(box, "Killed", count(data, "fatalities", i));
    row(box, "Injured", count(data, "injured", i));
    if (data.detail && data.text.description) {
      box.appendChild(el("p", "incident-description", data.text.description[i]));
    } else if (!data.detail) {
      box.appendChild(el("p", "incident-note", "Description: see the table (shown on the map below "
        + data.detailLimit + " incidents)."));
    }
    var source = text(data, "source", i);
    var url = text(data, "source_url", i);
    var line = el("div", "incident-row");
    line.appendChild(el("b", null, "Source: "));
    if (/^https?:\/\//i.test(url)) {
      var a = el("a", null, source || url);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      line.appendChild(a);
    } else {
      line.appendChild(el("span", null, source || "not given"));
    }
    box.appendChild(line);
    if (data.text.file && data.text.file[i]) row(box, "From", data.text.file[i]);
    if (data.text.duplicates && data.text.duplicates[i]) {
      row(box, "Likely the same event as", data.text.duplicates[i]);
    }
    if (data.text.id) box.appendChild(el("div", "incident-id", data.text.id[i]));
    return box;
  }

  // Tooltips get a DOM node, never a string: Leaflet puts a string in as HTML.
  function tooltipText(data, i) {
    return (isCandidate(data, i) ? "Candidate \u00b7 " : "") + dateText(data, i) + " \u00b7 "
      + text(data, "location", i);
  }

  Object.assign(shared, { MAX_POPUP_ITEMS: MAX_POPUP_ITEMS, decode: decode, value: value, text: text, radius: radius, el: el, count: count, isCandidate: isCandidate, popupContent: popupContent, tooltipText: tooltipText });
})();
