/* rightstrack — small behaviours every page may need, kept out of the templates because the
 * Content-Security-Policy allows no inline script, handler or style. Loaded by base.html after htmx.
 *
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
