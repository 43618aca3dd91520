"""The packages import one way, as docs/architecture.md draws them.

import-linter reads every import of the project, those inside functions
included, and checks the layers contract of pyproject.toml: a package may
import the packages below it, never one above.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_packages_import_only_the_layers_below_them():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 1 kept, 0 broken." in result.stdout
