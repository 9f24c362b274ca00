"""Import direction (STYLE.md section 2): the layers below the UI never load Textual or Rich.

`lint-imports` checks the imports written in the code; importing every module in a fresh
interpreter also catches what a static contract cannot see (imports made at run time).
"""

from __future__ import annotations

import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import vae_quiz
from tests.conftest import REPO

UI_PACKAGES = ("vae_quiz.ui", "vae_quiz.cli")
# The venv's own scripts first, so the test needs no activated venv.
LINT_IMPORTS = shutil.which(
    "lint-imports", path=os.pathsep.join((str(Path(sys.executable).parent), os.environ["PATH"]))
)


def _non_ui_modules() -> list[str]:
    """Every module of the package but the UI's and the CLI's (`__main__` runs the CLI)."""
    names = [info.name for info in pkgutil.walk_packages(vae_quiz.__path__, "vae_quiz.")]
    return [n for n in names if not n.startswith(UI_PACKAGES) and n != "vae_quiz.__main__"]


def test_non_ui_modules_are_found() -> None:
    modules = _non_ui_modules()
    assert {"vae_quiz.model", "vae_quiz.decks.loader", "vae_quiz.modes.study"} <= set(modules)
    assert not [name for name in modules if name.startswith(UI_PACKAGES)]


def test_importing_every_non_ui_module_loads_neither_textual_nor_rich() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {_non_ui_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.skipif(LINT_IMPORTS is None, reason="import-linter is not installed")
def test_import_contracts_are_kept() -> None:
    assert LINT_IMPORTS is not None
    result = subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_imports_itself_back_through_others() -> None:
    """No import cycle, counting imports inside functions (which a cycle hides behind)."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("vae_quiz")
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            back = graph.find_shortest_chain(importer=imported, imported=module)
            assert back is None, f"cycle: {module} -> {' -> '.join(back or ())}"
