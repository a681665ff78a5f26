"""The package's layout stays one-way: no import cycle among framing's modules.

Every import counts, wherever it stands (module level, inside a function, under
``TYPE_CHECKING``), and so does every dotted ``"framing..."`` string (the facades' lazy
exports, the worker pool's preload list). A module that imports a package counts as
depending on that package's ``__init__``; the implicit import of parent packages does not
count (the facade imports nothing until a name is asked for).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "framing"
DOTTED = re.compile(r"^framing(\.\w+)+$")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The module ``name`` refers to, or its nearest existing parent."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _targets(module: str, tree: ast.AST) -> set[str]:
    found: set[str] = set()
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            # ``from pkg import sub`` imports the submodule when there is one
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
            names = [n if n in MODULES else base for n in names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [node.value] if DOTTED.match(node.value) else []
        else:
            continue
        for name in names:
            if name == "framing" or name.startswith("framing."):
                target = _resolve(name)
                if target and target != module:
                    found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    return {
        name: _targets(name, ast.parse(path.read_text(encoding="utf-8")))
        for name, path in MODULES.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a list of modules (first == last), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_the_checker_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_lazy_imports_and_strings_count() -> None:
    graph = import_graph()
    # a function-level import, a lazy facade string, the pool's preload string
    assert "framing.corpus.read" in graph["framing.run.local"]
    assert "framing.run.local" in graph["framing"]
    assert "framing.scoring.scorer" in graph["framing.run.pool"]


# Stages may only point downstream; each entry lists what a stage must never import.
FORBIDDEN = {
    "framing.corpus": ("axes", "sentiment", "models", "scoring", "run", "comparison", "cli"),
    "framing.axes": ("corpus", "models", "scoring", "run", "comparison", "cli"),
    "framing.sentiment": ("corpus", "axes", "models", "scoring", "run", "comparison", "cli"),
    "framing.models": ("scoring", "run", "comparison", "cli"),
    "framing.scoring": ("run", "comparison", "cli", "benchmark"),
    "framing.run": ("comparison", "cli", "benchmark"),
    "framing.comparison": ("cli", "benchmark"),
}


@pytest.mark.parametrize("stage", sorted(FORBIDDEN))
def test_stages_point_one_way(stage: str) -> None:
    bad = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        if module == stage or module.startswith(stage + ".")
        for target in targets
        if any(target.startswith(f"framing.{other}") for other in FORBIDDEN[stage])
    )
    assert not bad, "\n".join(bad)


def test_top_level_keeps_few_modules_and_no_module_is_long() -> None:
    own = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(own) <= 6, own
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    }
    assert not long, long
