// Polls a background scheduler run and shows how many meetings it has placed so far; when the
// run finishes the page reloads once to show the new working schedule. The page works without.
(function () {
  "use strict";
  var box = document.getElementById("run");
  if (!box || box.dataset.finished === "true") {
    return;
  }
  var url = box.dataset.statusUrl;
  var delay = 700;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        box.querySelectorAll("[data-field]").forEach(function (el) {
          var value = data[el.dataset.field];
          if (value !== undefined && value !== null) {
            el.textContent = value;
          }
        });
        if (data.finished) {
          window.location.reload();
          return;
        }
        delay = Math.min(delay * 1.2, 3000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, delay);
})();
