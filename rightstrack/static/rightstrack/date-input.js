/* rightstrack — dates typed day first (dd/mm/yyyy) whatever the browser's language, with a calendar button.
 *
 * The server renders a date as a text box (core.forms.DateInput: data-date-input) that shows and reads
 * dd/mm/yyyy; typing works without this script. The script adds a button beside the box that opens the
 * browser's own calendar (a native date input created for the moment and opened with showPicker(), so the
 * calendar is the browser's accessible one) and writes the chosen day back into the box as dd/mm/yyyy. The
 * native input never shows its own format, which follows the browser's language (mm/dd/yyyy in en-US).
 * The button's label comes from the box's data-picker-label, translated by the server. Decision 0041.
 */
(function () {
  "use strict";

  var CALENDAR_ICON = '<svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">' +
    '<path fill="currentColor" d="M4 0h1v2h6V0h1v2h2.5A1.5 1.5 0 0 1 16 3.5v11a1.5 1.5 0 0 1-1.5 1.5h-13A1.5 ' +
    '1.5 0 0 1 0 14.5v-11A1.5 1.5 0 0 1 1.5 2H4zM1 6v8.5a.5.5 0 0 0 .5.5h13a.5.5 0 0 0 .5-.5V6zm2 2h2v2H3zm4 ' +
    '0h2v2H7zm4 0h2v2h-2zm-8 3h2v2H3zm4 0h2v2H7z"/></svg>';

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /** "1/7/2025", "01-07-2025", "01.07.2025" or "2025-07-01" → "2025-07-01"; "" when it is not a date. */
  function toIso(text) {
    var m = /^\s*(\d{1,2})[\/.\-](\d{1,2})[\/.\-](\d{4})\s*$/.exec(text);
    if (m) { return m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]); }
    m = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(text);
    return m ? m[1] + "-" + m[2] + "-" + m[3] : "";
  }

  function fromIso(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  }

  function enhance(box) {
    if (box.dataset.dateReady) { return; }
    box.dataset.dateReady = "1";
    var group = document.createElement("div");
    group.className = "input-group rt-date";
    box.parentNode.insertBefore(group, box);
    group.appendChild(box);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-outline-secondary rt-date-button";
    button.setAttribute("aria-label", box.dataset.pickerLabel || "Calendar");
    button.title = box.dataset.pickerLabel || "";
    button.innerHTML = CALENDAR_ICON;
    if (box.disabled || box.readOnly) { button.disabled = true; }
    group.appendChild(button);

    button.addEventListener("click", function () {
      var native = document.createElement("input");
      native.type = "date";
      native.className = "rt-date-native";
      native.tabIndex = -1;
      native.setAttribute("aria-hidden", "true");
      native.setAttribute("aria-label", button.getAttribute("aria-label"));
      native.value = toIso(box.value);
      group.appendChild(native);
      var done = function () { if (native.parentNode) { native.parentNode.removeChild(native); } };
      native.addEventListener("change", function () {
        var shown = fromIso(native.value);
        if (shown) {
          box.value = shown;
          box.dispatchEvent(new Event("input", { bubbles: true }));
          box.dispatchEvent(new Event("change", { bubbles: true }));
        }
        done();
        box.focus();
      });
      native.addEventListener("blur", function () { window.setTimeout(done, 0); });
      try {
        native.showPicker();
      } catch (error) {  // no showPicker (older browsers): typing dd/mm/yyyy still works
        done();
        box.focus();
      }
    });
  }

  function enhanceAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll("input[data-date-input]"), enhance);
  }

  enhanceAll(document);
  document.addEventListener("htmx:afterSwap", function (event) { enhanceAll(event.target); });
  window.rtDateInput = { toIso: toIso, fromIso: fromIso };
})();
