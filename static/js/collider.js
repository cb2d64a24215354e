// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("[data-autosubmit]")) {
      target.form.submit();
    }
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
    // One click sends a form once: disable its buttons after the browser has read the
    // clicked one's value. The server refuses a repeat anyway (one-time submission token).
    // A page still open after some seconds (a download, a slow answer) gets them back.
    // getAttribute, not form.method: a field named "method" shadows the property.
    if (!event.defaultPrevented && (form.getAttribute("method") || "").toLowerCase() === "post") {
      window.setTimeout(function () {
        form.querySelectorAll("button, input[type=submit]").forEach(function (button) {
          button.disabled = true;
          button.setAttribute("data-sent", "");
        });
        window.setTimeout(enableSent, 8000);
      }, 0);
    }
  });
  function enableSent() {
    document.querySelectorAll("[data-sent]").forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("data-sent");
    });
  }
  // The back/forward cache shows the page as it was left: give its buttons back.
  window.addEventListener("pageshow", enableSent);
})();
// Charts (Chart.js, loaded by the pages that draw one) take their colours from the palette in
// collider.css, so CCI and AVM look the same in every chart, and wrap long labels into lines
// so that they are not clipped on a phone.
window.ColliderCharts = (function () {
  "use strict";
  function colour(name) {
    return getComputedStyle(document.documentElement).getPropertyValue("--collider-" + name).trim();
  }
  function wrap(label, width) {
    var words = String(label).split(/\s+/);
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > width) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }
  function narrow() {
    return window.matchMedia("(max-width: 575.98px)").matches;
  }
  return { colour: colour, wrap: wrap, narrow: narrow };
})();
// A table that scrolls sideways (on a phone) can be scrolled with the keyboard: one that has no
// link or button of its own becomes focusable (WCAG 2.1.1; axe's scrollable-region-focusable).
(function () {
  "use strict";
  var focusable = "a[href], button, input, select, textarea, [tabindex]";
  function mark() {
    document.querySelectorAll(".table-responsive, .schedule-grid-scroll, .timeline-scroll").forEach(
      function (region) {
        var scrolls = region.scrollWidth > region.clientWidth;
        if (scrolls && !region.querySelector(focusable)) {
          region.setAttribute("tabindex", "0");
        } else if (!scrolls && region.getAttribute("tabindex") === "0") {
          region.removeAttribute("tabindex");
        }
      }
    );
  }
  mark();
  window.addEventListener("resize", mark);

  // A web address typed from a name (data-slug-from="<id of the name field>"), until the
  // person edits the address themselves; the server derives the same when it is left empty.
  document.addEventListener("input", function (event) {
    var source = event.target;
    if (!source.id) return;
    var slugs = document.querySelectorAll('[data-slug-from="' + source.id + '"]');
    Array.prototype.forEach.call(slugs, function (slug) {
      if (slug.dataset.edited) return;
      slug.value = source.value
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 80);
    });
    if (source.hasAttribute("data-slug-from")) source.dataset.edited = "1";
  });
})();
