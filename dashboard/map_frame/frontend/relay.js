/*
 * Relay between Streamlit and the sandboxed map frame, written for this project.
 * Streamlit sends the map page (its component "render" message); the page is put
 * into the inner frame only when it changed, so a rerun that keeps the map does
 * not redraw it.  The map's reports of where it is, and of a click on an empty
 * spot, are passed on to Streamlit as the component's value (numbers only);
 * anything else the inner frame sends is ignored.
 */
(function () {
  "use strict";
  var frame = document.getElementById("map");
  var shown = null, lastView = null, lastValue = null, height = null;

  function send(type, fields) {
    var message = fields || {};
    message.isStreamlitMessage = true;
    message.type = type;
    window.parent.postMessage(message, "*");
  }

  function number(v) { return typeof v === "number" && isFinite(v) ? v : null; }

  // Only numbers pass: the inner frame's messages are as untrusted as its data.
  function cleanView(view) {
    if (!view || !view.bounds || !view.center) return null;
    var sw = view.bounds._southWest || {}, ne = view.bounds._northEast || {};
    return {
      bounds: { _southWest: { lat: number(sw.lat), lng: number(sw.lng) },
                _northEast: { lat: number(ne.lat), lng: number(ne.lng) } },
      center: { lat: number(view.center.lat), lng: number(view.center.lng) },
      zoom: number(view.zoom)
    };
  }

  function cleanClick(click) {
    if (!click) return null;
    var found = { lat: number(click.lat), lng: number(click.lng), zoom: number(click.zoom) };
    return found.lat === null || found.lng === null ? null : found;
  }

  // Each value sent replaces the one before it, so it carries all the map has told:
  // its view, the last click on an empty spot, the paused frame.  A click stays in
  // the value until another click or a new map: a later report of the view (the map
  // refits when the page below it grows and a scrollbar narrows it) must not take
  // back the "Add an incident here" the click offered.
  function sendWithView(news) {
    var value = JSON.parse(JSON.stringify(lastValue || {}));
    Object.keys(news).forEach(function (key) { value[key] = news[key]; });
    lastValue = value;
    send("streamlit:setComponentValue", { value: value, dataType: "json" });
  }

  window.addEventListener("message", function (event) {
    if (event.source === frame.contentWindow) {
      var click = cleanClick(event.data && event.data.incidentMapClick);
      if (click) {
        sendWithView({ click: click });
        return;
      }
      var played = event.data && event.data.incidentMapFrame;
      if (played) {  // the player paused on a frame (null: it started playing)
        sendWithView({ frame: number(played.frame) });
        return;
      }
      var view = cleanView(event.data && event.data.incidentMapView);
      if (!view) return;
      // Only a move the reader can see counts: a resize of the frame (the page's
      // scrollbar coming and going) changes the bounds but not the centre, and a
      // report then would rerun the app in the middle of whatever the reader clicked.
      var text = [view.center.lat, view.center.lng].map(function (v) {
        return v === null ? "" : v.toFixed(4);
      }).join(",") + "," + view.zoom;
      if (text === lastView) return;
      lastView = text;
      sendWithView(view);
      return;
    }
    if (event.source !== window.parent) return;
    var message = event.data;
    if (!message || message.type !== "streamlit:render") return;
    var args = message.args || {};
    if (args.height !== height) {  // a height sent on every render re-lays out the app
      height = args.height;
      frame.style.height = height + "px";
      send("streamlit:setFrameHeight", { height: height });
    }
    if (args.html !== shown) {
      shown = args.html;
      lastView = null;
      lastValue = null;  // a new map: nothing it told before holds
      frame.srcdoc = args.html;
    }
  });

  send("streamlit:componentReady", { apiVersion: 1 });
})();
