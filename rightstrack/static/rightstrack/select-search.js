/* rightstrack — a filter box for long lists of choices (the body a user belongs to, a member agency...).
 *
 * A <select data-searchable> gets a search field just above it; typing narrows the list to the options
 * whose text holds what was typed, ignoring case, diacritics and đ/Đ ("ha noi" finds "Hà Nội"), as the
 * server's search does (core/text.py fold). Nothing is chosen for the user: the selection changes only when
 * they choose (WCAG 3.2.2). How many options are left is announced politely. Without this script the select
 * works as it is. Labels come from the select's data attributes, translated by the server.
 */
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[\s\-–—]+/g, " ").trim();
  }

  function enhance(select) {
    if (select.dataset.searchReady) { return; }
    select.dataset.searchReady = "1";
    var id = (select.id || "select") + "-search";
    var wrap = document.createElement("div");
    wrap.className = "rt-select-search";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.className = "form-control form-control-sm mb-1";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-label", select.dataset.searchLabel || "Filter");
    input.setAttribute("aria-controls", select.id);
    if (select.dataset.searchPlaceholder) { input.placeholder = select.dataset.searchPlaceholder; }
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrap.appendChild(input);
    wrap.appendChild(status);
    select.parentNode.insertBefore(wrap, select);

    var options = Array.prototype.slice.call(select.options).map(function (option) {
      return { option: option, text: fold(option.textContent || "") };
    });
    var timer = null;
    input.addEventListener("input", function () {
      var query = fold(input.value);
      var shown = 0;
      options.forEach(function (item) {
        var keep = !query || item.option.value === "" || item.option.selected || item.text.indexOf(query) !== -1;
        item.option.hidden = !keep;
        if (keep && item.option.value !== "") { shown += 1; }
      });
      clearTimeout(timer);
      timer = setTimeout(function () {
        var template = select.dataset.searchCount || "%(count)s";
        status.textContent = query ? template.replace("%(count)s", String(shown)) : "";
      }, 400);
    });
  }

  function enhanceAll(root) {
    var found = root.querySelectorAll ? root.querySelectorAll("select[data-searchable]") : [];
    Array.prototype.forEach.call(found, enhance);
  }

  if (window.htmx) {
    window.htmx.onLoad(enhanceAll);
  } else {
    document.addEventListener("DOMContentLoaded", function () { enhanceAll(document); });
  }
})();
