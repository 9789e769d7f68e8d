/*
 * A personal agenda without an account: a star button on every session marked
 * <span data-agenda-session="ID" data-agenda-title="…">, the chosen ids kept in this browser's
 * localStorage (one list per edition), and every link marked data-agenda-link pointed at the
 * agenda page with the chosen sessions in its address (?s=12,15,40). The server stores nothing.
 *
 * Reads its words and the edition from its own <script> element (data-year, data-agenda-url,
 * data-label-add, data-label-remove, data-label-remove-hint). Without JavaScript or storage no
 * button appears.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var year = script.getAttribute("data-year");
  var agendaUrl = script.getAttribute("data-agenda-url");
  var labelAdd = script.getAttribute("data-label-add") || "";
  var labelRemove = script.getAttribute("data-label-remove") || "";
  var removeHint = script.getAttribute("data-label-remove-hint") || "";
  var key = "agenda:" + year;
  var MAX = 200;

  function storage() {
    try {
      var probe = "agenda:probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  var store = storage();
  if (!store || !year || !agendaUrl) {
    return;
  }

  function load() {
    var ids = [];
    try {
      var parsed = JSON.parse(store.getItem(key) || "[]");
      if (Array.isArray(parsed)) {
        for (var i = 0; i < parsed.length && ids.length < MAX; i++) {
          var id = String(parsed[i]);
          if (/^[0-9]{1,12}$/.test(id) && ids.indexOf(id) < 0) {
            ids.push(id);
          }
        }
      }
    } catch (error) {
      ids = [];
    }
    return ids;
  }

  function save(ids) {
    try {
      store.setItem(key, JSON.stringify(ids.slice(0, MAX)));
    } catch (error) {
      /* Storage full or refused: the choice lasts for this page only. */
    }
  }

  function agendaHref(ids) {
    return ids.length ? agendaUrl + "?s=" + ids.join(",") : agendaUrl;
  }

  function render(button, chosen) {
    var title = button.getAttribute("data-title") || "";
    button.setAttribute("aria-pressed", chosen ? "true" : "false");
    button.textContent = "";
    var star = document.createElement("span");
    star.setAttribute("aria-hidden", "true");
    star.className = "agenda-star__icon";
    star.textContent = chosen ? "★" : "☆";
    button.appendChild(star);
    button.appendChild(document.createTextNode(" " + (chosen ? labelRemove : labelAdd)));
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = (chosen && removeHint ? " (" + removeHint + ")" : "") + ": " + title;
    button.appendChild(hidden);
  }

  function refresh(ids) {
    var buttons = document.querySelectorAll("button[data-agenda-id]");
    for (var i = 0; i < buttons.length; i++) {
      render(buttons[i], ids.indexOf(buttons[i].getAttribute("data-agenda-id")) >= 0);
    }
    var links = document.querySelectorAll("a[data-agenda-link]");
    for (var j = 0; j < links.length; j++) {
      links[j].setAttribute("href", agendaHref(ids));
    }
  }

  function toggle(id) {
    var ids = load();
    var at = ids.indexOf(id);
    if (at >= 0) {
      ids.splice(at, 1);
    } else {
      ids.push(id);
    }
    save(ids);
    var page = document.querySelector("[data-agenda-page]");
    if (page) {
      // The agenda page lists what its address names: follow the new choice.
      window.location.replace(agendaHref(ids));
      return;
    }
    refresh(ids);
  }

  function start() {
    var ids = load();
    var page = document.querySelector("[data-agenda-page]");
    if (page && !/[?&]s=/.test(window.location.search) && ids.length) {
      window.location.replace(agendaHref(ids));
      return;
    }
    var notes = document.querySelectorAll("[data-agenda-needs-script]");
    for (var n = 0; n < notes.length; n++) {
      notes[n].hidden = true;
    }
    var slots = document.querySelectorAll("[data-agenda-session]");
    for (var i = 0; i < slots.length; i++) {
      var slot = slots[i];
      var button = document.createElement("button");
      button.type = "button";
      button.className = "agenda-star";
      button.setAttribute("data-agenda-id", slot.getAttribute("data-agenda-session"));
      button.setAttribute("data-title", slot.getAttribute("data-agenda-title") || "");
      button.addEventListener("click", function (event) {
        toggle(event.currentTarget.getAttribute("data-agenda-id"));
      });
      slot.appendChild(button);
    }
    refresh(ids);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
