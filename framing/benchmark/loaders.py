"""Load labeled sets with Hugging Face ``datasets``, offline unless the user asks otherwise.

What a benchmark can read:

- a local file: ``.csv``/``.tsv`` (optionally ``.gz``), ``.jsonl``/``.json`` (optionally
  ``.gz``), ``.parquet``;
- a folder of ``.txt`` files plus a label file (CSV/TSV: one row per file id);
- a folder written by ``Dataset.save_to_disk`` / ``DatasetDict.save_to_disk``;
- a hub name (``owner/name``), only with ``allow_download=True`` and only when the hub is
  reachable. Offline (``HF_HUB_OFFLINE=1``, or no connection within a few seconds) it fails at
  once with a ``FramingError``: the benchmark never hangs and never downloads by default.

Every local load runs with the hub switched off, so ``datasets`` cannot reach for the network
behind the user's back.
"""

from __future__ import annotations

import os
import re
import socket
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import FramingError, InputError, UsageError

if TYPE_CHECKING:
    from datasets import Dataset

HUB_HOST = "huggingface.co"
HUB_TIMEOUT = 2.0
_HUB_NAME = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")

_SUFFIXES = {
    ".csv": ("csv", ","),
    ".tsv": ("csv", "\t"),
    ".tab": ("csv", "\t"),
    ".jsonl": ("json", None),
    ".json": ("json", None),
    ".parquet": ("parquet", None),
}


_SET_BY_US: set[str] = set()


def _datasets(offline: bool = True) -> Any:
    """Import ``datasets`` quietly; with ``offline`` the hub is off before the import reads it
    (``datasets`` reads these variables once, at import)."""
    if offline:
        for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
            if name not in os.environ:
                os.environ[name] = "1"
                _SET_BY_US.add(name)
    import datasets

    datasets.disable_progress_bars()
    datasets.logging.set_verbosity_error()
    return datasets


def _kind(path: Path) -> tuple[str, str | None]:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".bz2", ".xz", ".zst"):
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] not in _SUFFIXES:
        raise InputError(
            f"cannot read this kind of file (use {', '.join(_SUFFIXES)}, optionally .gz)",
            source=str(path),
        )
    return _SUFFIXES[suffixes[-1]]


