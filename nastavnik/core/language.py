"""Official Russian for documents: names and positions by grammatical case, dates, numbers.

The rules of the language are taken from libraries, not written here: full names are declined by
``pytrovich`` (the petrovich rules, which know surnames like «Шевчук», «Белых», «Сидоренко»),
positions and the agreement of numbers with nouns by ``pymorphy3`` and its dictionary.

Cases are named by their pymorphy3 codes: ``nomn`` (именительный), ``gent`` (родительный), ``datv``
(дательный), ``accs`` (винительный), ``ablt`` (творительный), ``loct`` (предложный).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")

MONTHS_GENITIVE = (
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
)


def date_long(value: dt.date | None) -> str:
    """«2 декабря 2026 г.» — the verbal-digital date of an official document (ГОСТ Р 7.0.97-2016
    §5.13: the day without a leading zero and without quotes, which belong to a blank to fill in
    by hand); an empty string for ``None``."""
    if value is None:
        return ""
    return f"{value.day} {MONTHS_GENITIVE[value.month - 1]} {value.year} г."


def date_short(value: dt.date | None) -> str:
    """21.11.2026; an empty string for ``None``."""
    return value.strftime("%d.%m.%Y") if value else ""


@cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def agree(number: int, word: str, case: str = "nomn") -> str:
    """«5 пар», «22 наставляемых»: ``number`` and ``word`` (nominative singular) agreed by the
    dictionary, the phrase in ``case`` («в течение» + ``gent``: «1 дня», «10 дней»); an unknown
    word is returned unchanged."""
    parses = _morph().parse(word)
    parse = parses[0] if parses else None
    if parse is not None and case != "nomn":
        parse = parse.inflect({case})
    agreed = parse.make_agree_with_number(number) if parse is not None else None
    return f"{number} {agreed.word if agreed else word}"


def lower_first(text: str) -> str:
    """``text`` to go on inside a sentence: its first letter in lower case («Реверсивное
    наставничество» → «реверсивное наставничество»); an abbreviation («ИКТ-компетенции», «ЦНППМ»)
    is kept as it is."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """``text`` to start a line: its first letter in upper case."""
    return text[:1].upper() + text[1:]


def _keep_case(source: str, word: str) -> str:
    if "-" in source and source.count("-") == word.count("-"):
        return "-".join(_keep_case(a, b) for a, b in zip(source.split("-"), word.split("-"), strict=True))
    if source.isupper() and len(source) > 1:
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


_OPENING_QUOTES = ("«", "„", '"', "“")


def _is_abbreviation(word: str) -> bool:
    """«ИКТ», «УВР», «ЦНППМ»: two or more letters, all capitals; not declined."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _inflect_word(word: str, case: str, *, prefer_adjective: bool, animate: bool) -> tuple[str, bool]:
    """(the word in ``case``, whether it was the head noun) for one word of a nominative phrase;
    a word the dictionary does not know as a nominative noun or adjective is left as it is and
    ends the declined part. ``animate``: the phrase names a person, so a masculine noun the
    dictionary files as inanimate («тьютор») takes the animate accusative («тьютора»)."""
    parses = [
        p
        for p in _morph().parse(word.lower())
        if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF") and "plur" not in p.tag
    ]
    if not parses:
        return word, True
    if prefer_adjective:
        parses.sort(key=lambda p: p.tag.POS == "NOUN")
    else:
        parses.sort(key=lambda p: p.tag.POS != "NOUN")
    chosen = parses[0]
    grammemes = {case}
    if animate and case == "accs" and "masc" in chosen.tag:
        grammemes = {"gent"} if chosen.tag.POS == "NOUN" else {"accs", "anim"}
    inflected = chosen.inflect(grammemes)
    result = _keep_case(word, inflected.word) if inflected else word
    return result, chosen.tag.POS == "NOUN" or not prefer_adjective


