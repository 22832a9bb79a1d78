"""Writes the DOCX templates of ``documents/docx/`` from their sources in ``documents.specs``.

A template is an ordinary Word document with Jinja tags that docxtpl fills at issue time; it is
written by code so that its text is reviewed like code and the committed ``.docx`` can be
regenerated (``python manage.py documents_build_templates``) and opened in Word or LibreOffice
by a methodologist who wants to adjust a wording.

Layout of an official document (ГОСТ Р 7.0.97-2016): A4, margins 20 mm (left 30 mm for the
file copy), Times New Roman 14 pt, single spacing, a first-line indent of 1.25 cm, text
justified; the requisites (the organization, the kind, the date and number, the title) above.
"""

from __future__ import annotations

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


#: Abbreviations a list item may end with; their dot is not the item's punctuation.
_ABBREVIATIONS = ("г.", "гг.", "др.", "пр.", "т. д.", "т. п.", "т.д.", "т.п.")


def _bare(line: str) -> str:
    """``line`` without its closing «;» or «.» (but with the dot of a closing abbreviation)."""
    line = line.rstrip().rstrip(";").rstrip()
    if line.endswith(".") and not line.endswith(_ABBREVIATIONS):
        line = line[:-1]
    return line


def page_numbers(section) -> None:
    """Page numbers at the top centre of a python-docx ``section``, from its second page (ГОСТ Р
    7.0.97-2016 §6.4): a ``PAGE`` field in the header, 12 pt."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(12)


def cant_split(row) -> None:
    """Forbid ``row`` (a python-docx table row) to break across pages (``w:cantSplit``)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        element = OxmlElement("w:cantSplit")
        element.set(qn("w:val"), "true")
        properties.append(element)


