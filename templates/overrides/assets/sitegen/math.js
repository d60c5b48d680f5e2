// Render the math spans sitegen writes (<span class="arithmatex">\(...\)</span>) with KaTeX.
// Only those spans: text elsewhere that merely contains "$" is never touched.
// Re-runs on every page of Material's instant navigation (document$).
(function () {
  function render(root) {
    if (typeof katex === "undefined") return;
    root.querySelectorAll("span.arithmatex").forEach(function (el) {
      var tex = el.textContent;
      var display = tex.startsWith("\\[");
      tex = tex.slice(2, -2);
      try {
        katex.render(tex, el, { displayMode: display, throwOnError: false, trust: false });
      } catch (err) {
        el.textContent = tex;
      }
    });
    scrollable();
  }
  // Display math wider than the column scrolls in its own box (site.css; QA: a 657 px equation widened a phone's
  // page to 657 px), and a box that scrolls takes focus, so the keyboard scrolls it too (WCAG 2.1.1; axe's
  // scrollable-region-focusable). Checked again when the window changes size.
  function scrollable() {
    document.querySelectorAll(".katex-display").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute("tabindex");
    });
  }
  window.addEventListener("resize", scrollable);
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { render(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { render(document.body); });
  }
})();
