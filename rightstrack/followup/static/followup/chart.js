// A directive's completion chart (Chart.js, vendored): the counts come from the page's JSON, the same the
// list beside it shows. Without JavaScript the counts and the table say everything.
(function () {
  "use strict";
  var source = document.getElementById("directive-chart-data");
  var canvas = document.getElementById("directive-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [{
        data: data.values,
        backgroundColor: ["#8a939e", "#2c6eaa", "#b3261e", "#1e7b45", "#c4cad1"],
      }],
    },
    options: {
      indexAxis: "y",
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false }, title: { display: true, text: data.title } },
      scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
})();
