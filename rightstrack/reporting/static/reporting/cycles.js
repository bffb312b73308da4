/* rightstrack — the cycle form and the template revision page. Plain JavaScript, no build step; loaded by
 * those two pages only (no inline script: the Content-Security-Policy forbids it). Without it every form
 * still works: all participant choices stay shown, and a blank section or indicator row waits at the end.
 */
(function () {
  "use strict";

  // The cycle form: show the participant block of the chosen mode; filter the list of bodies by name.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase()
      .replace(/[\s\-–]+/g, " ").trim();
  }

  var radios = document.querySelectorAll("input[name='participants_mode']");
  var blocks = document.querySelectorAll("[data-rt-modes]");
  function showMode() {
    var checked = document.querySelector("input[name='participants_mode']:checked");
    if (!checked) { return; }
    blocks.forEach(function (block) {
      block.hidden = block.getAttribute("data-rt-modes").split(" ").indexOf(checked.value) === -1;
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", showMode); });
  showMode();

  var filter = document.getElementById("bodies-filter");
  var options = document.querySelectorAll("#bodies-options .form-check");
  var count = document.getElementById("bodies-count");
  if (filter && options.length && count) {
    filter.closest(".rt-checklist-tools").hidden = false;
    var template = count.getAttribute("data-rt-template") || "";
    var refresh = function () {
      var wanted = fold(filter.value);
      var shown = 0, selected = 0;
      options.forEach(function (option) {
        var match = !wanted || fold(option.textContent).indexOf(wanted) !== -1;
        option.hidden = !match;
        if (match) { shown += 1; }
        if (option.querySelector("input").checked) { selected += 1; }
      });
      count.textContent = template.replace("%(selected)s", selected).replace("%(shown)s", shown)
        .replace("%(total)s", options.length);
    };
    filter.addEventListener("input", refresh);
    document.getElementById("bodies-options").addEventListener("change", refresh);
    refresh();
  }

  // The template revision page: "Add a section" / "Add an indicator" copy the formset's empty row.
  document.querySelectorAll("[data-rt-add]").forEach(function (button) {
    var prefix = button.getAttribute("data-rt-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var rows = document.getElementById(prefix + "-rows");
    var empty = document.getElementById(prefix + "-empty");
    if (!total || !rows || !empty) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var holder = document.createElement("div");
      holder.innerHTML = empty.innerHTML.replace(/__prefix__/g, String(index));
      var row = holder.firstElementChild;
      rows.appendChild(row);
      total.value = String(index + 1);
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
  });
})();
