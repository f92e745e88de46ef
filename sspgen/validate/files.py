"""Which files under data/ and content/ may be read: one walk that never follows a link.

Every file `check`, `build`, `serve` and `diff` read from a municipality comes from this
listing (load.py reads what it lists, and so does the parse cache). The walk

- never follows a symbolic link and never opens one: a link is reported (``fil.symlink``)
  where it is found, and what it points at is not read. Links are refused even when they stay
  inside the repository: the same file would become two entities or two pages, a link can
  point into .git/ (whose config may hold an access token), the build output or a cache, and
  Git on Windows checks a link out as a small text file, so the site would depend on the
  machine. Staff never need one; a copy does the same. The repository's own layouts/ (the
  templates and assets the build reads, see cli.py and build.py) is walked for links too;
- checks every name it passes with the id rule (names.py) and reports what would otherwise be
  skipped in silence: «.yml» files, misspelt kind folders, unknown files and folders, and
  names that are the same apart from case or Unicode normalisation.

Hidden files (.gitkeep, .DS_Store) and editors' temporary files are neither read nor reported;
a hidden name that ends in .yaml or .md was read before this walk existed, so it is reported.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..diagnostics import Diagnostic, Position, error, warning
from ..model import KINDS, Kind
from ..privacy_mask import mask_cpr
from . import names

FILES: dict[str, Kind] = {kind.filename: kind for kind in KINDS if kind.filename}
FOLDERS: dict[str, Kind] = {kind.folder: kind for kind in KINDS if kind.folder}
TOPS = ("data", "content", "layouts")
MEDIA_FOLDER = "filer"
"""content/<kommune>/filer/: where the editing form (Decap CMS, decap.py) puts uploaded files.
sspgen reads nothing there, so it is walked for links only."""

_YAML_LIKE = (".yaml", ".yml")
_MARKDOWN_LIKE = (".md", ".markdown")
_TEMPORARY = ("~", ".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".bak", ".orig")
_SYSTEM = ("thumbs.db", "desktop.ini", "4913")  # 4913: Vim's test file when it saves


@dataclass
class Listing:
    """One municipality's files that may be read, and the problems found on the way."""

    files: dict[str, list[Path]] = field(default_factory=lambda: {kind.name: [] for kind in KINDS})
    """Per kind name, the YAML files to read, in path order."""
    pages: list[Path] = field(default_factory=list)
    """content/<kommune>/*.md to read, in name order."""
    problems: list[Diagnostic] = field(default_factory=list)
    refused: dict[str, set[str]] = field(default_factory=dict)
    """Per kind name («sider» for pages), the ids of files that exist but are not read (a link,
    a bad name): references to them are not reported again."""


def list_kommune(root: Path, slug: str) -> Listing:
    """data/<slug>/ and content/<slug>/: what load_kommune may read, and what it must not."""
    walk = _Walk(root)
    listing = Listing(problems=walk.problems)
    data_dir, content_dir = os.path.join(root, "data", slug), os.path.join(root, "content", slug)
    if walk.plain(data_dir):
        walk.data_folder(data_dir, slug, listing)
    if os.path.lexists(content_dir) and walk.plain(content_dir):
        walk.content_folder(content_dir, slug, listing)
    return listing


def check_tree(root: Path) -> list[Diagnostic]:
    """The repository level: links anywhere in layouts/, and data/ and content/ themselves
    (municipality folders, files that lie directly in them, content/ folders without data/)."""
    walk = _Walk(root)
    for top in TOPS:
        path = os.path.join(root, top)
        if os.path.islink(path):
            walk.link(path)
        elif os.path.isdir(path):
            if top == "layouts":
                walk.links_only(path)
            else:
                walk.top_folder(path, top, kommune_slugs(root))
    return walk.problems


def kommune_slugs(root: Path) -> list[str]:
    """The municipality folders under data/ that may be read: real folders (not links) with a
    valid name; names starting with «.» or «_» are left aside on purpose."""
    data = os.path.join(root, "data")
    if os.path.islink(data) or not os.path.isdir(data):
        return []
    return sorted(
        entry.name for entry in _entries(data)
        if entry.is_dir(follow_symlinks=False) and not entry.name.startswith((".", "_"))
        and names.valid_id(entry.name) and not names.cpr_in(entry.name)
    )


def plain_path(root: Path, relative: str) -> bool:
    """Whether ``relative`` (with «/») under ``root`` exists and no part of it is a link: for
    readers outside the listing (the preview's fast path)."""
    current = str(root)
    for part in relative.split("/"):
        current = os.path.join(current, part)
        try:
            if stat.S_ISLNK(os.lstat(current).st_mode):
                return False
        except OSError:
            return False
    return True


