"""The code's shape: timeline/ never imports streamlit (ruff's TID251 says so too; this
also covers imports that ruff's per-file settings could come to exempt by mistake), and no
module in timeline/ or ui/ is over 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_timeline_never_imports_streamlit() -> None:
    modules = sorted((ROOT / "timeline").rglob("*.py"))
    assert len(modules) > 20  # the check is only as good as what it reads
    found = [p.relative_to(ROOT).as_posix() for p in modules if "streamlit" in _imports(p)]
    assert not found, f"these import streamlit: {found}"


def test_the_check_sees_an_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from streamlit.errors import StreamlitAPIException\n")
    assert "streamlit" in _imports(probe)


MAX_LINES = 500  # a module past this holds more than one idea: split it


def test_no_module_in_timeline_or_ui_is_over_500_lines() -> None:
    modules = sorted([*(ROOT / "timeline").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])
    assert len(modules) > 30
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in modules
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"over {MAX_LINES} lines: {long}"
