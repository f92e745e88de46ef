"""`sspgen serve`: a local preview that rebuilds when a file is saved and reloads the browser.

The preview builds with the ordinary build API into a temporary folder (never output/), without
PDFs, search and the Decap CMS form, which a preview does not need and which cost most of a
rebuild. The build is
incremental (sspgen/incremental/ keeps the render state per output folder), so a saved file
re-renders only the pages it touches. Bad data never stops the server: the errors go to the
terminal in `sspgen check`'s format and to the browser as a Danish banner over the last good
build. Ctrl-C stops it, and the temporary folder is removed.

A saved meeting record is shown before that build: the fast path (fast.py) renders just its
page from what the last good build kept in memory and writes it into the served folder, when
the save is one it can handle safely; the build then runs as before.

Threads: the main thread waits for Ctrl-C; one thread builds (one build at a time, after a
burst of file events has settled, see watch.py); one runs the fast path for saved meeting
records; the web server answers from its own threads.

Stopping (Ctrl-C or SIGTERM) takes well under a second, also in the middle of a build: a build
in the main thread (the first one) is interrupted by the signal itself; one in the build thread
gets an exception raised into it (`_interrupt`), so it unwinds through its `with` and `finally`
blocks as after any error. Then the temporary folder is removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NoReturn

from .. import diagnostics as diag
from ..diagnostics import Diagnostic, Position, error
from ..resources import layouts
from .state import ServeState

if TYPE_CHECKING:
    from .fast import FastPath
    from .watch import Debouncer, FastQueue

HOST = "127.0.0.1"
WATCHED = ("data", "content", "layouts")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Preview:
    def __init__(self, root: Path, only: str | None) -> None:
        self.root = root
        self.only = only
        self.temp = Path(tempfile.mkdtemp(prefix="sspgen-serve-"))
        self.site = self.temp / "site"
        self.site.mkdir()
        self.state = ServeState()
        self.stop = threading.Event()
        self._states_before = set(self._render_states())
        self.fast: FastPath | None = None
        self.fast_queue: FastQueue | None = None
        self.building = False
        """Whether a build runs (stopping interrupts it at once instead of waiting)."""

    # -- building ---------------------------------------------------------------------------
    def build(self, changed: list[str] | None = None) -> None:
        from ..build import build

        started = time.perf_counter()
        fast = self.fast
        number = fast.build_starting() if fast is not None else 0
        result = None
        self.building = True
        try:
            result = build(self.root, self.site, self.only, pdf=False, search=False, admin=False,
                           postprocess=[fast.before_swap] if fast is not None else None)
            diagnostics, ok = result.diagnostics, result.ok
        except Exception as exc:  # a bug in sspgen, or the disk: the preview keeps running
            if os.environ.get("SSPGEN_DEBUG"):
                raise
            diagnostics, ok = [self._internal(exc)], False
            result = None
        finally:
            self.building = False
            if fast is not None:
                fast.build_finished(number, result)
        if self.stop.is_set():
            return  # stopping: the folder may be gone under the build; nothing to report
        elapsed = time.perf_counter() - started
        self._report(diagnostics, ok, elapsed, changed, result)
        if fast is not None and fast.note:
            _say(fast.note)
            fast.note = None
        self.state.finished(ok, diagnostics)

    # -- the fast path for a saved meeting record (fast.py) ----------------------------------
    def start_fast_path(self) -> None:
        from .fast import FastPath
        from .watch import FastQueue

        queue = FastQueue()
        self.fast_queue = queue
        self.fast = FastPath(self.root, self.site, lambda: bool(self.state.snapshot().errors),
                             lambda path: queue.poke(path, finished=True))

    def file_event(self, path: str, kind: str) -> None:
        """From the watcher's thread, before the debouncer hears of the event."""
        fast, queue = self.fast, self.fast_queue
        if fast is None or queue is None:
            return
        if kind != "directory" and fast.display(path) is not None:
            queue.poke(path, finished=kind in ("closed", "moved_to"))
        elif kind == "directory" or fast.read_by_build(path):
            fast.other_changed()

    def fast_loop(self) -> None:
        try:
            self._fast_loop()
        except _Stopping:
            pass

    def _fast_loop(self) -> None:
        fast, queue = self.fast, self.fast_queue
        assert fast is not None and queue is not None
        while not self.stop.is_set():
            path = queue.next(self.stop)
            if path is None:
                continue
            try:
                update = fast.update(path)
            except Exception:  # a bug in the fast path: the full build shows the page anyway
                if os.environ.get("SSPGEN_DEBUG"):
                    raise
                update = None
            finally:
                queue.done()
            if update is not None:
                self.state.page_updated()
                _say(f"Gemt: {update.display}. Mødets side er vist efter {update.seconds * 1000:.0f} ms; "
                     "resten af siderne bygges nu.")
            if fast.note:
                _say(fast.note)
                fast.note = None

    @staticmethod
    def _internal(exc: Exception) -> Diagnostic:
        if isinstance(exc, OSError):
            message = f"Forhåndsvisningen kunne ikke skrive siderne: {exc.strerror or exc}."
        else:
            message = (f"Intern fejl i sspgen under bygningen ({type(exc).__name__}: {exc}). Det er en fejl i "
                       "sspgen, ikke i dine data; kør med SSPGEN_DEBUG=1 for detaljer, og meld fejlen.")
        return error("sspgen", Position(), "serve.intern-fejl", message)

    def _report(self, diagnostics: list[Diagnostic], ok: bool, elapsed: float, changed: list[str] | None,
                result: object) -> None:
        if changed:
            names = ", ".join(self._display(p) for p in changed[:3]) + (f" og {len(changed) - 3} til" if len(changed) > 3 else "")
            _say(f"Ændret: {names}")
        for d in diagnostics:
            print(diag.format_text(d), flush=True)
        if ok:
            rendered = getattr(result, "rendered", 0)
            reused = getattr(result, "reused", 0)
            counts = f" ({rendered} filer gengivet, {reused} uændrede)" if reused else ""
            _say(f"Bygget på {elapsed:.2f} s{counts}." + (" Browseren genindlæser siden." if changed else ""))
        else:
            kept = "den seneste gode udgave vises stadig" if self.state.snapshot().has_site else "der er endnu ingen udgave at vise"
            _say(f"Bygningen blev stoppet: {diag.summary(diagnostics)} Browseren viser fejlene; {kept}.")

    def _display(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path

    def watched(self) -> list[Path]:
        """data/ and content/ of the repository; its layouts/, else sspgen's own (as the build).
        A folder that is a link is not watched: the build refuses it (fil.symlink)."""
        found = [self.root / name for name in WATCHED[:2] if (self.root / name).is_dir()]
        found.append(layouts(self.root))
        return [folder for folder in found if folder.is_dir() and not folder.is_symlink()]

    def rebuild_loop(self, debouncer: Debouncer) -> None:
        try:
            while not self.stop.is_set():
                changed = debouncer.wait(self.stop)
                if self.fast_queue is not None:
                    self.fast_queue.wait_idle(1.0)
                if changed and not self.stop.is_set():
                    self.build(changed)
        except _Stopping:
            pass

    def _render_states(self) -> list[Path]:
        from ..cachefile import CACHE_DIR, SUFFIX

        folder = self.root / CACHE_DIR / "render"
        return list(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []

    def cleanup(self) -> None:
        shutil.rmtree(self.temp, ignore_errors=True)
        # The incremental render state of the preview's folder describes a folder that is
        # gone now; left behind, every session would add one to .sspgen-cache/render/. (A
        # `sspgen build` into a new folder meanwhile loses its state too: a full render next time.)
        for state in set(self._render_states()) - self._states_before:
            state.unlink(missing_ok=True)


class _Stopping(BaseException):
    """Raised into the build and fast-path threads when the preview stops (not an Exception:
    nothing on the way catches it as a build error)."""


def _interrupt(thread: threading.Thread | None, busy: bool) -> None:
    """End a thread: an idle one (woken already) within IDLE_WAIT; a busy one, or one that does
    not end, gets an exception raised into it: a thread cannot be ended from outside, but
    CPython raises the exception at its next bytecode (a thread inside a long C call, a system
    call, gets it when the call returns)."""
    if thread is None or thread.ident is None:
        return
    if not busy:
        thread.join(IDLE_WAIT)
    if thread.is_alive():
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread.ident), ctypes.py_object(_Stopping))
        thread.join(STOP_WAIT)


