"""Which evidence files a project lead may attach, judged by their content.

The browser's content type and the file name are the uploader's word; the
first bytes of the file are not. A file is accepted only when its content is
one of the allowed kinds and its extension names that same kind.
"""

import filetype
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_SIZE = 10 * 1024 * 1024

# Content kind detected by `filetype` -> extensions a file of that kind may carry.
ALLOWED_KINDS = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
}
ALLOWED_EXTENSIONS = sorted(set().union(*ALLOWED_KINDS.values()))
ACCEPT_ATTRIBUTE = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)
# Shown in the browser rather than downloaded: nothing in them can run.
INLINE_KINDS = {"application/pdf", "image/png", "image/jpeg"}


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_evidence_file(upload: File) -> str:
    """Return the detected content type of an upload, or raise ValidationError."""
    name = upload.name
    if upload.size > MAX_EVIDENCE_SIZE:
        raise ValidationError(
            _("«%(name)s» is %(size)s; each file may be at most %(limit)s."),
            code="too_large",
            params={
                "name": name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_EVIDENCE_SIZE),
            },
        )
    extension = extension_of(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("«%(name)s» is not an accepted kind of file. Accepted: %(allowed)s."),
            code="bad_extension",
            params={"name": name, "allowed": ", ".join(ALLOWED_EXTENSIONS)},
        )
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    content_type = kind.mime if kind else None
    if content_type not in ALLOWED_KINDS or extension not in ALLOWED_KINDS[content_type]:
        raise ValidationError(
            _(
                "The content of «%(name)s» is not a .%(extension)s file (it looks like "
                "%(detected)s). Attach the document itself, saved in one of the accepted formats."
            ),
            code="content_mismatch",
            params={
                "name": name,
                "extension": extension,
                "detected": kind.extension if kind else _("an unknown format"),
            },
        )
    return content_type
