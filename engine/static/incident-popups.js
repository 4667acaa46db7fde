/*
 * An incident's tooltip and popup, built as DOM nodes: text only through
 * textContent, a source link only when it is http(s).
 *
 * Written for this project; one part of the browser layer, loaded in the order of
 * engine/mapping/assets.py's LAYER_SCRIPTS; tested by tests/js/incident-popups.test.js.
 */
(function () {
  "use strict";

  L.incidentMap = L.incidentMap || {};
  var shared = L.incidentMap._shared = L.incidentMap._shared || {};  // between the files
  var text = shared.text,
    dateText = shared.dateText,
    count = shared.count,
    isCandidate = shared.isCandidate,
    PRECISIONS = shared.PRECISIONS;

  var MAX_POPUP_ITEMS = 20;

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

  function popupContent(data, i) {
    var box = el("div", "incident-popup");
    if (isCandidate(data, i)) {
      box.appendChild(el("div", "incident-candidate", "Candidate: awaiting review, not confirmed"));
    }
    box.appendChild(el("div", "incident-title", dateText(data, i) + " \u2014 " + text(data, "event_type", i)));
    row(box, "Actor", text(data, "actor", i));
    if (text(data, "actor2", i)) row(box, "Other side", text(data, "actor2", i));
    if (text(data, "associated_actors", i)) row(box, "Also", text(data, "associated_actors", i));
    if (data.cols.target && text(data, "target", i)) row(box, "Target", text(data, "target", i));
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

  // Several incidents under one click (towns often hold many): a list, newest
  // first, cut at MAX_POPUP_ITEMS with a note saying how many more.
  function popupList(data, hits) {
    if (hits.length === 1) return popupContent(data, hits[0]);
    hits = hits.slice().sort(function (a, b) { return data.cols.date[b] - data.cols.date[a]; });
    var content = el("div", "incident-popup-list");
    content.appendChild(el("div", "incident-count", hits.length + " incidents here, newest first"));
    hits.slice(0, MAX_POPUP_ITEMS).forEach(function (i) { content.appendChild(popupContent(data, i)); });
    if (hits.length > MAX_POPUP_ITEMS) {
      content.appendChild(el("p", "incident-note", (hits.length - MAX_POPUP_ITEMS)
        + " more: zoom in or narrow the filters."));
    }
    return content;
  }

  Object.assign(shared, { el: el, popupContent: popupContent, popupList: popupList,
    tooltipText: tooltipText, MAX_POPUP_ITEMS: MAX_POPUP_ITEMS });
  L.incidentMap.popupContent = popupContent;  // an incident's popup, for pages and tests
})();
