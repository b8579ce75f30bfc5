"""Paragraph styles. Residents get large type (12 pt body, 1.4 line spacing); planners
get a denser report; both use the embedded DejaVu Sans."""

from dataclasses import dataclass

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle

from workbench.report import fonts

INK = "#1b1b1b"
MUTED = "#555555"
ACCENT = "#1f4e79"       # headings and the cover band: dark blue, calm, high contrast
ACCENT_LIGHT = "#e8eef5"


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    quote: ParagraphStyle
    speaker: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    size: float            # body size, for drawn elements that sit beside text


def make_styles(body_size: float = 12, cell_size: float = 9) -> Styles:
    regular, bold = fonts.register()
    leading = round(body_size * 1.4, 1)

    def style(name, size, font=regular, color=INK, space_before=0, space_after=0, lead=None, **extra):
        return ParagraphStyle(name, fontName=font, fontSize=size, leading=lead or round(size * 1.3, 1),
                              textColor=color, spaceBefore=space_before, spaceAfter=space_after,
                              alignment=TA_LEFT, splitLongWords=1, allowWidows=0, allowOrphans=0, **extra)

    return Styles(
        body=style("body", body_size, lead=leading, space_after=body_size * 0.5),
        small=style("small", body_size - 2, color=MUTED, space_after=4),
        title=style("title", body_size * 2.1, bold, "#ffffff", lead=body_size * 2.5),
        subtitle=style("subtitle", body_size * 1.15, regular, "#ffffff", lead=body_size * 1.5),
        h1=style("h1", body_size * 1.5, bold, ACCENT, space_before=body_size, space_after=body_size * 0.6,
                 keepWithNext=1),
        h2=style("h2", body_size * 1.15, bold, INK, space_before=body_size * 0.8, space_after=body_size * 0.4,
                 keepWithNext=1),
        quote=style("quote", body_size + 1, lead=round((body_size + 1) * 1.4, 1), space_before=body_size * 0.6,
                    leftIndent=14),
        speaker=style("speaker", body_size - 1, color=MUTED, leftIndent=14, space_after=4),
        cell=style("cell", cell_size),
        cell_bold=style("cell_bold", cell_size, bold),
        size=body_size,
    )


def table_commands(padding: float = 0) -> list:
    """TableStyle commands every table starts with.

    FONTNAME matters even for tables of Paragraphs: reportlab sets the cell font
    anyway, and its default (Helvetica) would end up in the PDF, not embedded.
    """
    regular, _bold = fonts.register()
    return [("FONTNAME", (0, 0), (-1, -1), regular), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), padding), ("RIGHTPADDING", (0, 0), (-1, -1), padding + 2),
            ("TOPPADDING", (0, 0), (-1, -1), padding), ("BOTTOMPADDING", (0, 0), (-1, -1), padding)]
