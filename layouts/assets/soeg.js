/* The search page: mounts Pagefind's default UI (pagefind/pagefind-ui.js, loaded before this
   file) and runs the search a visitor typed in the header's search box (?q=).
   Result links are relative to the site's front page, so the site works under any path. */
(function () {
  "use strict";
  var element = document.getElementById("soeg");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var front = new URL(element.getAttribute("data-forside") || "index.html", window.location.href);
  var ui = new PagefindUI({
    element: "#soeg",
    baseUrl: new URL(".", front).pathname,
    showImages: false,
    showSubResults: true,
    resetStyles: false,
    autofocus: true
  });
  var word = new URLSearchParams(window.location.search).get("q");
  if (word) {
    ui.triggerSearch(word);
  }
})();
