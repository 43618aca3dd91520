"""Right-to-left lines are laid out once, and exactly where WeasyPrint put them."""

from contextlib import contextmanager

import pytest
from weasyprint.layout import inline

from meetings import pdf, rtl_lines

SENTENCE = "تقدم إنجاز الالتزامات بنسبة 65 % وتحيين منصة التتبع قبل الاجتماع المقبل. "
TEXT = f"""
<h1>محضر اجتماع لجنة الإشراف</h1>
<p>{SENTENCE * 8} <strong>{SENTENCE}</strong> <span dir="ltr">Open Government 2024</span></p>
<ul><li>{SENTENCE * 2}</li><li>{SENTENCE}</li></ul>
<table><tr><th>الالتزام</th><td>{SENTENCE * 3}</td><td>{SENTENCE}</td></tr></table>
<p style="text-align: justify">{SENTENCE * 5}</p>
"""
# Floats beside the text, one of which a tall line meets only once laid out:
# its line must then be laid out again, narrower.
FLOATS = f"""
<div style="float: right; width: 30%; height: 6em">إطار</div>
<div style="float: left; width: 20%; height: 3em">Cadre</div>
<p>{SENTENCE * 6}</p>
<div style="float: left; width: 60%; height: 2em"></div>
<div style="float: right; width: 60%; height: 1em"></div>
<p><span style="display: inline-block; height: 3em">٣</span> {SENTENCE * 3}</p>
"""


def document(direction, body=TEXT + FLOATS):
    return f'<html lang="ar" dir="{direction}"><body>{body}</body></html>'


@contextmanager
def weasyprint_own_line_layout():
    patched = inline.get_next_linebox
    inline.get_next_linebox = rtl_lines.original
    try:
        yield
    finally:
        inline.get_next_linebox = patched


def boxes(html):
    """Every box of every page: its kind, element and place."""
    return [
        (
            type(box).__name__,
            box.element_tag,
            round(box.position_x, 3),
            round(box.position_y, 3),
            round(box.width, 3),
            round(box.height, 3),
        )
        for page in pdf.layout(html).pages
        for box in page._page_box.descendants()
    ]


def line_passes(html, monkeypatch):
    """How many times lines are laid out, counted where each pass aligns its line."""
    calls = []
    text_align = inline.text_align

    def counting(*args, **kwargs):
        calls.append(1)
        return text_align(*args, **kwargs)

    with monkeypatch.context() as patch:
        patch.setattr(inline, "text_align", counting)
        pdf.layout(html)
    return len(calls)


def test_rtl_lines_fix_is_installed_on_the_pinned_weasyprint():
    pdf.warm_up()

    assert rtl_lines.apply()
    assert inline.get_next_linebox is not rtl_lines.original


@pytest.mark.parametrize("direction", ["rtl", "ltr"])
def test_rtl_lines_layout_is_weasyprint_own_to_the_point(direction):
    html = document(direction)
    ours = boxes(html)
    with weasyprint_own_line_layout():
        theirs = boxes(html)

    assert len(ours) > 50
    assert ours == theirs


def test_rtl_lines_are_laid_out_once_like_ltr_lines(monkeypatch):
    pdf.warm_up()
    rtl = line_passes(document("rtl", TEXT), monkeypatch)
    ltr = line_passes(document("ltr", TEXT), monkeypatch)
    with weasyprint_own_line_layout():
        rtl_before = line_passes(document("rtl", TEXT), monkeypatch)

    assert rtl == ltr > 20
    assert rtl_before == 2 * rtl


def test_rtl_lines_unexpected_source_keeps_weasyprint_code(monkeypatch, caplog):
    monkeypatch.setattr(rtl_lines, "original", None)
    monkeypatch.setattr(rtl_lines, "DOUBLE_PASS_CHECK", "no such statement\n")
    installed = inline.get_next_linebox
    monkeypatch.setattr(inline, "get_next_linebox", installed)

    assert not rtl_lines.apply()
    assert inline.get_next_linebox is installed
    assert "right-to-left lines stay laid out twice" in caplog.text
