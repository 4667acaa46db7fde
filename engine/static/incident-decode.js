/*
 * Decoding the map's payload (engine/mapping/map_payload.py): its typed columns
 * from base64, positions from the bounding box, and each field of an incident
 * read from them (a null marker, a table of texts, days from the first date).
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-decode.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files

  var TYPES = { u1: Uint8Array, u2: Uint16Array, u4: Uint32Array };
  var PRECISIONS = ["landmark", "town", "district", "province", "country", "unknown"];

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

  function count(data, name, i) {
    var v = value(data, name, i);
    return v === null ? "unknown" : String(v);
  }

  function isCandidate(data, i) {
    return !!(data.cols.candidate && data.cols.candidate[i]);
  }

  Object.assign(shared, { decode: decode, value: value, text: text, dateText: dateText,
    radius: radius, count: count, isCandidate: isCandidate, PRECISIONS: PRECISIONS });
})();
