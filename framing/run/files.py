"""Files a run writes, and how it never destroys one: atomic writes, one writer per output,
outputs that cannot be inputs, and OS errors turned into one line that says what to do.

* ``atomic_write`` / ``atomic_path``: every output file is written to a temporary name in its
  folder and renamed over the target at the end, created with the user's umask (not the
  0600 of ``tempfile.mkstemp``). A failure or an empty result leaves the old file as it was.
* ``OutputLock``: a lock file ``OUT.lock`` beside the output (``filelock``, an OS-level lock
  released by the kernel when its process dies, so the lock of a killed run is taken over
  at once). It holds the pid of the run that has it; a second run is refused naming it.
* ``check_paths``: an output that is one of the inputs, lies inside an input folder, or is
  given for two outputs at once is refused before anything is read.
* ``os_error_message``: an ``OSError`` as ``path: reason; what to do``.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

from framing.errors import FramingError, UsageError

LOCK = ".lock"


class OutputError(FramingError):
    """An output cannot be written: the disk is full, the folder is read-only, another run
    holds it. The message names the path and what to do."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_file(path: str) -> tuple[int, str]:
    """A new file beside ``path`` (descriptor, name), with the permissions of the umask."""
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"{path}: folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=".framing-", suffix=".tmp", dir=folder)
    with suppress(OSError):
        os.fchmod(fd, 0o666 & ~_umask())  # as open() would create it, not mkstemp's 0600
    return fd, tmp


def _fsync_path(path: str) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


#: Makes a file that belongs with an output (its provenance): called with the finished
#: temporary file and the target, returns (companion path, text).
Companion = Callable[[str, str], tuple[str, str]] | None


def commit(tmp: str, target: str, companion: Companion = None) -> None:
    """Rename the finished ``tmp`` over ``target``; with a ``companion``, its file is made
    and synced first and renamed right after, so both are replaced or neither is (only a
    crash between the two renames, microseconds apart, leaves the old companion, and it
    names the sha256 of the file it describes)."""
    if companion is None:
        os.replace(tmp, target)
        return
    side, text = companion(tmp, target)
    fd, side_tmp = temporary_file(side)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(side_tmp).unlink(missing_ok=True)
        raise
    os.replace(side_tmp, side)


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, companion: Companion = None) -> Iterator[str]:
    """A temporary file name beside ``path`` for a writer that wants a name (Parquet); on a
    clean exit it replaces ``path``, on an error it is removed and ``path`` is untouched.
    ``companion``: see ``commit``."""
    target = os.fspath(path)
    fd, tmp = temporary_file(target)
    os.close(fd)
    try:
        yield tmp
        _fsync_path(tmp)
        commit(tmp, target, companion)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_write(
    path: str | os.PathLike[str], *, binary: bool = False, companion: Companion = None
) -> Iterator[IO[Any]]:
    """An open file whose contents replace ``path`` in one step when the block ends cleanly;
    on an exception the temporary file is removed and ``path`` stays as it was.
    ``companion``: see ``commit``."""
    target = os.fspath(path)
    fd, tmp = temporary_file(target)
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            # readable too, so a CSV writer can widen its header (RowWriter)
            handle = os.fdopen(fd, "w+", encoding="utf-8", newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        commit(tmp, target, companion)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    with atomic_write(path) as handle:
        handle.write(text)


def probe_writable(path: str | os.PathLike[str], option: str) -> None:
    """Fail now, before any work, when a file cannot be created beside ``path``."""
    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    if os.path.isdir(target):
        raise UsageError(f"{option} {target} is a folder; give a file name")
    if not os.path.isdir(folder):
        raise UsageError(f"{option} {target}: folder {folder} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=".framing-probe-", dir=folder)
        os.close(fd)
        os.unlink(tmp)
    except OSError as exc:
        raise OutputError(os_error_message(exc, option=option, path=target)) from None


# --- inputs and outputs ------------------------------------------------------------------


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path))


