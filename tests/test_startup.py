"""Start-up stays light: scoring one file imports nothing heavy it does not use, and the
fast YAML path reads lexicons exactly as the pure-Python one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TESTS

from framing.axes import lexicon as lexicon_module
from framing.axes import untrusted as untrusted_module
from framing.data import shipped_lexicon_dir

sys.path.insert(0, str(ROOT / "benchmarks"))
from startup import import_tree

#: Never imported by `framing score FILE` (the models score without scikit-learn since the
#: one-pass change; extend it as the scoring path sheds packages).
FORBIDDEN_AT_SCORE = [
    *("pandas", "pyarrow", "matplotlib", "dask", "nltk", "datasets", "rich", "sklearn"),
    # the models decode their arrays and take their dot products in pure Python
    *("numpy", "scipy"),
]
#: Packages the scoring path still imports today, and whatever they import themselves
#: (scikit-learn pulls in scipy and pandas): a forbidden module imported under one of them
#: is not counted against the rule above.
TOLERATED: list[str] = []


def _imports_of(*args: str) -> list[tuple[str, list[str]]]:
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "framing", *args],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    return [(name, chain) for name, _, _, chain in import_tree(out.stderr)]


def _top(module: str) -> str:
    return module.split(".")[0]


def test_scoring_one_file_imports_no_heavy_package_it_does_not_need() -> None:
    seed = sorted((ROOT / "seeds").glob("*.txt"))[0]
    imported = _imports_of("score", str(seed), "--format", "jsonl")
    assert any(name == "framing.scoring.scorer" for name, _ in imported)  # it did score
    bad = sorted(
        f"{name} (imported by {' -> '.join(chain) or 'the script'})"
        for name, chain in imported
        if any(name == f or name.startswith(f + ".") for f in FORBIDDEN_AT_SCORE)
        and not any(_top(m) in TOLERATED for m in chain)
        and not (chain and _top(chain[-1]) == _top(name))  # the package's own submodules
    )
    assert not bad, "\n".join(bad)


def test_the_import_tree_names_who_imported_what() -> None:
    stderr = (
        "import time: self [us] | cumulative | imported package\n"
        "import time:        5 |          5 |     b.sub\n"
        "import time:        7 |         12 |   b\n"
        "import time:        3 |         15 | a\n"
        "import time:        2 |          2 | c\n"
    )
    rows = {name: (own, chain) for name, own, _, chain in import_tree(stderr)}
    assert rows == {"b.sub": (5, ["a", "b"]), "b": (7, ["a"]), "a": (3, []), "c": (2, [])}


def _lexicon_files() -> list[Path]:
    shipped = [Path(str(p)) for p in shipped_lexicon_dir().iterdir() if p.name.endswith(".yaml")]
    return [*sorted(shipped), *sorted((TESTS / "data").glob("*.yaml"))]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize("path", _lexicon_files(), ids=lambda p: p.name)
def test_libyaml_and_pure_python_read_a_lexicon_alike(path: Path, monkeypatch) -> None:
    text = path.read_text(encoding="utf-8")
    fast = lexicon_module.parse_lexicon(text, str(path))
    monkeypatch.setattr(untrusted_module, "_FAST_LOADER", yaml.SafeLoader)
    assert lexicon_module.parse_lexicon(text, str(path)) == fast


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "id: x\nversion: [1\n",  # a syntax error
        "id: x\nlabel: &a foo\nother: *a\n",  # an alias
        "id: x\n\tversion: 1\n",  # a tab
        "",
    ],
)
def test_a_bad_file_gets_the_same_message_either_way(text: str, monkeypatch) -> None:
    def message() -> str:
        try:
            lexicon_module.parse_lexicon(text, "bad.yaml")
        except lexicon_module.LexiconError as exc:
            return str(exc)
        raise AssertionError("accepted")

    fast = message()
    monkeypatch.setattr(untrusted_module, "_FAST_LOADER", yaml.SafeLoader)
    assert message() == fast