def name_problem(relative: str) -> str | None:
    """The Danish message for the first part of ``relative`` (a path under data/ or content/
    that `sspgen new` is about to write) that `check` would refuse, else None."""
    parts = relative.split("/")
    for index, part in enumerate(parts[1:], start=1):
        is_file = index == len(parts) - 1
        stem, extension = names.split(part) if is_file else (part, "")
        if names.cpr_in(part):
            return names.cpr_message(part, folder=not is_file)
        if not names.valid_id(stem):
            return names.bad_name_message(part, extension, folder=not is_file)
    return None


# --------------------------------------------------------------------------------------------
# The walk


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as iterator:
            return sorted(iterator, key=lambda entry: entry.name)
    except OSError:
        return []


def _quiet(name: str, data_like: tuple[str, ...]) -> bool:
    """Hidden, system and editors' temporary files: never read, never reported."""
    lowered = name.lower()
    if name.startswith(".#") or lowered.endswith(_TEMPORARY) or lowered in _SYSTEM:
        return True
    return name.startswith(".") and not lowered.endswith(data_like)


class _Walk:
    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.real_root = os.path.realpath(root)
        self.prefix = self.root + os.sep
        self.problems: list[Diagnostic] = []

    # -- reporting -----------------------------------------------------------------------------
    def display(self, path: str) -> str:
        text = path[len(self.prefix):] if path.startswith(self.prefix) else path
        return mask_cpr(text.replace(os.sep, "/"))

    def error(self, path: str, code: str, message: str) -> None:
        self.problems.append(error(self.display(path), Position(), code, message))

    def warning(self, path: str, code: str, message: str) -> None:
        self.problems.append(warning(self.display(path), Position(), code, message))

    def link(self, path: str) -> None:
        """Report a link without reading its target (realpath only reads link names)."""
        target = os.path.realpath(path)
        inside = os.path.commonpath([self.real_root, target]) == self.real_root
        name = mask_cpr(os.path.basename(path))
        if inside:
            where = mask_cpr(os.path.relpath(target, self.real_root).replace(os.sep, "/"))
            message = (
                f"«{name}» er et symbolsk link (til {where}). sspgen følger ikke links, heller ikke "
                f"inden for repositoriet, for så ville den samme fil blive læst to gange under to navne. "
                f"Kopiér filen hertil, eller slet linket."
            )
        else:
            message = (
                f"«{name}» er et symbolsk link til noget uden for repositoriet. sspgen læser aldrig "
                f"filer uden for repositoriet, for deres indhold kunne ende på den offentlige "
                f"hjemmeside og i søgningen. Linket er ikke fulgt. Slet det, og læg en almindelig "
                f"fil eller mappe her i stedet."
            )
        self.error(path, "fil.symlink", message)

    def ignored(self, path: str, where: str, reads: str) -> None:
        self.warning(path, "fil.ignoreret",
                     f"Filen «{mask_cpr(os.path.basename(path))}» bliver ikke læst: i {where} læser "
                     f"sspgen kun {reads}. Slet filen, eller flyt den ud af {where}.")

    def plain(self, path: str) -> bool:
        """Whether ``path`` (data/<kommune> or content/<kommune>) and its parent are real
        folders; a link is reported."""
        for candidate in (os.path.dirname(path), path):
            if os.path.islink(candidate):
                self.link(candidate)
                return False
        return os.path.isdir(path)

    # -- names ---------------------------------------------------------------------------------
    def file_name(self, path: str, name: str, extension: str) -> bool:
        """Whether a data file's name may be read as an id with ``extension``; else reported."""
        stem, actual = names.split(name)
        if actual == extension and names.valid_id(stem) and not names.cpr_in(stem):
            return True  # the usual case first
        if names.cpr_in(name):
            self.error(path, "privatliv.cpr", names.cpr_message(name, folder=False))
        elif not names.valid_id(stem):
            self.error(path, "fil.navn", names.bad_name_message(name, extension, folder=False))
        elif actual != extension:
            self.error(path, "fil.endelse", names.extension_message(name, extension))
        else:
            return True
        return False

    def folder_name(self, path: str, name: str) -> bool:
        """Whether a folder's name is a valid id; else reported."""
        if names.cpr_in(name):
            self.error(path, "privatliv.cpr", names.cpr_message(name, folder=True))
        elif not names.valid_id(name):
            self.error(path, "fil.navn", names.bad_name_message(name, "", folder=True))
        else:
            return True
        return False

    def collisions(self, entries: list[os.DirEntry[str]]) -> None:
        """Names in one folder that are the same apart from case or NFC/NFD: reported on every
        one but the first (a valid name comes first)."""
        groups: dict[str, list[os.DirEntry[str]]] = {}
        for entry in entries:
            groups.setdefault(names.fold(entry.name), []).append(entry)
        for group in groups.values():
            if len(group) < 2:
                continue
            group.sort(key=lambda entry: (not names.valid_id(names.split(entry.name)[0]), entry.name))
            for entry in group[1:]:
                self.error(entry.path, "fil.dublet",
                           names.collision_message(mask_cpr(entry.name), mask_cpr(group[0].name),
                                                   folder=entry.is_dir(follow_symlinks=False)))

    # -- folders -------------------------------------------------------------------------------
    def data_folder(self, folder: str, slug: str, listing: Listing) -> None:
        """data/<kommune>/: the single files (kommune.yaml …) and the kind folders."""
        entries = _entries(folder)
        self.collisions(entries)
        for entry in entries:
            name = entry.name
            if _quiet(name, _YAML_LIKE):
                continue
            if entry.is_symlink():
                self.link(entry.path)
                if name in FILES:  # a linked kommune.yaml is refused, not missing
                    listing.refused.setdefault(FILES[name].name, set()).add(names.split(name)[0])
                continue
            if entry.is_dir(follow_symlinks=False):
                if name in FOLDERS:
                    kind = FOLDERS[name]
                    # Visited by name, folder by folder: already the loader's order of before
                    # (sorted by path parts).
                    self.kind_folder(entry.path, kind, listing.files[kind.name],
                                     listing.refused.setdefault(kind.name, set()))
                else:
                    self.unknown_folder(entry.path, name, slug, listing)
            elif name in FILES:
                listing.files[FILES[name].name] = [Path(entry.path)]
            else:
                self.unknown_file(entry.path, name, slug, listing)

    def unknown_folder(self, path: str, name: str, slug: str, listing: Listing) -> None:
        if names.cpr_in(name):
            self.error(path, "privatliv.cpr", names.cpr_message(name, folder=True))
            return
        guess = names.nearest(name, FOLDERS)
        if guess is not None:
            # «aktorer/» holds the actors: references to them are not reported a second time.
            listing.refused.setdefault(FOLDERS[guess].name, set()).update(_stems(path))
        hint = f" Mente du «{guess}»?" if guess else ""
        self.error(path, "fil.ukendt-mappe",
                   f"Mappen «{name}» kendes ikke, så filerne i den bliver ikke læst.{hint} Mapperne i "
                   f"data/{slug}/ hedder {_words(sorted(FOLDERS))}. Omdøb mappen, eller flyt filerne.")

    def unknown_file(self, path: str, name: str, slug: str, listing: Listing) -> None:
        """A file directly in data/<kommune>/ that is not kommune.yaml, vokabular.yaml or
        emnebank.yaml: one of them misspelt («Kommune.yaml», «kommune.yml»), or unknown."""
        stem, extension = names.split(name)
        if extension.lower() not in _YAML_LIKE:
            self.ignored(path, f"data/{slug}/", "kommune.yaml, vokabular.yaml, emnebank.yaml og mapperne med data")
            return
        meant = FILES.get((names.suggest(stem) or "") + ".yaml")
        if meant is not None:
            if not os.path.lexists(os.path.join(os.path.dirname(path), meant.filename)):  # type: ignore[arg-type]
                listing.refused.setdefault(meant.name, set()).add(meant.name)  # refused, not missing
            if self.file_name(path, name, ".yaml"):
                # A valid id that is still not the file's name («kommune-.yaml»): not read, and
                # said so, or the municipality would silently go without its kommune.yaml.
                self.error(path, "fil.ukendt",
                           f"Filen «{name}» kendes ikke og bliver ikke læst. Mente du «{meant.filename}»? "
                           f"Omdøb filen til {meant.filename}.")
            return
        if names.cpr_in(name):
            self.error(path, "privatliv.cpr", names.cpr_message(name, folder=False))
            return
        guess = names.nearest(stem, [known[: -len(".yaml")] for known in FILES])
        hint = f" Mente du «{guess}.yaml»?" if guess else ""
        self.error(path, "fil.ukendt",
                   f"Filen «{name}» kendes ikke og bliver ikke læst.{hint} Direkte i data/{slug}/ "
                   f"ligger kun {_words(sorted(FILES))}; en aktør, et forum, et møde osv. hører "
                   f"til i sin egen mappe ({_words([f + '/' for f in sorted(FOLDERS)])}).")

    def kind_folder(self, folder: str, kind: Kind, found: list[Path], refused: set[str]) -> None:
        """A kind's folder (aktoerer/, moeder/ …), subfolders included: its .yaml files."""

        def subfolder(path: str, name: str) -> None:
            # A badly named subfolder is reported but still read (its name is not an id),
            # unless the name looks like a CPR number: then nothing under it is shown.
            if self.folder_name(path, name) or not names.cpr_in(name):
                self.kind_folder(path, kind, found, refused)

        self.files(folder, _YAML_LIKE, ".yaml", found, refused, subfolder,
                   lambda path: self.ignored(path, self.display(folder) + "/", ".yaml-filer"))

    def content_folder(self, folder: str, slug: str, listing: Listing) -> None:
        """content/<kommune>/: pages (*.md) only; subfolders are not read, so reported."""

        def subfolder(path: str, name: str) -> None:
            if name == MEDIA_FOLDER:
                self.links_only(path)
            elif names.cpr_in(name):
                self.error(path, "privatliv.cpr", names.cpr_message(name, folder=True))
            else:
                self.error(path, "fil.ukendt-mappe",
                           f"Mappen «{name}» i content/{slug}/ bliver ikke læst: siderne skal ligge "
                           f"direkte i content/{slug}/, én fil for hver side. Flyt siderne op i "
                           f"content/{slug}/, og slet mappen.")

        self.files(folder, _MARKDOWN_LIKE, ".md", listing.pages, listing.refused.setdefault("sider", set()),
                   subfolder, lambda path: self.ignored(path, f"content/{slug}/", "sider, der ender på .md"))

    def files(self, folder: str, like: tuple[str, ...], extension: str, found: list[Path], refused: set[str],
              subfolder: Callable[[str, str], None], other: Callable[[str], None]) -> None:
        """One folder's entries: links refused, well-named files of the kind (``like``) found,
        badly named ones refused by the id they would have had (so references to them are not
        reported again), subfolders and other files to the caller."""
        entries = _entries(folder)
        self.collisions(entries)
        for entry in entries:
            name = entry.name
            if _quiet(name, like):
                continue
            stem, suffix = names.split(name)
            if entry.is_symlink():
                self.link(entry.path)
                refused.add(names.suggest(stem) or stem)
            elif entry.is_dir(follow_symlinks=False):
                subfolder(entry.path, name)
            elif suffix.lower() in like:
                if self.file_name(entry.path, name, extension):
                    found.append(Path(entry.path))
                else:
                    refused.add(names.suggest(stem) or stem)
            else:
                other(entry.path)

    def top_folder(self, folder: str, top: str, slugs: list[str]) -> None:
        """data/ or content/ itself: its municipality folders (the files in them are walked by
        list_kommune) and files that lie there by mistake."""
        entries = _entries(folder)
        self.collisions(entries)
        for entry in entries:
            name = entry.name
            if name.startswith((".", "_")) or name.lower() in _SYSTEM:
                continue
            if entry.is_symlink():
                self.link(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                if self.folder_name(entry.path, name) and top == "content" and name not in slugs:
                    guess = names.nearest(name, slugs)
                    hint = f" Mente du «{guess}»?" if guess else ""
                    self.error(entry.path, "fil.ukendt-mappe",
                               f"Mappen content/{name}/ hører ikke til nogen kommune, for der er ingen "
                               f"data/{name}/, så siderne i den bliver ikke læst.{hint} Omdøb mappen, "
                               f"så den hedder som kommunens mappe under data/.")
            elif name.lower().endswith(_YAML_LIKE + _MARKDOWN_LIKE) and not name.lower().startswith("readme"):
                self.ignored(entry.path, f"{top}/", f"mapperne for hver kommune ({top}/<kommune>/)")

    def links_only(self, folder: str) -> None:
        """layouts/ and the uploads' folder: every link is reported, nothing is read here."""
        for entry in _entries(folder):
            if entry.is_symlink():
                self.link(entry.path)
            elif entry.is_dir(follow_symlinks=False):
                self.links_only(entry.path)


def _stems(folder: str) -> set[str]:
    """The names (without .yaml) of the YAML files under ``folder``; links are not followed
    and no file is opened."""
    found: set[str] = set()
    for entry in _entries(folder):
        if entry.is_dir(follow_symlinks=False):
            found |= _stems(entry.path)
        elif entry.name.lower().endswith(_YAML_LIKE):
            found.add(names.split(entry.name)[0])
    return found


def _words(items: list[str]) -> str:
    return ", ".join(items[:-1]) + f" og {items[-1]}" if len(items) > 1 else "".join(items)
