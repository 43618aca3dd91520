"""Which evidence files a lead, co-lead or forum member may attach, judged by their content,
and how a file is served.

The browser's content type and the file name are the uploader's word; the
first bytes of the file are not. A file is accepted only when its content is
one of the allowed kinds and its extension names that same kind.
"""

from typing import Any

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils.http import content_disposition_header
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


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several files in one input; each checked by content (see evidence.py)."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ACCEPT_ATTRIBUTE

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        errors = []
        cleaned = []
        for upload in uploads:
            upload = super().clean(upload, initial)
            try:
                upload.detected_type = check_evidence_file(upload)
            except ValidationError as error:
                errors.append(error)
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned


def serve(
    file: FieldFile, content_type: str, *, public: bool
) -> FileResponse | HttpResponseRedirect:
    """The file, once the caller checked who may see it.

    Served by the site, or, with a bucket and S3_SIGNED_URL_SECONDS, handed to
    the bucket by a signed address that expires in those seconds. A file not
    yet public is kept by no cache.
    """
    name = file.name.rsplit("/", 1)[-1]
    content_type = content_type or "application/octet-stream"
    if settings.S3_BUCKET and settings.S3_SIGNED_URL_SECONDS:
        return _signed_redirect(file, name, content_type)
    try:
        handle = file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_KINDS,
        filename=name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


def _signed_redirect(file: FieldFile, name: str, content_type: str) -> HttpResponseRedirect:
    """To the bucket's copy, with the headers the site would have sent."""
    if not file.storage.exists(file.name):
        raise Http404
    url = file.storage.url(
        file.name,
        parameters={
            "ResponseContentType": content_type,
            "ResponseContentDisposition": content_disposition_header(
                content_type not in INLINE_KINDS, name
            ),
        },
        expire=settings.S3_SIGNED_URL_SECONDS,
    )
    response = HttpResponseRedirect(url)
    # The address expires: no copy of this answer may outlive it.
    response["Cache-Control"] = "private, no-store"
    return response
