// Polls a background export's status and updates the progress page until the file is ready.
(function () {
  "use strict";
  var box = document.getElementById("export-job");
  if (!box || box.dataset.finished === "true") {
    return;
  }
  var url = box.dataset.statusUrl;
  var bar = document.getElementById("export-progress");
  var download = document.getElementById("export-download");
  var delay = 800;

  function show(data) {
    box.querySelectorAll("[data-field]").forEach(function (el) {
      var value = data[el.dataset.field];
      if (value !== undefined && value !== null) {
        el.textContent = value;
      }
    });
    bar.value = data.percent;
    if (data.download_url) {
      download.href = data.download_url;
      download.classList.remove("d-none");
    }
    var error = box.querySelector('[data-field="error"]');
    error.hidden = !data.error;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (data) {
        show(data);
        if (!data.finished) {
          delay = Math.min(delay * 1.3, 5000);
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, delay);
})();
