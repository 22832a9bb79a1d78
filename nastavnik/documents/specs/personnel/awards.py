"""The order rewarding mentors (seed 004 §5.1, 000 §3.4, 003 §4.8, 001 §6)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Prefetch

from nastavnik.core.language import date_short
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    people_with_positions,
    person_forms,
    position_missing,
    school_year_bounds,
)
from nastavnik.documents.specs.orders import ORDERS_FOLDER, _acquaintance_block, _acquainted, issue_url
from nastavnik.documents.specs.personnel.common import (
    _date_widget,
    _PeopleField,
    _personal_data_missing,
    _sort_key,
    _text,
)
from nastavnik.documents.specs.personnel.pay import (
    REGULATION_KEYS,
    _number_words,
    _pay_context,
    pay_regulation_missing,
)
from nastavnik.documents.specs.regulation import regulation_title


@dataclass(frozen=True)
class Award:
    """How the order words a reward the organization's head grants or asks for: ``lead`` before
    the list of mentors, ``case`` of the names after it, ``nomination``: a state or departmental
    award the head only petitions for («представление к награждению», seed 004 §5.1)."""

    lead: str
    case: str = "acc"
    nomination: bool = False


#: The rewards of the organization's level, by ``reference.AwardKind`` code (seed 004 §5.1, 000
#: §3.4): those the head grants and the federal awards the head petitions for. Payments (the
#: payment order) and the awards of a region (another region's would not apply) are not here.
AWARDS: dict[str, Award] = {
    "letter_of_thanks": Award("Наградить благодарственным письмом"),
    "diploma": Award("Наградить дипломом"),
    "contest_nomination": Award(
        "Выдвинуть для участия в профессиональных конкурсах педагогических работников"
    ),
    "jury_membership": Award(
        "Рекомендовать для включения в состав жюри (экспертов) профессиональных конкурсов"
    ),
    "management_reserve": Award("Рекомендовать для включения в резерв управленческих кадров"),
    "departmental_award_nomination": Award(
        "Ходатайствовать о представлении к награждению ведомственными наградами Министерства просвещения "
        "Российской Федерации",
        "gen",
        True,
    ),
    "badge_honorary_mentor": Award(
        "Ходатайствовать о представлении к награждению нагрудным знаком «Почётный наставник»", "gen", True
    ),
    "badge_youth_professionalism": Award(
        "Ходатайствовать о представлении к награждению нагрудным знаком «Молодость и профессионализм»",
        "gen",
        True,
    ),
    "state_sign_za_nastavnichestvo": Award(
        "Ходатайствовать о представлении к награждению знаком отличия «За наставничество»", "gen", True
    ),
}


def award_kinds():
    """The active ``reference.AwardKind`` entries the order rewarding mentors offers (``AWARDS``)."""
    from nastavnik.reference.models import AwardKind

    return AwardKind.objects.filter(is_active=True, code__in=list(AWARDS)).order_by("sort_order", "name")


def rewardable_mentors(organization):
    """Mentors of ``organization``'s bank employed in it (those the order may reward), by name."""
    from nastavnik.bank.models import MentorProfile

    return (
        people_with_positions()
        .employed_in(organization)
        .filter(pk__in=MentorProfile.objects.filter(organization=organization).values("person_id"))
        .order_by("last_name", "first_name", "middle_name", "pk")
    )


def completed_pairs(organization, person_ids):
    """Pairs of ``organization`` of the mentors ``person_ids`` whose personalized program was
    completed (the results a reward is given for, seed 003 §4.8, 004 §5), with mentees and
    programs loaded, the latest program first."""
    from nastavnik.mentoring.choices import ProgramStatus
    from nastavnik.mentoring.models import Pair
    from nastavnik.people.models import Employment

    employments = Employment.objects.select_related("position")
    return (
        Pair.objects.filter(
            organization=organization, mentor_id__in=person_ids, program__status=ProgramStatus.COMPLETED
        )
        .select_related("mentee__position", "program")
        .prefetch_related(Prefetch("mentee__employments", queryset=employments))
        .order_by("-program__completed_on", "mentee__last_name", "pk")
    )


