// Heron admin: "select all" for changelist rows. Loaded as a static file (no inline script).
document.addEventListener("DOMContentLoaded", function () {
  var all = document.querySelector("[data-select-all]");
  if (!all) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-row-check]"));
  all.addEventListener("change", function () {
    rows.forEach(function (box) { box.checked = all.checked; });
  });
  rows.forEach(function (box) {
    box.addEventListener("change", function () {
      all.checked = rows.every(function (b) { return b.checked; });
    });
  });
});