@cache
def decline_phrase(phrase: str, case: str, *, animate: bool = True) -> str:
    """A nominative phrase headed by a noun put into ``case``: the leading adjectives and the
    head noun are declined, the dependent words after it are kept («заместитель директора по
    УВР» → «заместителю директора по УВР», «старший воспитатель» → «старшего воспитателя»,
    «педагог-психолог» → «педагогом-психологом»). An abbreviation is never declined, and in a
    compound («ИКТ-компетенция») only the word after it is; an abbreviation standing as a word
    («МБОУ «СОШ № 1»») or a name in quotes ends the declined part. ``animate`` (a phrase naming a
    person, the default): the masculine accusative is the genitive («назначить тьютора»).

    Raises:
        ValueError: ``case`` is not one of ``CASES``.
    """
    if case not in CASES:
        raise ValueError(f"Unknown case {case!r}")
    if case == "nomn" or not phrase:
        return phrase
    words = phrase.split(" ")
    out: list[str] = []
    for index, word in enumerate(words):
        if word[:1] in _OPENING_QUOTES or _is_abbreviation(word):
            # A proper name in quotes, or an abbreviation heading the phrase («МБОУ «…»»): it
            # does not decline, and neither does what depends on it.
            out.extend(words[index:])
            break
        more = index + 1 < len(words)
        parts = word.split("-")
        new_parts = []
        head = False
        for part in parts:
            if not part or _is_abbreviation(part):
                new_parts.append(part)
                continue
            inflected, head = _inflect_word(
                part, case, prefer_adjective=more and len(parts) == 1, animate=animate
            )
            new_parts.append(inflected)
        out.append("-".join(new_parts))
        if head:
            rest = words[index + 1 :]
            if rest and word.lower() == "город" and (town := _declined_town(rest[0], case)):
                # «город Сургут» → «города Сургута»: the town's name agrees with «город».
                out.append(town)
                rest = rest[1:]
            out.extend(rest)
            break
    return " ".join(out)


def _declined_town(word: str, case: str) -> str:
    """A town's name after «город» in ``case`` when the dictionary knows it as a declinable
    place name («Сургут» → «Сургута»; «Сочи» stays); "" otherwise."""
    if not word[:1].isupper():
        return ""
    for parse in _morph().parse(word.lower()):
        tag = parse.tag
        if "Geox" in tag and "nomn" in tag and "Fixd" not in tag and "plur" not in tag:
            inflected = parse.inflect({case})
            return _keep_case(word, inflected.word) if inflected else ""
    return ""


_PYTROVICH_CASES = {
    "gent": "GENITIVE",
    "datv": "DATIVE",
    "accs": "ACCUSATIVE",
    "ablt": "INSTRUMENTAL",
    "loct": "PREPOSITIONAL",
}


@cache
def _maker():
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker()


@cache
def decline_name_part(part: str, value: str, female: bool, case: str) -> str:
    """One part (``"last"``, ``"first"``, ``"middle"``) of a name in ``case`` by the petrovich
    rules. Double surnames are declined part by part; an empty value stays empty."""
    if not value or case == "nomn":
        return value
    from pytrovich.enums import Case, Gender, NamePart

    if part == "last" and not female and (fleeting := _fleeting_vowel_surname(value, case)):
        return fleeting
    name_part = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME, "middle": NamePart.MIDDLENAME}[part]
    gender = Gender.FEMALE if female else Gender.MALE
    return _maker().make(name_part, gender, getattr(Case, _PYTROVICH_CASES[case]), value)


def _fleeting_vowel_surname(value: str, case: str) -> str:
    """A man's surname that is an animate common noun («Соловей», «Воробей», «Кузнец»), declined
    as that noun («Соловья», «Воробьём», «Кузнеца»: the petrovich rules give «Соловея» and
    «Кузнца»); "" for any other surname."""
    if "-" in value or not value.lower().endswith(("ей", "ель", "ец")):
        return ""
    for parse in _morph().parse(value.lower()):
        tag = parse.tag
        if tag.POS == "NOUN" and "anim" in tag and "masc" in tag and "sing" in tag and "nomn" in tag:
            if "Surn" in tag or "Name" in tag or "Patr" in tag:
                return ""
            inflected = parse.inflect({case})
            return _keep_case(value, inflected.word) if inflected else ""
    return ""


