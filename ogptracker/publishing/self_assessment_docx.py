"""The self-assessment report as a DOCX, for the secretariat to edit in a word processor.

The same parts, figures and words as the page and the PDF
(`templates/publishing/self_assessment.html`). python-docx is imported here
only. Arabic paragraphs are marked right to left (`w:bidi`, added through
python-docx's element layer, its documented way to reach what its API does
not name) and their runs as right-to-left text; tables list their columns
from the right. A field shown in another language than the document's (the
Arabic text where a French one is missing, `Shown`) is a run of its own,
marked with its language (`w:lang`) and direction, as the page marks it with
`lang` and `dir`.
"""

import io
from typing import Any, NamedTuple

from django.template.defaultfilters import floatformat
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from commitments.progress import RollUp
from ogptracker.civilsociety.side_by_side import SideBySide
from ogptracker.common.languages import direction, shown_language
from ogptracker.ogpcycle.self_assessment import SelfAssessment

from .templatetags.progress_tags import percent as _percent
from .templatetags.progress_tags import slippage as _slippage


def _date(value) -> str:
    return formats.date_format(value, "j F Y") if value else "—"


class Shown(NamedTuple):
    """A translated field's text and the language it is shown in."""

    text: str
    language: str


def shown(instance: object, name: str) -> Shown:
    return Shown(getattr(instance, name) or "", shown_language(instance, name))


# What a paragraph, heading or cell holds: text in the document's language, a
# field as shown, or a list of both.
Pieces = str | Shown | list[str | Shown]


class _Writer:
    def __init__(self, title: str):
        from docx import Document

        self.document = Document()
        self.language = translation.get_language()
        self.rtl = translation.get_language_bidi()
        properties = self.document.core_properties
        properties.title = title
        properties.language = self.language

    def _fill(self, paragraph, pieces: Pieces, label: str = ""):
        """`paragraph` with its direction and a run for each piece, `label` first in bold."""
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if self.rtl:
            paragraph.paragraph_format.element.get_or_add_pPr().append(OxmlElement("w:bidi"))
        if label:
            self._run(paragraph, label + " ").bold = True
        for piece in pieces if isinstance(pieces, list) else [pieces]:
            if not isinstance(piece, Shown):
                self._run(paragraph, str(piece))
                continue
            if piece.language == self.language:
                self._run(paragraph, piece.text)
                continue
            run = paragraph.add_run(piece.text)
            rtl = direction(piece.language) == "rtl"
            run.font.rtl = rtl
            language = OxmlElement("w:lang")
            language.set(qn("w:bidi" if rtl else "w:val"), piece.language)
            run.font.element.get_or_add_rPr().append(language)
        return paragraph

    def _run(self, paragraph, text: str):
        run = paragraph.add_run(text)
        if self.rtl:
            run.font.rtl = True
        return run

    def heading(self, pieces: Pieces, level: int):
        return self._fill(self.document.add_heading("", level), pieces)

    def paragraph(self, pieces: Pieces, label: str = "", style: str | None = None):
        return self._fill(self.document.add_paragraph(style=style), pieces, label)

    def table(self, headers: list[str], rows: list[list[Pieces]]):
        order = (lambda cells: cells[::-1]) if self.rtl else (lambda cells: cells)
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, order(headers), strict=True):
            self._fill(cell.paragraphs[0], text).runs[0].bold = True
        for values in rows:
            cells = table.add_row().cells
            for cell, pieces in zip(cells, order(values), strict=True):
                self._fill(cell.paragraphs[0], pieces)
        return table

    def bytes(self) -> bytes:
        output = io.BytesIO()
        self.document.save(output)
        return output.getvalue()


def _activity_headers() -> list[str]:
    return [_("No."), _("Activity"), _("Status"), _("Planned"), _("Revised end"), _("Slippage")]


def _civil_society(civil: SideBySide) -> str:
    """The page's line, in words: the figure, who and when, the official one, the gap."""
    parts = [
        _percent(civil.percent),
        f"{civil.forum}, {civil.period.label}",
        str(civil.completion_label),
        _("Official figure at the end of that period: %(figure)s")
        % {"figure": _percent(civil.official)},
    ]
    if civil.flagged:
        above = _("Civil society: %(points)s points above the official figure")
        below = _("Civil society: %(points)s points below the official figure")
        points = floatformat(civil.gap_points, -1)
        parts.append((above if civil.gap > 0 else below) % {"points": points})
    return " · ".join(parts)


def _mean(rollup: RollUp) -> str:
    return _(
        "Mean progress of the commitments: %(figure)s (%(reported)s of %(total)s "
        "commitments reported)."
    ) % {"figure": _percent(rollup.percent), "reported": rollup.reported, "total": rollup.total}


