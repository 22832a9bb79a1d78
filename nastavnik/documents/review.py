"""The review of a generated document as a school head, a lawyer and a Russian editor read it
(issue 15, «Done when»): the defects of the classes the issue names, found in the DOCX itself.

:func:`review_docx` reads one DOCX and returns a Russian description of every defect found, with
the words around it, so that a test over the whole package (``tests/test_package_review.py``)
names the document and the place. The checks:

- the organization's full name in the nominative in the middle of a sentence (after a word that
  governs another case: «учитель Муниципальное бюджетное…»), or one of its case forms with a
  capital mid-sentence («в Муниципальном бюджетном…»); the letterhead (in capitals), a paragraph
  or a table cell starting with the name (the subject of a sentence, a label) are not defects;
- a position in the wording of the national list (Постановление Правительства РФ от 21.02.2022
  № 225: «Директор (заведующий, начальник) образовательной организации»), declined or not,
  instead of the staff schedule's title;
- an abbreviation written in lower case («икт-компетенции», «273-фз», «цнппм», «мбоу»);
- an award of another region (the Положение of a ХМАО school offering «знак отличия
  Волгоградской области»);
- a signature table that may split across pages or leave the text above it (rows without
  ``w:cantSplit``, the paragraph before it without keep-with-next);
- a template leftover: ``{{``, ``{%``, ``}}``, ``%}``, «None», «nan», a number sign with no
  number before a comma, doubled spaces, «::», the spaced dash written two ways;
- a date in a non-standard form (««02» декабря», «02 декабря»: ГОСТ Р 7.0.97-2016 §5.13 writes
  «2 декабря 2026 г.» or 02.12.2026); a blank's «___» is not a date.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from docx.oxml.ns import qn

#: Abbreviations that are written in capitals whatever the case of the words around them
#: (seed 001 §1, 002 §1 and the law's names: ИКТ, ЦНППМ, МОУО, УВР, 273-ФЗ…).
ABBREVIATIONS = (
    "икт",
    "цнппм",
    "моуо",
    "увр",
    "пдн",
    "фз",
    "ооо",
    "оао",
    "мбоу",
    "маоу",
    "мкоу",
    "мбдоу",
    "мадоу",
    "мкдоу",
    "мбу",
    "мау",
    "бу",
    "бпоу",
    "спо",
    "доо",
    "овз",
    "фгос",
    "гиа",
    "огэ",
    "егэ",
    "рф",
    "снилс",
    "инн",
    "огрн",
    "кпп",
    "умвд",
    "мвд",
    "хмао",
    "ппмс",
)
_ABBREVIATION = re.compile(
    r"(?<![А-Яа-яЁёA-Za-z])(" + "|".join(ABBREVIATIONS) + r")(?![а-яё])(?=[^А-ЯЁA-Za-z]|$)"
)

_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_QUOTED_DAY = re.compile(r"[«\"“„]\s*\d{1,2}\s*[»\"”“]\s*(?:" + _MONTHS + r")")
_LEADING_ZERO_DAY = re.compile(r"(?<![\d.])0\d\s+(?:" + _MONTHS + r")")

#: A region named in the genitive, as awards name theirs («знак отличия Волгоградской области»).
_WORD = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*"
_REGION = re.compile(
    rf"(?:{_WORD}(?:ой|ей) (?:автономной )?области"
    rf"|{_WORD}(?:ого|его) края"
    rf"|Республик[иаеу] {_WORD}(?: {_WORD})?"
    rf"|{_WORD}(?:ого|его) автономного округа"
    rf"|{_WORD}(?:ий) (?:край|автономный округ)"
    rf"|{_WORD}(?:ая) область"
    r"|город[аеу]? (?:Москв|Санкт-Петербург|Севастопол)[а-яё]*)"
)
_REGION_GENERIC = {
    "области",
    "область",
    "края",
    "край",
    "республики",
    "республика",
    "республике",
    "республику",
    "автономного",
    "автономный",
    "автономной",
    "округа",
    "округ",
    "города",
    "город",
    "городу",
    "городе",
}
_AWARD = re.compile(r"знак|наград|медал|почётн|почетн|звани|грамот|благодарн|отличи", re.IGNORECASE)

#: A line to sign on; «№ ______» (a number given at registration) is not one.
_SIGNATURE_LINE = re.compile(r"(?<!№)(?<!№ )(?<!№\u00a0)(?<!_)_{4,}")
#: A stamp at the top of a page («УТВЕРЖДАЮ», «Приложение к приказу»): it opens the text, nothing
#: above it needs to stay with it.
_STAMP = re.compile(r"^\s*(?:УТВЕРЖДА|УТВЕРЖДЕН|СОГЛАСОВАН|Приложение)")
_LEFTOVERS = (
    (re.compile(r"\{\{|\{%|\}\}|%\}"), "остаток шаблона («{{», «{%», «}}», «%}»)"),
    (re.compile(r"(?<![A-Za-z])(?:None|nan|NaN)(?![A-Za-z])"), "пустое значение («None», «nan»)"),
    (re.compile(r"№\s*[,;.)]"), "знак «№» без номера"),
    (re.compile(r"\S[ \u00a0]{2,}(?=\S)"), "двойной пробел"),
    (re.compile(r"::"), "двойное двоеточие"),
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)[«\"(]?\s*$")


@dataclass(frozen=True)
class _Paragraph:
    """One paragraph of the document: its ``text``, whether it is in a table ``cell``, and the
    text of that cell (``""`` outside tables)."""

    text: str
    cell: bool
    cell_text: str


def _text(paragraph) -> str:
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:tab"):
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _paragraphs(body) -> Iterator[_Paragraph]:
    for paragraph in body.iter(qn("w:p")):
        cell = next((a for a in paragraph.iterancestors(qn("w:tc"))), None)
        if cell is None:
            yield _Paragraph(_text(paragraph), False, "")
        else:
            cell_text = "\n".join(_text(p) for p in cell.iter(qn("w:p")))
            yield _Paragraph(_text(paragraph), True, cell_text)


def _plain(text: str) -> str:
    """``text`` as compared with a name: non-breaking spaces as spaces, the dash as «—» (the
    typographic pass turns a registered «округа – Югры» into «округа — Югры»), «"» as «»»."""
    return " ".join(text.replace("\u00a0", " ").replace("–", "—").split(" "))


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    snippet = text[left:right].replace("\n", " ").replace("\u00a0", " ").replace("\t", " ")
    return ("…" if left else "") + snippet.strip() + ("…" if right < len(text) else "")


