"""Headings the public pages print, checked in each language's catalog."""

import pytest
from django.utils import translation
from django.utils.translation import gettext


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ar", "الالتزام"), ("fr", "Engagement"), ("en", "Commitment")],
)
def test_status_table_commitment_heading_is_translated(language, expected):
    with translation.override(language):
        assert gettext("Commitment") == expected


def test_no_progress_note_is_translated_in_french():
    with translation.override("fr"):
        assert gettext("No progress since the previous meeting") == (
            "Aucun avancement depuis la dernière réunion"
        )
