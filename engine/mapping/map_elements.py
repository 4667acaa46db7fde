"""Map features, one small folium element each, in the way folium's own plugins are.

Every element names its scripts and styles through ``engine.mapping.assets``, so the
browser loads them from the app's own origin; none refers to a CDN.  Elements that
are optional views register themselves with the layer switcher, which is added last.
"""

from __future__ import annotations

import folium
from folium.elements import JSCSSMixin
from jinja2 import Template

from engine.mapping.assets import LAYER_CORE, asset_url, layer_scripts
from engine.mapping.boundaries import OBJECT
from engine.mapping.layers import label_of
from engine.mapping.verbatim import SafeMacroElement, base64_columns, js_data


def _js(*names: str) -> list[tuple[str, str]]:
    return [(name, asset_url(name)) for name in names]


def _kind(on: bool) -> str:
    """How a view registers with the layer switcher: shown at first, or offered."""
    return "on" if on else "off"


class _LayerNames:
    """Lets an element's template name its layers as ``engine.mapping.layers``
    declares them: ``{{ this.label("heat")|tojson }}``."""

    @staticmethod
    def label(name: str) -> str:
        return label_of(name)


class OfflineMap(folium.Map):
    """A folium map that loads Leaflet from the app and nothing else.

    folium's own Map pulls jQuery, Bootstrap and Font Awesome from CDNs for its
    marker icons; this dashboard draws no such icons.
    """

    default_js = _js("leaflet.js")
    default_css = _js("leaflet.css", "incident-map.css")

    def __init__(self, **kwargs):
        kwargs.setdefault("tiles", None)
        kwargs.setdefault("control_scale", True)
        kwargs.setdefault("prefer_canvas", True)
        kwargs.setdefault("zoom_snap", 0.25)
        super().__init__(**kwargs)


class IncidentLayer(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Every incident on one canvas (``incident-points.js``), counted into grid cells
    when there are too many to draw (``incident-cells.js``), with the player when the
    map plays (``incident-player.js``).

    ``payload`` comes from ``engine.mapping.map_payload.encode_incidents``; the browser
    builds popups from it on demand.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.incidentMap.canvas(Object.assign({{ this.payload }},
            {cols: {{ this.columns }}}), {play: {{ this.play }}});
        L.incidentMap.register({{ this._parent.get_name() }}, {{ this.label("incidents")|tojson }},
            {{ this.get_name() }}, "{{ this.kind }}");
        {% endmacro %}
    """)
    default_js = _js(*layer_scripts("points", "player"))

    def __init__(self, payload: dict, *, on: bool = True, play: dict | None = None):
        super().__init__()
        self._name = "IncidentLayer"
        rest = dict(payload)
        self.columns = base64_columns(rest.pop("cols"))  # the bulk, embedded once
        self.payload = js_data(rest)  # text from the data: never in the page as itself
        self.play = js_data(play)  # frames from engine.playback, or null
        self.kind = _kind(on)


class _IncidentView(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Another view of an ``IncidentLayer``'s data, built in the browser when first
    shown; a subclass gives its template, scripts and name."""

    def __init__(self, incidents: IncidentLayer, on: bool = False):
        super().__init__()
        self._name = type(self).__name__
        self.incidents, self.kind = incidents, _kind(on)


class IncidentClusters(_IncidentView):
    """The incidents as clustered markers (``incident-clusters.js``,
    Leaflet.markercluster)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.incidentMap.register({{ this._parent.get_name() }}, {{ this.label("clusters")|tojson }},
            L.incidentMap.lazy(function () {
                return L.incidentMap.clusters({{ this.incidents.get_name() }});
            }), "{{ this.kind }}");
        {% endmacro %}
    """)
    default_js = _js(*layer_scripts("clusters"), "leaflet.markercluster.js")
    default_css = _js("MarkerCluster.css", "MarkerCluster.Default.css")


