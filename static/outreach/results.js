// Grouped bar chart of checklist results: one bar per sector for each section.
(function () {
  "use strict";
  var canvas = document.getElementById("results-chart");
  var source = document.getElementById("results-data");
  if (!canvas || !source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = ["#7b2cbf", "#1f6f65"];
  new Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map(function (series, index) {
        return {
          label: series.label,
          data: series.data,
          backgroundColor: colours[index % colours.length],
        };
      }),
    },
    options: {
      responsive: true,
      animation: false,
      scales: { y: { min: 0, max: 100, title: { display: true, text: data.title } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
})();
