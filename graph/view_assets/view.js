// Draws the graph held in the page's JSON blob. Text reaches the page only as data: labels are drawn on the
// canvas and tooltips are strings, which vis-network puts in with innerText, so document text stays inert.
"use strict";
(function () {
  var data = JSON.parse(document.getElementById("view-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  // Read by tests and by anyone scripting the page: what is drawn, and whether the layout has settled.
  var view = { nodes: nodes, edges: edges, network: null, stabilized: false };
  window.policygraphView = view;

  function settled() {
    if (view.stabilized) {
      return;
    }
    if (view.network) {
      view.network.setOptions({ physics: false });
    }
    view.stabilized = true;
    document.body.setAttribute("data-stabilized", "true");
  }

  if (data.nodes.length === 0) {
    settled();
    return;
  }
  view.network = new vis.Network(document.getElementById("network"), { nodes: nodes, edges: edges }, data.options);
  view.network.once("stabilizationIterationsDone", settled);
  view.network.once("stabilized", settled);
})();
