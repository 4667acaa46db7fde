/*
 * Draws a report from the pieces Streamlit sends, written for this project.  Every
 * piece becomes a text node (inside a <mark> when it is evidence): the report is
 * untrusted and is never parsed as HTML.  Nothing is sent back but the frame height.
 */
(function () {
  "use strict";
  var report = document.getElementById("report");
  var height = null;

  function send(type, fields) {
    var message = fields || {};
    message.isStreamlitMessage = true;
    message.type = type;
    window.parent.postMessage(message, "*");
  }

  function piece(segment) {
    var fields = Array.isArray(segment.fields) ? segment.fields.map(String) : [];
    var text = document.createTextNode(String(segment.text || ""));
    if (!fields.length) return text;
    var mark = document.createElement("mark");
    mark.className = "f-" + fields[0].replace(/[^a-z0-9_]/g, "");
    mark.title = fields.join(", ");
    mark.appendChild(text);
    var label = document.createElement("sup");
    label.textContent = fields.join(", ");
    mark.appendChild(label);
    return mark;
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var message = event.data;
    if (!message || message.type !== "streamlit:render") return;
    var args = message.args || {};
    report.replaceChildren.apply(report, (args.segments || []).map(piece));
    if (args.height !== height) {
      height = args.height;
      send("streamlit:setFrameHeight", { height: height });
    }
  });

  send("streamlit:componentReady", { apiVersion: 1 });
})();
