/* rightstrack — the API documentation page: the vendored Swagger UI, set up to be usable by keyboard and
 * screen reader. Deep links are off (each would be a link nested inside the operation's button), and calls
 * made with "Try it out" carry the CSRF token of the signed-in session, like the site's own forms.
 */
(function () {
  "use strict";

  function csrfToken() {
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  /** What Swagger UI draws without a name, or with one that differs from its text, named as it reads.
   *  Run again whenever it draws more (an operation opened, "Try it out", the authorisation box). */
  function nameWhatItDraws(host) {
    host.querySelectorAll("tr[data-param-name]").forEach(function (row) {
      row.querySelectorAll("select, input, textarea").forEach(function (control) {
        if (!control.labels.length && !control.getAttribute("aria-label")) {
          control.setAttribute("aria-label", row.getAttribute("data-param-name"));
        }
      });
    });
    host.querySelectorAll(".body-param select, .body-param__text, .content-type, .responses-inner select").forEach(
      function (control) {
        if (!control.labels.length && !control.getAttribute("aria-label")) {
          control.setAttribute("aria-label", control.classList.contains("body-param__text") ? "Request body" : "Media type");
        }
      });
    document.querySelectorAll(".swagger-ui button.close-modal:not([aria-label])").forEach(function (button) {
      button.setAttribute("aria-label", "Close");
    });
    document.querySelectorAll(".swagger-ui button[aria-label]").forEach(function (button) {
      var text = button.textContent.trim();
      if (text && button.getAttribute("aria-label").indexOf(text) < 0) button.removeAttribute("aria-label");
    });
    var inner = host.querySelector("main:not([role])");
    // Swagger UI draws its list in a <main> of its own, inside the page's: one main landmark is enough.
    if (inner) { inner.setAttribute("role", "none"); inner.removeAttribute("tabindex"); }
  }

  function start() {
    var host = document.getElementById("swagger-ui");
    if (!host || !window.SwaggerUIBundle) return;
    var header = host.getAttribute("data-csrf-header") || "X-CSRFToken";
    host.setAttribute("aria-busy", "true");  // until the schema is read and shown
    window.SwaggerUIBundle({
      url: host.getAttribute("data-schema-url"),
      dom_id: "#swagger-ui",
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      deepLinking: false,
      displayOperationId: false,
      defaultModelsExpandDepth: -1,  // the schemas are shown with each operation; no second copy below
      syntaxHighlight: { activated: false },  // its colours fail contrast; plain text reads as well
      onComplete: function () {
        nameWhatItDraws(host);
        var pending = false;
        new MutationObserver(function () {
          if (pending) return;
          pending = true;
          window.requestAnimationFrame(function () { pending = false; nameWhatItDraws(host); });
        }).observe(document.body, { childList: true, subtree: true });
        host.removeAttribute("aria-busy");
      },
      requestInterceptor: function (request) {
        if (request.method && request.method !== "GET" && request.credentials === "same-origin") {
          request.headers[header] = csrfToken();
        }
        return request;
      },
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
