"""The documented ways to run the app and the tests must stay the ones CI uses."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_documents_the_front_door() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/run_app.sh" in readme
    assert "bash scripts/run_tests.sh" in readme


def test_ci_runs_the_documented_test_command() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]
    assert commands[-1] == "bash scripts/run_tests.sh"


def test_runtime_requirements_are_pinned() -> None:
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [ln.split("#")[0].strip() for ln in lines]
    unpinned = [req for req in requirements if req and "==" not in req]
    assert not unpinned, f"unpinned requirements: {unpinned}"
