/*
 * Program times are printed in the edition's time zone. Where the visitor's zone differs, add
 * the visitor's own clock after each time range: "(02:00–02:30 your time, Europe/Paris)".
 *
 * Reads from <main>: data-time-zone (the edition's IANA zone) and data-local-note (the
 * translated note, "({time} your time, {zone})": Chinese uses its own brackets and commas).
 * Marks up: <time data-local datetime="…" data-local-end="…">.
 * Without JavaScript, or without Intl time-zone support, the page simply stays as it is.
 */
(function () {
  "use strict";

  function visitorZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch (error) {
      return null;
    }
  }

  function formatter(lang, zone, withDate) {
    var options = { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone };
    if (withDate) {
      options.weekday = "short";
      options.month = "short";
      options.day = "numeric";
    }
    return new Intl.DateTimeFormat(lang, options);
  }

  function dayKey(date, zone) {
    return new Intl.DateTimeFormat("en-CA", {
      year: "numeric", month: "2-digit", day: "2-digit", timeZone: zone
    }).format(date);
  }

  function annotate(main) {
    var eventZone = main.getAttribute("data-time-zone");
    var pattern = main.getAttribute("data-local-note") || "({time}, {zone})";
    var localZone = visitorZone();
    if (!eventZone || !localZone || localZone === eventZone) {
      return;
    }
    var lang = document.documentElement.lang || undefined;
    var localTime = formatter(lang, localZone, false);
    var localDateTime = formatter(lang, localZone, true);
    var eventTime = formatter(lang, eventZone, false);

    var times = main.querySelectorAll("time[data-local]");
    for (var i = 0; i < times.length; i++) {
      var element = times[i];
      var start = new Date(element.getAttribute("datetime"));
      if (isNaN(start.getTime())) {
        continue;
      }
      // A zone with another name but the same clock (Asia/Hong_Kong in summer) needs no note.
      if (eventTime.format(start) === localTime.format(start)
          && dayKey(start, eventZone) === dayKey(start, localZone)) {
        continue;
      }
      var otherDay = dayKey(start, eventZone) !== dayKey(start, localZone);
      var text = (otherDay ? localDateTime : localTime).format(start);
      var endValue = element.getAttribute("data-local-end");
      var end = endValue ? new Date(endValue) : null;
      if (end && !isNaN(end.getTime())) {
        text += "–" + localTime.format(end);
      }
      var note = document.createElement("span");
      note.className = "local-time";
      note.textContent = pattern
        .replace("{time}", text)
        .replace("{zone}", localZone.replace(/_/g, " "));
      element.parentNode.appendChild(note);
    }
  }

  function start() {
    var main = document.querySelector("main[data-time-zone]");
    if (main && window.Intl && Intl.DateTimeFormat) {
      annotate(main);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
