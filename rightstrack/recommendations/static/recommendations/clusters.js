// The groups' chart (Chart.js, vendored): stacked bars of the counts by status, from the page's JSON — the
// same numbers as the table below it, which says everything without JavaScript.
(function () {
  "use strict";
  var source = document.getElementById("clusters-chart-data");
  var canvas = document.getElementById("clusters-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: data.datasets },
    options: {
      indexAxis: "y",
      locale: document.documentElement.lang || "vi",
      animation: false,
      maintainAspectRatio: false,
      plugins: { title: { display: true, text: data.title }, legend: { position: "bottom" } },
      scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } },
    },
  });
})();
