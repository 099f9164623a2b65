/* geoevents map page: draws window.geoevents.data on window.geoevents.map (Leaflet).
 * Article text only ever reaches the page through textContent, title attributes or the popup
 * HTML that the Python side escaped. */
(function () {
  'use strict';
  var G = window.geoevents, map = G.map, D = G.data;
  var SMALL_PX = 700;
  var swap = function (c) { return [c[1], c[0]]; };
  function el(tag, cls, parent, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined) { node.textContent = text; }
    if (parent) { parent.appendChild(node); }
    return node;
  }
  function isSmall() { return map.getSize().x < SMALL_PX; }
  function shapeSvg(type, size, dashed, outline) {
    return '<svg viewBox="-1 -1 22 22" width="' + size + '" height="' + size + '" aria-hidden="true">' +
      '<path d="' + type.shape + '" fill="' + type.color + '" stroke="' + (outline || '#1b1b1b') +
      '" stroke-width="1.6"' + (dashed ? ' stroke-dasharray="3 2"' : '') + '/></svg>';
  }
  function slug(text) { return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''); }

  // ---- panes: basemap under everything, labels above shapes, events on top ----------------------
  [['ge-base', 200], ['ge-shapes', 390], ['ge-labels', 450]]
    .forEach(function (p) { map.createPane(p[0]).style.zIndex = p[1]; });
  map.getPane('ge-labels').style.pointerEvents = 'none';
  var baseCanvas = L.canvas({pane: 'ge-base', padding: 0.1});
  // one canvas for the whole basemap, one for named shapes and rings: each extra canvas costs a
  // full-screen layer to paint and composite on every pan
  var waterCanvas = baseCanvas, adminCanvas = baseCanvas;
  // long dashed lines are slow to paint as SVG: named shapes and rings go on canvases too
  var shapesCanvas = L.canvas({pane: 'ge-shapes', padding: 0.1});
  var ringsCanvas = shapesCanvas;
  var css = getComputedStyle(document.documentElement);
  var color = function (name) { return css.getPropertyValue('--ge-' + name).trim(); };

  // The basemap is drawn by one canvas layer from coordinates projected once, at load, to zoom 0:
  // a pan or zoom scales them (a multiply-add per vertex) instead of re-projecting some 160,000
  // vertices through Leaflet, skips shapes out of view, and draws each shape simplified to a pixel
  // at that zoom level (simplified once per shape and level, the first time it is seen there).
  var MAX_LAT = 85.0511287798;
  function toWorld(ring) {
    var xy = new Float64Array(ring.length * 2);
    for (var i = 0; i < ring.length; i++) {
      var lat = Math.max(-MAX_LAT, Math.min(MAX_LAT, ring[i][1])), s = Math.sin(lat * Math.PI / 180);
      xy[2 * i] = 256 * (ring[i][0] / 360 + 0.5);
      xy[2 * i + 1] = 256 * (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI));
    }
    return xy;
  }
  function shapeOf(rings) {  // rings of [lon, lat]: their zoom-0 coordinates and box
    var out = {rings: rings.map(toWorld), x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity};
    out.rings.forEach(function (xy) {
      for (var i = 0; i < xy.length; i += 2) {
        if (xy[i] < out.x0) { out.x0 = xy[i]; } if (xy[i] > out.x1) { out.x1 = xy[i]; }
        if (xy[i + 1] < out.y0) { out.y0 = xy[i + 1]; } if (xy[i + 1] > out.y1) { out.y1 = xy[i + 1]; }
      }
    });
    return out;
  }
  // Douglas-Peucker on zoom-0 coordinates: the vertices that matter at a tolerance, as a new array
  function simplified(xy, tolerance) {
    var n = xy.length / 2;
    if (n <= 2) { return xy; }
    var keep = new Uint8Array(n), stack = [0, n - 1], t2 = tolerance * tolerance, count = 2;
    keep[0] = keep[n - 1] = 1;
    while (stack.length) {
      var last = stack.pop(), first = stack.pop();
      var ax = xy[2 * first], ay = xy[2 * first + 1], dx = xy[2 * last] - ax, dy = xy[2 * last + 1] - ay;
      var len2 = dx * dx + dy * dy, far = -1, best = t2;
      for (var i = first + 1; i < last; i++) {
        var px = xy[2 * i] - ax, py = xy[2 * i + 1] - ay, d2;
        if (len2 === 0) { d2 = px * px + py * py; } else {
          var u = Math.max(0, Math.min(1, (px * dx + py * dy) / len2)), qx = px - u * dx, qy = py - u * dy;
          d2 = qx * qx + qy * qy;
        }
        if (d2 > best) { best = d2; far = i; }
      }
      if (far > 0) { keep[far] = 1; count++; stack.push(first, far, far, last); }
    }
    var out = new Float64Array(2 * count), j = 0;
    for (var k = 0; k < n; k++) { if (keep[k]) { out[j++] = xy[2 * k]; out[j++] = xy[2 * k + 1]; } }
    return out;
  }
  // a shape's rings simplified to about a pixel at a zoom level, made the first time it is drawn there
  function ringsAt(shape, zoom) {
    var z = Math.max(0, Math.floor(zoom));
    if (z >= 12) { return shape.rings; }
    shape.lod = shape.lod || [];
    if (!shape.lod[z]) {
      var tolerance = 0.7 / Math.pow(2, z);
      shape.lod[z] = shape.rings.map(function (xy) { return simplified(xy, tolerance); });
    }
    return shape.lod[z];
  }
  var BaseShapes = L.Path.extend({
    // shapes: [{rings, box}]; closed: polygons (each filled on its own, holes kept, or all in one
    // path when options.together: shapes that never overlap) or lines
    initialize: function (shapes, closed, options) {
      L.setOptions(this, L.extend({interactive: false}, options));
      this._shapes = shapes; this._closed = closed;
    },
    _project: function () {
      var map = this._map;
      this._scale = map.getZoomScale(map.getZoom(), 0);
      this._origin = map.getPixelOrigin();
      var s = this._scale, o = this._origin;
      this._pxBounds = L.bounds([-o.x, -o.y], [256 * s - o.x, 256 * s - o.y]);
    },
    _update: function () {},
    _containsPoint: function () { return false; },
    _trace: function (ctx, shape) {
      var s = this._scale, ox = this._origin.x, oy = this._origin.y, rings = ringsAt(shape, this._map.getZoom());
      for (var r = 0; r < rings.length; r++) {
        var xy = rings[r], n = xy.length, lx = xy[0] * s - ox, ly = xy[1] * s - oy;
        ctx.moveTo(lx, ly);
        for (var i = 2; i < n; i += 2) {
          var x = xy[i] * s - ox, y = xy[i + 1] * s - oy;
          if (i + 2 < n && Math.abs(x - lx) + Math.abs(y - ly) < 0.8) { continue; }
          ctx.lineTo(x, y); lx = x; ly = y;
        }
        if (this._closed) { ctx.closePath(); }
      }
    },
    _updatePath: function () {
      var renderer = this._renderer, ctx = renderer._ctx;
      if (!renderer._drawing || !renderer._bounds) { return; }
      var s = this._scale, o = this._origin, b = renderer._bounds;
      var x0 = (b.min.x + o.x) / s, y0 = (b.min.y + o.y) / s, x1 = (b.max.x + o.x) / s, y1 = (b.max.y + o.y) / s;
      var seen = 1 / s;  // a shape smaller than a pixel is not drawn
      var options = this.options, self = this, lines = !this._closed || !options.fill || options.together;
      if (lines) { ctx.beginPath(); }
      this._shapes.forEach(function (shape) {
        if (shape.x1 < x0 || shape.x0 > x1 || shape.y1 < y0 || shape.y0 > y1) { return; }
        if (shape.x1 - shape.x0 < seen && shape.y1 - shape.y0 < seen) { return; }
        if (!lines) { ctx.beginPath(); }
        self._trace(ctx, shape);
        if (!lines) { renderer._fillStroke(ctx, self); }
      });
      if (lines) { renderer._fillStroke(ctx, this); }
    }
  });
  function baseShapes(shapes, closed, options) { return new BaseShapes(shapes, closed, options); }
  var countryShapes = {};
  var countryList = [];
  D.base.countries.features.forEach(function (f) {
    if (f.properties.cc) { countryShapes[f.properties.cc] = f.geometry; }
    var g = f.geometry;
    // a country's parts make one shape (one fill), its holes kept by the even-odd rule
    var polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    if (polys.length) { countryList.push(shapeOf([].concat.apply([], polys))); }
  });
  baseShapes(countryList, true, {renderer: baseCanvas, fill: true, fillColor: color('land'), color: color('edge'),
    weight: 0.9, fillOpacity: D.tiles ? 0 : 1}).addTo(map);
  var water = L.layerGroup();
  if (D.base.lakes.length) {
    baseShapes(D.base.lakes.map(shapeOf), true, {renderer: waterCanvas, stroke: false, fill: true, together: true,
      fillColor: color('sea'), fillOpacity: 1}).addTo(water);
  }
  if (D.base.rivers.length) {
    baseShapes(D.base.rivers.map(function (line) { return shapeOf([line]); }), false,
      {renderer: waterCanvas, fill: false, color: '#7fa7c9', weight: 1.1, opacity: 0.9}).addTo(water);
  }
  water.addTo(map);
  var provinces = L.layerGroup();
  if (D.base.provinces.length) {
    baseShapes(D.base.provinces.map(function (line) { return shapeOf([line]); }), false,
      {renderer: adminCanvas, fill: false, color: '#9c9486', weight: 0.8, dashArray: '4 3', opacity: 0.9})
      .addTo(provinces);
  }

  // ---- labels: countries, towns, provinces, each from its own zoom, only those in view --------
  // One layer holds every label: each row's node is made once and the shown ones are placed by a
  // transform on moveend (hidden while a zoom animates), instead of one Leaflet marker per label
  // added and removed on every zoom. Labels never overlap: they are placed in rank order (capitals,
  // countries, towns by population, then provinces) and one that would cover a label already
  // placed is left out, as map renderers do.
  function labelSet(rows, cls, dot, minZoom, maxZoom, rank) {
    var xy = toWorld(rows.map(function (r) { return [r[1], r[0]]; }));
    return {rows: rows, xy: xy, cls: cls, dot: dot, min: minZoom, max: maxZoom, rank: rank, nodes: [],
      on: true};
  }
  function labelNode(set, r) {
    var outer = el('div', 'ge-label'), box = el('div', typeof set.cls === 'function' ? set.cls(r) : set.cls, outer);
    if (set.dot) { el('span', 'ge-town-dot', box); }
    el('span', '', box, r[2]);
    return outer;
  }
  var labelSets = {
    countries: labelSet(D.base.countryLabels, 'ge-country-label', false,
      function (r) { return r[3]; }, function () { return 9; }, function (r) { return [1, r[3]]; }),
    towns: labelSet(D.base.towns, function (r) { return r[5] ? 'ge-town-label ge-capital' : 'ge-town-label'; },
      true, function (r) { return r[4]; }, function () { return 99; },
      function (r) { return [r[5] ? 0 : 2, -(r[3] || 0)]; }),
    provinces: labelSet(D.base.provinceLabels, 'ge-province-label', false,
      function () { return 6; }, function () { return 9; }, function () { return [3, 0]; })
  };
  // The screen box a label covers around its anchor (x, y), with a small gap: towns start at their dot,
  // the others are centred (as map.css draws them).
  function labelBox(set, node, x, y) {
    var size = node.geSize || (node.geSize = [node.firstChild.offsetWidth, node.firstChild.offsetHeight]);
    var w = size[0], h = size[1], left = set.dot ? x - 4 : x - w / 2;
    return [left - 2, y - h / 2 - 1, left + w + 2, y + h / 2 + 1];
  }
  function overlaps(a, taken) {
    for (var i = 0; i < taken.length; i++) {
      var b = taken[i];
      if (a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]) { return true; }
    }
    return false;
  }
  var LabelLayer = L.Layer.extend({
    options: {pane: 'ge-labels'},
    onAdd: function () { this._box = el('div', 'ge-label-layer', this.getPane()); this.update(); },
    onRemove: function () { L.DomUtil.remove(this._box); },
    getEvents: function () {
      return {moveend: this.update, viewreset: this.update, zoomanim: this._hide};
    },
    _hide: function () { this._box.style.display = 'none'; },
    // Every label this zoom shows within (a margin around) the view, in rank order ([tier, within]).
    _wanted: function () {
      var zoom = map.getZoom(), s = map.getZoomScale(zoom, 0), o = map.getPixelOrigin();
      var size = map.getSize(), pad = 0.15, at = map.containerPointToLayerPoint([0, 0]);
      var x0 = at.x - pad * size.x, y0 = at.y - pad * size.y;
      var x1 = at.x + (1 + pad) * size.x, y1 = at.y + (1 + pad) * size.y, wanted = [];
      Object.keys(labelSets).forEach(function (name) {
        var set = labelSets[name];
        if (!set.on) { return; }
        set.rows.forEach(function (r, i) {
          if (zoom < set.min(r) || zoom > set.max(r)) { return; }
          var x = set.xy[2 * i] * s - o.x, y = set.xy[2 * i + 1] * s - o.y;
          if (x < x0 || x > x1 || y < y0 || y > y1) { return; }
          var node = set.nodes[i] || (set.nodes[i] = labelNode(set, r));
          wanted.push({set: set, node: node, x: x, y: y, rank: set.rank(r)});
        });
      });
      return wanted.sort(function (a, b) { return a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1]; });
    },
    update: function () {
      var wanted = this._wanted(), taken = [], keep = [];
      // all in the shown layer once, so the sizes of new ones are read in one layout
      this._box.style.display = '';
      this._box.replaceChildren.apply(this._box, wanted.map(function (w) { return w.node; }));
      wanted.forEach(function (w) {
        var box = labelBox(w.set, w.node, w.x, w.y);
        if (overlaps(box, taken)) { return; }
        taken.push(box);
        w.node.style.transform = 'translate(' + Math.round(w.x) + 'px,' + Math.round(w.y) + 'px)';
        keep.push(w.node);
      });
      this._box.replaceChildren.apply(this._box, keep);
    }
  });
  var labelLayer = new LabelLayer().addTo(map);
  function updateLabels() { labelLayer.update(); }
  function updateProvinces() {
    var want = G.layerOn.provinces && map.getZoom() >= 5;
    if (want && !map.hasLayer(provinces)) { provinces.addTo(map); }
    if (!want && map.hasLayer(provinces)) { map.removeLayer(provinces); }
  }

  // ---- reference shapes and places -------------------------------------------------------------
  var popup = L.popup({maxWidth: D.popupWidth, autoPan: true, className: 'ge-leaflet-popup'});
  function openAt(latlng, content) {
    fitPopupToView();
    popup.setLatLng(latlng).setContent(content).openOn(map);
  }
  function shapeLayer(items, style) {
    var group = L.layerGroup();
    items.forEach(function (s) {
      if (s.k === 'ref') { s = L.extend({}, s, {k: countryShapes[s.ref].type, g: countryShapes[s.ref].coordinates}); }
      var coords = s.g;
      var layer;
      if (s.k.indexOf('Polygon') >= 0) {
        var polys = s.k === 'Polygon' ? [coords] : coords;
        layer = L.polygon(polys.map(function (p) { return p.map(function (r) { return r.map(swap); }); }),
          L.extend({}, style, {dashArray: s.approx ? '2 5' : style.dashArray, pane: 'ge-shapes'}));
      } else {
        var lines = s.k === 'LineString' ? [coords] : coords;
        layer = L.polyline(lines.map(function (l) { return l.map(swap); }), L.extend({}, style, {pane: 'ge-shapes'}));
      }
      layer.bindTooltip(s.name, {sticky: true});
      layer.on('click', function (e) { openAt(e.latlng, s.html); });
      group.addLayer(layer);
    });
    return group;
  }
  var areas = shapeLayer(D.areas, {color: color('area'), weight: 1.6, dashArray: '6 4', fill: false,
    renderer: shapesCanvas});
  var borders = shapeLayer(D.borders, {color: color('border'), weight: 3, dashArray: '8 6', opacity: 0.85,
    renderer: shapesCanvas});
  var places = L.layerGroup();
  D.places.forEach(function (p) {
    var marker = L.circleMarker(p.ll, {radius: 3.2, color: '#ffffff', weight: 1, fillColor: color('place'),
      fillOpacity: 0.9, renderer: shapesCanvas});
    marker.bindTooltip(p.name);
    marker.on('click', function () { openAt(p.ll, p.html); });
    places.addLayer(marker);
  });

  // ---- events: a shape per type, a ring sized to the area meant, clustered and spiderfied ----
  var types = D.types;
  var cluster = L.markerClusterGroup({
    // no cluster animation: it forces a layout of the page on every zoom and moves each icon twice
    maxClusterRadius: 26, spiderfyOnMaxZoom: true, showCoverageOnHover: false, chunkedLoading: true, animate: false,
    spiderLegPolylineOptions: {weight: 1.2, color: '#333', opacity: 0.6},
    iconCreateFunction: function (c) {
      var n = c.getChildCount();
      var size = n < 10 ? 30 : n < 100 ? 36 : 42;
      var box = el('div', 'ge-cluster-inner', null, String(n));
      return L.divIcon({html: box, className: 'ge-cluster', iconSize: [size, size]});
    }
  });
  var rings = L.layerGroup();
  // an event's icon node is made once and kept: the cluster adds and removes markers on every zoom
  var EventIcon = L.DivIcon.extend({
    createIcon: function (old) {
      if (!this._node) { this._node = L.DivIcon.prototype.createIcon.call(this, old); }
      return this._node;
    }
  });
  var ringOf = {};
  var events = D.events.map(function (e, i) {
    var type = types[e.t], size = Math.round(e.r * 2 + 4);
    var tip = type.key + ' · ' + (e.d || 'undated') + ' · ' + e.loc;
    var icon = new EventIcon({
      html: shapeSvg(type, size, e.p > 1),
      className: 'ge-event ge-event-' + slug(type.key) + ' ge-precision-' + e.p,
      iconSize: [size, size]
    });
    var marker = L.marker(e.ll, {icon: icon, keyboard: true, title: tip, alt: tip, riseOnHover: true});
    marker.on('click', function () { showEvent(i); });
    marker.on('keypress', function (ev) { if (ev.originalEvent.key === 'Enter') { showEvent(i); } });
    // events of one type at one spot share their ring: stacked, faint fills would turn opaque
    var ringKey = e.ll.join() + ' ' + e.ring + ' ' + e.t;
    var ring = e.ring > 0 ? (ringOf[ringKey] = ringOf[ringKey] || L.circle(e.ll, {radius: e.ring,
      color: type.color, weight: 1.2, dashArray: '4 4', fillOpacity: 0.05, interactive: false,
      renderer: ringsCanvas})) : null;
    return {data: e, type: type, marker: marker, ring: ring, index: i};
  });
  function showEvent(i) {
    var item = events[i];
    G.current = item.data.id;
    fitPopupToView();
    popup.setLatLng(item.marker.getLatLng()).setContent(item.data.html);
    var opened = false, token = (showEvent.token = (showEvent.token || 0) + 1);
    // only the latest request opens: an earlier one still waiting for its zoom must not move the map
    var open = function () { if (!opened && token === showEvent.token) { opened = true; popup.openOn(map); } };
    // the cluster plugin calls back only once the map has moved; open anyway if it did not need to
    var icon = item.marker._icon;
    if (icon && map.getBounds().contains(item.marker.getLatLng())) { open(); return; }
    var later = function () {
      if (opened || token !== showEvent.token) { return; }
      if (map._animatingZoom || (map._panAnim && map._panAnim._inProgress)) { setTimeout(later, 150); return; }
      open();
    };
    cluster.zoomToShowLayer(item.marker, function () { if (token === showEvent.token) { later(); } });
    setTimeout(later, 900);
  }

  // ---- filters: type, dates, undated, text; the map, list, counts and histogram follow -------
  var dated = D.events.filter(function (e) { return e.d; }).map(function (e) { return e.d; }).sort();
  var DAY = 86400000;
  var t0 = dated.length ? Date.parse(dated[0]) : 0;
  var days = dated.length ? Math.round((Date.parse(dated[dated.length - 1]) - t0) / DAY) + 1 : 0;
  var dayOf = function (d) { return Math.round((Date.parse(d) - t0) / DAY); };
  var dayText = function (n) { return new Date(t0 + n * DAY).toISOString().slice(0, 10); };
  var state = {types: types.map(function () { return true; }), lo: 0, hi: Math.max(days - 1, 0),
               undated: true, query: ''};
  G.layerOn = {places: true, areas: false, borders: true, provinces: true, water: true, towns: true};
  function passes(item) {
    var e = item.data;
    if (!state.types[e.t]) { return false; }
    if (e.d) {
      var n = dayOf(e.d);
      if (n < state.lo || n > state.hi) { return false; }
    } else if (!state.undated) { return false; }
    if (state.query) {
      var words = state.query.split(/\s+/);
      for (var w = 0; w < words.length; w++) { if (words[w] && e.q.indexOf(words[w]) < 0) { return false; } }
    }
    return true;
  }
  var shown = [];
  function apply() {
    shown = events.filter(passes);
    cluster.clearLayers();
    cluster.addLayers(shown.map(function (it) { return it.marker; }));
    updateRings();
    if (G.current && !shown.some(function (it) { return it.data.id === G.current; })) { map.closePopup(popup); }
    renderList();
    renderCounts();
    renderHistogram();
  }

  // Rings far larger than the view say nothing there (the view is inside the area) and a huge dashed
  // circle is slow to paint: each ring is drawn only while it is smaller than a few screens.
  function updateRings() {
    var limit = 2 * Math.max(map.getSize().x, map.getSize().y);
    var metresPerPixel = 40075016.686 * Math.cos(map.getCenter().lat * Math.PI / 180) / Math.pow(2, map.getZoom() + 8);
    rings.clearLayers();
    shown.forEach(function (it) {
      if (it.ring && it.data.ring / metresPerPixel < limit) { rings.addLayer(it.ring); }
    });
  }

  // ---- panels ----------------------------------------------------------------------------------
  function panel(position, cls, title, openOnDesktop) {
    var control = L.control({position: position});
    var box, body, button;
    control.onAdd = function () {
      box = el('section', 'ge-panel ' + cls);
      button = el('button', 'ge-toggle', box);
      button.type = 'button';
      el('span', 'ge-toggle-title', button, title);
      el('span', 'ge-toggle-mark', button);
      body = el('div', 'ge-body', box);
      body.id = 'ge-body-' + cls;
      button.setAttribute('aria-controls', body.id);
      L.DomEvent.on(button, 'click', function () { setOpen(box.classList.contains('ge-closed')); });
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    function setOpen(open) {
      box.classList.toggle('ge-closed', !open);
      button.setAttribute('aria-expanded', String(open));
      if (control.onToggle) { control.onToggle(open); }
    }
    control.addTo(map);
    control.body = body; control.box = box; control.button = button; control.setOpen = setOpen;
    setOpen(openOnDesktop && !isSmall());
    return control;
  }

  // heading: title, counts that agree with the CSV (mapped + without a place)
  var head = panel('topleft', 'ge-heading', D.title, true);
  map.zoomControl.setPosition('topleft');
  map.removeControl(map.zoomControl); map.addControl(map.zoomControl);  // below the heading
  var countLine = el('div', 'ge-count', head.body);
  var spanLine = el('div', 'ge-muted', head.body);
  if (D.subtitle) { el('div', 'ge-muted', head.body, D.subtitle); }
  function renderCounts() {
    var total = events.length, n = shown.length;
    countLine.textContent = (n === total ? total + ' event' + (total === 1 ? '' : 's') + ' on the map'
      : n + ' of ' + total + ' events shown');
    head.button.querySelector('.ge-toggle-title').textContent = D.title + ' · ' + n + '/' + total;
  }
  spanLine.textContent = (dated.length ? (days > 1 ? dated[0] + ' to ' + dated[dated.length - 1] : dated[0]) : '') +
    (D.unlocated.length ? (dated.length ? ' · ' : '') + D.unlocated.length + ' more reported without a place' : '');

  // layers and legend in one panel: every row says what it draws, with its symbol and count
  var layersPanel = panel('topright', 'ge-layers', 'Layers & legend', true);
  function checkRow(parent, label, checked, swatch, onChange, count) {
    var row = el('label', 'ge-row', parent);
    var input = el('input', '', row);
    input.type = 'checkbox'; input.checked = checked;
    var sw = el('span', 'ge-swatch', row);
    sw.innerHTML = swatch;  // built here from constants only
    el('span', '', row, label);
    if (count !== undefined) { el('span', 'ge-muted', row, ' (' + count + ')'); }
    L.DomEvent.on(input, 'change', function () { onChange(input.checked); });
    return input;
  }
  el('div', 'ge-legend-title', layersPanel.body, 'Events by type');
  G.typeInputs = types.map(function (type, t) {
    return checkRow(layersPanel.body, type.key, true, shapeSvg(type, 15, false), function (on) {
      state.types[t] = on; apply();
    }, type.n);
  });
  var key = el('div', 'ge-key', layersPanel.body);
  el('div', '', key, 'Size grows with fatalities. Dashed outline and ring: the place is approximate ' +
    '(ring = the area meant, or 25 km for "near" a town). Numbered circles group nearby events: ' +
    'click to zoom or fan them out.');
  el('div', 'ge-legend-title', layersPanel.body, 'Places and areas named');
  function toggleLayer(name, layer) {
    return function (on) { G.layerOn[name] = on; if (on) { layer.addTo(map); } else { map.removeLayer(layer); } };
  }
  checkRow(layersPanel.body, 'Places named', true,
    '<span class="ge-dot" style="background:' + color('place') + '"></span>', toggleLayer('places', places), D.places.length);
  checkRow(layersPanel.body, 'Regions named (outline)', false,
    '<span class="ge-box" style="border-color:' + color('area') + '"></span>', toggleLayer('areas', areas), D.areas.length);
  checkRow(layersPanel.body, 'Borders named', true,
    '<span class="ge-line" style="border-color:' + color('border') + '"></span>', toggleLayer('borders', borders), D.borders.length);
  el('div', 'ge-legend-title', layersPanel.body, 'Basemap (offline)');
  checkRow(layersPanel.body, 'Provinces (approximate)', true, '<span class="ge-line ge-thin"></span>', function (on) {
    G.layerOn.provinces = on; updateProvinces(); labelSets.provinces.on = on; updateLabels();
  });
  checkRow(layersPanel.body, 'Rivers and lakes', true, '<span class="ge-line ge-water-key"></span>',
    toggleLayer('water', water));
  checkRow(layersPanel.body, 'Towns and capitals', true, '<span class="ge-town-dot"></span>', function (on) {
    labelSets.towns.on = on; updateLabels();
  });

  // the event list beside the map: searchable, follows every filter
  var listPanel = panel('topright', 'ge-list', 'Event list', true);
  var search = el('input', 'ge-search', listPanel.body);
  search.type = 'search'; search.placeholder = 'Search place, actor, type, id';
  search.setAttribute('aria-label', 'Search the events');
  var listInfo = el('div', 'ge-muted', listPanel.body);
  var list = el('ol', 'ge-items', listPanel.body);
  if (D.unlocated.length) {
    el('div', 'ge-muted ge-unlocated', listPanel.body, 'Reported without a place (not on the map): ' +
      D.unlocated.map(function (u) { return u.id; }).join(', '));
  }
  L.DomEvent.on(search, 'input', function () { state.query = search.value.trim().toLowerCase(); apply(); });
  function renderList() {
    list.textContent = '';
    listInfo.textContent = shown.length + ' of ' + events.length + ' events';
    listPanel.button.querySelector('.ge-toggle-title').textContent = 'Event list (' + shown.length + ')';
    shown.forEach(function (it) {
      var e = it.data, li = el('li', '', list), b = el('button', 'ge-item', li);
      b.type = 'button';
      var sw = el('span', 'ge-swatch', b);
      sw.innerHTML = shapeSvg(it.type, 13, e.p > 1);
      el('span', 'ge-item-date', b, e.d || 'undated');
      el('span', 'ge-item-what', b, e.sub || it.type.key);
      el('span', 'ge-item-where', b, e.loc + (e.f ? ' · ' + e.f + ' killed' : ''));
      L.DomEvent.on(b, 'click', function () { if (isSmall()) { listPanel.setOpen(false); } showEvent(it.index); });
    });
  }

  // the time bar: a histogram of events per period, a from-to slider, play
  var timePanel = panel('bottomleft', 'ge-time', 'Time', true);
  var bins = Math.max(1, Math.min(days, 60)), span = Math.max(1, Math.ceil(days / bins));
  bins = Math.max(1, Math.ceil(days / span));
  var counts = new Array(bins).fill(0);
  dated.forEach(function (d) { counts[Math.floor(dayOf(d) / span)] += 1; });
  var peak = Math.max.apply(null, counts.concat([1]));
  var hist = el('div', 'ge-hist', timePanel.body);
  hist.setAttribute('role', 'img');
  hist.setAttribute('aria-label', 'Events per ' + (span === 1 ? 'day' : span + ' days'));
  var bars = counts.map(function (n, b) {
    var bar = el('span', 'ge-bar', hist);
    bar.style.height = (n ? Math.max(8, Math.round(100 * n / peak)) : 0) + '%';
    bar.title = dayText(b * span) + (span > 1 ? ' to ' + dayText(Math.min(days - 1, b * span + span - 1)) : '') +
      ': ' + n + ' event' + (n === 1 ? '' : 's');
    return bar;
  });
  var controls = el('div', 'ge-time-controls', timePanel.body);
  var play = el('button', 'ge-play', controls, '▶');
  play.type = 'button'; play.setAttribute('aria-label', 'Play the events through time');
  var sliders = el('div', 'ge-sliders', controls);
  function range(label) {
    var input = el('input', '', sliders);
    input.type = 'range'; input.min = 0; input.max = Math.max(days - 1, 0); input.step = 1;
    input.setAttribute('aria-label', label);
    return input;
  }
  var from = range('First day shown'), to = range('Last day shown');
  from.value = 0; to.value = Math.max(days - 1, 0);
  var timeLabel = el('div', 'ge-time-label', timePanel.body);
  var undatedLabel = el('label', 'ge-row', timePanel.body);
  var undated = el('input', '', undatedLabel);
  undated.type = 'checkbox'; undated.checked = true;
  el('span', '', undatedLabel, ' events with no date (' + (events.length - dated.length) + ')');
  function readSliders() {
    state.lo = Math.min(+from.value, +to.value); state.hi = Math.max(+from.value, +to.value);
    state.undated = undated.checked;
    apply();
  }
  function renderHistogram() {
    bars.forEach(function (bar, b) {
      bar.classList.toggle('ge-out', b * span + span - 1 < state.lo || b * span > state.hi);
    });
    timeLabel.textContent = days ? (state.lo === state.hi ? dayText(state.lo) : dayText(state.lo) + ' to ' +
      dayText(state.hi)) : 'no dated events';
  }
  [from, to, undated].forEach(function (input) { L.DomEvent.on(input, 'input change', readSliders); });
  var timer = null;
  function stop() { if (timer) { clearInterval(timer); timer = null; } play.textContent = '▶'; }
  L.DomEvent.on(play, 'click', function () {
    if (timer) { stop(); return; }
    var width = Math.max(span, Math.round(days / 8));
    var lo = 0;
    play.textContent = '❚❚';
    play.setAttribute('aria-label', 'Pause');
    var step = function () {
      from.value = lo; to.value = Math.min(days - 1, lo + width - 1); readSliders();
      if (lo + width >= days) { stop(); play.setAttribute('aria-label', 'Play the events through time'); }
      lo += span;
    };
    step();
    if (timer === null && lo + width - span < days) { timer = setInterval(step, 700); }
  });
  if (!days) { timePanel.box.classList.add('ge-no-dates'); }

  // ---- popups stay inside the free part of the view, never under a panel ------------------------
  function panelRects() {
    var origin = map.getContainer().getBoundingClientRect();
    return Array.prototype.map.call(map.getContainer().querySelectorAll('.leaflet-control'), function (node) {
      var r = node.getBoundingClientRect();
      return {left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left,
              bottom: r.bottom - origin.top, corner: node.parentNode.className};
    }).filter(function (r) { return r.right > r.left && r.bottom > r.top; });
  }
  function fitPopupToView() {
    if (isSmall()) { layersPanel.setOpen(false); listPanel.setOpen(false); head.setOpen(false); }
    var size = map.getSize(), free = {left: 0, top: 0, right: size.x, bottom: size.y};
    // cut each panel off the free rectangle by the side that loses the least room (largest first)
    panelRects().sort(function (a, b) {
      return (b.right - b.left) * (b.bottom - b.top) - (a.right - a.left) * (a.bottom - a.top);
    }).forEach(function (r) {
      if (r.right <= free.left || r.left >= free.right || r.bottom <= free.top || r.top >= free.bottom) { return; }
      var w = free.right - free.left, h = free.bottom - free.top;
      var cuts = [['left', r.right, (r.right - free.left) * h], ['right', r.left, (free.right - r.left) * h],
                  ['top', r.bottom, (r.bottom - free.top) * w], ['bottom', r.top, (free.bottom - r.top) * w]];
      cuts.sort(function (a, b) { return a[2] - b[2]; });
      free[cuts[0][0]] = cuts[0][1];
    });
    var left = free.left, top = free.top, right = size.x - free.right, bottom = size.y - free.bottom;
    var pad = 8;
    popup.options.autoPanPaddingTopLeft = L.point(left + pad, top + pad);
    popup.options.autoPanPaddingBottomRight = L.point(right + pad, bottom + pad);
    popup.options.maxWidth = Math.max(200, Math.min(D.popupWidth, size.x - left - right - 2 * pad - 30));
    popup.options.minWidth = Math.min(220, popup.options.maxWidth);
    popup.options.maxHeight = Math.max(120, size.y - top - bottom - 2 * pad - 70);  // tip, margins, close
    G.free = free;
  }

  // ---- initial view, wiring, hooks for the tests and the bench --------------------------------------
  function fitView() {
    var rects = panelRects(), size = map.getSize(), right = 0, left = 0, bottom = 0, top = 0;
    rects.forEach(function (r) {
      if (/leaflet-right/.test(r.corner)) { right = Math.max(right, Math.min(size.x - r.left, size.x * 0.3)); }
      if (/leaflet-left/.test(r.corner) && /leaflet-top/.test(r.corner)) { left = Math.max(left, Math.min(r.right, size.x * 0.3)); }
      if (/leaflet-bottom/.test(r.corner)) { bottom = Math.max(bottom, Math.min(size.y - r.top, size.y * 0.3)); }
    });
    map.fitBounds(D.view, {paddingTopLeft: [left + D.fit.pad, top + D.fit.pad],
      paddingBottomRight: [right + D.fit.pad, bottom + D.fit.pad], maxZoom: D.fit.maxZoom, animate: false});
  }
  borders.addTo(map);
  rings.addTo(map);
  places.addTo(map);
  cluster.addTo(map);
  apply();
  fitView();
  updateProvinces();
  updateLabels();
  map.on('zoomend', updateProvinces);
  map.on('zoomend', updateRings);
  map.on('resize', function () { fitPopupToView(); });
  G.cluster = cluster;
  G.events = events;
  G.apply = apply;
  G.fitView = fitView;
  G.showEvent = function (id) {
    for (var i = 0; i < events.length; i++) { if (events[i].data.id === id) { showEvent(i); return true; } }
    return false;
  };
  G.filterInputs = {from: from, to: to, undated: undated, search: search, play: play};
  G.panels = {heading: head, layers: layersPanel, list: listPanel, time: timePanel};
  G.layers = {places: places, areas: areas, borders: borders, provinces: provinces, water: water, rings: rings};
  G.popup = popup;
  G.drawnCount = function () { return cluster.getLayers().length; };
  G.readyAt = performance.now();
})();
