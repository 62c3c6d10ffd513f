/* wcograph explorer: the org chart of reporting lines, searchable, with a details panel and a
 * date control. The graph is the JSON in #graph-data (export/explorer.py writes it). */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("graph-data").textContent);
  var DECISIONS_SHOWN = 40;

  var GROUPS = {
    governing: { label: "governing body", fill: "#163e66", text: "#ffffff", types: ["GoverningBody"] },
    committee: { label: "committee", fill: "#2f6ea5", text: "#ffffff", types: ["Committee", "ManagementCommittee"] },
    sub: { label: "sub-committee", fill: "#5b93c7", text: "#ffffff", types: ["SubCommittee"] },
    group: {
      label: "working group, team", fill: "#a9cdeb", text: "#12283d",
      types: ["WorkingGroup", "VirtualWorkingGroup", "ProjectTeam", "ExpertGroup", "MiniGroup"]
    },
    contact: { label: "contact committee", fill: "#b7abdb", text: "#1f173a", types: ["ContactCommittee"] },
    other: { label: "secretariat, regional", fill: "#cfd6de", text: "#1d2733", types: ["Secretariat", "RegionalStructure"] },
    external: { label: "external body", fill: "#eef0f2", text: "#3b4654", types: ["ExternalBody"] },
    instrument: { label: "instrument", fill: "#fdf0c8", text: "#4d3b00", types: [] }
  };
  var TYPE_GROUP = {};
  Object.keys(GROUPS).forEach(function (group) {
    GROUPS[group].types.forEach(function (type) { TYPE_GROUP[type] = group; });
  });

  // --- indexes --------------------------------------------------------------------------------

  var nodes = new Map();
  DATA.nodes.forEach(function (node) { nodes.set(node.id, node); });
  var up = new Map(), down = new Map(), responsible = new Map(), responsibleFor = new Map();
  var successors = new Map(), predecessors = new Map();
  function push(map, key, value) {
    if (!map.has(key)) { map.set(key, []); }
    map.get(key).push(value);
  }
  DATA.edges.forEach(function (edge) {
    if (edge.kind === "reportsTo") { push(up, edge.source, edge); push(down, edge.target, edge); }
    if (edge.kind === "responsibleFor") { push(responsibleFor, edge.source, edge); push(responsible, edge.target, edge); }
    if (edge.kind === "successor") { push(successors, edge.source, edge); push(predecessors, edge.target, edge); }
  });
  var meetingsOf = new Map();
  Object.keys(DATA.meetings).forEach(function (id) {
    var meeting = DATA.meetings[id];
    if (meeting.body) { push(meetingsOf, meeting.body, id); }
  });
  var decisionsOf = new Map();
  DATA.decisions.forEach(function (decision) {
    var related = new Set(decision.concerns || []);
    var meeting = DATA.meetings[decision.meeting];
    if (meeting && meeting.body) { related.add(meeting.body); }
    related.forEach(function (id) { push(decisionsOf, id, decision); });
  });

  // --- dates ----------------------------------------------------------------------------------

  function holds(day, from, until) {
    return (!from || from <= day) && (!until || day <= until);
  }
  function nodeHolds(node, day) {
    return node.kind !== "body" || holds(day, node.established, node.ended);
  }
  function today() {
    var now = new Date();
    var month = String(now.getMonth() + 1).padStart(2, "0");
    var dayOfMonth = String(now.getDate()).padStart(2, "0");
    return now.getFullYear() + "-" + month + "-" + dayOfMonth;
  }
  function datesInData() {
    var days = [];
    DATA.edges.forEach(function (edge) {
      if (edge.validFrom) { days.push(edge.validFrom); }
      if (edge.validUntil) { days.push(edge.validUntil); }
    });
    DATA.nodes.forEach(function (node) {
      if (node.established) { days.push(node.established); }
      if (node.ended) { days.push(node.ended); }
    });
    DATA.decisions.forEach(function (decision) { if (decision.date) { days.push(decision.date); } });
    days.sort();
    return days;
  }

  // --- state ----------------------------------------------------------------------------------

  var state = {
    day: DATA.filters.as_of || today(),
    allPeriods: false,
    instruments: false,
    unlinked: false,
    selected: null,
    query: ""
  };

  // --- the chart ------------------------------------------------------------------------------
  // Nested boxes: a body's box holds the bodies that report to it (its first line on the day;
  // a further line is drawn as an edge), and, with instruments ticked, a box of the instruments
  // it is responsible for. ELK (elkjs) packs each box's content; bodies with no line on the day
  // share one box of their own. The default zoom keeps every label at least READABLE_PX tall.

  var FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
  var BODY_FONT = 12, INSTRUMENT_FONT = 12, READABLE_PX = 10;
  var LEAF_MAX_WIDTH = 176, LEAF_PAD = 16, LINE_HEIGHT = 15;
  var BOX_PAD = 10, LABEL_ROOM = 24;
  var UNLINKED = "group:unlinked";

  var measureContext = document.createElement("canvas").getContext("2d");
  function textWidth(text, font, weight) {
    measureContext.font = weight + " " + font + "px " + FONT_FAMILY;
    return measureContext.measureText(text).width;
  }
  // The lines cytoscape's "text-wrap: wrap" makes of a label, to size the box around them.
  function wrappedLines(text, font, weight, maxWidth) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var candidate = line ? line + " " + word : word;
      if (line && textWidth(candidate, font, weight) > maxWidth) { lines.push(line); line = word; }
      else { line = candidate; }
    });
    if (line) { lines.push(line); }
    return lines;
  }
  function leafSize(name, font, weight) {
    var textMax = LEAF_MAX_WIDTH - LEAF_PAD;
    var lines = wrappedLines(name, font, weight, textMax);
    var widest = Math.max.apply(null, lines.map(function (l) { return textWidth(l, font, weight); }));
    return { width: Math.ceil(Math.max(56, widest + LEAF_PAD + 4)), height: lines.length * LINE_HEIGHT + 14 };
  }

  // The name on a box: a short label as it is, else the acronym made of the label's initials
  // (PTC, not the French CTP), else the shortest acronym, else the label cut to 64 characters.
  function shortName(node) {
    if (node.label.length <= 22) { return node.label; }
    var initials = node.label.split(/[\s\-\/]+/).map(function (word) { return word.charAt(0).toUpperCase(); }).join("");
    var acronyms = (node.acronyms || []).filter(function (a) { return a.length <= 16; })
      .sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
    var fitting = acronyms.filter(function (a) {
      var letters = a.replace(/[^A-Za-z]/g, "").toUpperCase(), at = 0;
      for (var i = 0; i < initials.length && at < letters.length; i++) { if (initials[i] === letters[at]) { at++; } }
      return letters.length > 1 && at === letters.length;
    });
    if (fitting.length) { return fitting[0]; }
    if (acronyms.length) { return acronyms[0]; }
    return node.label.length > 64 ? node.label.slice(0, 62) + "…" : node.label;
  }
  function groupOf(node) {
    return node.kind === "instrument" ? "instrument" : (TYPE_GROUP[node.type] || "other");
  }

  var drawnEdges = new Map();
  DATA.edges.forEach(function (edge) {
    // reporting lines are drawn from the superior down
    var reversed = edge.kind === "reportsTo";
    var from = reversed ? edge.target : edge.source, to = reversed ? edge.source : edge.target;
    var id = edge.kind + ":" + from + ">" + to;
    if (!drawnEdges.has(id)) { drawnEdges.set(id, { id: id, kind: edge.kind, from: from, to: to, lines: [] }); }
    drawnEdges.get(id).lines.push(edge);
    edge.drawnAs = id;
  });

  var cy = cytoscape({
    container: document.getElementById("cy"),
    minZoom: 0.05,
    maxZoom: 3,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "shape": "round-rectangle", "width": "data(width)", "height": "data(height)",
        "background-color": "data(fill)", "border-width": 1, "border-color": "#55677a",
        "label": "data(name)", "color": "data(ink)", "font-size": BODY_FONT, "font-weight": 600,
        "font-family": FONT_FAMILY, "text-valign": "center", "text-halign": "center",
        "text-wrap": "wrap", "text-max-width": LEAF_MAX_WIDTH - LEAF_PAD
      } },
      { selector: "node:parent", style: {
        "text-valign": "top", "text-halign": "center", "text-margin-y": -4, "padding": BOX_PAD,
        "background-opacity": 0.16, "border-width": 1.5, "color": "#14324f",
        "text-max-width": 4000, "text-wrap": "none",
        "min-width": "data(labelWidth)", "min-width-bias-left": "0%", "min-width-bias-right": "100%"
      } },
      { selector: "node.group", style: {
        "background-color": "#eef0f3", "background-opacity": 1, "border-style": "dashed",
        "border-color": "#8795a5", "color": "#44505e", "font-weight": 500
      } },
      { selector: "node.bundle", style: {
        "background-color": "#fdf6df", "background-opacity": 1, "border-color": "#c9a53c",
        "color": "#6b5200", "font-size": BODY_FONT, "font-weight": 600
      } },
      { selector: "node.external", style: { "border-style": "dashed" } },
      { selector: "node.instrument", style: {
        "shape": "round-tag", "font-size": INSTRUMENT_FONT, "font-weight": 500, "border-color": "#b58a00"
      } },
      { selector: "edge", style: {
        "width": 1.6, "line-color": "#7d93aa", "curve-style": "bezier", "target-arrow-shape": "triangle",
        "target-arrow-color": "#7d93aa", "arrow-scale": 0.8, "opacity": 0.8
      } },
      { selector: "edge.responsibleFor", style: {
        "line-color": "#d1b15a", "target-arrow-color": "#d1b15a", "line-style": "dotted", "width": 1.4
      } },
      { selector: "edge.successor", style: {
        "line-color": "#8c73c2", "width": 1.6, "target-arrow-color": "#8c73c2", "line-style": "dashed"
      } },
      { selector: "edge.ended", style: { "line-style": "dashed", "line-color": "#b6c2cf" } },
      { selector: "node.unreadable", style: { "label": "" } },
      { selector: "node.instrument.unreadable", style: { "background-opacity": 0.55, "border-opacity": 0.5 } },
      { selector: "node.match", style: { "border-width": 3, "border-color": "#f0a020" } },
      { selector: "node.chosen", style: { "border-width": 4, "border-color": "#e4572e" } },
      { selector: "edge.near", style: {
        "line-color": "#e4572e", "target-arrow-color": "#e4572e", "width": 2.6, "z-index": 9, "opacity": 1
      } }
    ]
  });
  window.cy = cy;

  function lineHolds(edge) {
    var day = state.day;
    return state.allPeriods || (holds(day, edge.validFrom, edge.validUntil) &&
      nodeHolds(nodes.get(edge.source), day) && nodeHolds(nodes.get(edge.target), day));
  }

  function visibleState() {
    var day = state.day, all = state.allPeriods;
    var edges = new Set(), bodies = new Set(), instruments = new Set(), lines = new Set();
    DATA.edges.forEach(function (edge) {
      if (edge.kind !== "reportsTo") { return; }
      if (lineHolds(edge)) {
        lines.add(edge.id); edges.add(edge.drawnAs); bodies.add(edge.source); bodies.add(edge.target);
      }
    });
    if (state.unlinked) {
      DATA.nodes.forEach(function (node) {
        if (node.kind === "body" && (all || nodeHolds(node, day))) { bodies.add(node.id); }
      });
    }
    DATA.edges.forEach(function (edge) {
      if (edge.kind === "successor" && bodies.has(edge.source) && bodies.has(edge.target)
          && (all || holds(day, edge.validFrom, null))) {
        edges.add(edge.drawnAs);
      }
      if (edge.kind === "responsibleFor" && state.instruments && bodies.has(edge.source)
          && (all || holds(day, edge.validFrom, edge.validUntil))) {
        edges.add(edge.drawnAs); instruments.add(edge.target);
      }
    });
    return { edges: edges, bodies: bodies, instruments: instruments, lines: lines };
  }

  function byName(a, b) {
    var x = shortName(nodes.get(a)), y = shortName(nodes.get(b));
    return x.localeCompare(y) || (a < b ? -1 : a > b ? 1 : 0);
  }

  // Each body's box: the first of its superiors on the day (by name) that does not close a loop.
  function nesting(shown) {
    var parentOf = new Map(), superiors = new Map();
    DATA.edges.forEach(function (edge) {
      if (edge.kind === "reportsTo" && shown.lines.has(edge.id)) { push(superiors, edge.source, edge.target); }
    });
    Array.from(superiors.keys()).sort().forEach(function (body) {
      var candidates = Array.from(new Set(superiors.get(body))).sort(byName);
      for (var i = 0; i < candidates.length; i++) {
        var above = candidates[i], loop = false;
        for (var up = above; up; up = parentOf.get(up)) { if (up === body) { loop = true; break; } }
        if (!loop) { parentOf.set(body, above); return; }
      }
    });
    var hasChildren = new Set(parentOf.values());
    shown.bodies.forEach(function (body) {
      if (!parentOf.has(body) && !hasChildren.has(body)) { parentOf.set(body, UNLINKED); }
    });
    var homeOf = new Map(), responsibleShown = new Map();
    DATA.edges.forEach(function (edge) {
      if (edge.kind === "responsibleFor" && shown.edges.has(edge.drawnAs)) { push(responsibleShown, edge.target, edge.source); }
    });
    shown.instruments.forEach(function (instrument) {
      homeOf.set(instrument, Array.from(new Set(responsibleShown.get(instrument))).sort()[0]);
    });
    return { parentOf: parentOf, homeOf: homeOf };
  }

  function elementsFor(shown, nest) {
    var elements = [], bundles = new Map();
    nest.homeOf.forEach(function (body, instrument) { push(bundles, body, instrument); });
    var compound = new Set(nest.parentOf.values());
    bundles.forEach(function (list, body) { compound.add(body); });
    function nodeElement(id, node, parent) {
      var group = groupOf(node), name = shortName(node);
      var font = node.kind === "instrument" ? INSTRUMENT_FONT : BODY_FONT;
      var weight = node.kind === "instrument" ? 500 : 600;
      var size = leafSize(name, font, weight);
      return { group: "nodes", classes: node.kind + " " + group,
        data: { id: id, parent: parent, name: name, kind: node.kind, fill: GROUPS[group].fill,
                ink: GROUPS[group].text, width: size.width, height: size.height,
                labelWidth: Math.ceil(textWidth(name, BODY_FONT, 600) + 8) } };
    }
    var unlinked = Array.from(nest.parentOf.values()).indexOf(UNLINKED) >= 0;
    if (unlinked) {
      var title = "No reporting line " + (state.allPeriods ? "in the sources" : "on " + state.day);
      elements.push({ group: "nodes", classes: "group", data: { id: UNLINKED, name: title, fill: "#eef0f3",
        ink: "#44505e", width: 10, height: 10, labelWidth: Math.ceil(textWidth(title, BODY_FONT, 500) + 8) } });
    }
    Array.from(shown.bodies).sort().forEach(function (id) {
      var parent = nest.parentOf.get(id);
      elements.push(nodeElement(id, nodes.get(id), parent));
    });
    bundles.forEach(function (list, body) {
      var bundle = "bundle:" + body;
      var name = list.length + (list.length === 1 ? " instrument" : " instruments");
      elements.push({ group: "nodes", classes: "bundle", data: { id: bundle, parent: body, name: name,
        fill: "#fdf6df", ink: "#6b5200", width: 10, height: 10,
        labelWidth: Math.ceil(textWidth(name, BODY_FONT, 600) + 8) } });
      list.sort().forEach(function (instrument) { elements.push(nodeElement(instrument, nodes.get(instrument), bundle)); });
    });
    function boxOf(id) { return nest.homeOf.has(id) ? "bundle:" + nest.homeOf.get(id) : nest.parentOf.get(id); }
    function inside(id, box) {
      for (var up = boxOf(id); up; up = up.indexOf("bundle:") === 0 ? up.slice(7) : nest.parentOf.get(up)) {
        if (up === box) { return true; }
      }
      return false;
    }
    Array.from(shown.edges).sort().forEach(function (id) {
      var drawn = drawnEdges.get(id);
      // A line to the box a body sits in, however deep, is shown by the nesting; an edge
      // between a box and its own content would be drawn as a loop.
      if (inside(drawn.to, drawn.from) || inside(drawn.from, drawn.to)) { return; }
      var ended = state.allPeriods && drawn.lines.every(function (line) { return !!line.validUntil; });
      elements.push({ group: "edges", classes: drawn.kind + (ended ? " ended" : ""),
        data: { id: id, source: drawn.from, target: drawn.to, kind: drawn.kind } });
    });
    return { elements: elements, compound: compound };
  }

  // The ELK graph of the boxes: every box packs its content (rectpacking), wider than tall.
  function elkGraph(elements, compound) {
    var children = new Map(), byId = new Map(), roots = [];
    elements.forEach(function (element) {
      if (element.group !== "nodes") { return; }
      byId.set(element.data.id, element);
      if (element.data.parent) { push(children, element.data.parent, element.data.id); } else { roots.push(element.data.id); }
    });
    function order(ids) {
      // boxes holding others first, then single boxes; by name within each
      return ids.slice().sort(function (a, b) {
        var ca = children.has(a) ? 0 : 1, cb = children.has(b) ? 0 : 1;
        if (a === UNLINKED) { ca = 2; }
        if (b === UNLINKED) { cb = 2; }
        return ca - cb || byId.get(a).data.name.localeCompare(byId.get(b).data.name) || (a < b ? -1 : 1);
      });
    }
    function elkNode(id) {
      var data = byId.get(id).data;
      if (!children.has(id)) { return { id: id, width: data.width, height: data.height }; }
      return {
        id: id,
        layoutOptions: {
          "elk.algorithm": "rectpacking", "elk.aspectRatio": id === UNLINKED ? "2.4" : "1.8",
          "elk.padding": "[top=" + (LABEL_ROOM + BOX_PAD) + ",left=" + BOX_PAD + ",bottom=" + BOX_PAD + ",right=" + BOX_PAD + "]",
          "elk.spacing.nodeNode": "12", "elk.nodeSize.constraints": "[MINIMUM_SIZE]",
          "elk.nodeSize.minimum": "(" + (data.labelWidth + 2 * BOX_PAD) + ",0)"
        },
        children: order(children.get(id)).map(elkNode)
      };
    }
    var pane = document.getElementById("cy");
    var aspect = Math.max(0.5, Math.min(2.5, (pane.clientWidth || 1) / (pane.clientHeight || 1)));
    return {
      id: "root",
      layoutOptions: { "elk.algorithm": "rectpacking", "elk.aspectRatio": String(aspect.toFixed(2)),
                       "elk.spacing.nodeNode": "28", "elk.padding": "[top=20,left=20,bottom=20,right=20]" },
      children: order(roots).map(elkNode)
    };
  }

  function placeLeaves(elkRoot) {
    var positions = {};
    (function walk(node, x, y) {
      (node.children || []).forEach(function (child) {
        var left = x + child.x, top = y + child.y;
        if (child.children && child.children.length) { walk(child, left, top); }
        else { positions[child.id] = { x: left + child.width / 2, y: top + child.height / 2 }; }
      });
    })(elkRoot, 0, 0);
    return positions;
  }

  // The view a page opens on: everything when it is readable so, else the top left corner at
  // the smallest readable zoom.
  function defaultView() {
    var drawn = cy.elements();
    if (drawn.empty()) { return; }
    var readable = READABLE_PX / BODY_FONT;
    cy.fit(drawn, 24);
    if (cy.zoom() > 1.25) { cy.zoom(1.25); cy.center(drawn); }
    if (cy.zoom() < readable) {
      var box = drawn.boundingBox();
      cy.zoom(readable);
      cy.pan({ x: 16 - box.x1 * readable, y: 40 - box.y1 * readable });
    }
    applyZoomClasses();
  }

  // Labels smaller than READABLE_PX on screen are not drawn: instruments collapse to their
  // box's count first (their text is smaller), then the bodies' names.
  function applyZoomClasses() {
    var zoom = cy.zoom();
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        var font = node.hasClass("instrument") ? INSTRUMENT_FONT : BODY_FONT;
        node.toggleClass("unreadable", font * zoom < READABLE_PX);
      });
    });
    document.body.setAttribute("data-zoom-labels", cy.nodes(".unreadable").length ? "partial" : "all");
  }
  var zoomFrame = null;
  cy.on("zoom", function () {
    if (zoomFrame === null) {
      zoomFrame = requestAnimationFrame(function () { zoomFrame = null; applyZoomClasses(); });
    }
  });

  var elk = new ELK();
  var layoutRun = 0;
  var laidOut = Promise.resolve();

  function redraw() {
    var run = ++layoutRun;
    var shown = visibleState();
    var nest = nesting(shown);
    var built = elementsFor(shown, nest);
    var graph = elkGraph(built.elements, built.compound);
    laidOut = elk.layout(graph).then(function (result) {
      if (run !== layoutRun) { return; }
      var positions = placeLeaves(result);
      built.elements.forEach(function (element) {
        if (positions[element.data.id]) { element.position = positions[element.data.id]; }
      });
      cy.batch(function () {
        cy.elements().remove();
        cy.add(built.elements);
      });
      defaultView();
      document.getElementById("status").textContent =
        shown.bodies.size + " bodies, " + shown.lines.size + " reporting lines" +
        (state.allPeriods ? " in all periods" : " as of " + state.day) +
        (state.instruments ? ", " + shown.instruments.size + " instruments" : "");
      highlight();
      if (state.selected && nodes.has(state.selected)) { showDetails(state.selected); }
      document.body.setAttribute("data-as-of", state.allPeriods ? "all" : state.day);
      document.body.setAttribute("data-layout", String(run));
    });
    return laidOut;
  }

  function highlight() {
    cy.batch(function () {
      cy.elements().removeClass("chosen near match");
      if (state.query) {
        matches(state.query).forEach(function (hit) { cy.getElementById(hit.node.id).addClass("match"); });
      }
      if (state.selected) {
        var chosen = cy.getElementById(state.selected);
        if (chosen.nonempty()) {
          chosen.addClass("chosen");
          chosen.connectedEdges().addClass("near");
        }
      }
    });
  }

  // --- search ---------------------------------------------------------------------------------

  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return []; }
    var hits = [];
    DATA.nodes.forEach(function (node) {
      var acronyms = (node.acronyms || []).map(function (a) { return a.toLowerCase(); });
      var label = node.label.toLowerCase();
      var rank = null;
      if (node.id === q || acronyms.indexOf(q) >= 0) { rank = 0; }
      else if (acronyms.some(function (a) { return a.indexOf(q) === 0; })) { rank = 1; }
      else if (label.indexOf(q) === 0 || label.indexOf(" " + q) >= 0) { rank = 2; }
      else if (label.indexOf(q) >= 0 || node.id.indexOf(q) >= 0) { rank = 3; }
      if (rank !== null) { hits.push({ node: node, rank: rank }); }
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || (a.node.kind === "body" ? 0 : 1) - (b.node.kind === "body" ? 0 : 1)
        || a.node.label.localeCompare(b.node.label);
    });
    return hits;
  }

  var searchBox = document.getElementById("search");
  var resultList = document.getElementById("search-results");
  var activeResult = 0;

  function isDrawn(id) {
    return cy.getElementById(id).nonempty();
  }

  function showResults() {
    state.query = searchBox.value;
    var hits = matches(state.query).slice(0, 14);
    resultList.replaceChildren();
    activeResult = 0;
    hits.forEach(function (hit, index) {
      var item = document.createElement("li");
      item.id = "search-option-" + index;
      item.setAttribute("role", "option");
      item.dataset.id = hit.node.id;
      item.setAttribute("aria-selected", index === 0 ? "true" : "false");
      var acronym = document.createElement("span");
      acronym.className = "acronym";
      acronym.textContent = (hit.node.acronyms || [])[0] || "";
      acronym.title = acronym.textContent;
      var label = document.createElement("span");
      label.className = "label";
      label.textContent = hit.node.label;
      var kind = document.createElement("span");
      kind.className = "kind" + (isDrawn(hit.node.id) ? "" : " absent");
      kind.textContent = (hit.node.type || hit.node.kind) + (isDrawn(hit.node.id) ? "" : " · not shown");
      item.append(acronym, label, kind);
      item.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(hit.node.id, true);
      });
      resultList.append(item);
    });
    resultList.hidden = hits.length === 0;
    searchBox.setAttribute("aria-expanded", hits.length ? "true" : "false");
    if (hits.length) { searchBox.setAttribute("aria-activedescendant", "search-option-0"); }
    highlight();
  }

  function closeResults() {
    resultList.hidden = true;
    searchBox.setAttribute("aria-expanded", "false");
    searchBox.removeAttribute("aria-activedescendant");
  }

  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (event) {
    var items = resultList.querySelectorAll("li");
    if (event.key === "Escape") { closeResults(); return; }
    if (!items.length) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      items[activeResult].setAttribute("aria-selected", "false");
      activeResult = (activeResult + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      items[activeResult].setAttribute("aria-selected", "true");
      searchBox.setAttribute("aria-activedescendant", items[activeResult].id);
      items[activeResult].scrollIntoView({ block: "nearest" });
    } else if (event.key === "Enter") {
      event.preventDefault();
      choose(items[activeResult].dataset.id, true);
    }
  });
  searchBox.addEventListener("blur", function () { setTimeout(closeResults, 150); });
  searchBox.addEventListener("focus", function () { if (searchBox.value) { showResults(); } });

  // --- selection and details ------------------------------------------------------------------

  function choose(id, centre) {
    if (DATA.meetings[id]) { chooseMeeting(id); return; }
    state.selected = id;
    writeHash();
    closeResults();
    if (centre) { focusLane(id); }
    highlight();
    if (centre && isDrawn(id)) {
      // Bring the node into view, readable, only when it is not already.
      var node = cy.getElementById(id), box = node.renderedBoundingBox();
      var inView = box.x1 >= 0 && box.y1 >= 0 && box.x2 <= cy.width() && box.y2 <= cy.height();
      if (!inView || cy.zoom() < 0.45) {
        cy.zoom({ level: Math.max(cy.zoom(), 0.9), position: node.position() });
        cy.center(node);
      }
    }
    showDetails(id);
  }

  cy.on("tap", "node", function (event) {
    var id = event.target.id();
    if (id.indexOf("bundle:") === 0) { id = event.target.parent().id(); }
    if (nodes.has(id)) { choose(id, false); }
  });
  cy.on("tap", function (event) {
    if (event.target === cy) { unselect(); }
  });
  function unselect() {
    state.selected = null;
    writeHash();
    highlight();
    document.getElementById("details-body").hidden = true;
    document.getElementById("details-empty").hidden = false;
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") { node.textContent = attributes[name]; }
      else if (name === "className") { node.className = attributes[name]; }
      else { node.setAttribute(name, attributes[name]); }
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) {
        node.append(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  function nodeLink(id) {
    var node = nodes.get(id);
    var text = node ? node.label + ((node.acronyms || []).length ? " (" + node.acronyms[0] + ")" : "") : id;
    var link = el("a", { className: "node-link", href: "#entity=" + encodeURIComponent(id), "data-id": id, text: text });
    link.addEventListener("click", function (event) { event.preventDefault(); choose(id, true); });
    return link;
  }

  function period(edge) {
    var from = edge.validFrom, until = edge.validUntil;
    var end = edge.endDateGiven === false ? "ended by " + nextDay(until) + " (date not given)" : until;
    if (from && until) { return from + " – " + end; }
    if (from) { return "since " + from; }
    if (until) { return "until " + end; }
    return "dates not given";
  }
  function nextDay(day) {
    var next = new Date(day + "T12:00:00Z");
    next.setUTCDate(next.getUTCDate() + 1);
    return next.toISOString().slice(0, 10);
  }

  function lineItem(other, edges) {
    var notes = edges.map(function (edge) {
      return period(edge) + (edge.evidence ? " · " + edge.evidence : "") + (edge.passage ? " · " + edge.passage : "") +
        (edge.lastEvidenced ? " · last evidenced " + edge.lastEvidenced : "") +
        (edge.caveat ? " · " + edge.caveat : "");
    });
    return el("li", { "data-id": other }, [nodeLink(other),
      el("span", { className: "when-note", text: " · " + notes.join("; ") })]);
  }

  function section(title, id, items, emptyText) {
    var list = el("ul", { id: id }, items);
    var parts = [el("h3", { text: title + (items.length ? " (" + items.length + ")" : "") })];
    parts.push(items.length ? list : el("p", { className: "none", id: id, text: emptyText }));
    return parts;
  }

  function linesSections(title, id, edges, end) {
    var byBody = new Map();
    (edges || []).forEach(function (edge) { push(byBody, edge[end], edge); });
    var current = [], other = [];
    Array.from(byBody.keys()).sort(function (a, b) {
      return nodes.get(a).label.localeCompare(nodes.get(b).label);
    }).forEach(function (body) {
      var lines = byBody.get(body);
      var on = lines.filter(lineHolds);
      if (on.length) { current.push(lineItem(body, on)); } else { other.push(lineItem(body, lines)); }
    });
    var when = state.allPeriods ? "" : " on " + state.day;
    var parts = section(title, id, current, "none" + when);
    if (other.length) {
      parts.push(el("p", { className: "when-note", text: "In other periods:" }));
      parts.push(el("ul", { id: id + "-other" }, other));
    }
    return parts;
  }

  function decisionItem(decision) {
    var meeting = DATA.meetings[decision.meeting] || {};
    var meta = el("div", { className: "meta" }, [
      el("span", { text: decision.date || "undated" }),
      el("span", { className: "dtype", text: decision.decisionTypeLabel || decision.decisionType || "" }),
      el("span", { text: meeting.label || decision.meeting || "" })
    ]);
    var where = [];
    if (decision.documentNumber || decision.document) {
      where.push(el("b", { text: decision.documentNumber || decision.document }));
    }
    if (decision.paragraph) { where.push(", paragraph " + decision.paragraph); }
    if (decision.documentTitle) { where.push(" — " + decision.documentTitle); }
    var source = el("div", { className: "source" }, ["Source: "].concat(where.length ? where : [decision.passage || "—"]));
    return el("li", { className: "decision", "data-id": decision.id }, [
      meta, el("div", { className: "text", text: decision.text || "" }), source
    ]);
  }

  function decisionsSection(id) {
    var all = (decisionsOf.get(id) || []).filter(function (decision) {
      return state.allPeriods || !decision.date || decision.date <= state.day;
    }).slice().reverse();
    var parts = [el("h3", { text: "Decisions (" + all.length + ")" })];
    if (!all.length) {
      parts.push(el("p", { className: "none", id: "decisions", text: "No decision made at its meetings or concerning it" +
        (state.allPeriods ? "" : " by " + state.day) + "." }));
      return parts;
    }
    var list = el("ul", { id: "decisions" }, all.slice(0, DECISIONS_SHOWN).map(decisionItem));
    parts.push(list);
    if (all.length > DECISIONS_SHOWN) {
      var more = el("button", { className: "more", type: "button", text: "Show all " + all.length + " decisions" });
      more.addEventListener("click", function () {
        list.replaceChildren.apply(list, all.map(decisionItem));
        more.remove();
      });
      parts.push(more);
    }
    return parts;
  }

  function showDetails(id) {
    var node = nodes.get(id);
    if (!node) { return; }
    var parts = [el("h2", { id: "details-title", text: node.label })];
    parts.push(el("div", { className: "chips" },
      (node.acronyms || []).map(function (a) { return el("span", { className: "chip", text: a }); })
        .concat([el("span", { className: "chip type", text: node.type || node.kind })])));
    var facts = [];
    function fact(name, value) { if (value) { facts.push(el("dt", { text: name }), el("dd", { text: value })); } }
    fact("Kind", node.kind);
    fact("Established", node.established);
    fact("Ended", node.endDateGiven === false
      ? (node.endedBy ? "by " + node.endedBy + " (date not given)" : "yes (date not given)") : node.ended);
    fact("First recorded step", node.firstStage);
    fact("Curated in", node.curatedAt);
    if (!isDrawn(id)) { fact("In the chart", state.allPeriods ? "no reporting line" : "not on " + state.day); }
    parts.push(el("dl", { className: "facts" }, facts));
    if (node.kind === "body") {
      parts = parts.concat(linesSections("Reports to", "reports-to", up.get(id), "target"));
      parts = parts.concat(linesSections("Bodies that report to it", "reporting-bodies", down.get(id), "source"));
      parts = parts.concat(section("Responsible for", "responsible-for",
        (responsibleFor.get(id) || []).map(function (edge) { return el("li", {}, [nodeLink(edge.target)]); }),
        "no instrument recorded"));
      var succession = (successors.get(id) || []).map(function (edge) {
        return el("li", {}, ["succeeded by ", nodeLink(edge.target), el("span", { className: "when-note", text: edge.validFrom ? " · " + edge.validFrom : "" })]);
      }).concat((predecessors.get(id) || []).map(function (edge) {
        return el("li", {}, ["took over from ", nodeLink(edge.source), el("span", { className: "when-note", text: edge.validFrom ? " · " + edge.validFrom : "" })]);
      }));
      if (succession.length) { parts = parts.concat(section("Succession", "succession", succession, "")); }
      var meetings = (meetingsOf.get(id) || []).filter(function (meetingId) {
        var start = DATA.meetings[meetingId].start;
        return state.allPeriods || !start || start <= state.day;
      }).sort(function (a, b) {
        return (DATA.meetings[a].start || "").localeCompare(DATA.meetings[b].start || "");
      }).map(function (meetingId) {
        var meeting = DATA.meetings[meetingId];
        return el("li", { "data-id": meetingId }, [meetingLink(meetingId),
          el("span", { className: "when-note", text: " · " + (meeting.start || "undated") +
            (meeting.status && meeting.status !== "held" ? " · " + meeting.status : "") +
            (meeting.place ? " · " + meeting.place : "") })]);
      });
      parts = parts.concat(section("Meetings", "meetings", meetings, "none recorded"));
    } else {
      parts = parts.concat(section("Responsible bodies", "responsible-bodies",
        (responsible.get(id) || []).map(function (edge) { return el("li", { "data-id": edge.source }, [nodeLink(edge.source)]); }),
        "none recorded"));
    }
    parts = parts.concat(decisionsSection(id));
    var body = document.getElementById("details-body");
    body.replaceChildren.apply(body, parts);
    body.hidden = false;
    body.dataset.node = id;
    document.getElementById("details-empty").hidden = true;
  }

  function meetingLink(id) {
    var link = el("a", { className: "node-link", href: "#entity=" + encodeURIComponent(id), "data-id": id,
                         text: DATA.meetings[id].label });
    link.addEventListener("click", function (event) { event.preventDefault(); chooseMeeting(id); });
    return link;
  }

  // A session's own details: its body, dates, place, status, and the decisions made at it.
  function chooseMeeting(id) {
    var meeting = DATA.meetings[id];
    state.selected = id;
    writeHash();
    closeResults();
    highlight();
    var parts = [el("h2", { id: "details-title", text: meeting.label })];
    parts.push(el("div", { className: "chips" }, [
      el("span", { className: "chip type", text: "meeting" }),
      el("span", { className: "chip status-" + (meeting.status || "held"), text: meeting.status || "held" })]));
    var facts = [];
    function fact(name, value) { if (value) { facts.push(el("dt", { text: name }), el("dd", {}, [value])); } }
    if (meeting.body) { fact("Body", nodeLink(meeting.body)); }
    fact("Dates", (meeting.start || "undated") + (meeting.end && meeting.end !== meeting.start ? " – " + meeting.end : ""));
    fact("Place", meeting.place);
    fact("Status", meeting.status);
    parts.push(el("dl", { className: "facts" }, facts));
    var made = DATA.decisions.filter(function (decision) { return decision.meeting === id; });
    parts.push(el("h3", { text: "Decisions (" + made.length + ")" }));
    parts.push(made.length ? el("ul", { id: "decisions" }, made.map(decisionItem))
      : el("p", { className: "none", id: "decisions", text: "No decision recorded at this meeting." }));
    var body = document.getElementById("details-body");
    body.replaceChildren.apply(body, parts);
    body.hidden = false;
    body.dataset.node = id;
    document.getElementById("details-empty").hidden = true;
  }

  // --- the address: #entity=ID&date=YYYY-MM-DD|all&view=timeline ------------------------------

  var views = ["structure", "timeline", "charts"];
  state.view = "structure";

  function hashText() {
    var params = new URLSearchParams();
    if (state.selected) { params.set("entity", state.selected); }
    params.set("date", state.allPeriods ? "all" : state.day);
    if (state.view !== "structure") { params.set("view", state.view); }
    return "#" + params.toString();
  }
  var writtenHash = null;
  function writeHash() {
    var text = hashText();
    if (text === location.hash) { return; }
    writtenHash = text;
    try { history.replaceState(null, "", text); } catch (error) { location.replace(text); }
  }
  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    var day = params.get("date"), entity = params.get("entity"), view = params.get("view");
    if (day === "all") { state.allPeriods = true; }
    else if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) { state.allPeriods = false; state.day = day; }
    state.selected = entity && (nodes.has(entity) || DATA.meetings[entity]) ? entity : null;
    state.view = views.indexOf(view) >= 0 ? view : "structure";
  }
  window.addEventListener("hashchange", function () {
    if (location.hash === writtenHash) { return; }
    readHash();
    applyState();
  });

  // --- controls -------------------------------------------------------------------------------

  var dayInput = document.getElementById("as-of");
  var yearInput = document.getElementById("year");
  var allPeriodsInput = document.getElementById("all-periods");
  var days = datesInData();
  var firstYear = days.length ? Number(days[0].slice(0, 4)) : 2000;
  var lastYear = Math.max(days.length ? Number(days[days.length - 1].slice(0, 4)) : 2000, Number(today().slice(0, 4)));
  yearInput.min = String(firstYear);
  yearInput.max = String(lastYear);

  function syncControls() {
    dayInput.value = state.day;
    yearInput.value = state.day.slice(0, 4);
    document.getElementById("year-label").textContent = state.day.slice(0, 4);
    dayInput.disabled = yearInput.disabled = state.allPeriods;
    allPeriodsInput.checked = state.allPeriods;
  }

  function setDay(day) {
    state.day = day;
    state.allPeriods = false;
    syncControls();
    writeHash();
    moveTimelineMarker(true);
    return redraw();
  }

  dayInput.addEventListener("change", function () {
    if (dayInput.value) { setDay(dayInput.value); }
  });
  yearInput.addEventListener("input", function () {
    document.getElementById("year-label").textContent = yearInput.value;
  });
  yearInput.addEventListener("change", function () { setDay(yearInput.value + state.day.slice(4)); });
  allPeriodsInput.addEventListener("change", function (event) {
    state.allPeriods = event.target.checked; syncControls(); writeHash(); redraw();
  });
  document.getElementById("show-instruments").addEventListener("change", function (event) {
    state.instruments = event.target.checked; redraw();
  });
  document.getElementById("show-unlinked").addEventListener("change", function (event) {
    state.unlinked = event.target.checked; redraw();
  });
  document.getElementById("fit").addEventListener("click", function () {
    if (state.view === "timeline" && timeline) { timeline.fit(); return; }
    cy.fit(cy.elements(), 24);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && document.activeElement !== searchBox && state.selected) { unselect(); }
  });

  // --- tabs -----------------------------------------------------------------------------------

  var panes = { structure: "chart-pane", timeline: "timeline-pane", charts: "charts-pane" };
  function showView(view) {
    state.view = view;
    views.forEach(function (name) {
      document.getElementById(panes[name]).hidden = name !== view;
      var tab = document.getElementById("tab-" + name);
      tab.setAttribute("aria-selected", name === view ? "true" : "false");
      tab.tabIndex = name === view ? 0 : -1;
    });
    if (view === "structure") { cy.resize(); }
    if (view === "timeline") { ensureTimeline(); }
    if (view === "charts") { ensureCharts(); }
    document.body.setAttribute("data-view", view);
    writeHash();
  }
  views.forEach(function (name, index) {
    var tab = document.getElementById("tab-" + name);
    tab.addEventListener("click", function () { showView(name); });
    tab.addEventListener("keydown", function (event) {
      var step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? views.length - 1 : 0;
      if (!step) { return; }
      event.preventDefault();
      var next = views[(index + step) % views.length];
      showView(next);
      document.getElementById("tab-" + next).focus();
    });
  });

  // --- the timeline ---------------------------------------------------------------------------
  // One lane per body: its sessions (held: filled; scheduled: hollow, dashed), its lifecycle
  // events, and its reporting lines, one bar per state (stated: solid, evidenced: dashed,
  // presumed: dotted). The red marker is the as-of date; clicking a time sets it.

  var timeline = null;
  var timelineEnd = (lastYear + 1) + "-12-31";

  function isoOf(time) {
    var date = new Date(time);
    return date.getFullYear() + "-" + String(date.getMonth() + 1).padStart(2, "0") + "-" +
      String(date.getDate()).padStart(2, "0");
  }

  function timelineItems() {
    var items = [], lanes = new Set();
    Object.keys(DATA.meetings).sort().forEach(function (id) {
      var meeting = DATA.meetings[id];
      if (!meeting.body || !meeting.start || !nodes.has(meeting.body)) { return; }
      var status = meeting.status || "held";
      lanes.add(meeting.body);
      items.push({ id: "meeting:" + id, entity: id, kind: "meeting", group: meeting.body, start: meeting.start,
        type: "point", content: "", className: "meeting " + status,
        title: meeting.label + " · " + meeting.start + (status !== "held" ? " · " + status : "") });
    });
    DATA.lifecycle.forEach(function (event, index) {
      if (!event.date) { return; }
      var happened = !event.modality || event.modality === "happened";
      lanes.add(event.body);
      items.push({ id: "event:" + index + ":" + event.id, entity: event.body, kind: "lifecycle", group: event.body,
        start: event.date, type: "point", className: "lifecycle" + (happened ? "" : " unrealised"),
        content: event.what + (happened ? "" : " (" + event.modality + ")") +
          (event.successor ? " → " + shortName(nodes.get(event.successor)) : ""),
        title: event.what + " " + event.date + (event.modality ? " · " + event.modality : "") });
    });
    DATA.edges.forEach(function (edge) {
      if (edge.kind !== "reportsTo") { return; }
      var states = edge.states && edge.states.length ? edge.states
        : (edge.validFrom ? [[edge.validFrom, edge.validUntil, "stated", null]] : []);
      states.forEach(function (period, index) {
        var from = period[0], until = period[1] || timelineEnd;
        if (!from || from > until) { return; }
        lanes.add(edge.source);
        items.push({ id: "line:" + edge.id + ":" + index, entity: edge.source, kind: "line", group: edge.source,
          start: from, end: nextDay(until), type: "range", className: "line " + period[2],
          content: "→ " + shortName(nodes.get(edge.target)),
          title: "reports to " + nodes.get(edge.target).label + " · " + period[2] + " · " + from +
            (period[1] ? " – " + period[1] : " on") + (period[3] ? " · " + period[3] : "") });
      });
    });
    return { items: items, lanes: lanes };
  }

  function ensureTimeline() {
    if (timeline) { moveTimelineMarker(true); return; }
    var built = timelineItems();
    var lanes = Array.from(built.lanes).sort(byName);
    var groups = lanes.map(function (id, index) {
      var node = nodes.get(id);
      return { id: id, order: index, content: shortName(node), title: node.label, className: "lane" };
    });
    var first = days.length ? days[0] : "2010-01-01";
    timeline = new vis.Timeline(document.getElementById("timeline"), new vis.DataSet(built.items),
      new vis.DataSet(groups), {
        stack: true, orientation: { axis: "top" }, groupOrder: "order", verticalScroll: true,
        zoomKey: "ctrlKey", maxHeight: "100%", height: "100%", showCurrentTime: false,
        min: (Number(first.slice(0, 4)) - 1) + "-01-01", max: timelineEnd,
        start: (Number(state.day.slice(0, 4)) - 6) + "-01-01", end: (Number(state.day.slice(0, 4)) + 2) + "-01-01",
        dataAttributes: ["id", "group", "kind", "entity"], tooltip: { followMouse: true },
        margin: { item: { horizontal: 2, vertical: 4 } }
      });
    timeline.addCustomTime(state.day, "as-of");
    timeline.setCustomTimeTitle("as of " + state.day, "as-of");
    timeline.on("timechanged", function (props) { if (props.id === "as-of") { setDay(isoOf(props.time)); } });
    timeline.on("click", function (props) {
      if (props.item) {
        var item = timeline.itemsData.get(props.item);
        choose(item.entity, false);
      } else if (props.time && (props.what === "background" || props.what === "axis")) {
        setDay(isoOf(props.time));
      }
    });
    window.explorer.timeline = timeline;
    document.body.setAttribute("data-timeline", "ready");
  }

  // The body's lane in view, over the span of its sessions (vis-timeline draws only the lanes
  // in view, so this is also how a reader finds one among seventy).
  function focusLane(id) {
    if (!timeline || state.view !== "timeline") { return; }
    var lane = timeline.itemsData.get({ filter: function (item) { return item.group === id; } });
    var sessions = lane.filter(function (item) { return item.kind === "meeting"; });
    var ids = (sessions.length ? sessions : lane).map(function (item) { return item.id; });
    if (ids.length) { timeline.setSelection(ids, { focus: true, animation: false }); }
  }

  function moveTimelineMarker(reveal) {
    if (!timeline) { return; }
    timeline.setCustomTime(state.day, "as-of");
    timeline.setCustomTimeTitle("as of " + state.day, "as-of");
    var window_ = timeline.getWindow();
    var at = new Date(state.day + "T12:00:00").getTime();
    if (reveal && (at < window_.start.getTime() || at > window_.end.getTime())) { timeline.moveTo(state.day, { animation: false }); }
  }

  // --- charts ---------------------------------------------------------------------------------
  // The rows of `wcograph chart` (queries/charts/), drawn as stacked bars per year: the largest
  // series by total, the rest as "other".

  var PALETTE = ["#1f5f99", "#e07b39", "#3a9a6b", "#c44e52", "#8172b2", "#937860", "#da8bc3", "#5fa2ce", "#b5b83d"];
  var chartsDrawn = false;

  function chartSeries(chart) {
    var rows = chart.rows.map(function (row) {
      return { year: row.year, series: row.series || row.country || "unknown", n: Number(row.n) };
    });
    var totals = new Map();
    rows.forEach(function (row) { totals.set(row.series, (totals.get(row.series) || 0) + row.n); });
    var top = Array.from(totals.keys()).sort(function (a, b) {
      return totals.get(b) - totals.get(a) || a.localeCompare(b);
    }).slice(0, PALETTE.length - 1);
    var years = Array.from(new Set(rows.map(function (row) { return row.year; }))).sort();
    var stacks = new Map(years.map(function (year) { return [year, new Map()]; }));
    rows.forEach(function (row) {
      var name = top.indexOf(row.series) >= 0 ? row.series : "other";
      var stack = stacks.get(row.year);
      stack.set(name, (stack.get(name) || 0) + row.n);
    });
    var names = top.concat(Array.from(totals.keys()).length > top.length ? ["other"] : []);
    return { years: years, names: names, stacks: stacks };
  }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function barChart(chart) {
    var series = chartSeries(chart);
    var width = 720, height = 260, left = 40, bottom = 24, top = 10;
    var most = 1;
    series.stacks.forEach(function (stack) {
      var sum = 0; stack.forEach(function (n) { sum += n; }); most = Math.max(most, sum);
    });
    var picture = svg("svg", { viewBox: "0 0 " + width + " " + height, role: "img", "aria-label": chart.title,
                               "data-chart": chart.name });
    var plotHeight = height - bottom - top, step = (width - left - 8) / Math.max(1, series.years.length);
    [0, 0.5, 1].forEach(function (fraction) {
      var y = top + plotHeight * (1 - fraction);
      picture.append(svg("line", { x1: left, x2: width - 8, y1: y, y2: y, stroke: "#d8dee6" }));
      picture.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#5f6b7a" },
        String(Math.round(most * fraction))));
    });
    series.years.forEach(function (year, index) {
      var x = left + index * step + step * 0.15, y = top + plotHeight;
      series.names.forEach(function (name, colour) {
        var n = series.stacks.get(year).get(name) || 0;
        if (!n) { return; }
        var h = plotHeight * n / most;
        y -= h;
        var bar = svg("rect", { x: x, y: y, width: step * 0.7, height: h, fill: PALETTE[colour % PALETTE.length],
                                "data-year": year, "data-series": name, "data-n": n });
        bar.append(svg("title", {}, year + " · " + name + ": " + n));
        picture.append(bar);
      });
      if (series.years.length <= 20 || index % 2 === 0) {
        picture.append(svg("text", { x: x + step * 0.35, y: height - 8, "text-anchor": "middle", "font-size": 11,
                                     fill: "#5f6b7a" }, String(year)));
      }
    });
    var legend = el("div", { className: "chart-legend" }, series.names.map(function (name, colour) {
      var swatch = el("i");
      swatch.style.background = PALETTE[colour % PALETTE.length];
      return el("span", {}, [swatch, name]);
    }));
    return el("figure", { className: "chart", id: "chart-" + chart.name }, [
      el("figcaption", { text: chart.title }), picture, legend]);
  }

  function ensureCharts() {
    if (chartsDrawn) { return; }
    chartsDrawn = true;
    var pane = document.getElementById("charts-pane");
    var figures = DATA.charts.filter(function (chart) { return chart.rows.length; }).map(barChart);
    if (!figures.length) { figures = [el("p", { className: "none", text: "No chart data in this export." })]; }
    pane.replaceChildren.apply(pane, figures);
  }

  // --- start ----------------------------------------------------------------------------------

  var legend = document.getElementById("legend");
  Object.keys(GROUPS).forEach(function (group) {
    var swatch = el("i");
    swatch.style.background = GROUPS[group].fill;
    legend.append(el("span", {}, [swatch, GROUPS[group].label]));
  });
  var bodyCount = DATA.nodes.filter(function (n) { return n.kind === "body"; }).length;
  document.getElementById("summary").textContent = bodyCount + " bodies, " +
    (DATA.nodes.length - bodyCount) + " instruments, " + Object.keys(DATA.meetings).length + " meetings and " +
    DATA.decisions.length + " decisions" + (days.length ? ", " + days[0] + " to " + days[days.length - 1] : "") + ".";

  function applyState() {
    syncControls();
    showView(state.view);
    moveTimelineMarker(true);
    return redraw().then(function () {
      if (!state.selected) { return; }
      if (DATA.meetings[state.selected]) { chooseMeeting(state.selected); } else { choose(state.selected, true); }
    });
  }

  window.explorer = { state: state, redraw: redraw, visibleState: visibleState, choose: choose, setDay: setDay,
                      showView: showView, timeline: null, isoDay: isoOf };
  readHash();
  applyState().then(function () { document.body.setAttribute("data-ready", "true"); });
})();
