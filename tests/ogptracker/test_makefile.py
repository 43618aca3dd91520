"""The Makefile's interpreter for the virtualenv (read with `make -n`)."""

import re
import subprocess
from pathlib import Path

import pytest

MAKEFILE = Path(__file__).resolve().parents[2] / "Makefile"
# Debian's own interpreter needs its python3-venv package to make virtualenvs.
DEBIAN_VENV_STEP = (
    """-c 'import sys; sys.exit(sys.prefix != "/usr")'; then .ci/system-deps.sh python3-venv"""
)


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


def test_the_virtualenv_is_made_with_the_python3_on_the_path(tmp_path, monkeypatch):
    monkeypatch.delenv("PYTHON", raising=False)

    python, commands = dry_run(tmp_path, ".venv/bin/activate")

    assert python == "python3"
    assert f"if python3 {DEBIAN_VENV_STEP}" in commands
    assert "\npython3 -m venv .venv\n" in commands


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_another_interpreter_can_be_named(tmp_path, monkeypatch, how):
    monkeypatch.delenv("PYTHON", raising=False)
    if how == "argument":
        python, commands = dry_run(tmp_path, "PYTHON=python3.12", ".venv/bin/activate")
    else:
        monkeypatch.setenv("PYTHON", "python3.12")
        python, commands = dry_run(tmp_path, ".venv/bin/activate")

    assert python == "python3.12"
    assert f"if python3.12 {DEBIAN_VENV_STEP}" in commands
    assert "\npython3.12 -m venv .venv\n" in commands
