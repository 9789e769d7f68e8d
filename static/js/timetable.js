/*
 * During the conference, mark the sessions running now and those that start next in the
 * timetable (cells <td data-start data-end> with ISO times), and keep the marks current.
 * Reads its words from its own <script> element (data-label-now, data-label-next).
 * Without JavaScript the timetable is complete, only unmarked.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var labels = {
    now: script.getAttribute("data-label-now") || "",
    next: script.getAttribute("data-label-next") || ""
  };
  // Only on the conference's days: "next" a month ahead would point at the first session.
  var LEAD = 12 * 60 * 60 * 1000;

  function mark(cell, state) {
    var badge = cell.querySelector(".timetable__badge");
    cell.classList.remove("timetable__session--now", "timetable__session--next");
    if (!state) {
      if (badge) {
        badge.parentNode.removeChild(badge);
      }
      return;
    }
    cell.classList.add("timetable__session--" + state);
    if (!badge) {
      badge = document.createElement("strong");
      badge.className = "timetable__badge";
      cell.insertBefore(badge, cell.firstChild);
    }
    badge.textContent = labels[state];
  }

  function update() {
    var cells = document.querySelectorAll("td[data-start][data-end]");
    var now = Date.now();
    var first = Infinity;
    var last = -Infinity;
    var next = Infinity;
    var spans = [];
    for (var i = 0; i < cells.length; i++) {
      var start = Date.parse(cells[i].getAttribute("data-start"));
      var end = Date.parse(cells[i].getAttribute("data-end"));
      spans.push([start, end]);
      first = Math.min(first, start);
      last = Math.max(last, end);
      if (start > now) {
        next = Math.min(next, start);
      }
    }
    var during = now >= first - LEAD && now < last;
    for (var j = 0; j < cells.length; j++) {
      var state = null;
      if (during && spans[j][0] <= now && now < spans[j][1]) {
        state = "now";
      } else if (during && spans[j][0] === next) {
        state = "next";
      }
      mark(cells[j], state);
    }
  }

  function start() {
    update();
    window.setInterval(update, 60 * 1000);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
