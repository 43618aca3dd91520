"""Each translated field is typed in its language's direction.

The admin page runs in the reader's direction; a French or English field
(modeltranslation's `_fr`, `_en`) on an Arabic page would otherwise be typed
right to left, its full stop jumping to the start. Every model page and inline
of the admin takes this mixin; `tests/ogptracker/test_admin_directions.py`
walks them all.
"""

from typing import Any

from django import forms
from django.db.models import Field
from django.http import HttpRequest
from django.utils.translation import get_language_info


def set_direction(widget: forms.Widget, language: str) -> None:
    # Through the wrappers (modeltranslation's «clear» box, the admin's related
    # links) to the widget that renders the input.
    while hasattr(widget, "widget"):
        widget = widget.widget
    widget.attrs["dir"] = "rtl" if get_language_info(language)["bidi"] else "ltr"
    widget.attrs["lang"] = language


class TypingDirectionMixin:
    def formfield_for_dbfield(
        self, db_field: Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # modeltranslation's fields carry their language.
        language = getattr(db_field, "language", None)
        if field is not None and language:
            set_direction(field.widget, language)
        return field
