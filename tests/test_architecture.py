"""The package's shape: no import circle anywhere in strategy/, and stages that import
only the stages before them in the flow."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "strategy"

# The flow, top to bottom: a module may import from its own folder and from folders
# listed before its own, never from one listed after it. ``language`` and ``problems``
# are the words and the report type every stage uses; ``pipeline`` runs the stages;
# ``commands`` is the command line, the only place that knows argparse and exit codes.
LAYERS = ("language", "problems", "model", "sections", "law", "checks", "compose", "export",
          "pipeline", "release", "data", "commands")


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the modules of the package it imports (at any depth of its code)."""
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle, as the list of modules around it; empty when there is none.
    Iterative, so a long chain cannot exhaust the interpreter's stack."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in sorted(graph):
        if start in state:
            continue
        path = [start]
        state[start] = 1
        stack = [iter(sorted(graph[start]))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(sorted(graph[nxt])))
    return []


def _layer(module: str) -> int:
    top = module.split(".")[1] if "." in module else ""
    return LAYERS.index(top) if top in LAYERS else -1


def test_no_module_of_the_package_is_part_of_an_import_circle() -> None:
    cycle = _cycle(_imports(_modules()))
    assert not cycle, "import circle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_circle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) == []


def test_every_folder_of_the_package_is_a_stage_of_the_flow() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    files = {p.stem for p in PACKAGE.glob("*.py")} - {"__init__"}
    unknown = (folders | files) - set(LAYERS)
    assert not unknown, f"not a stage of the flow (tests/test_architecture.py LAYERS): {unknown}"


def test_no_stage_imports_a_later_stage() -> None:
    upward = sorted(f"{module} -> {target}"
                    for module, targets in _imports(_modules()).items()
                    for target in targets
                    if _layer(module) >= 0 and _layer(target) > _layer(module))
    assert not upward, "a stage imports a later one:\n" + "\n".join(upward)


def test_only_the_commands_know_the_command_line() -> None:
    """argparse and exit codes belong to strategy/commands/ alone."""
    offenders = []
    for name, path in _modules().items():
        if name.startswith("strategy.commands"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if "argparse" in names:
                    offenders.append(name)
    assert not offenders, f"argparse outside strategy/commands/: {sorted(set(offenders))}"
