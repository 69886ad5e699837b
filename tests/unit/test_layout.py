"""The floor plan, read statically from the code (ARCHITECTURE.md "Rules of the house").

Imports are read with ``ast`` from every module of the six source packages - function-level
(lazy) imports included, since they are dependencies all the same - and resolved to the
module they name (``from a.b import c`` names ``a.b.c`` when that is a module, else ``a.b``).
Nothing is imported or run.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("pawgraph", "subgraphs", "supergraph", "auth", "loaders", "persistence")
SUBGRAPHS = ("profiles", "appointments", "telehealth", "commerce", "chronic_care", "training",
             "payments", "accounts")
CONTRACT = ("__init__.py", "context.py", "types.py", "inputs.py", "payloads.py", "queries.py",
            "mutations.py", "subscriptions.py", "errors.py", "models.py", "service/__init__.py",
            "repository/__init__.py")
# What each lower part may import of the others' (its own package always).
ALLOWED = {
    "persistence": set(),
    "auth": {"persistence"},
    "supergraph": {"auth", "persistence"},
    "subgraphs": {"auth", "persistence"},
    "loaders": {"subgraphs", "auth", "persistence"},
}
SQL_CALLS = {"select", "insert", "update", "delete", "text"}
SQL_METHODS = {"execute", "exec", "flush", "add", "add_all", "scalars", "scalar"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            found[_module_name(path)] = path
    return found


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def _resolve(name: str) -> str | None:
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


@cache
def imports_of(module: str) -> frozenset[str]:
    """The project modules ``module`` imports (anywhere in its body)."""
    path = modules()[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target is not None and target != module:
                out.add(target)
    return frozenset(out)


def _top(module: str) -> str:
    return module.split(".")[0]


def test_nothing_below_the_shell_imports_it():
    upward = [(m, t) for m in modules() if _top(m) != "pawgraph"
              for t in imports_of(m) if _top(t) == "pawgraph"]
    assert upward == []


def test_each_part_imports_only_the_parts_below_it():
    wrong = [(m, t) for m in modules() if _top(m) in ALLOWED
             for t in imports_of(m)
             if _top(t) != _top(m) and _top(t) not in ALLOWED[_top(m)]
             and m != "subgraphs.registry"]  # the registry hands subgraphs their loaders
    assert wrong == []


def _subgraph_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if parts[0] == "subgraphs" and len(parts) > 1 and parts[1] in SUBGRAPHS \
        else None


def test_no_subgraph_imports_another_subgraph():
    crossing = [(m, t) for m in modules() if _subgraph_of(m)
                for t in imports_of(m) if _subgraph_of(t) not in (None, _subgraph_of(m))]
    shared_up = [(m, t) for m in modules() if m.startswith("subgraphs.shared")
                 for t in imports_of(m) if _subgraph_of(t)]
    assert crossing == [] and shared_up == []


def test_there_are_no_import_cycles():
    graph = {m: sorted(imports_of(m)) for m in modules()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    assert cycles == []


def _sql_allowed(module: str) -> bool:
    parts = module.split(".")
    return ("repository" in parts or "migrations" in parts or parts[0] == "persistence"
            or module.startswith("pawgraph.demo") or module == "subgraphs.shared.context")


def _sql_calls(path: Path) -> list[str]:
    tree = _tree(path)
    sql_names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "sqlalchemy", "sqlmodel"):
            sql_names |= {a.asname or a.name for a in node.names if a.name in SQL_CALLS}
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in sql_names and not (
                func.id == "text" and path.name == "models.py"):  # server_default=text(...)
            found.append(f"{path.name}:{node.lineno} {func.id}(")
        elif isinstance(func, ast.Attribute) and func.attr in SQL_METHODS and isinstance(
                func.value, (ast.Name, ast.Attribute)):
            owner = func.value.attr if isinstance(func.value, ast.Attribute) else func.value.id
            if owner in ("session", "uow", "conn", "connection"):
                found.append(f"{path.name}:{node.lineno} {owner}.{func.attr}(")
    return found


def test_sql_lives_only_in_repositories_migrations_and_seeding():
    outside = {m: calls for m, path in modules().items()
               if _top(m) in ("subgraphs", "auth", "loaders", "supergraph")
               and not _sql_allowed(m) and (calls := _sql_calls(path))}
    assert outside == {}


def test_every_subgraph_package_has_the_same_files():
    missing = {name: [f for f in CONTRACT if not (ROOT / "subgraphs" / name / f).exists()]
               for name in SUBGRAPHS}
    sql_without_migrations = [name for name in SUBGRAPHS if name != "profiles"
                              and not (ROOT / "subgraphs" / name / "migrations").is_dir()]
    assert {k: v for k, v in missing.items() if v} == {} and sql_without_migrations == []


def test_the_layout_reader_sees_imports():
    # The reader itself: a known import edge is found (this test fails if parsing broke).
    assert "subgraphs.shared.payloads" in imports_of("subgraphs.payments.payloads")