def _stem(word: str) -> str:
    """A crude stem that survives declension: the word without its last two letters."""
    word = word.lower()
    return word[:-2] if len(word) > 4 else word


def _region_key(phrase: str) -> str:
    """The distinctive word of a region's name («Волгоградской области» → «волгоград»)."""
    words = [w for w in re.split(r"[\s–—]+", phrase) if w and w.lower() not in _REGION_GENERIC]
    return _stem(words[0])[:6] if words else ""


def _organization_region(organization):
    from nastavnik.organizations.choices import Level

    if organization.level == Level.REGION:
        return organization
    return organization.ancestors().filter(level=Level.REGION).first()


def _position_patterns() -> list[tuple[re.Pattern, str]]:
    """Patterns of the national list's wordings that are not staff-schedule titles: each
    position name holding «(» or «образовательной организации», its words matched by their
    stems (so that «заместителю директора (заведующего, начальника)» is caught too)."""
    from nastavnik.reference.models import Position

    patterns = []
    for name in Position.objects.values_list("name", flat=True):
        if "(" not in name and "образовательной организации" not in name.lower():
            continue
        head, _, rest = name.partition("(")
        tail = rest.partition(")")[2] if rest else ""
        head_words = [re.escape(_stem(w)) + r"[а-яё]*" for w in head.split()]
        tail_words = [re.escape(_stem(w)) + r"[а-яё]*" for w in tail.split()]
        head_pattern = r"\s+".join(head_words)
        alternatives = r"\s*\([^)]*\)"
        if rest:
            # «директора (заведующий, начальник)…» — the alternatives after the title
            patterns.append((re.compile(head_pattern + r"\s*\(", re.IGNORECASE), name))
        if tail_words:
            # «директора образовательной организации», with or without the alternatives
            pattern = head_pattern + rf"(?:{alternatives})?\s+" + r"\s+".join(tail_words)
            patterns.append((re.compile(pattern, re.IGNORECASE), name))
    return patterns


def _name_forms(organization) -> list[str]:
    from nastavnik.core.language import CASES

    forms = []
    for case in CASES:
        if case == "nomn":
            continue
        form = organization.name_in(case)
        if form and form[:1].islower():
            forms.append(form)
    return forms