class IncidentHeat(_IncidentView):
    """The incidents as a heat map weighted by the killed (``incident-clusters.js``,
    Leaflet.heat)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var heat = L.incidentMap.lazy(function () {
                return L.incidentMap.heat({{ this.incidents.get_name() }},
                                          {radius: 28, blur: 20, maxZoom: 8, minOpacity: 0.35});
            });
            // The heat map's key, shown while the heat map is: what its colours mean.
            var key = L.control({position: "bottomleft"});
            key.onAdd = function () {
                var box = L.DomUtil.create("div", "heat-key");
                var title = document.createElement("div");
                title.textContent = "Heat: incidents weighted by reported deaths";
                var bar = document.createElement("div");
                bar.className = "heat-bar";
                var ends = document.createElement("div");
                ends.className = "heat-ends";
                ["fewer", "more"].forEach(function (word) {
                    var end = document.createElement("span");
                    end.textContent = word;
                    ends.appendChild(end);
                });
                box.appendChild(title); box.appendChild(bar); box.appendChild(ends);
                return box;
            };
            map.on("layeradd", function (e) { if (e.layer === heat) key.addTo(map); });
            map.on("layerremove", function (e) { if (e.layer === heat) key.remove(); });
            L.incidentMap.register(map, {{ this.label("heat")|tojson }}, heat, "{{ this.kind }}");
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)
    default_js = _js(*layer_scripts("clusters"), "leaflet-heat.js")


class CountryBorders(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Land and country borders from Natural Earth, drawn without any tiles.

    ``topology`` (a TopoJSON dict) is embedded when given, for pages that must work
    from a file; otherwise the browser fetches it from the app.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var pane = map.createPane("borders");
            pane.style.zIndex = 250;
            var layer = L.geoJSON(null, {
                pane: "borders", interactive: false,
                attribution: "Borders: Natural Earth · Places: GeoNames, Who's On First · Districts: OCHA COD-AB",
                style: {color: "#8c8c8c", weight: 0.8,
                        fillColor: "#f5f2ea", fillOpacity: {{ this.fill_opacity }}}
            });
            function draw(topology) {
                layer.addData(topojson.feature(topology, topology.objects.countries));
            }
            L.incidentMap.load({{ this.source|tojson }}, draw);
            L.incidentMap.register(map, {{ this.label("borders")|tojson }}, layer, "{{ this.kind }}");
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)
    default_js = _js("topojson-client.min.js")

    def __init__(self, topology: dict | None = None, fill: bool = True, on: bool = True):
        super().__init__()
        self._name = "CountryBorders"
        self.kind = _kind(on)
        self.source = topology or asset_url("countries-50m.json")
        self.fill_opacity = 1 if fill else 0


class ProvinceBorders(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Admin-1 (province) lines of the countries the incidents are in.

    ``sources`` holds, per country, either its TopoJSON (embedded, for pages that
    must work from a file) or the URL the browser fetches it from.  Only lines
    between two areas are drawn; the outline is the country border's job.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.sources|tojson }};
        (function (map) {
            var pane = map.createPane("provinces");
            pane.style.zIndex = 260;
            var layer = L.geoJSON(null, {
                pane: "provinces", interactive: false,
                attribution: "Provinces: Natural Earth",
                style: {color: "#9a8f80", weight: 0.7, dashArray: "4 3", fill: false}
            });
            function draw(topology) {
                var areas = topology.objects.{{ this.object }};
                layer.addData(topojson.mesh(topology, areas, function (a, b) {
                    return a !== b && a.properties.group !== b.properties.group;
                }));
            }
            {{ this.get_name() }}.forEach(function (source) {
                L.incidentMap.load(source, draw);
            });
            L.incidentMap.register(map, {{ this.label("provinces")|tojson }}, layer, "{{ this.kind }}");
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)
    default_js = _js("topojson-client.min.js")

    def __init__(self, sources: list[str | dict], on: bool = True):
        super().__init__()
        self._name = "ProvinceBorders"
        self.kind = _kind(on)
        self.sources = sources
        self.object = OBJECT


class CityLabels(_LayerNames, SafeMacroElement):
    """Names of major cities, so an offline map still says where things are; each
    written on the side of its dot that ``basemap.major_cities`` chose."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            // Above the incidents (overlay pane, 400) and the clusters (marker pane,
            // 600), below tooltips and popups: under them, "Kabul" and "Quetta" were
            // hidden by their own incidents.
            var pane = map.createPane("labels");
            pane.style.zIndex = 620;
            pane.style.pointerEvents = "none";
            var layer = L.layerGroup();
            {{ this.cities }}.forEach(function (city) {
                var label = document.createElement("span");
                label.textContent = city[0];
                var left = city[3] === "left";
                L.marker([city[1], city[2]], {pane: "labels", interactive: false,
                    icon: L.divIcon({className: left ? "city-label city-label-left" : "city-label",
                                     html: label, iconSize: left ? [0, 16] : null,
                                     iconAnchor: left ? [0, 8] : [3, 8]})}).addTo(layer);
            });
            // Country names, faint and spaced, under the cities' (no dot: a region).
            {{ this.countries }}.forEach(function (country) {
                var label = document.createElement("span");
                label.textContent = country[0];
                L.marker([country[1], country[2]], {pane: "labels", interactive: false,
                    icon: L.divIcon({className: "country-label", html: label, iconSize: [0, 0]})})
                  .addTo(layer);
            });
            L.incidentMap.register(map, {{ this.label("cities")|tojson }}, layer, "{{ this.kind }}");
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(
        self,
        cities: list[tuple[str, float, float, str]],
        on: bool = True,
        countries: list[tuple[str, float, float]] | None = None,
    ):
        super().__init__()
        self._name = "CityLabels"
        self.kind = _kind(on)
        self.cities = js_data([list(c) for c in cities])
        self.countries = js_data([list(c) for c in countries or []])


