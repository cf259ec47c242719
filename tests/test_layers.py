"""The package's import graph: no cycles, and every layer imports only the layers below it.

Every ``import`` in every module counts, also those inside functions (lazy imports)
and those under ``if TYPE_CHECKING:`` (they never run, but a cycle there is still a
tangle a reader has to follow).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import companion

PACKAGE = Path(companion.__file__).parent

LAYERS: dict[str, int] = {
    # Shared helpers that import nothing of the package sit at the bottom with the domain.
    "companion": 0,
    "companion.formatting": 0,
    "companion.paths": 0,
    "companion.gc_tuning": 0,
    "companion.latency": 0,
    "companion.domain": 0,
    "companion.storage": 1,
    "companion.curriculum": 1,
    "companion.privacy": 1,
    "companion.programme": 2,
    "companion.widgets": 3,
    "companion.quick_escape": 3,
    "companion.dialogs": 3,
    "companion.screens": 4,
    "companion.providers": 5,
    "companion.app": 5,
    "companion.cli": 6,
    "companion.commands": 6,
    "companion.crash": 6,
    "companion.serve": 6,
}
"""Layer of each part: domain < storage, curriculum < programme (use cases) <
widgets, dialogs < screens < app (with its palette providers) < cli (with commands, the
crash report and the browser server). The private-notes vault sits beside storage."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


MODULES: dict[str, Path] = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def layer_of(module: str) -> int:
    """Return the layer of ``module``: its longest listed prefix's (``companion`` alone: itself)."""
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        prefix = ".".join(parts[:end])
        if prefix in LAYERS:
            return LAYERS[prefix]
    if module == "companion":
        return LAYERS[module]
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _target(name: str) -> str | None:
    """Return the package module ``name`` refers to (a module, or the package holding it)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str, source: str) -> list[tuple[str, bool]]:
    """Return (imported package module, only for type checking) for every import in ``source``."""
    found: list[tuple[str, bool]] = []
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            # ``from package import submodule`` imports the submodule itself.
            names = [f"{base}.{alias.name}" for alias in node.names] or [base]
        for name in names:
            if name == "companion" or name.startswith("companion."):
                target = _target(name)
                if target is not None and target != module:
                    found.append((target, typing_only))
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(ast.parse(source), False)
    return found


def import_graph() -> dict[str, list[tuple[str, bool]]]:
    """Return every module's imports of the package's modules."""
    return {name: imports_of(name, path.read_text()) for name, path in MODULES.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return one import cycle (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                cycle = walk(nxt)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = walk(start)
            if cycle:
                return cycle
    return None


def upward_imports(graph: dict[str, list[tuple[str, bool]]]) -> list[str]:
    """Return ``importer -> imported`` for every import of a higher layer."""
    return sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target, _ in targets
        if layer_of(target) > layer_of(module)
    )


def test_the_graph_sees_lazy_imports() -> None:
    graph = import_graph()
    app_imports = {target for target, _ in graph["companion.cli"]}
    # make_app imports the app inside the function: the walk must still see it.
    assert "companion.app" in app_imports
    assert ("companion.programme.core", True) in graph["companion.app"]


def test_there_is_no_import_cycle() -> None:
    graph = import_graph()
    every = {m: {t for t, _typing_only in targets} for m, targets in graph.items()}
    assert find_cycle(every) is None


def test_layers_only_import_downward() -> None:
    assert upward_imports(import_graph()) == []


def test_every_module_has_a_layer() -> None:
    for module in MODULES:
        layer_of(module)
    with pytest.raises(AssertionError, match="no layer"):
        layer_of("companion.somewhere_new")


def test_the_checks_can_fail() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    source = "def f():\n    from companion.app import CompanionApp\n"
    imports = imports_of("companion.screens.dashboard", source)
    assert imports == [("companion.app", False)]
    assert upward_imports({"companion.screens.dashboard": imports}) == [
        "companion.screens.dashboard -> companion.app"
    ]
    typed = (
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import companion.domain.pair\n"
    )
    assert imports_of("companion.screens.dashboard", typed) == [("companion.domain.pair", True)]


def test_widgets_and_dialogs_never_touch_storage() -> None:
    offenders = [
        f"{module} -> {target}"
        for module, found in import_graph().items()
        if module.startswith(("companion.widgets", "companion.dialogs"))
        for target, _ in found
        if target.startswith("companion.storage")
    ]
    assert offenders == []
