// condition-engine site: search, filters and sorting over the tables the pages already hold.
(function () {
  "use strict";

  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }

  function showCount(table) {
    var count = document.getElementById("count");
    if (!count) { return; }
    var rows = rowsOf(table);
    var shown = rows.filter(function (row) { return !row.hidden; }).length;
    var noun = table.id === "rules" ? "rules" : "entries";
    count.textContent = shown + " of " + rows.length + " " + noun;
  }

  // A fragment's text: percent escapes decoded; a malformed one (#q=%) is taken as it is written.
  function fragmentText(text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  }

  // The index: one search box over each row's data-search text (every word must appear).
  function setUpSearch(input) {
    var table = document.getElementById(input.getAttribute("data-filter-table"));
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      rowsOf(table).forEach(function (row) {
        var text = row.getAttribute("data-search") || "";
        row.hidden = !words.every(function (word) { return text.indexOf(word) !== -1; });
      });
      showCount(table);
    }
    input.addEventListener("input", apply);
    var match = /[#&]q=([^&]*)/.exec(window.location.hash);  // index.html#q=T1552 opens filtered
    if (match) { input.value = fragmentText(match[1]); }
    apply();
  }

  // The inventory: each filter matches its data- attribute of a row; all must hold.
  function setUpFilters(controls, table) {
    function apply() {
      rowsOf(table).forEach(function (row) {
        row.hidden = !controls.every(function (control) {
          var wanted = control.value.toLowerCase().trim();
          var have = row.getAttribute("data-" + control.getAttribute("data-column")) || "";
          return !wanted || (control.tagName === "SELECT" ? have === wanted : have.indexOf(wanted) !== -1);
        });
      });
      showCount(table);
    }
    controls.forEach(function (control) {
      control.addEventListener(control.tagName === "SELECT" ? "change" : "input", apply);
    });
    apply();
  }

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var value = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent.trim();
    return numeric ? parseFloat(value) || 0 : value.toLowerCase();
  }

  // Sortable tables: a heading's button sorts by its column, again to reverse.
  function setUpSorting(table) {
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headings.forEach(function (heading, index) {
      var button = heading.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        var numeric = button.getAttribute("data-sort") === "number";
        var ascending = heading.getAttribute("aria-sort") !== "ascending";
        headings.forEach(function (other) { other.removeAttribute("aria-sort"); });
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = rowsOf(table);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      });
    });
  }

  document.querySelectorAll("table.sortable").forEach(setUpSorting);
  document.querySelectorAll("input[data-filter-table]").forEach(setUpSearch);
  var inventory = document.getElementById("inventory");
  if (inventory) {
    setUpFilters(Array.prototype.slice.call(document.querySelectorAll("[data-column]")), inventory);
  }
}());