class ProvinceCounts(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Incidents per province as shaded areas with their counts, counted in the
    browser by the area each incident lies in (only when first shown).

    Reads the boundary sources of a ``ProvinceBorders`` and the data of an
    ``IncidentLayer`` already on the map, so neither travels twice.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        L.incidentMap.register({{ this._parent.get_name() }}, {{ this.label("areas")|tojson }},
            L.incidentMap.lazy(function () {
                return L.incidentMap.provinceCounts({{ this.incidents.get_name() }},
                                                    {{ this.borders.get_name() }});
            }), "{{ this.kind }}");
        {% endmacro %}
    """)
    default_js = _js(*layer_scripts("areas"), "topojson-client.min.js")

    def __init__(self, borders: ProvinceBorders, incidents: IncidentLayer, on: bool = False):
        super().__init__()
        self._name = "ProvinceCounts"
        self.kind = _kind(on)
        self.borders, self.incidents = borders, incidents


class DistrictCounts(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Incidents per district (Afghanistan and Pakistan), shaded and labelled like the
    provinces, counted in the browser by the district polygon each incident lies in
    (the region's shapes, ``engine.mapping.districts``), only when first shown."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = {{ this.sources|tojson }};
        L.incidentMap.register({{ this._parent.get_name() }}, {{ this.label("districts")|tojson }},
            L.incidentMap.lazy(function () {
                return L.incidentMap.provinceCounts({{ this.incidents.get_name() }},
                                                    {{ this.get_name() }}, "district");
            }), "{{ this.kind }}");
        {% endmacro %}
    """)
    default_js = _js(*layer_scripts("areas"))

    def __init__(self, sources: list[str | dict], incidents: IncidentLayer, on: bool = False):
        super().__init__()
        self._name = "DistrictCounts"
        self.kind = _kind(on)
        self.sources, self.incidents = sources, incidents


