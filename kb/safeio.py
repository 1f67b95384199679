"""Writing only inside what we meant: output folders and files that a pull request cannot redirect.

A pull request can commit a symbolic link named `site`, `build`, `build/docs`, `kb-diff.md` or `graph.json`
(pointing at a folder or file elsewhere on the reviewer's machine, or at nothing yet), or a FIFO. Following
it would write or delete outside the repository; opening a FIFO hangs. So:

- `output_folder` and `output_file` take the path as given (never `resolve()`d) and refuse it when it, or a
  folder on the way to it inside one of the `anchors` (the knowledge base's root, the working directory), is
  a symbolic link or not a regular folder/file. A FIFO or device is refused after `lstat`, never opened.
- `write_file` writes a new temporary file in the target's folder and renames it over the target: an
  existing path is never opened for writing, a full disk leaves the old file (or nothing) in place, and with
  `overwrite=False` an existing name (a dangling link too) is never replaced.
- `refuse_links_in` walks a generated tree (build/) before it is written into.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import KbError

_HINT_LINK = ("Verwijder de link (een pull request kan die hebben toegevoegd) of kies een andere plek; "
              "kb schrijft nooit via een symbolische link.")


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))  # not resolve(): that would follow the link we must refuse


def _kind(info: os.stat_result) -> str:
    if stat.S_ISLNK(info.st_mode):
        return "een symbolische link"
    if stat.S_ISFIFO(info.st_mode):
        return "een pijp (FIFO)"
    if stat.S_ISSOCK(info.st_mode):
        return "een socket"
    if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode):
        return "een apparaat"
    if stat.S_ISDIR(info.st_mode):
        return "een map"
    return "een bestand"


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise KbError(f"'{path}': een deel van het pad is geen map", "Controleer het pad.") from None


def _check_parents(path: Path, anchors) -> None:
    """No folder between an anchor and path (path itself excluded) is a link or something else than a folder."""
    for anchor in anchors:
        if anchor is None:
            continue
        anchor = _absolute(Path(anchor))
        try:
            rel = path.relative_to(anchor)
        except ValueError:
            continue
        current = anchor
        for part in rel.parts[:-1]:
            current = current / part
            info = _lstat(current)
            if info is None:
                return  # the rest does not exist yet: made by us, as folders
            if not stat.S_ISDIR(info.st_mode):
                raise KbError(f"'{current}' is {_kind(info)}, geen gewone map; kb schrijft daar niet in of doorheen",
                              _HINT_LINK)


def _anchors(anchors) -> tuple:
    return tuple(anchors) + (Path.cwd(),)


def output_folder(path: Path, anchors=()) -> Path:
    """path as an absolute path, after refusing a link or a non-folder at it or on the way to it."""
    path = _absolute(path)
    _check_parents(path, _anchors(anchors))
    info = _lstat(path)
    if info is not None and not stat.S_ISDIR(info.st_mode):
        raise KbError(f"uitvoermap '{path}' is {_kind(info)}, geen gewone map; kb schrijft daar niet in", _HINT_LINK)
    return path


def output_file(path: Path, anchors=(), overwrite: bool = True) -> Path:
    """path as an absolute path, after refusing a link, FIFO, device or folder at it, or a link on the way."""
    path = _absolute(path)
    _check_parents(path, _anchors(anchors))
    info = _lstat(path)
    if info is not None:
        if not stat.S_ISREG(info.st_mode):
            raise KbError(f"uitvoerbestand '{path}' is {_kind(info)}, geen gewoon bestand; kb schrijft daar niet in",
                          _HINT_LINK)
        if not overwrite:
            raise KbError(f"'{path}' bestaat al", "Kies een nieuw bestand; kb overschrijft hier niets.")
    folder = path.parent
    if not folder.is_dir():
        raise KbError(f"map '{folder}' bestaat niet", "Maak de map eerst aan, of kies een ander uitvoerbestand met -o.")
    return path


def write_file(path: Path, data: bytes | str, anchors=(), overwrite: bool = True) -> Path:
    """Write data to path through a new temporary file in its folder, renamed into place. Returns the path."""
    path = output_file(path, anchors, overwrite)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fchmod(out.fileno(), 0o666 & ~_umask())
        if overwrite:
            os.replace(tmp, path)  # replaces a name, never writes through what it points at
        else:
            os.link(tmp, path)  # fails when the name exists, a dangling link included
            os.unlink(tmp)
    except FileExistsError:
        _unlink(tmp)
        raise KbError(f"'{path}' bestaat al", "Kies een nieuw bestand; kb overschrijft hier niets.") from None
    except BaseException:
        _unlink(tmp)
        raise
    return path


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_UMASK: list[int] = []


def _umask() -> int:
    if not _UMASK:  # read once: os.umask can only be read by setting it
        mask = os.umask(0o022)
        os.umask(mask)
        _UMASK.append(mask)
    return _UMASK[0]


def refuse_links_in(folder: Path, what: str = "een map die kb zelf schrijft") -> None:
    """Refuse a tree that holds a symbolic link, FIFO, socket or device anywhere (never followed): a generated
    tree we write into, or one we copy into the site (`what` says which, in Dutch)."""
    if _lstat(folder) is None:
        return
    stack = [folder]
    while stack:
        current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_symlink() or not (entry.is_dir(follow_symlinks=False) or entry.is_file(follow_symlinks=False)):
                    info = os.lstat(entry.path)
                    raise KbError(f"'{entry.path}' is {_kind(info)} in {what}; kb volgt die niet",
                                  _HINT_LINK + (f" Of verwijder de map '{folder}': kb maakt die opnieuw."
                                                if what == "een map die kb zelf schrijft" else ""))
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
