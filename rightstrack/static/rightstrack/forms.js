/* rightstrack — every page's forms. Plain JavaScript, no build step; loaded by base.html.
 *
 * A form that posts is sent once: a double click, or Enter pressed twice, does not post twice. A button or form with
 * data-confirm asks first. A form that sends itself (the report editor marks its form data-guarded) calls
 * rightstrackForms.markSending itself. Without this script every form still works, it is only not guarded.
 */
(function () {
  "use strict";

  document.documentElement.classList.add("js");  // shows the buttons that only work with a script

  function markSending(form, submitter) {
    form.dataset.sending = "1";
    if (submitter && submitter.name) {  // a disabled button is not sent: keep its value
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
    }
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (button) {
        button.disabled = true;
      });
    }, 0);
  }

  // One listener for the whole page, so forms that htmx adds later are guarded too.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute("data-guarded")) return;
    if (form.method !== "post") return;  // a search or filter may be sent again at will
    if (event.defaultPrevented) return;
    if (form.dataset.sending) { event.preventDefault(); return; }
    var submitter = event.submitter;
    var question = (submitter && submitter.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    markSending(form, submitter);
  });

  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;  // back to a page from the browser's cache: let its forms be sent again
    document.querySelectorAll("form[data-sending]").forEach(function (form) {
      delete form.dataset.sending;
      form.querySelectorAll("button").forEach(function (button) { button.disabled = false; });
    });
  });

  window.rightstrackForms = { markSending: markSending };
})();
