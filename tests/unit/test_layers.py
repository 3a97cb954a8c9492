"""macros/ keeps its layers (text → model → words → citing → rendering, each importing only from below), the
plugin sits on top of it, and only macros/__init__.py knows MkDocs: the contracts in pyproject.toml, checked
by import-linter as `lint-imports` runs them."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    # import-linter puts the working directory first on the import path: the packages under `project` are read.
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True,
                          timeout=60)


def copy_engine(tmp_path: Path) -> Path:
    for name in ("macros", "reading_plugin"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_engine_keeps_its_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_every_module_of_the_engine_is_in_a_layer():
    """A module left beside macros/__init__.py would sit outside every layer, unchecked."""
    assert sorted(p.name for p in (ROOT / "macros").glob("*.py")) == ["__init__.py"]
    layers = {p.name for p in (ROOT / "macros").iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert layers == {"text", "model", "words", "citing", "rendering"}


def test_an_import_from_a_higher_layer_is_refused(tmp_path):
    project = copy_engine(tmp_path)
    paths = project / "macros" / "model" / "paths.py"
    paths.write_text(paths.read_text(encoding="utf-8") + "\nfrom macros.rendering import pages  # noqa\n",
                     encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "macros.model.paths -> macros.rendering.pages" in result.stdout


def test_the_engine_importing_mkdocs_is_refused(tmp_path):
    project = copy_engine(tmp_path)
    cjk = project / "macros" / "text" / "cjk.py"
    cjk.write_text(cjk.read_text(encoding="utf-8") + "\nimport mkdocs.plugins  # noqa\n", encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "macros.text.cjk -> mkdocs (l." in result.stdout


def test_the_readme_names_every_module_of_the_engine():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "macros").glob("*/*.py")
                     if p.name != "__init__.py")
    assert [module for module in modules if f"`{module}`" not in readme] == []