def keep_together(table) -> None:
    """Keep a small table (a signature block, an approval stamp) on one page: no row splits, and
    every paragraph of every row but the last keeps with the next."""
    rows = list(table.rows)
    for index, row in enumerate(rows):
        cant_split(row)
        if index < len(rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


class TemplateBuilder:
    """Builds one template paragraph by paragraph.

    Text may hold Jinja (``{{ head.name.acc }}``); ``**bold**`` spans are not parsed, use
    ``bold=True`` for a whole paragraph. Loops and conditions over paragraphs are written with
    :meth:`tag` (``{%p for pair in pairs %}``), over table rows with :meth:`table` ``loop``.
    """

    def __init__(self, *, landscape: bool = False, size: float = 14):
        self.document = new_docx()
        self.size = size
        section = self.document.sections[0]
        section.page_height, section.page_width = Mm(297), Mm(210)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_height, section.page_width = Mm(210), Mm(297)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(0), Pt(0)
        fmt.line_spacing = 1.0
        # No single line of a paragraph left alone at the top or the bottom of a page.
        fmt.widow_control = True
        page_numbers(section)

    def para(
        self,
        text: str = "",
        *,
        align: str = "justify",
        bold: bool = False,
        italic: bool = False,
        indent: bool = True,
        size: float | None = None,
        space_before: float = 0,
        space_after: float = 0,
        keep_with_next: bool = False,
    ):
        """A paragraph; justified with a first-line indent unless told otherwise."""
        paragraph = self.document.add_paragraph()
        paragraph.alignment = ALIGN[align]
        fmt = paragraph.paragraph_format
        if indent and align == "justify":
            fmt.first_line_indent = Cm(1.25)
        fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
        fmt.keep_with_next = keep_with_next
        if text:
            run = paragraph.add_run(text)
            run.bold, run.italic = bold, italic
            if size:
                run.font.size = Pt(size)
        return paragraph

    def items(self, lines) -> None:
        """A list of dash items after a colon: each ends with «;», the last with «.», whatever
        punctuation the lines came with (a closing abbreviation such as «г.» keeps its dot)."""
        lines = [_bare(line) for line in lines]
        for index, line in enumerate(lines):
            if index < len(lines) - 1:
                self.para(f"– {line};")
            else:
                self.para(f"– {line}" + ("" if line.endswith(".") else "."))

    def tag(self, jinja: str) -> None:
        """A paragraph holding only a docxtpl paragraph tag, e.g. ``{%p if minor %}``: the tag
        paragraph itself disappears from the result."""
        self.document.add_paragraph(jinja)

    def center(self, text: str, *, bold: bool = False, size: float | None = None, space_after: float = 0):
        return self.para(text, align="center", bold=bold, indent=False, size=size, space_after=space_after)

    def blank(self) -> None:
        self.para("", indent=False)

    def heading(self, text: str, *, space_before: float = 12, space_after: float = 6) -> None:
        """A section heading: bold, centred, kept with the next paragraph."""
        self.para(
            text,
            align="center",
            bold=True,
            indent=False,
            space_before=space_before,
            space_after=space_after,
            keep_with_next=True,
        )

    def letterhead(self) -> None:
        """The organization's requisites: the full name in capitals, the address, the INN."""
        self.center("{{ org.full_name|upper }}", bold=True, size=self.size - 1)
        self.center("{{ org.requisites }}", size=10, space_after=12)

    def order_head(self, title: str) -> None:
        """«ПРИКАЗ», then the date on the left and the number on the right, the place of issue
        under them («г. Сургут», ``org.place``; ГОСТ Р 7.0.97-2016 requisites 10–12), then the
        title."""
        self.letterhead()
        self.center("ПРИКАЗ", bold=True, space_after=12)
        self.two_columns("{{ date_long }}", "№ {{ number }}")
        self.center("{{ org.place }}", space_after=0)
        self.para(title, bold=True, align="left", indent=False, space_before=12, space_after=12)

    def approval_stamp(self, lines: list[str]) -> None:
        """The «УТВЕРЖДЕНО» block at the top right (an appendix to an order)."""
        table = self.document.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        left.width, right.width = Cm(8), Cm(8)
        right.paragraphs[0].text = lines[0]
        for line in lines[1:]:
            right.add_paragraph(line)
        keep_together(table)
        self.blank()

    def two_columns(self, left: str, right: str, *, bold: bool = False) -> None:
        """Two texts on one line, the first flush left, the second flush right (no borders)."""
        table = self.document.add_table(rows=1, cols=2)
        first, second = table.rows[0].cells
        first.paragraphs[0].text = left
        second.paragraphs[0].text = right
        second.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for cell in (first, second):
            for run in cell.paragraphs[0].runs:
                run.bold = bold

    def signature(self, position: str, name: str) -> None:
        """The signature block: the position on the left, a line and the name on the right. It
        never splits across pages and stays on the page of the text above it (issue 15 item 4):
        the block's row cannot split, and the paragraphs before it keep with it."""
        self.keep_previous_with_next()
        self.blank()
        self.document.paragraphs[-1].paragraph_format.keep_with_next = True
        table = self.document.add_table(rows=1, cols=3)
        cells = table.rows[0].cells
        cells[0].paragraphs[0].text = position
        cells[1].paragraphs[0].text = "____________"
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cells[2].paragraphs[0].text = name
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        keep_together(table)

    def keep_previous_with_next(self) -> None:
        """Keep the last paragraph written with what follows it (a closing sentence with the
        signature, a caption with its table)."""
        if self.document.paragraphs:
            self.document.paragraphs[-1].paragraph_format.keep_with_next = True

    def table(
        self,
        headers: list[str],
        cells: list[str],
        *,
        loop: str,
        widths: list[float] | None = None,
        size: float = 12,
    ) -> None:
        """A bordered table: a header row, then one row per item of the docxtpl ``loop``
        (``"for row in rows"``), its ``cells`` being Jinja expressions of the item."""
        table = self.document.add_table(rows=4, cols=len(headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].text = text
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in cell.paragraphs[0].runs:
                run.bold = True
        table.rows[1].cells[0].paragraphs[0].text = f"{{%tr {loop} %}}"
        for cell, text in zip(table.rows[2].cells, cells, strict=True):
            cell.paragraphs[0].text = text
        table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
        if widths:
            # Word reads the cells' widths, LibreOffice the grid's: set both, and fix the layout.
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=True):
                column.width = Cm(width)
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                if widths:
                    cell.width = Cm(widths[index])
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        run.font.size = Pt(size)
        # Repeat the header on every page of a long table; no row split across two pages.
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.append(repeat)
        for row in table.rows:
            cant_split(row)
        self.blank()

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def save(self, path) -> None:
        core = self.document.core_properties
        core.author = "«Наставник»"
        core.title = ""
        self.document.save(path)