@dataclass(frozen=True)
class DeclinedName:
    """A full name in every case, for templates: ``{{ mentor.name.dat }}`` → «Ивановой Марии
    Петровне»; ``short`` «Иванова М. П.» (lists), ``signature`` «М. П. Иванова» (under a signature,
    ГОСТ Р 7.0.97-2016 §5.23)."""

    last_name: str
    first_name: str
    middle_name: str
    female: bool

    def _in(self, case: str) -> str:
        parts = (
            decline_name_part("last", self.last_name, self.female, case),
            decline_name_part("first", self.first_name, self.female, case),
            decline_name_part("middle", self.middle_name, self.female, case),
        )
        return " ".join(p for p in parts if p)

    @property
    def nom(self) -> str:
        return self._in("nomn")

    @property
    def gen(self) -> str:
        return self._in("gent")

    @property
    def dat(self) -> str:
        return self._in("datv")

    @property
    def acc(self) -> str:
        return self._in("accs")

    @property
    def ins(self) -> str:
        return self._in("ablt")

    @property
    def pre(self) -> str:
        return self._in("loct")

    @property
    def initials(self) -> str:
        return " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)

    @property
    def short(self) -> str:
        return f"{self.last_name} {self.initials}".strip()

    @property
    def signature(self) -> str:
        return f"{self.initials} {self.last_name}".strip()

    def __str__(self) -> str:
        return self.nom


@dataclass(frozen=True)
class DeclinedPhrase:
    """A noun phrase (a position) in every case, written in a sentence's lower case
    («Заместитель директора» → «заместителя директора»; an abbreviation such as «ЦНППМ» stays):
    ``{{ head.position.gen }}`` → «директора»; ``capitalized`` for the start of a line."""

    text: str

    @property
    def nom(self) -> str:
        return lower_first(self.text)

    @property
    def gen(self) -> str:
        return decline_phrase(self.nom, "gent")

    @property
    def dat(self) -> str:
        return decline_phrase(self.nom, "datv")

    @property
    def acc(self) -> str:
        return decline_phrase(self.nom, "accs")

    @property
    def ins(self) -> str:
        return decline_phrase(self.nom, "ablt")

    @property
    def pre(self) -> str:
        return decline_phrase(self.nom, "loct")

    @property
    def capitalized(self) -> str:
        return upper_first(self.text)

    def __str__(self) -> str:
        return self.nom


#: The first words of an organization's name that give its legal form or kind («Муниципальное
#: бюджетное общеобразовательное учреждение…»): not a proper name, written in lower case inside a
#: sentence («в муниципальном бюджетном…»). A name that starts otherwise («Сургутский
#: государственный университет») keeps its capital.
_COMMON_NAME_STARTS = (
    "муниципальн",
    "государственн",
    "негосударственн",
    "федеральн",
    "бюджетн",
    "автономн",
    "казённ",
    "казенн",
    "частн",
    "областн",
    "краев",
    "окружн",
    "региональн",
    "некоммерческ",
    "общеобразовательн",
    "дошкольн",
    "образовательн",
    "профессиональн",
    "учреждени",
    "организаци",
    "центр",
    "отдел",
    "управлени",
    "департамент",
    "комитет",
)


def organization_name_case(name: str, case: str) -> str:
    """An organization's ``name`` (as registered, in the nominative) in ``case``, written to go
    on inside a sentence: the words of its legal form up to the head noun declined and in lower
    case, the proper name in quotes kept («Муниципальное бюджетное общеобразовательное учреждение
    «Средняя общеобразовательная школа № 1»» → gent «муниципального бюджетного
    общеобразовательного учреждения «Средняя общеобразовательная школа № 1»»). An abbreviation
    («МБОУ «СОШ № 1»») does not decline; a proper name at the start keeps its capital.

    Raises:
        ValueError: ``case`` is not one of ``CASES``.
    """
    if case not in CASES:
        raise ValueError(f"Unknown case {case!r}")
    name = " ".join(name.split())
    if not name:
        return ""
    first = name.split(" ", 1)[0]
    if first.lower().startswith(_COMMON_NAME_STARTS) and not (len(first) > 1 and first[1].isupper()):
        name = name[:1].lower() + name[1:]
    return decline_phrase(name, case)


@dataclass(frozen=True)
class CaseForms:
    """A name given in each case (``nom``, ``gen``, ``dat``, ``acc``, ``ins``, ``pre``), for
    templates: ``{{ org.name.pre }}`` → «муниципальном бюджетном… учреждении «…»»."""

    nom: str
    gen: str
    dat: str
    acc: str
    ins: str
    pre: str

    def __str__(self) -> str:
        return self.nom
