// sitegen's small scripts for every page, loaded after Material's bundle (base.html): in a file, not inline, so a
// page does not carry them (1.5 kB a page: 12 MB of an 8,000-paper site).

// The palette toggle's radio of the palette in use is checked, so that Tab comes to the one the button shown is
// for. Material (9.8.1) checks none on load (it keeps the choice in localStorage), and Tab came to the first,
// "Switch to dark mode", in the dark palette too (QA, by the accessibility tree). Which one is in use is found as
// Material finds it: the stored index, else the first whose media query matches.
(function () {
  var inputs = Array.from(document.querySelectorAll("input[name=__palette]")), saved = null, index;
  if (!inputs.length || inputs.some(function (input) { return input.checked; })) return;
  try { saved = __md_get("__palette"); } catch (err) {}
  index = saved && typeof saved.index === "number" ? saved.index : inputs.findIndex(function (input) {
    return matchMedia(input.getAttribute("data-md-color-media")).matches;
  });
  inputs[Math.max(0, Math.min(index, inputs.length - 1))].checked = true;
})();

// The navigation drawer (below 76.25em) with the keyboard: its menu button (partials/header.html) is made a button
// here, not in the HTML: without JavaScript nothing answers Enter on it, and Tab stopped at a "button" that did
// nothing (QA); a click still opens the drawer there. Enter or Space opens and closes it and it says whether it is
// open (aria-expanded, also when Material closes it after a link); opened so, focus goes to the current page's link
// in it, or where the way to it starts when a closed sub-panel hides it (the "Themes" button), else the first thing
// in it shown; Esc in it (or on the button) closes it and focus goes back to the button; Tab out of it closes it (it
// covered the page where focus went). Closed, site.css hides it: its links took Tab while off screen (QA).
(function () {
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("label.md-header__button[for=__drawer]");
  if (!toggle || !button) return;
  button.setAttribute("role", "button");
  button.tabIndex = 0;
  function drawer() { return document.querySelector(".md-sidebar--primary"); }
  function shown() { button.setAttribute("aria-expanded", String(toggle.checked)); }
  function seen(node) {
    return !!node && node.getClientRects().length > 0 && getComputedStyle(node).visibility === "visible";
  }
  function close(refocus) {
    if (toggle.checked) toggle.click();
    if (refocus) button.focus();
  }
  // The current page's link, else the button of the item that holds it out of sight and so on up: "Themes" where a
  // closed sub-panel holds it, the page's own item where Material shows a button to its table of contents instead.
  function landing(nav) {
    var at = nav.querySelector("a[aria-current]"), item = at && at.closest(".md-nav__item");
    while (item && !seen(at)) {
      at = item.querySelector(":scope > label[for], :scope > .md-nav__container > label[for]");
      item = item.parentElement.closest(".md-nav__item");
    }
    return seen(at) ? at : Array.prototype.filter.call(nav.querySelectorAll(".md-nav__list a[href]"), seen)[0];
  }
  toggle.addEventListener("change", shown);
  shown();
  button.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    ev.preventDefault();
    ev.stopPropagation();  // Material's own Enter clicks a focused label, and focus may be on one by then
    toggle.click();
    var nav = drawer(), to = toggle.checked && nav && landing(nav);
    if (to) to.focus();
  });
  document.addEventListener("keydown", function (ev) {
    var nav = drawer(), at = document.activeElement;
    if (ev.key === "Escape" && toggle.checked && nav && (nav.contains(at) || at === button)) close(true);
  });
  document.addEventListener("focusout", function (ev) {
    var nav = drawer(), to = ev.relatedTarget;
    if (!toggle.checked || !nav || !nav.contains(ev.target) || !to || nav.contains(to) || to === button) return;
    close(false);
  });
})();

// The drawer's sub-panels (below 76.25em): a nested level of the navigation ("Themes") slides in over the level
// above, with a back arrow at its top. The item that opens it and the arrow are labels of its checkbox in Material,
// and Tab came to neither (a section's item has tabindex "", the arrow none): Shift+Tab from the first theme went on
// to the links the sub-panel covers (QA), and a keyboard user had no way back. Here both are buttons named by what
// they show ("Themes"), the item collapsed and the arrow expanded (one disclosure, shown at the top of its panel when
// open; no English "Back" in a site of another language), that Enter or Space works; focus goes to the arrow of the
// sub-panel opened, or back to the item of the one closed. site.css hides what an open sub-panel covers, and a closed
// one. From 76.25em up they are Material's again: there a section is always open and its title is no control.
(function () {
  var narrow = matchMedia("(max-width: 76.234375em)");
  function labels(toggle) { return document.querySelectorAll('.md-nav--primary label[for="' + toggle.id + '"]'); }
  function mark() {
    document.querySelectorAll(".md-nav--primary .md-nav__toggle").forEach(function (toggle) {
      labels(toggle).forEach(function (label) {
        var own = label.getAttribute("data-sg-tabindex");
        if (own === null) label.setAttribute("data-sg-tabindex", own = label.getAttribute("tabindex") || "");
        if (narrow.matches) {
          label.tabIndex = 0;
          label.setAttribute("role", "button");
          label.setAttribute("aria-expanded", String(toggle.checked));
        } else {
          if (own) label.setAttribute("tabindex", own); else label.removeAttribute("tabindex");
          label.removeAttribute("role");
          label.removeAttribute("aria-expanded");
        }
      });
    });
  }
  document.addEventListener("change", function (ev) {
    if (ev.target.matches(".md-nav--primary .md-nav__toggle") && narrow.matches) mark();
  });
  document.addEventListener("keydown", function (ev) {
    var label = ev.target, toggle;
    if ((ev.key !== "Enter" && ev.key !== " ") || !label.matches(".md-nav--primary label[for][role=button]")) return;
    toggle = document.getElementById(label.htmlFor);
    ev.preventDefault();
    ev.stopPropagation();  // Material's own Enter clicks a focused label: a second click would undo this one
    label.click();
    Array.prototype.forEach.call(labels(toggle), function (other) { if (other !== label) other.focus(); });
  });
  narrow.addEventListener("change", mark);
  mark();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(mark);
})();
