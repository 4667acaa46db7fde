// Loads parts of the map's browser layer (engine/static/) into a fresh context with
// a small stand-in for the page: a document whose nodes hold text only (setting
// innerHTML throws), a 2D context that records its calls, and the parts of Leaflet
// the layer uses.  What the real page draws is checked by the browser tests
// (tests/e2e/); these check each file's own logic, one file at a time.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const STATIC = path.join(__dirname, "..", "..", "engine", "static");

class FakeNode {
  constructor(document, tag) {
    this.ownerDocument = document;
    this.tagName = String(tag).toUpperCase();
    this.children = [];
    this.attributes = {};
    this.style = {};
    this.listeners = {};
    this.className = "";
    this._text = "";
  }
  appendChild(child) { this.children.push(child); child.parentNode = this; return child; }
  replaceChildren(...nodes) { this.children = nodes; }
  setAttribute(name, value) { this.attributes[name] = String(value); }
  getAttribute(name) { return this.attributes[name]; }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  dispatch(type) { (this.listeners[type] || []).forEach((listener) => listener({ type })); }
  get textContent() {
    return this.children.length ? this.children.map((c) => c.textContent).join("") : this._text;
  }
  set textContent(value) { this.children = []; this._text = String(value); }
  set innerHTML(value) { throw new Error("innerHTML must not be used (text from data is never markup)"); }
  getContext() { return this.ownerDocument.context; }
  // Every node below this one (itself included) with this tag name.
  all(tag) {
    const found = this.tagName === tag.toUpperCase() ? [this] : [];
    return found.concat(...this.children.map((c) => (c.all ? c.all(tag) : [])));
  }
}

function fakeDocument() {
  const calls = [];
  const context = new Proxy({ calls }, {
    get(target, name) {
      if (name in target) return target[name];
      return (...args) => { calls.push([name, ...args]); };
    },
    set(target, name, value) { calls.push(["set " + String(name), value]); return true; },
  });
  const document = { created: [], context, querySelector: () => null };
  document.createElement = (tag) => {
    document.created.push(String(tag).toLowerCase());
    return new FakeNode(document, tag);
  };
  return document;
}

function extend(Base, props) {
  function Klass(...args) {
    if (this.initialize) this.initialize(...args);
  }
  Klass.prototype = Object.create(Base.prototype);
  Klass.prototype.constructor = Klass;
  [].concat(props.includes || []).forEach((mixin) => Object.assign(Klass.prototype, mixin));
  Object.assign(Klass.prototype, props);
  delete Klass.prototype.includes;
  Klass.extend = (more) => extend(Klass, more);
  return Klass;
}

function Evented() {}
Evented.prototype.on = function (type, fn, context) {
  this._events = this._events || {};
  (this._events[type] = this._events[type] || []).push([fn, context]);
  return this;
};
Evented.prototype.off = function () { return this; };
Evented.prototype.fire = function (type, data) {
  ((this._events || {})[type] || []).forEach(([fn, context]) => fn.call(context || this, data));
  return this;
};
Evented.prototype.addTo = function (map) { map.addLayer(this); return this; };

function chain(kind, made) {
  return (options) => {
    const item = { kind, options };
    ["setLatLng", "setContent", "bindTooltip", "bindPopup"].forEach((name) => {
      item[name] = (value) => { item[name.replace(/^set|^bind/, "").toLowerCase()] = value; return item; };
    });
    item.openOn = (map) => { item.openedOn = map; return item; };
    item.addTo = (target) => { (target.layers || (target.layers = [])).push(item); return item; };
    made.push(item);
    return item;
  };
}

function fakeLeaflet(document) {
  const made = [];
  const L = {
    made,
    Layer: extend(Evented, {}),
    Control: extend(Evented, {}),
    setOptions(target, options) { target.options = Object.assign({}, target.options, options); return target.options; },
    DomUtil: {
      create(tag, className, parent) {
        const node = document.createElement(tag);
        node.className = className || "";
        if (parent) parent.appendChild(node);
        return node;
      },
      setPosition() {},
      remove() {},
    },
    DomEvent: { disableClickPropagation() {}, disableScrollPropagation() {} },
    control(options) {
      return {
        options,
        addTo(map) { this._map = map; this._container = this.onAdd(map); return this; },
        getContainer() { return this._container; },
        remove() { this.removed = true; },
      };
    },
    popup: chain("popup", made),
    tooltip: chain("tooltip", made),
    circleMarker: (latlng, options) => chain("marker", made)(Object.assign({ latlng }, options)),
    markerClusterGroup(options) {
      return { options, markers: [], addLayers(markers) { this.markers.push(...markers); } };
    },
    heatLayer(points, options) { return { points, options }; },
    layerGroup() {
      const group = new L.Layer();
      group.layers = [];
      group.clearLayers = () => { group.layers = []; };
      return group;
    },
    geoJSON: (feature, options) => chain("geojson", made)(Object.assign({ feature }, options)),
  };
  return L;
}

// A context with ``files`` of engine/static loaded in this order.
function load(...files) {
  const document = fakeDocument();
  const L = fakeLeaflet(document);
  const context = { L, document, console, atob, Promise, setTimeout, clearTimeout,
                    setInterval, clearInterval, devicePixelRatio: 1 };
  context.window = context;
  context.parent = context;
  vm.createContext(context);
  files.forEach((name) => {
    vm.runInContext(fs.readFileSync(path.join(STATIC, name), "utf8"), context, { filename: name });
  });
  return { L, document, shared: L.incidentMap._shared, context };
}

// A payload as engine/mapping/map_payload.py encodes it, from plain rows.
function payload(rows, extra) {
  const base64 = (typed) => Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString("base64");
  const tables = { actor: [], event_type: [], location: [], source: [], source_url: [], admin1: [],
                   admin2: [], country: [], actor2: [], associated_actors: [] };
  const code = (table, value) => {
    const at = tables[table].indexOf(value || "");
    if (at >= 0) return at;
    tables[table].push(value || "");
    return tables[table].length - 1;
  };
  const column = (Type, t, values) => ({ t, b: base64(Type.from(values)) });
  const bbox = [30, 40, 60, 80];
  const cols = {
    lat: column(Uint16Array, "u2", rows.map((r) => Math.round((r.lat - bbox[0]) / (bbox[1] - bbox[0]) * 65535))),
    lon: column(Uint16Array, "u2", rows.map((r) => Math.round((r.lon - bbox[2]) / (bbox[3] - bbox[2]) * 65535))),
    date: column(Uint16Array, "u2", rows.map((r) => r.day || 0)),
    fatalities: column(Uint16Array, "u2", rows.map((r) => (r.killed === null || r.killed === undefined ? 65535 : r.killed))),
    injured: column(Uint16Array, "u2", rows.map(() => 65535)),
    precision: column(Uint8Array, "u1", rows.map((r) => r.precision || 1)),
    candidate: column(Uint8Array, "u1", rows.map((r) => (r.candidate ? 1 : 0))),
  };
  Object.keys(tables).forEach((table) => {
    const values = rows.map((r) => code(table, r[table]));
    cols[table] = column(Uint16Array, "u2", values);
  });
  return Object.assign({
    n: rows.length, bbox, cols, tables, colors: tables.actor.map((_, i) => "#00000" + (i % 10)),
    nulls: { fatalities: 65535, injured: 65535 }, dateBase: "2021-08-01", detail: true, text: {},
  }, extra || {});
}

module.exports = { load, payload, STATIC };