def load_file(path: str | Path, *, builder: str | None = None, **options: Any) -> Dataset:
    """One local CSV/TSV/JSONL/JSON/Parquet file as a ``Dataset``.

    The kind comes from the suffix unless ``builder`` (``csv``, ``json``, ``parquet``) names
    it. ``options`` go to the ``datasets`` builder (``sep``, ``column_names``, ``encoding``,
    ``quoting`` ... for CSV).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    builder, sep = (builder, None) if builder else _kind(path)
    if builder == "csv" and sep is not None:
        options.setdefault("sep", sep)
    datasets = _datasets()
    try:
        return datasets.load_dataset(builder, data_files=str(path), split="train", **options)
    except Exception as exc:  # datasets raises many kinds; one line for the user
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"cannot read as {builder}: {first}", source=str(path)) from exc


def load_folder(
    folder: str | Path,
    labels: str | Path,
    *,
    id_column: str = "id",
    id_pattern: str = r"(.+)",
    pattern: str = "*.txt",
    **label_options: Any,
) -> Dataset:
    """A folder of text files plus a label file, joined on the file id.

    The id of a file is the first group of ``id_pattern`` matched against its stem (so
    ``article123.txt`` with ``id_pattern=r"article(\\d+)"`` has id ``123``). Every row of the
    label file becomes one example: its columns plus ``text``. A label row whose file is missing
    is an error naming it; files without a label row are ignored (unlabelled data).
    """
    folder, labels = Path(folder), Path(labels)
    if not folder.is_dir():
        raise InputError("no such folder", source=str(folder))
    table = load_file(labels, **label_options)
    if id_column not in table.column_names:
        raise UsageError(
            f"{labels}: no column {id_column!r} (columns: {', '.join(table.column_names)})"
        )
    regex = re.compile(id_pattern)
    files: dict[str, Path] = {}
    for file in sorted(folder.glob(pattern)):
        match = regex.fullmatch(file.stem)
        if match:
            files[match.group(1)] = file
    texts = []
    for key in table[id_column]:
        found = files.get(str(key))
        if found is None:
            raise InputError(f"label row {key!r} has no text file in {folder}", source=str(labels))
        texts.append(found.read_text(encoding="utf-8", errors="replace"))
    return table.add_column("text", texts)


def is_saved_dataset(folder: Path) -> bool:
    """True for a folder written by ``save_to_disk`` (a Dataset or a DatasetDict)."""
    return any((folder / name).is_file() for name in ("state.json", "dataset_dict.json"))


def load_saved(folder: str | Path, *, split: str = "train") -> Dataset:
    """A dataset saved with ``save_to_disk``; for a ``DatasetDict``, its ``split``."""
    folder = Path(folder)
    datasets = _datasets()
    loaded = datasets.load_from_disk(str(folder))
    if isinstance(loaded, datasets.DatasetDict):
        if split not in loaded:
            raise UsageError(f"{folder}: no split {split!r} (splits: {', '.join(loaded)})")
        return loaded[split]
    return loaded


def looks_like_hub_name(name: str) -> bool:
    """``owner/name`` or ``name``: what the hub accepts, and not an existing path."""
    return bool(_HUB_NAME.match(name)) and not Path(name).exists()


def hub_reachable(host: str = HUB_HOST, timeout: float = HUB_TIMEOUT) -> bool:
    """Whether a TCP connection to the hub opens within ``timeout`` seconds.

    Name resolution ignores socket timeouts, so the check runs in a daemon thread that is
    abandoned after ``timeout``: the caller never waits longer than that.
    """
    result: list[bool] = []

    def connect() -> None:
        try:
            with socket.create_connection((host, 443), timeout=timeout):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(timeout)
    return bool(result and result[0])


def _offline_flag() -> str | None:
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE"):
        if os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on"):
            return name
    return None


def check_hub(name: str, *, allow_download: bool = False) -> None:
    """Fail at once unless loading hub dataset ``name`` is allowed and the hub is reachable."""
    if not allow_download:
        raise UsageError(
            f"{name!r} is not a local file or folder. Loading a Hugging Face hub dataset "
            "downloads it, which framing never does by default: pass --allow-download, or "
            "give the path of a local copy."
        )
    flag = _offline_flag()
    if flag and flag in _SET_BY_US:
        raise FramingError(
            f"Cannot load hub dataset {name!r}: this process already loaded local data with the "
            "hub switched off. Load the hub set in a fresh process."
        )
    if flag:
        raise FramingError(
            f"Cannot load hub dataset {name!r}: {flag} is set (offline). "
            "Unset it, or download the set elsewhere and pass its folder."
        )
    if not hub_reachable():
        raise FramingError(
            f"Cannot load hub dataset {name!r}: {HUB_HOST} is not reachable "
            f"(no connection within {HUB_TIMEOUT:g} s). Download it elsewhere and pass its folder."
        )


def load_hub(name: str, *, split: str = "train", allow_download: bool = False) -> Dataset:
    """A hub dataset, only when asked for and reachable; otherwise a one-line error at once."""
    check_hub(name, allow_download=allow_download)
    datasets = _datasets(offline=False)
    try:
        return datasets.load_dataset(name, split=split)
    except Exception as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise FramingError(f"Cannot load hub dataset {name!r}: {first}") from exc


def load_labeled(
    source: str | Path,
    *,
    labels: str | Path | None = None,
    split: str = "train",
    allow_download: bool = False,
    **options: Any,
) -> Dataset:
    """Any supported source (see module docstring) as a ``Dataset``."""
    path = Path(source)
    if path.is_file():
        if labels is not None:
            raise UsageError(f"--labels applies to a folder of text files, not to {path}")
        return load_file(path, **options)
    if path.is_dir():
        if is_saved_dataset(path):
            return load_saved(path, split=split)
        if labels is None:
            raise UsageError(
                f"{path}: a folder of text files needs --labels FILE (one row per file id); "
                "a folder written by save_to_disk needs its state.json or dataset_dict.json"
            )
        return load_folder(path, labels, **options)
    if is_hub_name(source):
        return load_hub(str(source), split=split, allow_download=allow_download)
    raise InputError("no such file or folder", source=str(source))


def is_hub_name(source: str | Path) -> bool:
    """``owner/name`` that is not an existing path nor a missing file with a data suffix."""
    text = str(source)
    return (
        "/" in text.strip("/")
        and not text.startswith((".", "/", "~"))
        and Path(text).suffix.lower() not in {*_SUFFIXES, ".gz"}
        and looks_like_hub_name(text)
    )


def preflight(source: str | Path, *, allow_download: bool = False) -> None:
    """Before anything heavy is imported: a hub name that cannot be loaded fails now."""
    path = Path(source)
    if not path.exists() and is_hub_name(source):
        check_hub(str(source), allow_download=allow_download)
