// The network map: draws what /api/v1/map answers (positions are computed by the server),
// highlights advocates and hides whoever the role and tag filters leave out.
// Names are drawn on the canvas or set as text, never parsed as HTML.
(function () {
  "use strict";
  var COLOURS = { you: "#1e293b", advocate: "#15803d", hidden: "#d97706", icp: "#7c3aed", contact: "#94a3b8" };

  function colour(node) {
    if (node.ring === "you") return COLOURS.you;
    if (node.roles.indexOf("hidden advocate") >= 0) return COLOURS.hidden;
    if (node.roles.indexOf("advocate") >= 0) return COLOURS.advocate;
    if (node.ring === "ideal client") return COLOURS.icp;
    return COLOURS.contact;
  }

  function size(node) {
    if (node.ring === "you") return 12;
    if (node.ring === "top advocate") return 8;
    return node.roles.indexOf("advocate") >= 0 ? 5 : 3;
  }

  function draw(container, data) {
    var graph = new graphology.Graph({ type: "undirected", multi: false });
    data.nodes.forEach(function (n) {
      graph.addNode(String(n.id), {
        x: n.x, y: n.y, size: size(n), color: colour(n), label: n.name,
        ring: n.ring, roles: n.roles, tags: n.tags.map(function (t) { return t.toLowerCase(); }),
      });
    });
    data.edges.forEach(function (e) {
      var a = String(e[0]), b = String(e[1]);
      if (!graph.hasEdge(a, b)) graph.addEdge(a, b, { size: 0.3 + e[2], color: "#cbd5e1" });
    });
    var role = document.getElementById("map-role");
    var tag = document.getElementById("map-tag");
    function shown(attrs) {
      if (attrs.ring === "you") return true;
      if (role.value && attrs.roles.indexOf(role.value) < 0) return false;
      var wanted = tag.value.trim().toLowerCase();
      return !wanted || attrs.tags.indexOf(wanted) >= 0;
    }
    var renderer = new Sigma(graph, container, {
      labelRenderedSizeThreshold: 6,
      nodeReducer: function (key, attrs) {
        return shown(graph.getNodeAttributes(key)) ? attrs : Object.assign({}, attrs, { hidden: true });
      },
      edgeReducer: function (key, attrs) {
        var ends = graph.extremities(key);
        var visible = shown(graph.getNodeAttributes(ends[0])) && shown(graph.getNodeAttributes(ends[1]));
        return visible ? attrs : Object.assign({}, attrs, { hidden: true });
      },
    });
    function count() {
      var n = 0;
      graph.forEachNode(function (key, attrs) { if (shown(attrs)) n += 1; });
      document.getElementById("map-count").textContent = n + " of " + graph.order + " people shown";
    }
    role.addEventListener("change", function () { renderer.refresh(); count(); });
    tag.addEventListener("input", function () { renderer.refresh(); count(); });
    renderer.on("clickNode", function (event) {
      var attrs = graph.getNodeAttributes(event.node);
      var selected = document.getElementById("map-selected");
      selected.textContent = "";
      var link = document.createElement("a");
      link.href = "/people/" + encodeURIComponent(event.node);
      link.textContent = attrs.label;
      selected.appendChild(link);
      selected.appendChild(document.createTextNode(" · " + (attrs.roles.join(", ") || attrs.ring)));
    });
    count();
    container.dataset.drawn = "true";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var container = document.getElementById("map");
    fetch(container.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (answer) {
        if (!answer.ok) throw new Error("the map could not be loaded (" + answer.status + ")");
        return answer.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function (error) {
        document.getElementById("errors").textContent = String(error.message || error);
      });
  });
})();
