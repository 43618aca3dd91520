"""The minutes document's element tree, built by the standard library's parser.

WeasyPrint parses HTML with tinyhtml5, a pure-Python HTML5 parser: about 40 ms
of every minutes PDF. The document comes from our own templates, with every
element closed, so `html.parser` (a few milliseconds) builds the same tree,
provided the source never relies on the HTML5 parser's repairs: an omitted end
tag, a row without its table section, a block inside a paragraph, and so on.

`parse()` builds the tree only from such a strict document and returns None
for anything else, which WeasyPrint then parses itself (`weasyprint_html()`):
a template change can make the PDF slower, never different. The tests check
that both parsers build the same tree from real minutes.
"""

import logging
from functools import cache
from html.parser import HTMLParser
from xml.etree.ElementTree import Comment, Element, SubElement

VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# Where the HTML5 parser would move, insert or reinterpret something: the
# parents an element needs, and the children an element takes.
PARENTS = {
    "head": {"html"},
    "body": {"html"},
    "li": {"ul", "ol", "menu"},
    "dt": {"dl"},
    "dd": {"dl"},
    "tr": {"thead", "tbody", "tfoot"},
    "th": {"tr"},
    "td": {"tr"},
    "col": {"colgroup"},
    "caption": {"table"},
    "colgroup": {"table"},
    "thead": {"table"},
    "tbody": {"table"},
    "tfoot": {"table"},
}
CHILDREN = {
    "html": {"head", "body"},
    "head": {"meta", "title", "link", "style", "script", "base"},
    "title": set(),
    "style": set(),
    "script": set(),
    "table": {"caption", "colgroup", "thead", "tbody", "tfoot"},
    "colgroup": {"col"},
    "thead": {"tr"},
    "tbody": {"tr"},
    "tfoot": {"tr"},
    "tr": {"th", "td"},
}
TEXTLESS = frozenset("html head table colgroup thead tbody tfoot tr ul ol dl".split())
# Elements a paragraph may hold without the HTML5 parser closing it first.
PHRASING = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q s samp small "
    "span strong sub sup time u var wbr".split()
)
HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Elements the HTML5 parser closes when one of these starts inside them.
NOT_WITHIN = {"a": {"a"}, "button": {"button"}, "form": {"form"}} | {
    heading: HEADINGS for heading in HEADINGS
}
# Foreign content, raw text and newline rules this builder does not reproduce.
UNSUPPORTED = frozenset(
    "svg math template pre listing textarea plaintext xmp iframe noembed "
    "noframes noscript frameset frame image isindex select option optgroup "
    "ruby rb rp rt rtc nobr".split()
)


logger = logging.getLogger(__name__)
# What WeasyPrint's HTML keeps of its source, set by `weasyprint_html` below.
HTML_ATTRIBUTES = {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}


def weasyprint_html(html, base_url, url_fetcher):
    """WeasyPrint's HTML document for `html`: from our tree when the source is
    strict, else parsed by WeasyPrint itself."""
    import cssselect2
    from weasyprint import HTML

    root = parse(html) if _takes_parsed_trees() else None
    if root is None:
        return HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    document = HTML.__new__(HTML)
    document.base_url = base_url
    document.url_fetcher = url_fetcher
    document.media_type = "print"
    document.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    document.etree_element = document.wrapper_element.etree_element
    return document


@cache
def _takes_parsed_trees():
    """Whether this WeasyPrint's HTML holds what `weasyprint_html` sets, and no more."""
    from weasyprint import HTML

    held = set(vars(HTML(string="<p>")))
    if held != HTML_ATTRIBUTES:
        logger.warning("WeasyPrint's HTML is not the expected one: it parses the minutes itself.")
    return held == HTML_ATTRIBUTES


class NotStrict(Exception):
    """The document relies on the HTML5 parser's repairs."""


def parse(html):
    """The document's root element, or None when it is not strictly well-formed."""
    if "\0" in html:
        return None
    builder = _TreeBuilder()
    try:
        # The HTML5 parser's input preprocessing: every line break becomes LF.
        builder.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
        builder.close()
        return builder.finish()
    except NotStrict:
        return None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = None
        self.open = []
        # The element whose text (inside it) or tail (after it) the next data joins.
        self.last = None
        self.after_last = False
        # Whitespace after the body, which the HTML5 parser moves to its end.
        self.after_body = None

    def handle_starttag(self, tag, attrs):
        attrib = {name: "" if value is None else value for name, value in attrs}
        if tag in UNSUPPORTED or len(attrib) != len(attrs):
            raise NotStrict(tag)
        parent = self.open[-1] if self.open else None
        if parent is None:
            if tag != "html" or self.root is not None:
                raise NotStrict(tag)
            element = self.root = Element(tag, attrib)
        else:
            if parent.tag not in PARENTS.get(tag, {parent.tag}):
                raise NotStrict(tag)
            if tag not in CHILDREN.get(parent.tag, {tag}):
                raise NotStrict(tag)
            within = {element.tag for element in self.open}
            if tag not in PHRASING and "p" in within or within & NOT_WITHIN.get(tag, set()):
                raise NotStrict(tag)
            element = SubElement(parent, tag, attrib)
        self.last = element
        self.after_last = tag in VOID
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID:
            # `<p/>` opens a paragraph for the HTML5 parser.
            raise NotStrict(tag)
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID or not self.open or self.open[-1].tag != tag:
            raise NotStrict(f"/{tag}")
        self.last = self.open.pop()
        self.after_last = True
        if tag == "body":
            self.after_body = ""

    def handle_data(self, data):
        if self.after_body is not None:
            if data.strip():
                raise NotStrict("text after the body")
            self.after_body += data
            return
        if not self.open:
            if data.strip():
                raise NotStrict("text before the document")
            return
        if self.open[-1].tag in TEXTLESS and data.strip():
            raise NotStrict("text in a table or list")
        if self.after_last:
            self.last.tail = (self.last.tail or "") + data
        else:
            self.last.text = (self.last.text or "") + data

    def handle_comment(self, data):
        if not self.open or self.after_body is not None:
            raise NotStrict("comment outside the body")
        comment = Comment(data)
        self.open[-1].append(comment)
        self.last = comment
        self.after_last = True

    def handle_decl(self, decl):
        if decl.lower() != "doctype html" or self.root is not None:
            raise NotStrict(decl)

    def handle_pi(self, data):
        raise NotStrict(data)

    def unknown_decl(self, data):
        raise NotStrict(data)

    def finish(self):
        if self.open or self.root is None:
            raise NotStrict("unclosed elements")
        if [child.tag for child in self.root] != ["head", "body"]:
            raise NotStrict("html without head and body")
        # Like the HTML5 parser: no whitespace before the head, and what
        # follows the body at its end.
        head, body = self.root
        self.root.text = None
        if len(body):
            body[-1].tail = (body[-1].tail or "") + self.after_body
        else:
            body.text = (body.text or "") + self.after_body
        return self.root