class _AwardKindField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class OrderAwardForm(ParamsForm):
    """The mentors rewarded, the reward, the ground and an optional bonus."""

    mentors = _PeopleField(label="Наставники", queryset=None, widget=forms.CheckboxSelectMultiple)
    award_kind = _AwardKindField(label="Вид поощрения", queryset=None)
    ground = forms.CharField(
        label="Основание (за что)",
        max_length=300,
        help_text="Например: «по итогам реализации персонализированных программ наставничества в 2025/2026 "
        "учебном году».",
    )
    bonus = forms.IntegerField(
        label="Единовременная премия каждому, руб.",
        min_value=1,
        required=False,
        help_text="Пусто — без премии.",
    )
    pay_regulation_date = forms.DateField(
        label="Положение об оплате труда утверждено приказом от", widget=_date_widget(), required=False
    )
    pay_regulation_number = forms.CharField(label="№ приказа", max_length=32, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from nastavnik.people.models import Person

        self.fields["mentors"].queryset = (
            rewardable_mentors(self.organization) if self.organization is not None else Person.objects.none()
        )
        self.fields["award_kind"].queryset = award_kinds()

    def clean(self):
        data = super().clean()
        if data.get("bonus") and not (data.get("pay_regulation_date") and data.get("pay_regulation_number")):
            self.add_error(
                "pay_regulation_number",
                "Для премии укажите дату и номер приказа о положении об оплате труда.",
            )
        return data


def default_ground(today: dt.date | None = None) -> str:
    """«по итогам реализации персонализированных программ наставничества в 2026/2027 учебном году»."""
    start = school_year_bounds(today)[0]
    return (
        f"по итогам реализации персонализированных программ наставничества в {start.year}/{start.year + 1} "
        "учебном году"
    )


class OrderMentorAwardSpec(DocumentSpec):
    """«О поощрении наставников» (seed 004 §5.1, 000 §3.4: non-material incentives — letters of
    thanks, diplomas, nomination for contests and juries, petitions for departmental and state
    awards worded «представление к награждению»; 003 §4.8: mentors rewarded at the completion;
    the Положение: the head decides on the curator's proposal): for the chosen mentors, the kind
    of reward from ``reference.AwardKind`` of the organization's level (``AWARDS``), the ground
    and, per mentor, the completed personalized programs it rewards; optionally a bonus paid
    under the organization's pay regulation.

    Params (``OrderAwardForm``): ``mentors`` (ids), ``award_kind`` (an ``AwardKind`` id),
    ``ground``, ``bonus`` (roubles or ``None``), ``pay_regulation_date``,
    ``pay_regulation_number``. Refused without mentors, for a person not a mentor employed in the
    organization, for a mentor without a completed program of the organization, for a reward not
    of the organization's level or not provided by the organization's Положение in the registry,
    without a ground, for a bonus without the pay regulation.
    """

    kind = DocumentKind.ORDER_MENTOR_AWARD
    subject = Subject.ORGANIZATION
    numbered = True
    params_form = OrderAwardForm
    source = "seed 004 §5.1; seed 000 §3.4; seed 003 §4.8; seed 001 §6"
    package_folder = ORDERS_FOLDER

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """The mentors whose program of the organization was completed in the latest school year
        with a completed program (this one, or the last one before its first completion); a
        letter of thanks; the ground of :func:`default_ground` for that year."""
        from nastavnik.reference.models import AwardKind

        pairs = completed_pairs(organization, rewardable_mentors(organization).values("pk"))
        latest = (
            pairs.exclude(program__completed_on__isnull=True)
            .values_list("program__completed_on", flat=True)
            .first()
        )
        year = school_year_bounds(latest) if latest else school_year_bounds()
        ids = sorted(set(pairs.filter(program__completed_on__range=year).values_list("mentor_id", flat=True)))
        award = (
            AwardKind.objects.filter(code="letter_of_thanks", is_active=True)
            .values_list("pk", flat=True)
            .first()
        )
        return {
            "mentors": ids,
            "award_kind": award,
            "ground": default_ground(year[0]),
            "bonus": None,
            "pay_regulation_date": None,
            "pay_regulation_number": "",
        }

    def default_params(self, organization, subject) -> dict[str, Any]:
        """:meth:`initial_params`; the pay regulation of the previous order."""
        from nastavnik.documents.models import Document

        params = self.initial_params(organization, subject)
        last = (
            Document.objects.filter(organization=organization, kind=self.kind)
            .order_by("-date", "-pk")
            .values_list("params", flat=True)
            .first()
        )
        if last:
            params.update({key: last[key] for key in REGULATION_KEYS if last.get(key)})
        return params

    def _award(self, params: dict):
        from nastavnik.reference.models import AwardKind

        pk = params.get("award_kind")
        return AwardKind.objects.filter(pk=pk).first() if isinstance(pk, int) else None

    def _mentors(self, organization, params: dict) -> list:
        ids = [pk for pk in params.get("mentors") or [] if isinstance(pk, int)]
        return sorted(rewardable_mentors(organization).filter(pk__in=ids), key=_sort_key)

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address, the head, the curator; the mentors, each employed in the organization with
        a completed program there, a position and a consent to personal-data processing; a reward
        of ``AWARDS`` provided by the Положение; a ground; the pay regulation for a bonus."""
        from nastavnik.documents.models import Document

        url = issue_url(self.kind.value)
        items = organization_missing(organization, head=True, curator=True)
        ids = params.get("mentors") or []
        mentors = self._mentors(organization, params)
        if not ids:
            items.append(Missing("Выберите наставников, которых поощряет приказ.", url))
        elif len(mentors) != len(set(ids)):
            items.append(
                Missing(
                    "Часть выбранных работников не наставники организации или не работают в ней: выберите "
                    "наставников заново.",
                    url,
                )
            )
        with_results = {pair.mentor_id for pair in completed_pairs(organization, [p.pk for p in mentors])}
        for person in mentors:
            if person.pk not in with_results:
                items.append(
                    Missing(
                        f"У наставника {person.full_name} нет завершённой персонализированной программы "
                        "наставничества в организации: поощрение назначается по результатам программы.",
                        url,
                    )
                )
            if item := position_missing(person, organization, "наставник"):
                items.append(item)
        items.extend(_personal_data_missing(mentors))
        award = self._award(params)
        if award is None or award.code not in AWARDS or not award.is_active:
            items.append(
                Missing(
                    "Выберите вид поощрения из применяемых организацией (благодарственное письмо, диплом, "
                    "выдвижение на конкурс, представление к награждению).",
                    url,
                )
            )
        else:
            regulation = (
                Document.objects.filter(organization=organization, kind=DocumentKind.REGULATION)
                .order_by("-date", "-pk")
                .values_list("params", flat=True)
                .first()
            )
            chosen = (regulation or {}).get("award_kinds")
            if chosen and award.pk not in chosen:
                items.append(
                    Missing(
                        f"Вид поощрения «{award.name}» не предусмотрен Положением о системе наставничества "
                        "организации: выберите другой или дополните Положение.",
                        url,
                    )
                )
        if not _text(params.get("ground") or ""):
            items.append(Missing("Укажите основание поощрения (например, итоги учебного года).", url))
        bonus = params.get("bonus")
        if bonus not in (None, ""):
            if not isinstance(bonus, int) or bonus <= 0:
                items.append(Missing("Укажите размер премии – целое число рублей больше нуля.", url))
            else:
                items.extend(pay_regulation_missing(params, url))
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, ``curator``; ``award`` (``Award``), ``ground``; ``rows``: per mentor
        ``number``, ``name`` and ``position`` in the award's case, ``programs`` («наставляемые:
        Петрова Анна Сергеевна, учитель начальных классов (программа 01.10.2026 – 31.05.2027)»),
        ``last``; ``bonus`` («5000 рублей») and ``pay_regulation`` or ""; ``regulation_title_ins``;
        ``acquainted``."""
        context = organization_context(organization)
        mentors = self._mentors(organization, params)
        award = AWARDS[self._award(params).code]
        programs: dict[int, list[str]] = {}
        for pair in completed_pairs(organization, [p.pk for p in mentors]):
            mentee = person_forms(pair.mentee, organization)
            period = f"{date_short(pair.program.starts_on)} – {date_short(pair.program.ends_on)}"
            programs.setdefault(pair.mentor_id, []).append(
                f"{mentee.name.gen}, {mentee.position.gen}, по персонализированной программе наставничества "
                f"на период {period}"
            )
        rows = []
        for number, person in enumerate(mentors, start=1):
            forms_of = person_forms(person, organization)
            rows.append(
                {
                    "number": number,
                    "name": getattr(forms_of.name, award.case),
                    "position": getattr(forms_of.position, award.case),
                    "programs": "; ".join(programs.get(person.pk, [])),
                    "last": number == len(mentors),
                    "forms": forms_of,
                }
            )
        bonus = params.get("bonus")
        pay = {}
        if bonus:
            pay = _pay_context(
                organization,
                {
                    **params,
                    "payment": "incentive",
                    "amount_kind": "rub",
                    "amount": bonus,
                    "starts_on": None,
                    "ends_on": None,
                },
            )
        context.update(
            award=award,
            ground=_text(params["ground"]),
            rows=rows,
            many=len(rows) > 1,
            bonus=_number_words(Decimal(bonus), "рубль") if bonus else "",
            pay_regulation=pay.get("pay_regulation", ""),
            regulation_title_ins=regulation_title(organization, "ablt"),
            acquainted=_acquainted([context["curator"], *(row["forms"] for row in rows)]),
        )
        return context

    def build(self, b) -> None:
        b.order_head("О поощрении наставников")
        b.para(
            "В соответствии с {{ regulation_title_ins }}, {{ ground }}, по представлению куратора реализации "
            "программ наставничества {{ curator.name.gen }}, за результативную наставническую деятельность"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para("1. {{ award.lead }}:", keep_with_next=True)
        b.tag("{%p for row in rows %}")
        b.para(
            "1.{{ row.number }}. {{ row.name }}, {{ row.position }}, – за сопровождение {{ row.programs }}"
            "{{ '.' if row.last else ';' }}"
        )
        b.tag("{%p endfor %}")
        b.tag("{%p if bonus %}")
        b.para(
            "2. Выплатить {{ 'указанным наставникам' if many else 'указанному наставнику' }} единовременную "
            "премию в размере {{ bonus }} {{ 'каждому ' if many }}в соответствии с {{ pay_regulation }}, в "
            "пределах фонда оплаты труда {{ org.short.gen }}."
        )
        b.tag("{%p endif %}")
        b.para(
            "{{ 3 if bonus else 2 }}. Куратору реализации программ наставничества {{ curator.name.dat }}, "
            "{{ curator.position.dat }}, {% if award.nomination %}подготовить в месячный срок документы для "
            "представления к награждению и {% endif %}разместить информацию о поощрении наставников в "
            "разделе «Наставничество» на официальном сайте {{ org.short.gen }}."
        )
        b.para("{{ 4 if bonus else 3 }}. Контроль исполнения настоящего приказа оставляю за собой.")
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)
