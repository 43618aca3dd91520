"""The minutes PDF's own parser builds the HTML5 parser's tree, or leaves the work to it."""

import datetime
import logging

import pytest
import tinyhtml5
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils.translation import override

from meetings import pdf, pdf_tree
from meetings.minutes_pdf import minutes_html
from meetings.models import Meeting
from tests.factories import make_user


def html5_tree(html):
    return tinyhtml5.parse(html, namespace_html_elements=False)


def nodes(root):
    """Every element in document order: tag, attributes, text and tail."""
    return [
        (element.tag, sorted(element.attrib.items()), element.text, element.tail)
        for element in root.iter()
    ]


def document(body, head="<title>محضر</title>"):
    return (
        f'<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>{head}</head>\n'
        f"<body>{body}</body>\n</html>\n"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "fr", "en"])
@pytest.mark.parametrize("date", [datetime.date(2020, 6, 17), datetime.date(2025, 3, 18)])
@pytest.mark.parametrize("preview", [False, True])
def test_pdf_tree_of_the_real_minutes_is_the_html5_parser_tree(seed_data, language, date, preview):
    meeting = Meeting.objects.get(date=date)
    request = RequestFactory().get("/")
    # The secretariat previews signed in: the page's header holds the sign-out form.
    request.user = make_user(secretariat=True) if preview else AnonymousUser()
    with override(language):
        html = minutes_html(request, meeting.pk, preview=preview)

    root = pdf_tree.parse(html)

    assert root is not None
    assert nodes(root) == nodes(html5_tree(html))
    assert len(nodes(root)) > 100


@pytest.mark.parametrize(
    "body",
    [
        "<p>ينتهي السطر &amp; يبدأ\r\nآخر\r</p><p>&nbsp;65&#160;%</p>",
        '<ul class="minutes-bullets"><li>أ <strong>ب</strong> ج</li><li>د<br>هـ</li></ul>',
        "<table><colgroup><col><col></colgroup><thead><tr><th>الالتزام</th><th>%</th></tr>"
        "</thead>\n<tbody>\n<tr><td><p>نص</p></td><td>65</td></tr>\n</tbody></table>",
        "<section><h2>جدول <span>الأعمال</span></h2><p>نص <a href='#x'>رابط</a></p></section>",
        '<div data-label="التاريخ" hidden>دجنبر 2025</div><!-- ملاحظة -->',
        '<nav><a href="/ar/">أ</a><form method="post" action="/ar/accounts/logout/">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="x">'
        '<button type="submit" class="link-button">خروج</button></form></nav>',
    ],
)
def test_pdf_tree_of_strict_html_is_the_html5_parser_tree(body):
    html = document(body)

    assert nodes(pdf_tree.parse(html)) == nodes(html5_tree(html))


@pytest.mark.parametrize(
    "html",
    [
        document("<p>فقرة بلا نهاية"),
        document("<p>فقرة<div>كتلة</div></p>"),
        document("<p>فقرة <span><ul><li>بند</li></ul></span></p>"),
        document("<table><tr><td>صف بلا قسم</td></tr></table>"),
        document("<table><col><tbody></tbody></table>"),
        document("<table><tbody><tr><td>خلية</td></tr></tbody>نص في الجدول</table>"),
        document("<table><tbody><div>كتلة</div></tbody></table>"),
        document("<li>بند بلا قائمة</li>"),
        document("<a href='#a'>رابط <a href='#b'>داخل رابط</a></a>"),
        document("<h2>عنوان <h3>داخل عنوان</h3></h2>"),
        document("<span>غير مرتب</p></span>"),
        document("<p/>"),
        document("<pre>\nسطر</pre>"),
        document("<svg><circle r='1'/></svg>"),
        document("<select><option>أ<option>ب</select>"),
        document('<p class="a" class="b">صفتان</p>'),
        document("<form><p>أ</p><form></form></form>"),
        document("<p>\0</p>"),
        document("<p>نص</p>", head="<div>في الرأس</div>"),
        "<html><body><p>بلا رأس</p></body></html>",
        "نص قبل الوثيقة<html><head></head><body></body></html>",
        document("<p>نص</p>") + "<p>بعد الوثيقة</p>",
        document("<p>نص</p>") + "<!-- بعد الوثيقة -->",
    ],
)
def test_pdf_tree_leaves_html_needing_repairs_to_the_html5_parser(html):
    assert pdf_tree.parse(html) is None


def test_pdf_tree_is_used_by_the_pinned_weasyprint(monkeypatch):
    parsed = []
    parse = pdf_tree.parse
    monkeypatch.setattr(pdf_tree, "parse", lambda html: parsed.append(parse(html)) or parsed[-1])

    document, _options = pdf._document(document_with_status_table())

    assert parsed[0] is not None
    assert document.etree_element is parsed[0]


def document_with_status_table():
    return document(
        "<h1>محضر اجتماع لجنة التنفيذ</h1>"
        "<table><tbody><tr><th>الالتزام 3</th><td><p>تنفيذ الالتزام بنسبة 65 %</p></td></tr>"
        "</tbody></table>"
    )


def page_boxes(html):
    return [
        (type(box).__name__, box.element_tag, round(box.position_x, 3), round(box.position_y, 3))
        for page in pdf.layout(html).pages
        for box in page._page_box.descendants()
    ]


def test_pdf_tree_lays_out_the_document_as_weasyprint_own_parse(monkeypatch):
    html = document_with_status_table()
    ours = page_boxes(html)

    monkeypatch.setattr(pdf_tree, "parse", lambda html: None)

    assert page_boxes(html) == ours


def test_pdf_tree_unexpected_weasyprint_html_parses_the_minutes_itself(monkeypatch, caplog):
    from weasyprint import HTML

    monkeypatch.setattr(pdf_tree, "HTML_ATTRIBUTES", pdf_tree.HTML_ATTRIBUTES | {"new_attribute"})
    pdf_tree._takes_parsed_trees.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="meetings.pdf_tree"):
            document, _options = pdf._document(document_with_status_table())
    finally:
        pdf_tree._takes_parsed_trees.cache_clear()

    assert type(document) is HTML
    assert "parses the minutes itself" in caplog.text
    assert pdf_tree.parse(document_with_status_table()) is not None