def _check_names(paragraphs: list[_Paragraph], organization) -> list[str]:
    """The full name in the nominative, or a case form with a capital, mid-sentence."""
    found = []
    full = _plain(" ".join(organization.full_name.split()))
    if not full:
        return found
    nominative = [full]
    if full[:1].isupper():
        nominative.append(full[:1].lower() + full[1:])
    capitalized = [_plain(form[:1].upper() + form[1:]) for form in _name_forms(organization)]
    for paragraph in paragraphs:
        text = _plain(paragraph.text)
        for name in nominative:
            for match in re.finditer(re.escape(name), text):
                before = text[: match.start()]
                if _SENTENCE_START.search(before):
                    continue  # the subject of a sentence or a label's value: the nominative
                found.append(
                    "Наименование организации в именительном падеже посреди предложения (нужна "
                    f"падежная форма): «{_excerpt(text, match.start(), match.end())}»"
                )
        for name in capitalized:
            if name in nominative:
                continue
            for match in re.finditer(re.escape(name), text):
                if _SENTENCE_START.search(text[: match.start()]):
                    continue
                found.append(
                    "Наименование организации с прописной буквы посреди предложения: "
                    f"«{_excerpt(text, match.start(), match.end())}»"
                )
    return found


def _check_positions(paragraphs: list[_Paragraph], patterns) -> list[str]:
    """Each wording once: of overlapping matches («заместителю директора (заведующего…)» is
    also «директора (заведующего…)») the longest is named."""
    found = []
    for paragraph in paragraphs:
        text = paragraph.text.replace("\u00a0", " ")
        matches = [(m.start(), -m.end(), name) for pattern, name in patterns for m in pattern.finditer(text)]
        reported_until = -1
        for start, negative_end, name in sorted(matches):
            if start < reported_until:
                continue
            reported_until = -negative_end
            found.append(
                f"Должность в формулировке номенклатуры («{name}»), а не по штатному "
                f"расписанию: «{_excerpt(text, start, -negative_end)}»"
            )
    return found


def _check_abbreviations(paragraphs: list[_Paragraph]) -> list[str]:
    found = []
    for paragraph in paragraphs:
        text = paragraph.text.replace("\u00a0", " ")
        for match in _ABBREVIATION.finditer(text):
            found.append(
                f"Аббревиатура строчными буквами («{match.group(1)}» вместо "
                f"«{match.group(1).upper()}»): «{_excerpt(text, match.start(), match.end())}»"
            )
    return found


def _check_awards(paragraphs: list[_Paragraph], organization) -> list[str]:
    region = _organization_region(organization)
    own = _region_key(region.full_name) if region is not None else ""
    found = []
    for paragraph in paragraphs:
        text = paragraph.text.replace("\u00a0", " ")
        for match in _REGION.finditer(text):
            # the award named just before the region, in the same clause («знак отличия
            # Волгоградской области», «почётная грамота губернатора … области»)
            before = re.split(r"[;!?]|\.\s", text[max(0, match.start() - 80) : match.start()])[-1]
            if not _AWARD.search(before):
                continue
            key = _region_key(match.group(0))
            if key and key != own:
                found.append(
                    f"Награда другого региона («{match.group(0)}»), а организация — "
                    f"{'в другом регионе' if own else 'вне региона'}: "
                    f"«{_excerpt(text, match.start(), match.end())}»"
                )
    return found


def _on(element, tag: str) -> bool:
    """Whether ``element`` (a ``w:pPr``/``w:trPr``) has the toggle ``tag`` switched on."""
    if element is None:
        return False
    node = element.find(qn(tag))
    if node is None:
        return False
    return node.get(qn("w:val"), "true").lower() not in ("false", "0", "off")


def _keeps_with_next(paragraph, styles) -> bool:
    properties = paragraph.find(qn("w:pPr"))
    if properties is not None and properties.find(qn("w:keepNext")) is not None:
        return _on(properties, "w:keepNext")
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    style_id = style.get(qn("w:val")) if style is not None else None
    return bool(style_id and styles.get(style_id))