def docx_bytes(report: SelfAssessment, context: dict[str, Any]) -> bytes:
    writer = _Writer(str(context["title"]))
    separator = pgettext("list separator", ", ")
    writer.heading(str(context["title"]), 0)
    writer.paragraph(shown(report.plan, "title"))
    if report.until:
        writer.paragraph(
            _("Data published up to the plan's midpoint, %(date)s.") % {"date": _date(report.until)}
        )
    else:
        writer.paragraph(
            _("Every figure published until %(date)s.") % {"date": _date(context["today"])}
        )

    writer.heading(_("1. The process"), 1)
    count = len(report.meetings)
    writer.paragraph(
        ngettext(
            "The plan's committees held %(counter)s meeting whose minutes are published:",
            "The plan's committees held %(counter)s meetings whose minutes are published:",
            count,
        )
        % {"counter": count}
    )
    for meeting in report.meetings:
        url = context["base_url"] + f"/{translation.get_language()}/meetings/{meeting.pk}/"
        title = [": ", shown(meeting, "title")] if meeting.title else []
        line = [shown(meeting.committee, "name"), f"{separator}{_date(meeting.date)}", *title]
        writer.paragraph([*line, f" — {url}"], style="List Bullet")

    writer.heading(_("2. Progress of the plan"), 1)
    if report.committee_figure:
        writer.paragraph(
            _("Figure recorded by the committee on %(date)s: %(figure)s.")
            % {
                "date": _date(report.committee_figure.date),
                "figure": _percent(report.committee_figure.percent),
            }
        )
    writer.paragraph(_mean(report.rollup))
    if len(report.axes) > 1:
        writer.table(
            [_("Axis"), _("Commitments"), _("Progress")],
            [
                [
                    shown(axis.source, "title") if axis.title else _("Without axis"),
                    str(len(axis.commitments)),
                    _percent(axis.rollup.percent),
                ]
                for axis in report.axes
            ],
        )

    writer.heading(_("3. Progress per commitment"), 1)
    for axis in report.axes:
        if axis.title:
            writer.heading(shown(axis.source, "title"), 2)
        for part in axis.commitments:
            commitment = part.commitment
            writer.heading(
                [f"{commitment.number}. ", shown(commitment, "title")], 3 if axis.title else 2
            )
            ogp_id = f" · {commitment.ogp_id}" if commitment.ogp_id else ""
            writer.paragraph(
                [shown(commitment.lead_institution, "name"), ogp_id], _("Lead institution:")
            )
            start = commitment.start_date or report.plan.start
            end = commitment.end_date or report.plan.end
            writer.paragraph(f"{_date(start)} – {_date(end)}", _("Period:"))
            if part.percent is not None:
                figure = _("%(figure)s on %(date)s") % {
                    "figure": _percent(part.percent),
                    "date": _date(part.reported_on),
                }
            else:
                figure = _("no report published")
            writer.paragraph(figure, _("Progress:"))
            if part.activities:
                writer.table(
                    _activity_headers(),
                    [
                        [
                            str(activity.number),
                            shown(activity, "title"),
                            str(activity.get_status_display()),
                            f"{_date(activity.planned_start)} – {_date(activity.planned_end)}",
                            _date(activity.revised_end),
                            _slippage(activity.slippage) if activity.slippage else "—",
                        ]
                        for activity in part.activities
                    ],
                )
            if part.evidence:
                writer.paragraph(separator.join(part.evidence), _("Evidence:"))
            if part.irm:
                judgements = [
                    report.irm_labels[name]
                    if name == "starred"
                    else f"{report.irm_labels[name]}: {label}"
                    for name, label in part.irm.items()
                ]
                writer.paragraph(separator.join(judgements), _("The IRM's judgement:"))
            civil = getattr(part, "civil_society", None)
            if civil is not None:
                writer.paragraph(_civil_society(civil), _("Civil society's assessment:"))

    record = context.get("record")
    if context.get("published") and record.comments_from:
        comments = list(record.comments.all())
        writer.heading(_("Public comments on the draft"), 1)
        writer.paragraph(
            ngettext(
                "The draft was open for comment from %(start)s to %(end)s; "
                "%(counter)s comment was received.",
                "The draft was open for comment from %(start)s to %(end)s; "
                "%(counter)s comments were received.",
                len(comments),
            )
            % {
                "start": _date(record.comments_from),
                "end": _date(record.comments_until),
                "counter": len(comments),
            }
        )
        for comment in comments:
            by = (
                f"{comment.name} ({comment.organisation})" if comment.organisation else comment.name
            )
            writer.paragraph(comment.text, by + ":", style="List Number")
        if record.response:
            writer.heading(_("The secretariat's response"), 2)
            writer.paragraph(record.response)

    writer.heading(_("4. Next steps"), 1)
    if report.next_steps:
        for step in report.next_steps:
            owner = f" — {step.owner}" if step.owner else ""
            due = (
                " (" + _("due %(date)s") % {"date": _date(step.due_date)} + ")"
                if step.due_date
                else ""
            )
            writer.paragraph([shown(step, "text"), f"{owner}{due}"], style="List Number")
    else:
        writer.paragraph(_("The committees' minutes leave no next step open."))
    return writer.bytes()
