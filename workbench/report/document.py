"""The shared page machinery: document template, footer with "Pagina X van Y",
PDF metadata, bookmarks and a fixed creation date.

Output is deterministic: reportlab's invariant mode (no random file ID, no wall-clock
time) plus a creation date taken from the project itself.
"""

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from workbench import __version__
from workbench.i18n import _, language
from workbench.report import fonts, text

TOTAL_FORM = "page-total"
PDF_LANGUAGES = {"nl": "nl-NL", "en": "en-GB"}  # the document language screen readers use
MARGIN = 18 * mm
FOOTER_SIZE = 9
FOOTER_COLOR = "#4a4a4a"


class Heading(Paragraph):
    """A Paragraph that also becomes a bookmark (outline entry) in the PDF.

    Any flowable with an ``outline_text`` attribute becomes a bookmark the same way.
    """

    def __init__(self, markup, style, outline_text, level=0):
        super().__init__(markup, style)
        self.outline_text = outline_text
        self.outline_level = level


class _PageCountingCanvas(Canvas):
    """Defines the "Y" of "Pagina X van Y" once the last page is known.

    Every footer draws a form (a PDF XObject) that is only filled in here, at the end,
    so the document is laid out once instead of twice.
    """

    def save(self):
        if self._code:
            self.showPage()
        total = self.getPageNumber() - 1
        self.beginForm(TOTAL_FORM, lowerx=0, lowery=-FOOTER_SIZE, upperx=FOOTER_SIZE * 6, uppery=FOOTER_SIZE * 2)
        self.setFont(fonts.REGULAR, FOOTER_SIZE)
        self.setFillColor(FOOTER_COLOR)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


class Document(BaseDocTemplate):
    """A4/A3 document with our footer, metadata and bookmarks.

    ``footer_left`` is a list of plain text lines (contact, date); the page number goes
    on the right.
    ``pdf_date`` is "yyyy-mm-dd", used for the PDF creation date.
    """

    def __init__(self, out, pagesize, title, subject, author, footer_left, pdf_date, margin=MARGIN,
                 progress=None):
        fonts.register()
        super().__init__(out, pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                         bottomMargin=margin + 10 * mm, title=title, subject=subject, author=author,
                         creator=f"Gebiedsvisie Werkbank {__version__}", producer="Gebiedsvisie Werkbank",
                         invariant=1, lang=PDF_LANGUAGES.get(language(), "nl-NL"), keywords=[],
                         initialFontName=fonts.REGULAR)
        self.footer_left = footer_left
        self.pdf_date = pdf_date
        self.progress = progress
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])
        self._outline_level = -1
        self._bookmarks = 0

    def _decorate(self, canvas, doc):
        if canvas.getPageNumber() == 1:
            year, month, day = (int(part) for part in self.pdf_date.split("-"))
            canvas.setDateFormatter(lambda *_ignored: f"D:{year:04d}{month:02d}{day:02d}000000+00'00'")
        width, _height = self.pagesize
        y = self.bottomMargin - 8 * mm
        canvas.saveState()
        canvas.setStrokeColor("#c8c8c8")
        canvas.setLineWidth(0.6)
        canvas.line(self.leftMargin, y + FOOTER_SIZE + 4, width - self.rightMargin, y + FOOTER_SIZE + 4)
        canvas.setFont(fonts.REGULAR, FOOTER_SIZE)
        canvas.setFillColor(FOOTER_COLOR)
        page_label = _("Pagina {page} van").format(page=canvas.getPageNumber()) + " "
        reserve = fonts.string_width(page_label + "999", FOOTER_SIZE)
        for index, line in enumerate(self.footer_left[:2]):
            line_y = y - index * (FOOTER_SIZE + 2)
            canvas.drawString(self.leftMargin, line_y, text.shorten(line, self.width - reserve - 12, FOOTER_SIZE))
        page_x = width - self.rightMargin - reserve
        canvas.drawString(page_x, y, page_label)
        canvas.translate(page_x + fonts.string_width(page_label, FOOTER_SIZE), y)
        canvas.doForm(TOTAL_FORM)
        canvas.restoreState()

    def afterPage(self):
        # The page count is unknown until the end: approach 0.95 page by page.
        if self.progress is not None:
            pages = self.canv.getPageNumber()
            self.progress(0.1 + 0.85 * pages / (pages + 2))

    def afterFlowable(self, flowable):
        outline_text = getattr(flowable, "outline_text", None)
        if not outline_text:
            return
        # Outline levels may not skip a level (reportlab refuses 0 -> 2).
        level = min(getattr(flowable, "outline_level", 0), self._outline_level + 1)
        self._outline_level = level
        self._bookmarks += 1
        key = f"section-{self._bookmarks}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(outline_text, key, level=level, closed=False)

    def build(self, story):
        # Binary (not ASCII85) compressed streams: a quarter smaller and faster to write;
        # every PDF reader takes them. reportlab only has a global switch for this.
        previous = rl_config.useA85
        rl_config.useA85 = 0
        try:
            super().build(story, canvasmaker=_PageCountingCanvas)
        finally:
            rl_config.useA85 = previous