def _check_signatures(document) -> list[str]:
    """Signature tables («____» lines) that may split or leave the text above them."""
    styles = {}
    for style in document.styles.element.iter(qn("w:style")):
        properties = style.find(qn("w:pPr"))
        styles[style.get(qn("w:styleId"))] = _on(properties, "w:keepNext")
    found = []
    body = document.element.body
    for table in body.iter(qn("w:tbl")):
        text = " ".join(_text(p) for p in table.iter(qn("w:p")))
        if not _SIGNATURE_LINE.search(text):
            continue
        label = " ".join(text.replace("\u00a0", " ").split())[:80]
        rows = [row for row in table.iterchildren(qn("w:tr"))]
        if any(not _on(row.find(qn("w:trPr")), "w:cantSplit") for row in rows):
            found.append(
                f"Строка таблицы подписей может разорваться между страницами (нет cantSplit): «{label}»"
            )
        if len(rows) <= 6:
            for row in rows[:-1]:
                paragraphs = list(row.iter(qn("w:p")))
                if paragraphs and not all(_keeps_with_next(p, styles) for p in paragraphs):
                    found.append(
                        "Таблица подписей может разорваться между строками (строка не «не отрывать "
                        f"от следующего»): «{label}»"
                    )
                    break
        if _STAMP.match(text):
            continue
        previous = table.getprevious()
        while previous is not None and previous.tag not in (qn("w:p"), qn("w:tbl")):
            previous = previous.getprevious()
        if previous is None or table.getparent() is not body:
            continue
        if previous.tag == qn("w:p"):
            keeps = _keeps_with_next(previous, styles)
        else:
            last = list(previous.iterchildren(qn("w:tr")))[-1:]
            keeps = bool(last) and all(_keeps_with_next(p, styles) for p in last[0].iter(qn("w:p")))
        if not keeps:
            found.append(
                "Таблица подписей может уйти на следующую страницу без текста над ней (абзац перед "
                f"ней не «не отрывать от следующего»): «{label}»"
            )
    return found


def _check_leftovers(paragraphs: list[_Paragraph]) -> list[str]:
    found = []
    en = em = None
    for paragraph in paragraphs:
        text = paragraph.text
        for pattern, what in _LEFTOVERS:
            for match in pattern.finditer(text):
                found.append(
                    f"Остаток шаблона или опечатка — {what}: «{_excerpt(text, match.start(), match.end())}»"
                )
        plain = text.replace("\u00a0", " ")
        if en is None and (match := re.search(r"\S – \S", plain)):
            en = _excerpt(plain, match.start(), match.end())
        if em is None and (match := re.search(r"\S — \S", plain)):
            em = _excerpt(plain, match.start(), match.end())
    if en and em:
        found.append(f"Тире написано двумя способами: «{en}» и «{em}»")
    return found


def _check_dates(paragraphs: list[_Paragraph]) -> list[str]:
    found = []
    for paragraph in paragraphs:
        text = paragraph.text.replace("\u00a0", " ")
        for pattern in (_QUOTED_DAY, _LEADING_ZERO_DAY):
            for match in pattern.finditer(text):
                found.append(
                    "Дата не по ГОСТ Р 7.0.97 (пишется «2 декабря 2026 г.» или 02.12.2026): "
                    f"«{_excerpt(text, match.start(), match.end())}»"
                )
    return found


def review_docx(content: bytes, *, organization, positions: list | None = None) -> list[str]:
    """The defects of one generated DOCX of ``organization`` (an ``OrgUnit``), each a Russian
    sentence naming the class and quoting the words around it; ``[]`` when none is found.

    ``positions``: the patterns of :func:`position_patterns` (read once for many documents);
    read from ``reference.Position`` when ``None``. The body is read (tables included); the
    headers hold only the page number.

    Raises:
        ValueError: ``content`` is not a DOCX.
    """
    from docx import Document

    try:
        document = Document(io.BytesIO(content))
    except Exception as exc:  # python-docx raises several kinds on a file that is not a DOCX
        raise ValueError("Файл не является документом DOCX.") from exc
    paragraphs = list(_paragraphs(document.element.body))
    patterns = positions if positions is not None else position_patterns()
    found = []
    found += _check_names(paragraphs, organization)
    found += _check_positions(paragraphs, patterns)
    found += _check_abbreviations(paragraphs)
    found += _check_awards(paragraphs, organization)
    found += _check_signatures(document)
    found += _check_leftovers(paragraphs)
    found += _check_dates(paragraphs)
    return list(dict.fromkeys(found))


def position_patterns() -> list[tuple[re.Pattern, str]]:
    """``[(pattern, position name)]``: the national list's wordings :func:`review_docx` looks
    for (one query; pass the result to review many documents)."""
    return _position_patterns()
