/* rightstrack — a control marked data-rt-autosubmit sends its form when it changes (the language switch).
 * A static file rather than an inline onchange: the Content-Security-Policy allows no inline script. Without
 * it the form's own button (in <noscript>) sends the form.
 */
document.addEventListener("change", function (event) {
  "use strict";
  var control = event.target;
  if (control instanceof Element && control.hasAttribute("data-rt-autosubmit") && control.form) {
    control.form.requestSubmit ? control.form.requestSubmit() : control.form.submit();
  }
});
