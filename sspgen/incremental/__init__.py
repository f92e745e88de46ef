"""Incremental rendering: re-render only the pages whose inputs changed; write only new bytes.

Every output file (a page, its CMS fragment, a calendar, a PDF) gets a *fingerprint* of what
it is made from:

* the code: every file of the sspgen package and the versions of Jinja2, markdown-it-py and
  Pydantic (a new sspgen version re-renders everything);
* the template and everything it extends, includes or imports (changing moede.html
  re-renders the meeting pages, not the plan);
* the site: what every page shows (the municipality's name, contacts and footer, the
  vocabularies, the navigation, "today", the variant);
* the page itself: URL, title, dates, sources, and its context, walked value by value; an
  entity from a file (a meeting, a forum, a plan …) stands for its file's content hash;
* what the page *read* while it was rendered, recorded then and checked now: every lookup
  of another entity (``lookup.forum(id)``, ``lookup.moede(id)``, ``lookup.aktoer(id)`` …, a
  name it shows without having the entity in its context) and every ``site.url_for`` /
  ``site.has`` answer (the links it made, and the ones it left out). So a changed plan goal
  re-renders the pages that show the plan, not every page.

An output whose fingerprint and recorded reads are unchanged, and whose previous file still
exists, is not rendered: the new output folder gets a hard link to the previous file (same
bytes, same mtime, so rsync and browser caches stay warm). A re-rendered file whose bytes
did not change is linked too. Pages to render are spread over the cores when there are many.

The state lives in ``.sspgen-cache/render/`` and is only written after a build succeeded,
through sspgen/cachefile.py: authenticated with a key outside the repository and checked
before anything is unpickled (a committed state file never runs), and not at all while git
tracks `.sspgen-cache/`.
Without content hashes from the parse cache (SSPGEN_CACHE=0) everything is rendered.
tests/test_cache.py compares incremental builds byte for byte with clean builds.

The modules: fingerprint.py (what an output is made from, as a hash), recorder.py (what a
page read while it was rendered), planner.py (the render state: what to reuse, what to render,
what to remember), pool.py (rendering over the cores), reused.py (a file kept from the
previous build).
"""
