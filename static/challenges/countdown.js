// Live countdown to the idea deadline; the server-rendered text is the fallback.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  function format(ms) {
    var minutes = Math.floor(ms / 60000);
    var days = Math.floor(minutes / 1440);
    var hours = Math.floor((minutes % 1440) / 60);
    var mins = minutes % 60;
    var parts = [];
    if (window.Intl && Intl.NumberFormat) {
      var unit = function (value, name) {
        return new Intl.NumberFormat(lang, { style: "unit", unit: name, unitDisplay: "long" }).format(value);
      };
      if (days) { parts.push(unit(days, "day")); }
      parts.push(unit(hours, "hour"));
      if (!days) { parts.push(unit(mins, "minute")); }
    } else {
      parts = [days + " d", hours + " h", mins + " min"];
    }
    return parts.join(", ");
  }
  function tick() {
    document.querySelectorAll(".js-countdown").forEach(function (node) {
      var left = new Date(node.getAttribute("data-deadline")).getTime() - Date.now();
      node.textContent = left > 0 ? format(left) + " " + (node.getAttribute("data-label-left") || "") : node.getAttribute("data-label-passed");
    });
  }
  tick();
  window.setInterval(tick, 30000);
})();
