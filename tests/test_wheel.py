"""sspgen installed from its wheel, the way municipal IT installs it (pip, no clone).

The wheel is built from a copy of the checkout with the real `python -m build`, installed with
its dependencies into a fresh virtual environment, and run from folders outside the repository
whose data repositories have no layouts/ and no node_modules/: the templates, the design system
and the Decap bundle must all come from the wheel.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sspgen import __version__
from site_helpers import REPO, copy_examples, example_slugs, tree_files

SOURCE = ("sspgen", "layouts", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md")
"""What the wheel is built from (a copy: the build writes build/ and *.egg-info next to it)."""


def _run(command: list[str], cwd: Path, timeout: int = 300, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    # No PYTHONPATH: the installed sspgen must not see the checkout.
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout,
                          env={**environment, **(env or {})})


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result


class Installed:
    def __init__(self, venv: Path) -> None:
        self.venv = venv
        self.sspgen = venv / "bin" / "sspgen"
        found = _ok(_run([str(venv / "bin" / "python"), "-c", "import sspgen; print(sspgen.__file__)"], venv))
        self.package = Path(found.stdout.strip()).parent

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return _run([str(self.sspgen), *args], cwd)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    if not (REPO / "node_modules" / "dkfds" / "dist").is_dir():
        pytest.fail("npm-pakken dkfds er ikke installeret (kør «make test», der kører «npm ci»)", pytrace=False)
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "kilde"
    source.mkdir()
    for name in SOURCE:
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, source / name)
    (source / "node_modules").symlink_to(REPO / "node_modules")
    _ok(_run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp / "dist"), str(source)],
             tmp))
    wheels = sorted((tmp / "dist").glob("sspgen-*.whl"))
    assert [w.name for w in wheels] == [f"sspgen-{__version__}-py3-none-any.whl"]
    venv = tmp / "venv"
    _ok(_run([sys.executable, "-m", "venv", str(venv)], tmp))
    _ok(_run([str(venv / "bin" / "pip"), "install", "-q", "--disable-pip-version-check", str(wheels[0])], tmp,
             timeout=600))
    found = Installed(venv)
    assert found.package.is_relative_to(venv), found.package  # not the checkout
    return found


def test_the_wheel_carries_templates_and_design_system(installed: Installed) -> None:
    package = installed.package
    layouts = sorted(p.relative_to(REPO / "layouts").as_posix() for p in (REPO / "layouts").rglob("*") if p.is_file())
    assert sorted(p.relative_to(package / "layouts").as_posix() for p in (package / "layouts").rglob("*")
                  if p.is_file()) == layouts
    assert (package / "_vendor" / "dkfds" / "dist" / "css" / "dkfds.min.css").is_file()
    assert (package / "_vendor" / "decap-cms" / "dist" / "decap-cms.js").is_file()
    assert not list((package / "_vendor").rglob("*.map"))  # only what the build reads
    assert (package / "defaults" / "vokabular.yaml").is_file()


def test_version(installed: Installed, tmp_path: Path) -> None:
    result = _ok(installed.run("--version", cwd=tmp_path))
    assert result.stdout == f"sspgen {__version__}\n"


def test_build_from_another_folder_equals_the_checkouts_build(installed: Installed, tmp_path: Path) -> None:
    """`make site` (with its PDFs) of the same data, once by the wheel, once by the checkout."""
    from_wheel = copy_examples(tmp_path / "fra-wheel")
    from_checkout = copy_examples(tmp_path / "fra-repo")
    _ok(installed.run("build", cwd=from_wheel))
    _ok(_run([sys.executable, "-m", "sspgen.cli", "build"], from_checkout))
    built = tree_files(from_wheel / "output")
    expected = tree_files(from_checkout / "output")
    assert sorted(built) == sorted(expected)
    different = [name for name in expected if built[name] != expected[name]]
    assert different == []
    for slug in example_slugs():
        assert f"{slug}/intranet/admin/decap-cms.js" in built
        assert f"{slug}/offentlig/assets/dkfds/css/dkfds.min.css" in built
        assert any(name.startswith(f"{slug}/intranet/") and name.endswith(".pdf") for name in built)


def test_new_kommune_in_an_empty_folder(installed: Installed, tmp_path: Path) -> None:
    root = tmp_path / "ny"
    root.mkdir()
    result = _ok(installed.run("new", "kommune", "--slug", "testby", "--navn", "Testby Kommune", cwd=root))
    assert "schema/" in result.stdout
    _ok(installed.run("check", cwd=root))
    lines = {}
    for file in sorted((root / "data").rglob("*.yaml")):
        first = file.read_text(encoding="utf-8").splitlines()[0]
        found = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert found, (file, first)
        lines[file] = found.group(1)
    assert lines
    for file, reference in lines.items():
        schema = (file.parent / reference).resolve()
        assert schema.is_relative_to(root.resolve()) and schema.is_file(), (file, reference)
        assert json.loads(schema.read_text(encoding="utf-8"))["title"]
    _ok(installed.run("build", "--uden-pdf", cwd=root))
    assert (root / "output" / "testby" / "intranet" / "index.html").is_file()


def test_own_layouts_win_over_the_wheels(installed: Installed, tmp_path: Path) -> None:
    root = copy_examples(tmp_path / "data", with_layouts=True)
    base = root / "layouts" / "base.html"
    text = base.read_text(encoding="utf-8")
    assert "<main " in text
    base.write_text(text.replace("<main ", '<main data-kommunens-egen="ja" ', 1), encoding="utf-8")
    slug = example_slugs()[0]
    _ok(installed.run("build", "--uden-pdf", "--kommune", slug, cwd=root))
    assert 'data-kommunens-egen="ja"' in (root / "output" / slug / "intranet" / "index.html").read_text(encoding="utf-8")


def test_design_system_missing_then_from_the_data_repository(installed: Installed, tmp_path: Path) -> None:
    """A wheel built without node_modules/dkfds: a Danish error and the previous output kept,
    until the data repository installs the design system itself."""
    root = copy_examples(tmp_path / "data")
    slug = example_slugs()[0]
    _ok(installed.run("build", "--uden-pdf", "--kommune", slug, cwd=root))
    before = tree_files(root / "output")
    vendored = installed.package / "_vendor" / "dkfds"
    aside = tmp_path / "dkfds-flyttet"
    shutil.move(vendored, aside)
    try:
        failed = installed.run("build", "--uden-pdf", "--kommune", slug, cwd=root)
        assert failed.returncode == 1, failed.stdout + failed.stderr
        assert "Traceback" not in failed.stdout + failed.stderr
        assert "Det Fælles Designsystem (npm-pakken dkfds) blev ikke fundet" in failed.stdout
        assert "npm install dkfds" in failed.stdout
        assert tree_files(root / "output") == before

        (root / "node_modules").mkdir()
        (root / "node_modules" / "dkfds").symlink_to(REPO / "node_modules" / "dkfds")
        _ok(installed.run("build", "--uden-pdf", "--kommune", slug, cwd=root))
        css = f"{slug}/offentlig/assets/dkfds/css/dkfds.min.css"
        assert tree_files(root / "output")[css] == before[css]
    finally:
        shutil.move(aside, vendored)
