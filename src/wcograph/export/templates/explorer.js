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

  function shortName(node) {
    var acronyms = (node.acronyms || []).slice().sort(function (a, b) { return a.length - b.length; });
    if (acronyms.length && acronyms[0].length <= 16) { return acronyms[0]; }
    return node.label.length > 48 ? node.label.slice(0, 46) + "…" : node.label;
  }
  function groupOf(node) {
    return node.kind === "instrument" ? "instrument" : (TYPE_GROUP[node.type] || "other");
  }

  var elements = [];
  DATA.nodes.forEach(function (node) {
    var group = groupOf(node);
    var name = shortName(node);
    elements.push({
      group: "nodes",
      data: { id: node.id, name: name, kind: node.kind, fill: GROUPS[group].fill, ink: GROUPS[group].text,
              width: Math.max(56, Math.min(150, name.length * 7.2 + 22)) },
      classes: node.kind + " " + group
    });
  });
  // One drawn edge per pair of nodes, however many lines (each with its own source) join them;
  // reporting lines are drawn from the superior down, so the layout puts the superior above.
  var drawnEdges = new Map();
  DATA.edges.forEach(function (edge) {
    var reversed = edge.kind === "reportsTo";
    var from = reversed ? edge.target : edge.source, to = reversed ? edge.source : edge.target;
    var id = edge.kind + ":" + from + ">" + to;
    if (!drawnEdges.has(id)) {
      drawnEdges.set(id, { id: id, kind: edge.kind, lines: [] });
      elements.push({ group: "edges", data: { id: id, source: from, target: to, kind: edge.kind },
                      classes: edge.kind });
    }
    drawnEdges.get(id).lines.push(edge);
    edge.drawnAs = id;
  });

  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    minZoom: 0.08,
    maxZoom: 3,
    boxSelectionEnabled: false,
    style: [
      { selector: "node", style: {
        "shape": "round-rectangle", "width": "data(width)", "height": 30,
        "background-color": "data(fill)", "border-width": 1, "border-color": "#55677a",
        "label": "data(name)", "color": "data(ink)", "font-size": 11, "font-weight": 600,
        "text-valign": "center", "text-halign": "center", "text-wrap": "wrap", "text-max-width": 140,
        "min-zoomed-font-size": 5
      } },
      { selector: "node.external", style: { "border-style": "dashed" } },
      { selector: "node.instrument", style: {
        "shape": "tag", "height": 26, "font-size": 10, "font-weight": 500,
        "border-color": "#b58a00"
      } },
      { selector: "edge", style: {
        "width": 1.6, "line-color": "#7d93aa", "curve-style": "bezier",
        "target-arrow-shape": "none"
      } },
      { selector: "edge.responsibleFor", style: { "line-color": "#d1b15a", "line-style": "dotted", "width": 1.4 } },
      { selector: "edge.successor", style: {
        "line-color": "#8c73c2", "width": 1.6, "target-arrow-shape": "triangle",
        "target-arrow-color": "#8c73c2", "line-style": "dashed"
      } },
      { selector: "edge.ended", style: { "line-style": "dashed", "line-color": "#b6c2cf" } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: ".faded", style: { "opacity": 0.25 } },
      { selector: "node.match", style: { "border-width": 3, "border-color": "#f0a020" } },
      { selector: "node.chosen", style: {
        "border-width": 4, "border-color": "#e4572e", "z-index": 10
      } },
      { selector: "edge.near", style: { "line-color": "#e4572e", "width": 2.6, "z-index": 9 } }
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

  var layoutOptions = {
    name: "dagre", rankDir: "TB", nodeSep: 14, rankSep: 64, edgeSep: 8, ranker: "network-simplex",
    animate: false, fit: false, padding: 36, nodeDimensionsIncludeLabels: false
  };

  // Each connected part gets its own hierarchical layout; the parts are then packed in rows,
  // biggest first, to the shape of the window (dagre alone would put them all in one row).
  function layout(drawn) {
    var gap = 48;
    var parts = drawn.components().sort(function (a, b) { return b.nodes().length - a.nodes().length; });
    var area = 0, widest = 0;
    parts.forEach(function (part) {
      if (part.nodes().length > 1) { part.layout(Object.assign({}, layoutOptions, { fit: false })).run(); }
      var box = part.boundingBox();
      area += (box.w + gap) * (box.h + gap);
      widest = Math.max(widest, box.w);
    });
    var rowWidth = Math.max(widest, Math.sqrt(area * Math.max(cy.width(), 1) / Math.max(cy.height(), 1)));
    var x = 0, y = 0, rowHeight = 0;
    parts.forEach(function (part) {
      var box = part.boundingBox();
      if (x > 0 && x + box.w > rowWidth) { x = 0; y += rowHeight + gap; rowHeight = 0; }
      var dx = x - box.x1, dy = y - box.y1;
      part.nodes().positions(function (node) {
        return { x: node.position("x") + dx, y: node.position("y") + dy };
      });
      x += box.w + gap;
      rowHeight = Math.max(rowHeight, box.h);
    });
    cy.fit(drawn, 36);
    if (cy.zoom() > 1.3) { cy.zoom(1.3); cy.center(drawn); }
  }

  function redraw() {
    var shown = visibleState();
    cy.batch(function () {
      cy.nodes().forEach(function (ele) {
        var visible = shown.bodies.has(ele.id()) || shown.instruments.has(ele.id());
        ele.toggleClass("hidden", !visible);
      });
      cy.edges().forEach(function (ele) {
        ele.toggleClass("hidden", !shown.edges.has(ele.id()));
        var lines = drawnEdges.get(ele.id()).lines;
        // Dashed: a line that no longer holds, drawn only when all periods are shown.
        ele.toggleClass("ended", state.allPeriods && lines.every(function (line) { return !!line.validUntil; }));
      });
    });
    var drawn = cy.elements().not(".hidden");
    // A node shown again keeps the size it had while hidden until its bounding box is asked
    // for; ask before the layout, or dagre packs it on top of its neighbours.
    drawn.nodes().forEach(function (node) { node.boundingBox(); });
    layout(drawn);
    document.getElementById("status").textContent =
      shown.bodies.size + " bodies, " + shown.lines.size + " reporting lines" +
      (state.allPeriods ? " in all periods" : " as of " + state.day) +
      (state.instruments ? ", " + shown.instruments.size + " instruments" : "");
    document.body.setAttribute("data-as-of", state.allPeriods ? "all" : state.day);
    highlight();
    if (state.selected) { showDetails(state.selected); }
  }

  function highlight() {
    cy.batch(function () {
      cy.elements().removeClass("chosen near faded match");
      if (state.query) {
        matches(state.query).forEach(function (hit) { cy.getElementById(hit.node.id).addClass("match"); });
      }
      if (state.selected) {
        var chosen = cy.getElementById(state.selected);
        if (chosen.nonempty()) {
          chosen.addClass("chosen");
          chosen.connectedEdges().not(".hidden").addClass("near");
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
    var ele = cy.getElementById(id);
    return ele.nonempty() && !ele.hasClass("hidden");
  }

  function showResults() {
    state.query = searchBox.value;
    var hits = matches(state.query).slice(0, 14);
    resultList.replaceChildren();
    activeResult = 0;
    hits.forEach(function (hit, index) {
      var item = document.createElement("li");
      item.setAttribute("role", "option");
      item.dataset.id = hit.node.id;
      item.setAttribute("aria-selected", index === 0 ? "true" : "false");
      var acronym = document.createElement("span");
      acronym.className = "acronym";
      acronym.textContent = (hit.node.acronyms || [])[0] || "";
      var label = document.createElement("span");
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
    highlight();
  }

  function closeResults() { resultList.hidden = true; }

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
    state.selected = id;
    closeResults();
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

  cy.on("tap", "node", function (event) { choose(event.target.id(), false); });
  cy.on("tap", function (event) {
    if (event.target === cy) {
      state.selected = null;
      highlight();
      document.getElementById("details-body").hidden = true;
      document.getElementById("details-empty").hidden = false;
    }
  });

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
    var link = el("a", { className: "node-link", href: "#" + id, "data-id": id, text: text });
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
        return el("li", { "data-id": meetingId }, [meeting.label,
          el("span", { className: "when-note", text: " · " + (meeting.start || "undated") + (meeting.place ? " · " + meeting.place : "") })]);
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

  // --- controls -------------------------------------------------------------------------------

  var dayInput = document.getElementById("as-of");
  var yearInput = document.getElementById("year");
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
  }

  dayInput.addEventListener("change", function () {
    if (!dayInput.value) { return; }
    state.day = dayInput.value;
    syncControls();
    redraw();
  });
  yearInput.addEventListener("input", function () {
    document.getElementById("year-label").textContent = yearInput.value;
  });
  yearInput.addEventListener("change", function () {
    state.day = yearInput.value + state.day.slice(4);
    syncControls();
    redraw();
  });
  document.getElementById("all-periods").addEventListener("change", function (event) {
    state.allPeriods = event.target.checked; syncControls(); redraw();
  });
  document.getElementById("show-instruments").addEventListener("change", function (event) {
    state.instruments = event.target.checked; redraw();
  });
  document.getElementById("show-unlinked").addEventListener("change", function (event) {
    state.unlinked = event.target.checked; redraw();
  });
  document.getElementById("fit").addEventListener("click", function () {
    cy.fit(cy.elements().not(".hidden"), 36);
  });

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

  syncControls();
  redraw();
  window.explorer = { state: state, redraw: redraw, visibleState: visibleState, choose: choose };
  document.body.setAttribute("data-ready", "true");
})();
