/* The search page: mounts Pagefind's default UI (pagefind/pagefind-ui.js, loaded before this
   file) and runs the search a visitor typed in the header's search box (?q=).
   Result links are relative to the site's front page, so the site works under any path. */
(function () {
  "use strict";
  var element = document.getElementById("soeg");
  if (!element) {
    return;
  }
  if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
    // Browsers do not let a page opened straight from disk load the search index.
    var note = document.createElement("p");
    note.className = "sspgen-note";
    note.textContent = "Søgningen virker kun, når siderne vises fra en webserver. Alle andre sider kan læses direkte fra disken.";
    element.appendChild(note);
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