class AreaCounts(_LayerNames, JSCSSMixin, SafeMacroElement):
    """Incident counts per province (admin1 as the data names it), as labelled
    circles: for countries whose province boundaries are not installed."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var layer = L.layerGroup();
            {{ this.areas }}.forEach(function (area) {
                L.circleMarker([area[1], area[2]], {radius: 8 + 3 * Math.sqrt(area[3]),
                    color: "#333", weight: 1, fillColor: "#333", fillOpacity: 0.25,
                    interactive: false})
                  .bindTooltip(L.incidentMap.text(area[0] + ": " + area[3]), {permanent: true,
                    direction: "center", className: "province-count"})
                  .addTo(layer);
            });
            L.incidentMap.register(map, {{ this.label("areas")|tojson }}, layer, "{{ this.kind }}");
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    default_js = _js(*LAYER_CORE)

    def __init__(self, areas: list[tuple[str, float, float, int]], on: bool = False):
        super().__init__()
        self._name = "AreaCounts"
        self.kind = _kind(on)
        self.areas = js_data([list(a) for a in areas])


class Legend(SafeMacroElement):
    """Actor colours and what the marker shapes say about precision."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var box = L.DomUtil.create("div", "incident-legend");
                L.DomEvent.disableScrollPropagation(box);
                function add(parent, tag, cls, text) {
                    var node = document.createElement(tag);
                    if (cls) node.className = cls;
                    if (text !== undefined) node.textContent = text;
                    parent.appendChild(node);
                    return node;
                }
                var entries = {{ this.entries }}, frames = {{ this.frames }};
                var layer = {{ this.layer.get_name() if this.layer else "null" }}, labels = [];
                add(box, "h4", null, {{ this.title }} + (frames ? " (drawn in this frame, of all)" : ""));
                entries.forEach(function (entry) {
                    var item = add(box, "div", "legend-item");
                    add(item, "span", "swatch").style.background = entry[1];
                    labels.push(add(item, "span", null, entry[0] + " (" + entry[2] + ")"));
                });
                // While playing, each actor's count is the frame's (counted in Python).
                function count() {
                    labels.forEach(function (label, i) {
                        label.textContent = entries[i][0] + " (" + frames[i][layer.frame] + " of "
                            + entries[i][2] + ")";
                    });
                }
                if (frames && layer) { layer.on("frame", count); count(); }
                var key = add(box, "div", "legend-section");
                var exact = add(key, "div", "legend-item");
                add(exact, "span", "swatch").style.background = "#555";
                add(exact, "span", null, "placed at a landmark or town");
                var district = add(key, "div", "legend-item");
                add(district, "span", "swatch dashed").style.background = "#555";
                add(district, "span", null, "placed at its district only");
                var area = add(key, "div", "legend-item");
                add(area, "span", "swatch hollow");
                add(area, "span", null, "placed at its province or country only");
                if ({{ this.candidates }} > 0) {
                    var waiting = add(key, "div", "legend-item legend-candidate");
                    add(waiting, "span", "swatch candidate");
                    add(waiting, "span", null, "candidate: awaiting review, not confirmed ("
                        + {{ this.candidates }} + ")");
                }
                add(key, "div", null, "Size: reported deaths");
                // The marker key says what the canvas's marks mean: shown while it is.
                function keyShown(shown) { key.style.display = shown ? "" : "none"; }
                if (layer) {
                    layer.on("add", function () { keyShown(true); });
                    layer.on("remove", function () { keyShown(false); });
                    keyShown(!!layer._map);
                }
                return box;
            };
            legend.addTo(map);
            // Controls stack up from the bottom right (the player under the legend);
            // a long legend on a short map would climb over the date and the layer
            // list at the top right: it scrolls instead.
            function fit() {
                var box = legend.getContainer(), corners = map._controlCorners;
                var below = corners.bottomright.offsetHeight - box.offsetHeight;
                var room = map.getSize().y - corners.topright.offsetHeight - below - 30;
                box.style.maxHeight = Math.max(room, 90) + "px";
            }
            map.on("resize", fit);
            if (window.ResizeObserver) {  // the player and the date stamp arrive later
                var watch = new ResizeObserver(fit), corners = map._controlCorners;
                watch.observe(corners.topright);
                watch.observe(corners.bottomright);
            }
            setTimeout(fit, 0);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(
        self,
        entries: list[tuple[str, str, int]],
        title: str = "Actors",
        candidates: int = 0,
        layer: IncidentLayer | None = None,
        frames: list[list[int]] | None = None,
    ):
        super().__init__()
        self._name = "Legend"
        self.candidates = int(candidates)
        self.entries = js_data([list(e) for e in entries])
        self.title = js_data(title)
        # Per entry, its incidents drawn in each frame of the layer's playback.
        self.frames = js_data(frames) if frames and layer is not None else "null"
        self.layer = layer  # named when rendered (a page's ids are renumbered then)


class FullScreen(JSCSSMixin, SafeMacroElement):
    """A full-screen button (leaflet.fullscreen, served locally)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        new L.Control.FullScreen({position: "topleft", title: "Full screen",
            titleCancel: "Leave full screen"}).addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)
    default_js = _js("Control.FullScreen.js")
    default_css = _js("Control.FullScreen.css")

    def __init__(self):
        super().__init__()
        self._name = "FullScreen"


class LayerSwitcher(SafeMacroElement):
    """One layers control listing every registered view; add it last."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var overlays = {};
            (map._incidentLayers || []).forEach(function (entry) {
                overlays[entry.name] = entry.layer;
            });
            L.control.layers(null, overlays, {collapsed: {{ this.collapsed|tojson }},
                                              position: "topright"}).addTo(map);
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, collapsed: bool = False):
        super().__init__()
        self._name = "LayerSwitcher"
        self.collapsed = collapsed


