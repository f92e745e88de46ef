"""The build step that makes a wheel work outside this repository (everything else about the
package is in pyproject.toml).

A wheel carries, next to the code:
- sspgen/layouts/: a copy of the repository's layouts/ (the templates and our stylesheet), which
  stays the one source;
- sspgen/_vendor/: the files the build reads from the npm packages dkfds and decap-cms, copied
  from node_modules/ (installed by `npm ci`, see `make wheel`); sspgen/resources.py picks them.

An editable install (`pip install -e`, the Makefile's .venv) gets neither: it reads the
checkout's layouts/ and node_modules/ directly.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from types import ModuleType

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent


def _resources() -> ModuleType:
    """sspgen.resources of this checkout (standard library only: no dependency is needed yet)."""
    sys.path.insert(0, str(HERE))
    from sspgen import resources

    if Path(resources.__file__).resolve().parent != HERE / "sspgen":
        raise SystemExit(f"setup.py: sspgen was imported from {resources.__file__}, not from {HERE}")
    return resources


def _modules() -> Path:
    """node_modules of the checkout, or the copy an sdist carries (see SdistWithAssets)."""
    return HERE / "node_modules"


class SdistWithAssets(sdist):
    """`python -m build` makes the wheel from the sdist, which has no node_modules/ of its own:
    the sdist carries the files the wheel vendors, in a node_modules/ of the same shape."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        for relative in _resources().vendored_files(_modules()):
            target = Path(base_dir) / "node_modules" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(_modules() / relative, target)


class BuildWithAssets(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        package = Path(self.build_lib) / "sspgen"
        # Fresh copies every time: a file deleted from the checkout must not survive in build/.
        for name in ("layouts", "_vendor"):
            shutil.rmtree(package / name, ignore_errors=True)
        shutil.copytree(HERE / "layouts", package / "layouts")
        modules = _modules()
        files = _resources().vendored_files(modules)
        if not any(path.parts[0] == "dkfds" for path in files):
            self.warn("node_modules/dkfds mangler (kør «npm ci»): wheelen får ikke Det Fælles Designsystem med, "
                      "og sspgen build vil da kræve det i datarepositoriets node_modules.")
        if not any(path.parts[0] == "decap-cms" for path in files):
            self.warn("node_modules/decap-cms mangler: wheelen får ikke Decap CMS med, og intranettene får "
                      "ingen redigeringsformular (admin/).")
        for relative in files:
            target = package / "_vendor" / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(modules / relative, target)


setup(cmdclass={"build_py": BuildWithAssets, "sdist": SdistWithAssets})
