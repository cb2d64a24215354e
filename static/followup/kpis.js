// Progress against target: one bar for the value and one for the target per indicator.
(function () {
  "use strict";
  var canvas = document.getElementById("kpi-chart");
  var source = document.getElementById("kpi-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.valueLabel, data: data.values, backgroundColor: "#1f6f65" },
        { label: data.targetLabel, data: data.targets, backgroundColor: "#c9c2d6" },
      ],
    },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { beginAtZero: true } },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
