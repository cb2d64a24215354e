// Grouped bar chart of checklist results: one bar per sector for each section, in the sector
// colours of the palette. The box has a fixed height (collider.css), so on a phone the chart
// keeps a readable height instead of shrinking with its width.
(function () {
  "use strict";
  var canvas = document.getElementById("results-chart");
  var source = document.getElementById("results-data");
  if (!canvas || !source || typeof Chart === "undefined" || !window.ColliderCharts) {
    return;
  }
  var charts = window.ColliderCharts;
  var data = JSON.parse(source.textContent);
  var narrow = charts.narrow();
  var sectors = [charts.colour("cci"), charts.colour("avm")];
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels.map(function (label) {
        return charts.wrap(label, narrow ? 12 : 24);
      }),
      datasets: data.series.map(function (series, index) {
        return {
          label: series.label,
          data: series.data,
          backgroundColor: sectors[index % sectors.length],
        };
      }),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: false, font: { size: narrow ? 11 : 12 } } },
        y: { min: 0, max: 100, title: { display: !narrow, text: data.title } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 14 } } },
    },
  });
})();