STOP_WAIT = 0.5
"""Seconds a stopping thread gets to unwind before the temporary folder goes anyway."""
IDLE_WAIT = 0.1
"""Seconds an idle thread, woken, gets to notice that the preview stops."""


@contextlib.contextmanager
def _signals_to_main_thread() -> Iterator[None]:
    """Threads started inside never receive Ctrl-C or SIGTERM (they inherit the blocked mask,
    and so do the threads they start): the kernel then delivers them to the main thread,
    which stops the preview at once, not when its wait happens to time out."""
    signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _terminate(signum: int, frame: object) -> NoReturn:
    """SIGTERM (fx from a service manager) stops the preview as Ctrl-C does."""
    raise KeyboardInterrupt


def _worker_default_sigterm() -> None:
    """In a worker process forked by the first build: SIGTERM ends it, as its pool expects.

    With the preview's handler inherited, a SIGTERM that reaches a worker before Python has
    finished setting it up after the fork is lost (Python clears signals it has not handled
    yet), and the pool then waits forever for that worker to end; with the handler, a worker
    that gets it later prints a KeyboardInterrupt traceback. SIGTERM is blocked around each
    fork (`_block_sigterm`), so a worker gets it only after this has run."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _block_sigterm() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})


def _unblock_sigterm() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def serve(root: Path, port: int, only: str | None) -> int:
    try:
        from .watch import Debouncer, changed_since, snapshot_stats, start_watching
    except ImportError:
        _say("sspgen: forhåndsvisningen kræver Python-pakken watchdog. Kør «make serve», eller installér "
             "sspgen igen med «pip install -e .».")
        return 2
    from .server import PreviewServer

    if not root.is_dir():
        _say(f"sspgen: mappen «{root}» findes ikke.")
        return 2
    if not (root / "data").is_dir():
        _say(f"sspgen: der er ingen data/-mappe i «{root}». Kør kommandoen i repositoriet med data/ og content/.")
        return 2
    if only is not None and not (root / "data" / only).is_dir():
        known = sorted(p.name for p in (root / "data").iterdir() if p.is_dir())
        _say(f"sspgen: kommunen «{only}» findes ikke under data/. Kendte kommuner: {', '.join(known) or 'ingen'}.")
        return 2
    preview = Preview(root, only)
    signal.signal(signal.SIGTERM, _terminate)
    # Only around a fork is SIGTERM held back (a worker must not inherit the preview's
    # handler); the rest of the time, also during the first build, it stops the preview at once.
    os.register_at_fork(before=_block_sigterm, after_in_parent=_unblock_sigterm,
                        after_in_child=_worker_default_sigterm)
    httpd: PreviewServer | None = None
    serving = False
    observer = None
    builder: threading.Thread | None = None
    fast_thread: threading.Thread | None = None
    debouncer: Debouncer | None = None
    try:
        try:
            httpd = PreviewServer((HOST, port), preview.site, preview.state)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                _say(f"sspgen: porten {port} er optaget. Vælg en anden med --port, fx --port {port + 1}.")
            else:
                _say(f"sspgen: kunne ikke åbne en webserver på {HOST}:{port}: {exc.strerror or exc}.")
            return 2
        _say(f"Bygger forhåndsvisningen af {root.resolve()} (uden PDF'er, søgning og redigeringsformular) …")
        # The first build runs before any other thread exists: the build may fork worker
        # processes, which is only safe in a process with one thread. Files saved meanwhile
        # are caught by comparing their stat before and after (watching starts after it).
        folders = preview.watched()
        before = snapshot_stats(folders)
        preview.start_fast_path()
        preview.build()
        # Later builds render few pages; forking beside the server's threads is not worth the risk.
        os.environ.setdefault("SSPGEN_WORKERS", "1")
        debouncer = Debouncer()
        try:
            with _signals_to_main_thread():
                observer, polling = start_watching(folders, debouncer.poke, preview.file_event)
        except OSError as exc:
            _say(f"sspgen: kan ikke holde øje med filerne ({exc.strerror or exc}).")
            return 2
        if polling:
            _say("Bemærk: systemets filovervågning kan ikke bruges her, så filerne gennemsøges fem gange i sekundet.")
        for path in changed_since(before, snapshot_stats(folders)):
            preview.file_event(path, "modified")
            debouncer.poke(path)
        builder = threading.Thread(target=preview.rebuild_loop, args=(debouncer,), name="sspgen-serve-build", daemon=True)
        fast_thread = threading.Thread(target=preview.fast_loop, name="sspgen-serve-fast", daemon=True)
        # Only now does the server answer: from its first answer on, every save is seen.
        # A short poll: stopping waits for the server's loop to notice.
        http = threading.Thread(target=httpd.serve_forever, args=(0.05,), name="sspgen-serve-http", daemon=True)
        with _signals_to_main_thread():
            for thread in (builder, fast_thread, http):
                thread.start()
        serving = True
        _say(f"Forhåndsvisningen kører på http://{HOST}:{httpd.server_address[1]}/")
        names = [f"{f.name}/" for f in folders]
        names = ", ".join(names[:-1]) + " og " + names[-1] if len(names) > 1 else "".join(names)
        _say(f"Holder øje med {names}: gem en fil, så bygges siderne igen, og browseren opdaterer sig selv.")
        _say("Tryk Ctrl-C for at stoppe.")
        while not preview.stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C must not leave the temporary folder behind.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        preview.stop.set()
        preview.state.stop()
        if debouncer is not None:
            debouncer.wake()
        if preview.fast_queue is not None:
            preview.fast_queue.wake()
        if observer is not None:
            observer.stop()
        if httpd is not None:
            if serving:
                httpd.shutdown()
            httpd.server_close()
        # Idle threads notice `stop` within 0.2 s; a build or fast-path update in progress is
        # interrupted, so that its folder can go.
        _interrupt(builder, preview.building)
        _interrupt(fast_thread, preview.fast_queue is not None and preview.fast_queue.busy)
        if observer is not None:
            observer.join(timeout=1)
        preview.cleanup()
    _say(f"Forhåndsvisningen er stoppet, og dens midlertidige mappe er slettet. {root / 'output'}/ er ikke rørt.")
    return 0
