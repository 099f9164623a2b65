"""The geoparser stays readable: no module over 500 lines and no function over 80 (issue #20)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "geoevents"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
# The geoparser: its package, the two stage modules and the gazetteer modules the resolver imports.
MODULES = sorted(
    [
        *(PACKAGE / "geoparse").glob("*.py"),
        PACKAGE / "resolve.py",
        PACKAGE / "recognize.py",
        PACKAGE / "gazetteer" / "base.py",
        PACKAGE / "gazetteer" / "normalize.py",
    ]
)


def _long_functions(source: str) -> list[tuple[str, int]]:
    """Every function (method, nested function) of a module longer than the limit, with its length."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - start + 1
            if length > MAX_FUNCTION_LINES:
                out.append((node.name, length))
    return out


def test_the_geoparser_modules_are_all_found() -> None:
    assert len(MODULES) > 20 and all(p.is_file() for p in MODULES)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_module_and_function_sizes(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_MODULE_LINES
    assert _long_functions(source) == []


def test_the_size_check_sees_a_long_function() -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    assert _long_functions(f"class A:\n    def f(self):\n{body}\n") == [("f", MAX_FUNCTION_LINES + 1)]
    assert _long_functions("def g():\n    return 1\n") == []
