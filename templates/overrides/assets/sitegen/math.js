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
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(function () { render(document.body); });
  } else {
    document.addEventListener("DOMContentLoaded", function () { render(document.body); });
  }
})();
