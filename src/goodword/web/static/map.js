// The network map: draws what /api/v1/map answers (positions are computed by the server),
// highlights advocates and hides whoever the role, ring and tag filters leave out.
// Names are drawn on the canvas or set as text, never parsed as HTML.
(function () {
  "use strict";
  var COLOURS = {
    you: "#1e293b", advocate: "#15803d", hidden: "#d97706", icp: "#7c3aed",
    contact: "#94a3b8", friend: "#7dd3fc", edge: "#e2e8f0",
  };
  var HIDDEN = Object.freeze({ visibility: "hidden" });
  var SIZES = { "you": 12, "top advocate": 8, "contact": 3, "ideal client": 3, "friend of a contact": 2 };

  function look(ring, roles) {
    if (ring === "you") return { color: COLOURS.you, size: SIZES.you };
    var advocate = roles.indexOf("advocate") >= 0;
    var size = Math.max(SIZES[ring], advocate ? 5 : 0);
    if (roles.indexOf("hidden advocate") >= 0) return { color: COLOURS.hidden, size: size };
    if (advocate) return { color: COLOURS.advocate, size: size };
    if (ring === "ideal client") return { color: COLOURS.icp, size: size };
    if (ring === "friend of a contact") return { color: COLOURS.friend, size: size };
    return { color: COLOURS.contact, size: size };
  }

  // Columns of the answer as one record per person: ring, role and tag names in place of codes.
  function people(data) {
    var nodes = data.nodes;
    return nodes.id.map(function (id, at) {
      return {
        id: id, name: nodes.name[at], x: nodes.x[at], y: nodes.y[at],
        ring: data.rings[nodes.ring[at]], via: nodes.via[at],
        roles: nodes.roles[at].map(function (code) { return data.roles[code]; }),
        tags: nodes.tags[at].map(function (code) { return data.tags[code].toLowerCase(); }),
      };
    });
  }

  function draw(container, data) {
    var everyone = people(data);
    var graph = new graphology.Graph({ type: "undirected", multi: false });
    everyone.forEach(function (p, at) {
      var style = look(p.ring, p.roles);
      graph.addNode(String(p.id), {
        x: p.x, y: p.y, size: style.size, color: style.color, label: p.name, at: at,
      });
    });
    data.edges.forEach(function (e) {
      graph.addEdge(String(everyone[e[0]].id), String(everyone[e[1]].id), {
        size: 0.3 + e[2], color: COLOURS.edge, s: e[0], t: e[1],
      });
    });
    var role = document.getElementById("map-role");
    var ring = document.getElementById("map-ring");
    var tag = document.getElementById("map-tag");
    var visible = new Uint8Array(everyone.length);
    var shownCount = 0;
    // Decided once per change of filter, so drawing a frame only reads a flag per person.
    function filter() {
      var wanted = tag.value.trim().toLowerCase();
      shownCount = 0;
      everyone.forEach(function (p, at) {
        var keep = p.ring === "you" || (
          (!role.value || p.roles.indexOf(role.value) >= 0) &&
          (!ring.value || p.ring === ring.value) &&
          (!wanted || p.tags.indexOf(wanted) >= 0)
        );
        visible[at] = keep ? 1 : 0;
        shownCount += visible[at];
      });
      document.getElementById("map-count").textContent =
        shownCount + " of " + everyone.length + " people shown";
    }
    filter();
    // Software WebGL (no GPU) pays for every vertex: ties are straight lines only (the default
    // also compiles loops, 32 segments for every tie), and ties and labels rest while moving.
    // A reducer's answer is merged into what sigma draws: hiding someone is one field.
    var renderer = new Sigma(graph, container, {
      primitives: { edges: { paths: [Sigma.rendering.pathLine()] } },
      settings: {
        hideEdgesOnMove: true,
        hideLabelsOnMove: true,
        labelRenderedSizeThreshold: 8,
        labelDensity: 0.5,
      },
      nodeReducer: function (key, drawn, attrs) {
        return visible[attrs.at] ? {} : HIDDEN;
      },
      edgeReducer: function (key, drawn, attrs) {
        return visible[attrs.s] && visible[attrs.t] ? {} : HIDDEN;
      },
    });
    function refilter() { filter(); renderer.refresh(); }
    role.addEventListener("change", refilter);
    ring.addEventListener("change", refilter);
    tag.addEventListener("input", refilter);
    renderer.on("clickNode", function (event) {
      var p = everyone[graph.getNodeAttribute(event.node, "at")];
      var selected = document.getElementById("map-selected");
      selected.textContent = "";
      var link = document.createElement("a");
      link.href = "/people/" + encodeURIComponent(p.id);
      link.textContent = p.name;
      selected.appendChild(link);
      var about = " · " + (p.roles.join(", ") || p.ring);
      if (p.via > 0) about += " · known through " + everyone[p.via].name;
      selected.appendChild(document.createTextNode(about));
    });
    container.renderer = renderer;  // for measuring how smoothly it moves
    container.dataset.nodes = String(graph.order);
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
