// The taxonomy page's "by body" chart (Chart.js, vendored): accepted tags of report sections per body,
// stacked by term. The numbers come from the page's JSON, the same the table below it shows; without
// JavaScript the table says everything.
(function () {
  "use strict";
  var source = document.getElementById("by-body-chart-data");
  var canvas = document.getElementById("by-body-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  if (!data.labels.length) return;
  // Colour-blind-safe (Okabe–Ito, then greys), one per term in the order of the table's columns.
  var colours = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#6b6b00", "#555555"];
  var box = canvas.parentNode;
  var narrow = box.clientWidth < 560;
  var legendRows = narrow ? data.datasets.length : Math.ceil(data.datasets.length / 3);
  box.style.height = Math.max(160, data.labels.length * (narrow ? 32 : 30) + legendRows * 22 + 50) + "px";
  var limit = narrow ? 22 : 48;
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (set, index) {
        return { label: set.label, data: set.data, backgroundColor: colours[index % colours.length] };
      }),
    },
    options: {
      indexAxis: "y",
      locale: document.documentElement.lang || "vi",
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: { position: "top", labels: { boxWidth: 12, font: { size: narrow ? 11 : 12 } } },
        title: { display: false, text: data.title },
      },
      scales: {
        x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        y: {
          stacked: true,
          ticks: {
            autoSkip: false,
            callback: function (value) {
              var label = this.getLabelForValue(value);
              return label.length > limit ? label.slice(0, limit - 1) + "…" : label;
            },
          },
        },
      },
    },
  });
})();
