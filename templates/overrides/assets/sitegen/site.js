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

// The navigation drawer (below 76.25em) with the keyboard: its menu button (partials/header.html) opens and closes
// it with Enter or Space and says whether it is open (aria-expanded, also when Material closes it after a link);
// opened so, focus goes to the current page's link in it, else its first; Esc in it (or on the button) closes it
// and focus goes back to the button; Tab out of it closes it (it covered the page where focus went). Closed,
// site.css hides it: its links took Tab while off screen (QA).
(function () {
  var toggle = document.getElementById("__drawer"), button = document.querySelector("label[for=__drawer][role=button]");
  if (!toggle || !button) return;
  function drawer() { return document.querySelector(".md-sidebar--primary"); }
  function shown() { button.setAttribute("aria-expanded", String(toggle.checked)); }
  function close(refocus) {
    if (toggle.checked) toggle.click();
    if (refocus) button.focus();
  }
  toggle.addEventListener("change", shown);
  shown();
  button.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    ev.preventDefault();
    toggle.click();
    var nav = drawer(), to = nav && (nav.querySelector("a[aria-current]") || nav.querySelector("a[href]"));
    if (toggle.checked && to) to.focus();
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
