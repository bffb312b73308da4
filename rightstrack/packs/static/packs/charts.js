// The pack page's charts (Chart.js, vendored): the numbers come from the page's JSON, the same the files'
// pictures are drawn from. Without JavaScript the tables above say everything.
(function () {
  "use strict";
  var source = document.getElementById("pack-charts");
  if (!source || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  var blue = "rgba(44, 110, 170, 0.85)";
  var orange = "rgba(200, 80, 30, 0.9)";
  // Numbers on the axes and in the tooltips as the page's language writes them (26.019 / 26,019).
  var locale = document.documentElement.lang || "vi";

  function bars(id, labels, values, colours) {
    var canvas = document.getElementById(id);
    if (!canvas) return;
    new Chart(canvas, {
      type: "bar",
      data: { labels: labels, datasets: [{ data: values, backgroundColor: colours || blue }] },
      options: {
        indexAxis: "y",
        locale: locale,
        animation: false,
        plugins: { legend: { display: false }, title: { display: true, text: canvas.getAttribute("aria-label") } },
        scales: { x: { beginAtZero: true } },
      },
    });
  }

  bars("chart-status", data.status.labels, data.status.values);
  bars("chart-totals", data.totals.labels, data.totals.values);
  data.indicators.forEach(function (indicator, index) {
    var colours = indicator.outliers.map(function (outlier) { return outlier ? orange : blue; });
    bars("chart-indicator-" + index, indicator.labels, indicator.values, colours);
  });
})();
