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
  // A meeting page carries its document kind and date as Pagefind metadata (moede.html):
  // the result's title names them, unless the title already does.
  function withKindAndDate(result) {
    var meta = result.meta || {};
    var title = meta.title || "";
    var extra = [meta.dokument, meta.dato].filter(function (value) {
      return value && title.indexOf(value) === -1;
    });
    if (extra.length) {
      meta.title = title + " (" + extra.join(", ") + ")";
    }
    return result;
  }
  // Pagefind's box has only a placeholder: give it a real label and DKFDS's input style.
  function label(root) {
    var input = root.querySelector(".pagefind-ui__search-input");
    if (!input) {
      return;
    }
    input.id = "soeg-felt";
    input.classList.add("form-input");
    var tag = document.createElement("label");
    tag.className = "form-label";
    tag.htmlFor = "soeg-felt";
    tag.textContent = "Søg på siderne";
    root.parentNode.insertBefore(tag, root);
  }
  var front = new URL(element.getAttribute("data-forside") || "index.html", window.location.href);
  var baseUrl = new URL(".", front).pathname;
  // The index is split in bundles (the meeting records of each year, the rest); the main
  // bundle's sspgen-bundles.json names the others, which are merged into one result list.
  function start(extra) {
    var ui = new PagefindUI({
      element: "#soeg",
      baseUrl: baseUrl,
      mergeIndex: extra.map(function (name) {
        return { bundlePath: new URL("pagefind/" + name + "/", front).pathname, baseUrl: baseUrl };
      }),
      showImages: false,
      showSubResults: true,
      resetStyles: false,
      autofocus: true,
      processResult: withKindAndDate
    });
    label(element);
    var word = new URLSearchParams(window.location.search).get("q");
    if (word) {
      ui.triggerSearch(word);
    }
  }
  fetch(new URL("pagefind/sspgen-bundles.json", front))
    .then(function (response) { return response.ok ? response.json() : { bundles: {} }; })
    .then(function (manifest) {
      start(Object.keys(manifest.bundles || {}).filter(function (name) { return name !== ""; }).sort());
    }, function () { start([]); });
})();
