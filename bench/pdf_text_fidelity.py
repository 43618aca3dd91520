"""How much of the minutes PDFs' text comes back whole when copied out of them.

Run against a database holding the seed meetings (e.g. after `manage.py load_demo`):

    DEBUG=true .venv/bin/python bench/pdf_text_fidelity.py [YYYY-MM-DD ...]

For each meeting (June 2020 and March 2025 by default) in each language, the
PDF is rendered from its HTML as the site renders it, read back with
pdftotext (as a reader's copy and paste or a search engine would), and
compared with the words of that HTML:

- words: the distinct words (tokens holding a letter) of the HTML that
  pdftotext returns as a word, letter for letter; Arabic and Latin apart;
- numbers: the distinct numbers (tokens of digits, with their inner
  separators: 17, 65, 2018-2020, 17/06/2020) returned as words;
- numbers in order: the same numbers found one after the other in the text
  pdftotext returned, its spaces left out: pdftotext moves the spaces around
  the numbers of a right-to-left line, which the first figure counts;
- ranges: the year ranges (2018-2020) among them, returned as words.

It prints a Markdown table (docs/accessibility.md holds the figures) and, with
-v, the words and numbers that did not come back.
"""

import os
import re
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")

DATES = ["2020-06-17", "2025-03-18"]
LANGUAGES = ["ar", "fr", "en"]
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
# What is stripped from a token's ends: punctuation of both scripts, brackets, quotes.
EDGES = "".join(
    chr(c) for c in range(0x110000) if unicodedata.category(chr(c)).startswith(("P", "S"))
)
NUMBER = re.compile(r"^\d+(?:[-/.:,]\d+)*$")
YEAR_RANGE = re.compile(r"^\d{4}-\d{4}$")


class TextOf(HTMLParser):
    """The printed text of an HTML document's body: without its head, styles,
    scripts, or what print.css hides (navigation, footer, .no-print)."""

    SKIPPED_TAGS = {"head", "style", "script", "title"}
    SKIPPED_CLASSES = {"site-header", "site-footer", "language-switcher", "skip-link", "no-print"}
    VOID = {"br", "img", "input", "meta", "link", "col", "hr", "wbr", "source"}
    BREAKS = {"br", "p", "li", "td", "th", "tr", "div", "h1", "h2", "h3", "dt", "dd"}

    def __init__(self):
        super().__init__()
        self.parts = []
        self.skipped_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == "br" and not self.skipped_depth:
                self.parts.append(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        if self.skipped_depth or tag in self.SKIPPED_TAGS or classes & self.SKIPPED_CLASSES:
            self.skipped_depth += 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.skipped_depth:
            self.skipped_depth -= 1
        else:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.skipped_depth:
            self.parts.append(data)


def tokens(text):
    text = BIDI_CONTROLS.sub("", text)
    return [token.strip(EDGES) for token in text.split() if token.strip(EDGES)]


def is_arabic(word):
    return any("\u0600" <= letter <= "\u06ff" for letter in word)


def fidelity(html, pdf_text):
    parser = TextOf()
    parser.feed(html)
    source = tokens("".join(parser.parts))
    returned = tokens(pdf_text)
    returned_set = set(returned)
    words = {token for token in source if any(letter.isalpha() for letter in token)}
    numbers = list(dict.fromkeys(token for token in source if NUMBER.match(token)))
    # In order: each number found after the previous one in what pdftotext returned,
    # its spaces left out (it moves those around the numbers of right-to-left lines).
    squeezed = re.sub(r"\s+", "", BIDI_CONTROLS.sub("", pdf_text))
    in_order, position = [], 0
    for number in numbers:
        found = squeezed.find(number, position)
        if found >= 0:
            position = found + len(number)
            in_order.append(number)
    arabic = {word for word in words if is_arabic(word)}
    latin = words - arabic
    ranges = [number for number in numbers if YEAR_RANGE.match(number)]
    return {
        "arabic": (len(arabic & returned_set), len(arabic)),
        "latin": (len(latin & returned_set), len(latin)),
        "numbers": (len([n for n in numbers if n in returned_set]), len(numbers)),
        "numbers in order": (len(in_order), len(numbers)),
        "ranges": (len([r for r in ranges if r in returned_set]), len(ranges)),
        "lost": sorted(words - returned_set) + [n for n in numbers if n not in returned_set],
    }


def share(found, total):
    return f"{found}/{total} ({100 * found / total:.1f} %)" if total else "—"


def main(dates, verbose):
    import django

    django.setup()
    from django.test import RequestFactory
    from django.utils.translation import override

    from meetings import pdf
    from meetings.minutes_pdf import minutes_html
    from meetings.models import Meeting
    from tests.text import pdf_text

    print(
        "| minutes | language | Arabic words | Latin words | numbers | numbers in order "
        "| year ranges |"
    )
    print("|---|---|---|---|---|---|---|")
    for date in dates:
        meeting = Meeting.objects.get(date=date)
        for language in LANGUAGES:
            with override(language):
                request = RequestFactory().get(f"/{language}/meetings/{meeting.pk}/minutes.pdf")
                html = minutes_html(request, meeting.pk, preview=False)
                found = fidelity(html, pdf_text(pdf.render_pdf(html)))
            print(
                f"| {date} | {language} | {share(*found['arabic'])} | {share(*found['latin'])} "
                f"| {share(*found['numbers'])} | {share(*found['numbers in order'])} "
                f"| {share(*found['ranges'])} |"
            )
            if verbose and found["lost"]:
                print(f"<!-- {date} {language} lost: {' '.join(found['lost'])} -->")


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "-v"]
    main(arguments or DATES, "-v" in sys.argv)