class ViewReporter(SafeMacroElement):
    """Tells the page that holds the map where the reader has moved it (not where it
    fitted itself), as
    {"bounds", "center", "zoom"}: the app keeps it in the link and offers it as the
    snapshot's extent (``dashboard.map_frame``)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            L.incidentMap.reportFrames = true;  // the player tells its paused frame
            function report() {
                var b = map.getBounds(), c = map.getCenter();
                window.parent.postMessage({incidentMapView: {
                    bounds: {_southWest: {lat: b.getSouth(), lng: b.getWest()},
                             _northEast: {lat: b.getNorth(), lng: b.getEast()}},
                    center: {lat: c.lat, lng: c.lng}, zoom: map.getZoom()}}, "*");
            }
            // Where the map put itself (on opening, refitted when its frame is laid
            // out again) is not the reader's move: reporting it reran the app while
            // the reader was choosing a filter, and the choice was lost.
            function where() {
                var c = map.getCenter();
                return c.lat.toFixed(4) + "," + c.lng.toFixed(4) + "," + map.getZoom();
            }
            // Only after the reader's own hand: a resize that Leaflet handles on a
            // later frame moves the map by a rounded pixel, which no flag can catch.
            var known = where(), touched = false, box = map.getContainer();
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
                box.addEventListener(name, function () { touched = true; }, {passive: true});
            });
            // A click on an empty spot (not on an incident) is offered to the app
            // as a place for a new incident.
            map.on("click", function (e) {
                if (e.incidentHit) return;
                window.parent.postMessage({incidentMapClick: {
                    lat: e.latlng.lat, lng: e.latlng.lng, zoom: map.getZoom()}}, "*");
            });
            map.on("moveend", function () {
                var now = where();
                if (!touched || map._incidentAutoFit || now === known) { known = now; return; }
                known = now;
                report();
            });
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "ViewReporter"


class FitOnResize(SafeMacroElement):
    """Fit the map to its incidents again when its frame changes size, until the
    reader first touches it.  A frame laid out after the map was drawn (the app's
    columns settling) otherwise left half the incidents out of view."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function (map) {
            var touched = false, box = map.getContainer();
            ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (name) {
                box.addEventListener(name, function () { touched = true; }, {passive: true});
            });
            function refit() {
                if (touched) return;
                map._incidentAutoFit = true;
                try { map.fitBounds({{ this.bounds|tojson }}, {animate: false}); }
                finally { map._incidentAutoFit = false; }
            }
            map.on("resize", refit);
            // Leaflet hears of a new size from the window's resize event, handled on
            // an animation frame; a box observer also sees the container change when
            // the window does not.
            if (window.ResizeObserver) {
                new ResizeObserver(function () {
                    map._incidentAutoFit = true;
                    try { map.invalidateSize({animate: false}); }
                    finally { map._incidentAutoFit = false; }
                    refit();
                }).observe(box);
            }
        })({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, bounds: list[list[float]]):
        super().__init__()
        self._name = "FitOnResize"
        self.bounds = [[float(v) for v in corner] for corner in bounds]


class OnlineTiles(folium.TileLayer):
    """OpenStreetMap tiles: only added when the user turns tiles on, because every
    tile request tells the tile server which area is being looked at."""

    def __init__(self):
        super().__init__(
            tiles="OpenStreetMap",
            name="OpenStreetMap",
            control=False,
            attr="© OpenStreetMap contributors",
        )  # text: no link in the frame


class MapClass(SafeMacroElement):
    """Marks the map's container with the ``incident-map`` class for our styles, and
    bounds its zoom: without tiles nothing else does, and marker clustering needs it."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.getContainer().classList.add("incident-map");
        // Plain text: Leaflet's own prefix is a link, and a link followed inside the
        // sandboxed map frame replaced the map with leafletjs.com.
        if ({{ this._parent.get_name() }}.attributionControl) {
            {{ this._parent.get_name() }}.attributionControl.setPrefix("Leaflet");
        }
        {{ this._parent.get_name() }}.setMinZoom(2);
        {{ this._parent.get_name() }}.setMaxZoom(18);
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "MapClass"
