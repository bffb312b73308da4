/* rightstrack — small behaviours every page may need, kept out of the templates because the
 * Content-Security-Policy allows no inline script, handler or style. Loaded by base.html after htmx.
 *
 * - The menus of the main navigation (<details data-rt-nav-menu>) open and close without script; with it,
 *   opening one closes the others, Escape closes it (focus back on its title) and a click elsewhere too.
 * - An element with data-rt-percent is drawn that wide (a job's progress bar), on the first load and
 *   whenever htmx swaps in a newer fragment; without this script the figures beside it still tell.
 */
(function () {
  "use strict";

  function drawWidths(root) {
    var found = root.querySelectorAll ? root.querySelectorAll("[data-rt-percent]") : [];
    Array.prototype.forEach.call(found, function (bar) {
      var percent = Math.max(0, Math.min(100, parseInt(bar.getAttribute("data-rt-percent"), 10) || 0));
      bar.style.width = percent + "%";  // set through the CSSOM, which the policy allows
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(drawWidths);  // the first page load and every swapped fragment
  } else {
    document.addEventListener("DOMContentLoaded", function () { drawWidths(document); });
  }
})();

(function () {
  "use strict";

  function menus() { return document.querySelectorAll("details[data-rt-nav-menu]"); }

  document.addEventListener("toggle", function (event) {
    var opened = event.target;
    if (!opened.matches || !opened.matches("details[data-rt-nav-menu]") || !opened.open) { return; }
    Array.prototype.forEach.call(menus(), function (menu) { if (menu !== opened) { menu.open = false; } });
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var open = document.querySelector("details[data-rt-nav-menu][open]");
    if (open) { open.open = false; open.querySelector("summary").focus(); }
  });

  document.addEventListener("click", function (event) {
    Array.prototype.forEach.call(menus(), function (menu) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  });
})();
