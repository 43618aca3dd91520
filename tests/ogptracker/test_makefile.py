"""The Makefile's choice of interpreter for the virtualenv (read with `make -n`)."""

import re
import subprocess
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def dry_run(tmp_path, *arguments):
    """What `make -n` would run for `.venv/bin/activate` in an empty folder, and
    the value of PYTHON it settled on."""
    result = subprocess.run(
        ["make", "-n", "-p", "-f", str(MAKEFILE), "-C", str(tmp_path), *arguments],
        capture_output=True,
        text=True,
        check=True,
    )
    (python,) = re.findall(r"^PYTHON :?= (.*)$", result.stdout, re.MULTILINE)
    return python, result.stdout


def system_python_is_recent():
    if not SYSTEM_PYTHON.exists():
        return False
    check = [str(SYSTEM_PYTHON), "-c", "import sys; sys.exit(sys.version_info < (3, 11))"]
    return subprocess.run(check, capture_output=True).returncode == 0


def test_the_virtualenv_is_made_with_debians_python_when_recent(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTHON", raising=False)

    python, commands = dry_run(tmp_path, ".venv/bin/activate")

    if system_python_is_recent():
        assert python == "/usr/bin/python3"
        # Its python3-venv package first, which makes virtualenvs possible.
        assert (
            'if [ "/usr/bin/python3" = "/usr/bin/python3" ]; then .ci/system-deps.sh python3-venv'
            in commands
        )
        assert "/usr/bin/python3 -m venv .venv" in commands
    else:
        assert python == "python3"
        assert "python3 -m venv .venv" in commands


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_another_interpreter_can_be_named(tmp_path, monkeypatch, how):
    monkeypatch.delenv("PYTHON", raising=False)
    if how == "argument":
        python, commands = dry_run(tmp_path, "PYTHON=python3.12", ".venv/bin/activate")
    else:
        monkeypatch.setenv("PYTHON", "python3.12")
        python, commands = dry_run(tmp_path, ".venv/bin/activate")

    assert python == "python3.12"
    assert "python3.12 -m venv .venv" in commands
    # Debian's python3-venv is for Debian's interpreter only.
    assert re.search(r'if \[ "python3.12" = "/usr/bin/python3" \]', commands)
