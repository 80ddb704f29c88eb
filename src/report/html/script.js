(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var query = document.getElementById("q");
  var severity = document.getElementById("sev");
  var shown = document.getElementById("shown");
  var headers = table.tHead.rows[0].cells;

  function filter() {
    var text = query.value.trim().toLowerCase();
    var sev = severity.value;
    var count = 0;
    rows.forEach(function (row) {
      var ok = (!sev || row.getAttribute("data-sev") === sev) &&
        (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " / " + rows.length;
  }

  function key(row, column) {
    var cell = row.cells[column];
    var k = cell.getAttribute("data-key");
    return k !== null ? k : cell.textContent;
  }

  function sortBy(column) {
    var th = headers[column];
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var c = key(a, column).localeCompare(key(b, column), undefined, { numeric: true });
      return c !== 0 ? c * dir : a.getAttribute("data-i") - b.getAttribute("data-i");
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(headers, function (th, column) {
    th.tabIndex = 0;
    th.addEventListener("click", function () { sortBy(column); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(column); }
    });
  });
  query.addEventListener("input", filter);
  severity.addEventListener("change", filter);
  filter();
})();