def check_paths(inputs: Iterable[Any], outputs: Mapping[str, str | None]) -> None:
    """Refuse (``UsageError``) an output that is an input, lies inside an input folder, or
    is named by two output options. ``-`` and ``None`` are never checked."""
    given = {opt: p for opt, p in outputs.items() if p not in (None, "-")}
    seen: dict[str, str] = {}
    for option, out in given.items():
        assert out is not None
        real = _real(out)
        for candidate in (real, real + ".partial"):
            if candidate in seen:
                raise UsageError(
                    f"{option} {out} is also {seen[candidate]}: give each output its own file"
                )
        seen[real] = option
    reads = [str(p) for p in inputs if isinstance(p, str | os.PathLike) and str(p) != "-"]
    for option, out in given.items():
        assert out is not None
        real = _real(out)
        for source in reads:
            src = _real(source)
            inside = os.path.isdir(src) and (real + os.sep).startswith(src.rstrip(os.sep) + os.sep)
            same = real == src or (
                os.path.exists(real) and os.path.exists(src) and os.path.samefile(real, src)
            )
            if same or inside:
                where = "is the input" if same else "is inside the input folder"
                raise UsageError(
                    f"{option} {out} {where} {source}: it would be overwritten or read back; "
                    "write it somewhere else"
                )


# --- one writer per output --------------------------------------------------------------


def lock_path(output: str | os.PathLike[str]) -> str:
    """``OUT.lock`` beside ``OUT`` (for a folder ``out/``: ``out.lock``, outside it)."""
    return f"{os.path.normpath(os.fspath(output))}{LOCK}"


class OutputLock:
    """Hold ``OUTPUT.lock`` for the length of a run; a second run on the same output gets
    ``OutputError`` naming the first one's pid. The lock file is removed on release."""

    def __init__(self, output: str | os.PathLike[str]) -> None:
        self.output = os.fspath(output)
        self.path = lock_path(self.output)
        self._lock: Any = None

    def __enter__(self) -> OutputLock:
        import filelock

        for _ in range(10):
            held: dict[str, int] = {}

            def record_pid(fd: int, held: dict[str, int] = held) -> None:
                held["inode"] = os.fstat(fd).st_ino
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode())

            lock = filelock.FileLock(self.path, timeout=0, on_acquired=record_pid)
            try:
                lock.acquire()
            except filelock.Timeout:
                raise OutputError(
                    f"{self.output} is being written by another framing run ({self._holder()}); "
                    f"wait for it to finish, or write to another file (if no such run exists, "
                    f"delete {self.path})"
                ) from None
            except OSError as exc:
                raise OutputError(os_error_message(exc, path=self.path)) from None
            # The file is removed on release; a run that opened it just before then holds a
            # lock on a file no longer there: it lets go and tries again.
            try:
                same = os.stat(self.path).st_ino == held.get("inode")
            except OSError:
                same = False
            if same:
                self._lock = lock
                return self
            lock.release()
        raise OutputError(f"{self.path}: could not take the lock; run the command again")

    def _holder(self) -> str:
        try:
            pid = Path(self.path).read_text(encoding="utf-8").strip()
        except OSError:
            pid = ""
        return f"pid {pid}, lock {self.path}" if pid.isdigit() else f"lock {self.path}"

    def __exit__(self, *exc: Any) -> None:
        if self._lock is not None:
            with suppress(OSError):
                os.unlink(self.path)  # while still held: see __enter__
            self._lock.release()
            self._lock = None


@contextmanager
def locked(outputs: Iterable[str | None]) -> Iterator[None]:
    """Hold the lock of every named output (``-`` and ``None`` skipped)."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        for out in outputs:
            if out not in (None, "-"):
                assert out is not None
                stack.enter_context(OutputLock(out))
        yield


# --- OS errors ---------------------------------------------------------------------------

_ADVICE = {
    errno.ENOSPC: "the disk is full: free space",
    errno.EDQUOT: "the disk quota is exceeded: free space",
    errno.EACCES: "permission denied: choose a folder you may write to",
    errno.EPERM: "not permitted: choose a folder you may write to",
    errno.EROFS: "the file system is read-only: choose another folder",
    errno.ENOENT: "it vanished or its folder was removed: check the path",
    errno.EIO: "an input/output error (a failing disk or a lost network mount): check it",
}


def os_error_message(
    exc: OSError, *, option: str = "", path: str = "", partial: str | None = None
) -> str:
    """``path: reason; what to do`` for an OS error (one line)."""
    where = path or str(exc.filename or "")
    if exc.filename and path and str(exc.filename) != path:
        where += f" ({exc.filename})"
    reason = _ADVICE.get(exc.errno or 0, exc.strerror or str(exc))
    head = f"{option} {where}" if option and where else str(where or option or "framing")
    then = (
        f"; the rows scored so far are kept in {partial}: run the same command with --resume"
        if partial
        else "; no existing file was replaced"
    )
    return f"{head}: {reason}{then}"
