// The meeting workspace's grid (templates/admin/meetings/meeting/workspace.html):
// moving between cells from the keyboard, and saving a changed row when it is left.
// A file, not an inline script: the site's CSP allows scripts from 'self' only.
(function () {
  "use strict";

  function fields(row) {
    return Array.from(row.querySelectorAll("input:not([type=hidden]), select, textarea")).filter(
      function (field) { return field.offsetParent !== null; }
    );
  }

  function rows(grid) {
    return Array.from(grid.querySelectorAll("tbody tr.ws-row"));
  }

  // The same field (by name, less the row's prefix) in the row `step` rows away.
  function moveRow(grid, field, step) {
    var row = field.closest("tr.ws-row");
    var all = rows(grid);
    var target = all[all.indexOf(row) + step];
    if (!target) { return false; }
    var suffix = field.name.replace(/^rows-\d+-/, "");
    var next = target.querySelector("[name='" + target.id + "-" + suffix + "']");
    if (!next) { return false; }
    next.focus();
    if (next.select) { next.select(); }
    return true;
  }

  function moveCell(field, step) {
    var row = field.closest("tr.ws-row");
    var cells = fields(row);
    var next = cells[cells.indexOf(field) + step];
    if (next) { next.focus(); return true; }
    return false;
  }

  function atEdge(field, end) {
    if (typeof field.selectionStart !== "number") { return true; }
    if (field.selectionStart !== field.selectionEnd) { return false; }
    return end ? field.selectionEnd === field.value.length : field.selectionStart === 0;
  }

  function onKey(event) {
    var field = event.target;
    var grid = field.closest(".ws-grid");
    if (!grid || !field.name) { return; }
    var textarea = field.tagName === "TEXTAREA";
    var select = field.tagName === "SELECT";
    var moved = false;
    if (event.key === "Enter" && (!textarea || event.ctrlKey)) {
      moved = moveRow(grid, field, event.shiftKey ? -1 : 1);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !select && !event.altKey) {
      var down = event.key === "ArrowDown";
      if (!textarea || atEdge(field, down)) { moved = moveRow(grid, field, down ? 1 : -1); }
    } else if ((event.key === "ArrowLeft" || event.key === "ArrowRight") && !select) {
      // Visually adjacent: in a right-to-left page the next cell is to the left.
      var rtl = getComputedStyle(grid).direction === "rtl";
      var forward = (event.key === "ArrowLeft") === rtl;
      if (atEdge(field, forward)) { moved = moveCell(field, forward ? 1 : -1); }
    }
    if (moved) { event.preventDefault(); }
  }

  // A row whose field changed is saved once the focus leaves the row.
  var dirty = null;

  function save(row) {
    row.classList.add("ws-saving");
    document.body.dispatchEvent(new CustomEvent("ws-row-changed"));
  }

  function onChange(event) {
    var row = event.target.closest("tr.ws-row");
    if (row) { dirty = row; }
  }

  function onFocusIn(event) {
    if (dirty && !dirty.contains(event.target)) {
      var row = dirty;
      dirty = null;
      save(row);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector(".ws-form");
    if (!form) { return; }
    form.addEventListener("keydown", onKey);
    form.addEventListener("change", onChange);
    form.addEventListener("focusin", onFocusIn);
    // A row still changed when a button is pressed goes with the page's own save.
    // A row being saved in place must come back first: the page posts the
    // versions that save returns, else its own save would be refused as stale.
    var inFlight = 0;
    var waiting = null;
    form.addEventListener("submit", function (event) {
      dirty = null;
      if (inFlight > 0) {
        event.preventDefault();
        waiting = event.submitter || null;
      }
    });
    document.body.addEventListener("htmx:beforeRequest", function () { inFlight += 1; });
    document.body.addEventListener("htmx:afterRequest", function () {
      inFlight = Math.max(0, inFlight - 1);
      document.querySelectorAll(".ws-saving").forEach(function (row) {
        row.classList.remove("ws-saving");
      });
      // After htmx has swapped the answer's new versions in.
      setTimeout(function () {
        if (inFlight === 0 && waiting !== null) {
          var submitter = waiting;
          waiting = null;
          form.requestSubmit(submitter);
        }
      }, 0);
    });
  });
})();
