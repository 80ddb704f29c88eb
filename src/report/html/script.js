(function () {
  "use strict";

  // Every table with class "sortable" sorts by a click (or Enter) on a header; a cell's
  // data-key, when present, is what it sorts by. Ties keep the report's order (data-i).
  function sortable(table) {
    var body = table.tBodies[0];
    var headers = table.tHead.rows[0].cells;
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
      var rows = Array.prototype.slice.call(body.rows);
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
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), sortable);

  // A link to a folded card or code (#p-3, #code-missing-document) unfolds it.
  function unfold() {
    var target = location.hash.length > 1 && document.getElementById(location.hash.slice(1));
    if (target && target.tagName === "DETAILS") { target.open = true; }
  }
  window.addEventListener("hashchange", unfold);
  unfold();

  var table = document.getElementById("findings-table");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var query = document.getElementById("q");
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var shown = document.getElementById("shown");

  // The filter lives in the URL: #findings?project=KEY&code=missing-document&q=text.
  function readHash() {
    var hash = location.hash;
    var at = hash.indexOf("?");
    var params = {};
    if (at >= 0) {
      hash.slice(at + 1).split("&").forEach(function (pair) {
        var eq = pair.indexOf("=");
        if (eq > 0) {
          params[decodeURIComponent(pair.slice(0, eq))] = decodeURIComponent(pair.slice(eq + 1));
        }
      });
    }
    selects.forEach(function (s) {
      var value = params[s.getAttribute("data-filter")] || "";
      var known = Array.prototype.some.call(s.options, function (o) { return o.value === value; });
      s.value = known ? value : "";
    });
    query.value = params.q || "";
    return at >= 0;
  }

  function writeHash() {
    var parts = [];
    selects.forEach(function (s) {
      if (s.value) { parts.push(s.getAttribute("data-filter") + "=" + encodeURIComponent(s.value)); }
    });
    if (query.value.trim()) { parts.push("q=" + encodeURIComponent(query.value.trim())); }
    var hash = "#findings" + (parts.length ? "?" + parts.join("&") : "");
    if (history.replaceState) { history.replaceState(null, "", hash); }
  }

  function filter() {
    var text = query.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = selects.every(function (s) {
        return !s.value || row.getAttribute("data-" + s.getAttribute("data-filter")) === s.value;
      }) && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " / " + rows.length;
  }

  function changed() { filter(); writeHash(); }
  query.addEventListener("input", changed);
  selects.forEach(function (s) { s.addEventListener("change", changed); });
  window.addEventListener("hashchange", function () {
    if (readHash()) {
      filter();
      document.getElementById("findings").scrollIntoView();
    }
  });
  readHash();
  filter();
})();
