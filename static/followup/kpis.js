// Progress against target: one bar for the value and one for the target per indicator, in the
// palette's navy and target grey. The chart grows with the number of indicators and wraps their
// names, so that no label is clipped on a phone.
(function () {
  "use strict";
  var canvas = document.getElementById("kpi-chart");
  var source = document.getElementById("kpi-data");
  if (!canvas || !source || typeof Chart === "undefined" || !window.ColliderCharts) {
    return;
  }
  var charts = window.ColliderCharts;
  var data = JSON.parse(source.textContent);
  var narrow = charts.narrow();
  var labels = data.labels.map(function (label) {
    return charts.wrap(label, narrow ? 16 : 34);
  });
  // Each indicator gets room for its wrapped name and its two bars; axis and legend 5rem.
  var rows = labels.reduce(function (sum, label) {
    return sum + Math.max(label.length, 2) * 1.1 + 1.2;
  }, 0);
  // CSSOM, not a style attribute: the CSP allows it.
  canvas.parentNode.style.height = Math.max(16, rows + 5) + "rem";
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: labels,
      datasets: [
        { label: data.valueLabel, data: data.values, backgroundColor: charts.colour("navy") },
        { label: data.targetLabel, data: data.targets, backgroundColor: charts.colour("target") },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 } },
        y: { ticks: { autoSkip: false, font: { size: narrow ? 11 : 12 } } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } } },
    },
  });
})();
