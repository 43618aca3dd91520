"""Showing where a search's words are in a text: marked, and cut to an excerpt.

A text is searched as the searches do (ogptracker/publishing/search.py): folded,
each query word cut to its stem, found anywhere (Arabic) or where a word
begins (ogptracker/common/matching.py). The whole word around each match is
marked, so «الالتزامات» is marked whole where the stem «التزام» matched.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ogptracker.common.folding import fold
from ogptracker.common.matching import WORD_LETTER, anywhere, begins_a_word

from .search import terms

ELLIPSIS = "…"


def found_spans(text: str, query: str) -> list[tuple[int, int]]:
    """The (start, end) stretches of `text`, whole words, holding a word of
    `query`: sorted, merged where they touch."""
    folded, origin = _folded_with_origin(text)
    spans = []
    for word in (form for term in terms(query) for form in term):
        start = folded.find(word)
        while word and start != -1:
            end = start + len(word)
            if anywhere(word) or begins_a_word(folded, start):
                spans.append(_whole_words(text, origin[start], origin[end - 1] + 1))
            start = folded.find(word, start + 1)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def marked(text: object, query: str) -> SafeString:
    """`text`, escaped, each stretch holding a word of `query` in <mark>."""
    return _marked(str(text), found_spans(str(text), query))


def excerpt(text: object, query: str, width: int = 160) -> str:
    """About `width` characters of `text` around the first word of `query` it
    holds, marked, with «…» where cut; empty when it holds none."""
    text = " ".join(str(text or "").split())
    spans = found_spans(text, query)
    if not spans:
        return ""
    first = spans[0][0]
    start = min(first, _word_start(text, max(0, first - width // 3)))
    end = _word_end(text, min(len(text), start + width))
    shown = [(max(s, start) - start, min(e, end) - start) for s, e in spans if s < end]
    body = _marked(text[start:end], shown)
    before = ELLIPSIS if start > 0 else ""
    after = ELLIPSIS if end < len(text) else ""
    return mark_safe(f"{before}{body}{after}")


def _folded_with_origin(text):
    """`text` folded, and for each folded character the index it came from."""
    folded = fold(text)
    # Folding replaces letters one for one; only lower-casing may lengthen
    # one (İ), never shorten: the same length means the same places.
    if len(folded) == len(text):
        return folded, range(len(text))
    folded, origin = [], []
    for index, letter in enumerate(text):
        for folded_letter in fold(letter):
            folded.append(folded_letter)
            origin.append(index)
    return "".join(folded), origin


def _whole_words(text, start, end):
    while start > 0 and WORD_LETTER.match(text[start - 1]):
        start -= 1
    while end < len(text) and WORD_LETTER.match(text[end]):
        end += 1
    return start, end


def _word_start(text, index):
    """`index`, moved forward past a word it would cut."""
    if index == 0 or not WORD_LETTER.match(text[index - 1]):
        return index
    space = text.find(" ", index)
    return index if space == -1 else space + 1


def _word_end(text, index):
    """`index`, moved back before a word it would cut."""
    if index == len(text) or not WORD_LETTER.match(text[index]):
        return index
    space = text.rfind(" ", 0, index)
    return index if space <= 0 else space


def _marked(text, spans):
    parts, done = [], 0
    for start, end in spans:
        parts.append(escape(text[done:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        done = end
    parts.append(escape(text[done:]))
    return mark_safe("".join(parts))
