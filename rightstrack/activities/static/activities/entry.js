// The list form: "Add ten rows" adds them in place (without script the server does the same); Enter in a
// cell moves to the same cell of the next row, as in a spreadsheet. No rules here: the server checks.
(function () {
  "use strict";
  var grid = document.querySelector("[data-activity-grid]");
  if (!grid) return;
  var body = grid.querySelector("[data-rows]");
  var template = grid.querySelector("template[data-empty-row]");
  var total = grid.querySelector("input[name='rows-TOTAL_FORMS']");
  var add = grid.querySelector("[data-add-rows]");
  if (add && template && total) {
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var first = null;
      for (var i = 0; i < 10; i++) {
        var index = parseInt(total.value, 10);
        var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
        body.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        if (first === null) first = body.lastElementChild;
      }
      var input = first && first.querySelector("input:not([type=hidden]), select");
      if (input) input.focus();
    });
  }
  grid.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !target.matches("input:not([type=checkbox])")) return;
    event.preventDefault();
    var cell = target.closest("td");
    var row = target.closest("tr");
    var next = row && row.nextElementSibling;
    if (!cell || !next) return;
    var index = Array.prototype.indexOf.call(row.children, cell);
    var below = next.children[index] && next.children[index].querySelector("input, select");
    if (below) below.focus();
  });
  var errors = document.getElementById("entry-errors");
  if (errors) errors.focus();
})();
