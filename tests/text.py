"""Reading text back as a person reads it: without the invisible bidi controls."""

import re
import subprocess

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def readable(text):
    """The text without bidi controls, its runs of white space made single spaces."""
    return re.sub(r"\s+", " ", BIDI_CONTROLS.sub("", text)).strip()


def squeezed(text):
    """The readable text without any space.

    pdftotext rebuilds the logical order of right-to-left lines but moves the
    spaces around the Western digits embedded in them, so PDF text is compared
    without spaces.
    """
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", text))


def pdf_text(pdf):
    """What pdftotext reads in `pdf`: a PDF file's path, or the PDF itself as bytes."""
    source, content = ("-", pdf) if isinstance(pdf, bytes) else (str(pdf), None)
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", source, "-"], input=content, capture_output=True, check=True
    )
    return result.stdout.decode()
