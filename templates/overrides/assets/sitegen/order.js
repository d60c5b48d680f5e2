// A theme page lists its papers the most typical first (nearest the theme's centre, sitegen/themes). Where they carry
// two dates or more, two buttons above the list let a reader list them newest first instead (QA: a reader following
// a field wanted the new papers of a theme, and the list had one order only). The buttons are made here, so a page
// read without JavaScript shows no control that does nothing. The choice is in the address (?order=newest), so a
// shared link, Back from a paper and the next theme page keep it. Re-runs on every page of Material's instant
// navigation (document$).
(function () {
  var NEWEST = "newest", TYPICAL = "typical";

  function dateOf(li) {
    var date = li.querySelector(".sg-date");
    return date ? date.textContent : "";  // ISO (2024-05-28, 2024-05 or 2024): compared as text
  }

  function button(text, order) {
    var node = document.createElement("button");
    node.type = "button";
    node.className = "sg-order__button";
    node.textContent = text;
    node.setAttribute("data-sg-order", order);
    return node;
  }

  function setup(root) {
    var list = root.querySelector("ul[data-sg-orderable]");
    if (!list || list.hasAttribute("data-sg-ordered")) return;
    var typical = Array.prototype.slice.call(list.children);
    var dates = {};
    typical.forEach(function (li) { if (dateOf(li)) dates[dateOf(li)] = true; });
    if (Object.keys(dates).length < 2) return;
    // Newest first; papers without a date last; papers of one date in the typical order (sort is stable).
    var newest = typical.slice().sort(function (a, b) {
      var x = dateOf(a), y = dateOf(b);
      if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
      return x < y ? 1 : x > y ? -1 : 0;
    });
    var bar = document.createElement("p");
    bar.className = "sg-order sg-muted";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Order of the papers");
    bar.appendChild(document.createTextNode("Order: "));
    var buttons = [button("most typical first", TYPICAL), button("newest first", NEWEST)];
    buttons.forEach(function (node, k) {
      if (k) bar.appendChild(document.createTextNode(" "));
      bar.appendChild(node);
    });
    list.parentNode.insertBefore(bar, list);
    list.setAttribute("data-sg-ordered", "");
    var said = root.querySelector(".sg-order-said");  // "· the most typical first" in the line above: the bar says it
    if (said) said.hidden = true;

    function apply(order) {
      (order === NEWEST ? newest : typical).forEach(function (li) { list.appendChild(li); });
      buttons.forEach(function (node) {
        node.setAttribute("aria-pressed", String(node.getAttribute("data-sg-order") === order));
      });
    }
    bar.addEventListener("click", function (event) {
      var order = event.target.getAttribute && event.target.getAttribute("data-sg-order");
      if (!order) return;
      apply(order);
      var here = new URL(location.href);
      if (order === NEWEST) here.searchParams.set("order", NEWEST); else here.searchParams.delete("order");
      history.replaceState(history.state, "", here.href);
    });
    apply(new URL(location.href).searchParams.get("order") === NEWEST ? NEWEST : TYPICAL);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { setup(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { setup(document.body); });
  }
})();
