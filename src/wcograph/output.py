"""Writing outputs so that a reader never sees a half-written file, and nothing else is touched.

A target that exists must be a regular file: a symbolic link, a device, a FIFO or a folder is
refused, never written through or replaced (``export --out /dev/sda`` as root would otherwise
replace the device node). A target that cannot be written is a message, not a traceback.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from wcograph.errors import Problem, WcographError


def write_atomically(files: Mapping[Path, bytes]) -> None:
    """Write every file to a temporary sibling first, then move them all into place.

    Nothing is replaced until every file has been written in full, so a failure part-way leaves
    the previous outputs as they were.
    """
    for path in files:
        check_target(path)
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((Path(name), path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
            os.chmod(name, 0o644)  # mkstemp makes it private; outputs are for everyone
        for temporary, path in staged:
            check_target(path)  # again: something may have been put there meanwhile
            os.replace(temporary, path)
    except OSError as err:
        where = Path(err.filename) if err.filename else next(iter(files))
        raise WcographError(
            Problem(f"cannot write: {err.strerror or err}", where, hint="choose another path")
        ) from None
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def check_target(path: Path) -> None:
    """A path an output may go to: absent, or a regular file (not a link, device or folder)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return
    except OSError as err:
        raise WcographError(Problem(f"cannot write: {err.strerror}", path)) from None
    if stat.S_ISREG(mode):
        return
    kind = (
        "a symbolic link"
        if stat.S_ISLNK(mode)
        else "a folder"
        if stat.S_ISDIR(mode)
        else "a device, FIFO or socket"
    )
    raise WcographError(
        Problem(
            f"refusing to write: the target is {kind}, not a regular file",
            path,
            hint="give the path of a regular file (outputs never write through links)",
        )
    )


def refuse_inside(path: Path, protected: Path, names: Iterable[str]) -> None:
    """Refuse an output that would overwrite one of ``names`` in the folder ``protected``
    (an export must not replace the build's own files in dist/)."""
    target = path.parent.resolve() / path.name
    if target.parent == protected.resolve() and path.name in set(names):
        raise WcographError(
            Problem(
                f"refusing to overwrite {path.name}: it is an output of 'wcograph build' in "
                f"{protected}",
                path,
                hint="write the export elsewhere (dist/ belongs to the build)",
            )
        )
