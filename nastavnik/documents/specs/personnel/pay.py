"""The order on the payment to mentors, and the pay the supplementary agreement to a mentor's
employment contract repeats (seed 004 §1.6.4, 000 §3.4, 001 §6.2; ТК РФ ст. 60.2, 72, 135, 144, 151)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import Prefetch
from django.utils import timezone

from nastavnik.core.language import agree, date_long
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing, ParamsForm
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    parse_date,
    person_forms,
    position_missing,
    school_year_bounds,
)
from nastavnik.documents.specs.orders import ORDERS_FOLDER, _acquaintance_block, _acquainted, issue_url
from nastavnik.documents.specs.personnel.common import (
    _date_widget,
    _mentees_short,
    _mentor_consent_missing,
    _open_pairs,
    _PeopleField,
    _personal_data_missing,
    _sort_key,
    current_mentors,
)
from nastavnik.documents.specs.regulation import regulation_title

#: The kinds of payment (seed 004 §1.6.4, 000 §3.4): key → (the label of the choice, the name
#: in the accusative for «установить …», the statutes it is set on, the title of the order).
PAYMENTS: dict[str, tuple[str, str, str, str]] = {
    "additional_work": (
        "Доплата за дополнительную работу наставника (ТК РФ ст. 60.2, 151)",
        "доплату за выполнение дополнительной работы, связанной с наставнической деятельностью",
        "статьями 60.2, 151 Трудового кодекса Российской Федерации",
        "Об установлении доплаты наставникам",
    ),
    "incentive": (
        "Стимулирующая выплата за важность выполняемой работы (ТК РФ ст. 135, 144)",
        "стимулирующую выплату за важность выполняемой работы (наставническую деятельность)",
        "статьями 135, 144 Трудового кодекса Российской Федерации",
        "Об установлении стимулирующей выплаты наставникам",
    ),
}


AMOUNT_KINDS = {
    "rub": "В рублях в месяц",
    "percent": "В процентах должностного оклада (ставки заработной платы)",
}


def parse_amount(value) -> Decimal | None:
    """A positive amount from a JSON parameter (a string or a number), ``None`` when empty,
    malformed or not positive."""
    try:
        amount = Decimal(str(value).replace(",", ".").strip()) if value not in (None, "") else None
    except InvalidOperation:
        return None
    return amount if amount is not None and amount.is_finite() and amount > 0 else None


def _number_words(amount: Decimal, word: str) -> str:
    """«5000 рублей», «15 000 рублей», «12,5 процента»: the amount in the genitive after «в
    размере», thousands grouped from five digits (ГОСТ Р 7.0.97: «5000», «15 000»)."""
    if amount == amount.to_integral_value():
        number = int(amount)
        digits = str(number)
        if len(digits) > 4:
            digits = f"{number:,}".replace(",", " ")
        return f"{digits} {agree(number, word, 'gent').split(' ', 1)[1]}"
    text = f"{amount.normalize():f}".replace(".", ",")
    singular = {"рубль": "рубля", "процент": "процента"}[word]
    return f"{text} {singular}"


def amount_text(amount_kind: str, amount: Decimal) -> str:
    """The pay as the order and the agreement word it after «в размере»: «5000 рублей в месяц»,
    «15 процентов должностного оклада (ставки заработной платы)»."""
    if amount_kind == "percent":
        return f"{_number_words(amount, 'процент')} должностного оклада (ставки заработной платы)"
    return f"{_number_words(amount, 'рубль')} в месяц"


def pay_errors(params: dict) -> list[str]:
    """Russian messages of what is wrong with the pay and its period in ``params`` (``payment``,
    ``amount_kind``, ``amount``, ``starts_on``, ``ends_on``): a known kind, a positive amount (a
    percentage up to 100), both dates, the end after the start."""
    errors = []
    if params.get("payment") not in PAYMENTS:
        errors.append("Выберите вид выплаты наставникам.")
    amount = parse_amount(params.get("amount"))
    if params.get("amount_kind") not in AMOUNT_KINDS:
        errors.append("Укажите, в чём установлен размер выплаты: в рублях или в процентах оклада.")
    elif amount is None:
        errors.append("Укажите размер выплаты – положительное число.")
    elif params["amount_kind"] == "percent" and amount > 100:
        errors.append("Размер выплаты в процентах оклада не может быть больше 100.")
    starts_on, ends_on = parse_date(params.get("starts_on")), parse_date(params.get("ends_on"))
    if starts_on is None or ends_on is None:
        errors.append("Укажите срок выплаты: дату начала и дату окончания.")
    elif ends_on < starts_on:
        errors.append("Окончание срока выплаты не может быть раньше его начала.")
    return errors


class PayForm(ParamsForm):
    """The pay and its period, and the organization's regulation on pay it is set by."""

    payment = forms.ChoiceField(label="Вид выплаты", choices=[(k, v[0]) for k, v in PAYMENTS.items()])
    amount_kind = forms.ChoiceField(label="Размер установлен", choices=list(AMOUNT_KINDS.items()))
    amount = forms.DecimalField(
        label="Размер выплаты", min_value=Decimal("0.01"), max_digits=9, decimal_places=2, localize=True
    )
    starts_on = forms.DateField(label="Выплата устанавливается с", widget=_date_widget())
    ends_on = forms.DateField(label="по", widget=_date_widget())
    pay_regulation_date = forms.DateField(
        label="Положение об оплате труда утверждено приказом от",
        widget=_date_widget(),
        help_text="Локальный акт организации, которым установлены размеры выплат (ТК РФ ст. 135).",
    )
    pay_regulation_number = forms.CharField(label="№ приказа", max_length=32)

    def clean(self):
        data = super().clean()
        if data.get("amount_kind") == "percent" and data.get("amount") and data["amount"] > 100:
            self.add_error("amount", "Размер в процентах оклада не может быть больше 100.")
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "Окончание срока выплаты не может быть раньше его начала.")
        return data

    def to_params(self) -> dict[str, Any]:
        """As the base, the amount as a string («5000», «12.5»): JSON holds no decimals."""
        params = super().to_params()
        if params.get("amount") is not None:
            params["amount"] = f"{Decimal(params['amount']).normalize():f}"
        return params


PAY_KEYS = ("payment", "amount_kind", "amount", "starts_on", "ends_on")


REGULATION_KEYS = ("pay_regulation_date", "pay_regulation_number")


def pay_regulation_missing(params: dict, url: str) -> list[Missing]:
    """The requisites of the order approving the organization's «Положение об оплате труда»
    (the act a payment is set by, ТК РФ ст. 135)."""
    if parse_date(params.get("pay_regulation_date")) and (params.get("pay_regulation_number") or "").strip():
        return []
    return [
        Missing(
            "Укажите дату и номер приказа, которым утверждено положение об оплате труда работников "
            "организации.",
            url,
        )
    ]


def _pay_context(organization, params: dict) -> dict[str, Any]:
    """``pay``: ``name`` (accusative), ``statutes``, ``title``, ``amount`` («5000 рублей в
    месяц»), ``starts``, ``ends`` (in words), ``incentive``; ``pay_regulation``: «Положением об
    оплате труда работников …, утверждённым приказом от … № …» (instrumental)."""
    _label, name, statutes, title = PAYMENTS[params["payment"]]
    starts_on, ends_on = parse_date(params["starts_on"]), parse_date(params["ends_on"])
    regulation_date = parse_date(params.get("pay_regulation_date"))
    return {
        "pay": {
            "name": name,
            "short": "выплата" if params["payment"] == "incentive" else "доплата",
            "short_acc": "выплату" if params["payment"] == "incentive" else "доплату",
            "statutes": statutes,
            "title": title,
            "amount": amount_text(params["amount_kind"], parse_amount(params["amount"])),
            "starts": date_long(starts_on),
            "ends": date_long(ends_on),
            "starts_on": starts_on,
            "ends_on": ends_on,
            "incentive": params["payment"] == "incentive",
        },
        "pay_regulation": (
            f"Положением об оплате труда работников {organization.name_in('gent', short=True)}, утверждённым "
            f"приказом от {date_long(regulation_date)} № {(params.get('pay_regulation_number') or '').strip()}"
            if regulation_date
            else ""
        ),
    }


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """From ``today`` to 31 May of its school year (31 August once May has passed)."""
    today = today or timezone.localdate()
    year_end = school_year_bounds(today)[1]
    ends_on = dt.date(year_end.year, 5, 31)
    return today, ends_on if ends_on > today else year_end


class OrderPaymentForm(PayForm):
    """The mentors paid (current mentors of the organization), the pay, its period."""

    mentors = _PeopleField(label="Наставники", queryset=None, widget=forms.CheckboxSelectMultiple)

    field_order = ["mentors", *PAY_KEYS, *REGULATION_KEYS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from nastavnik.people.models import Person

        people = Person.objects.none()
        if self.organization is not None:
            people = current_mentors(self.organization)
        self.fields["mentors"].queryset = people


class OrderMentorPaymentSpec(DocumentSpec):
    """«Об установлении доплаты (стимулирующей выплаты) наставникам» (seed 004 §1.6.4: «выплата
    наставнику за важность выполняемой работы»; 000 §3.4, 001 §6.2: the payments for mentoring
    set by the organization's local acts; ТК РФ ст. 60.2, 151 for a доплата, ст. 135, 144 for a
    стимулирующая выплата): for the chosen current mentors, the amount (roubles a month or a
    percentage of the salary) for a period, citing the organization's «Положение об оплате
    труда»; supplementary agreements to the employment contracts are to be made
    (``MentorPaymentAgreementSpec``).

    Params (``OrderPaymentForm``): ``mentors`` (ids of people employed in the organization who
    mentor in its open pairs), ``payment`` (``PAYMENTS``), ``amount_kind`` (``rub``/``percent``),
    ``amount`` (a string), ``starts_on``, ``ends_on``, ``pay_regulation_date`` (ISO dates),
    ``pay_regulation_number``. Refused without a mentor, for a person no longer a current
    mentor, without a mentor's written consent (ТК РФ ст. 60.2) or position, with a wrong amount
    or period, without the requisites of the pay regulation.
    """

    kind = DocumentKind.ORDER_MENTOR_PAYMENT
    subject = Subject.ORGANIZATION
    numbered = True
    params_form = OrderPaymentForm
    source = "seed 004 §1.6.4, §5.1; seed 000 §3.4; seed 001 §6.2; ТК РФ ст. 60.2, 135, 144, 151"
    package_folder = ORDERS_FOLDER

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """Every current mentor; a доплата in roubles; the period of :func:`default_period`."""
        starts_on, ends_on = default_period()
        return {
            "mentors": sorted(current_mentors(organization).values_list("pk", flat=True)),
            "payment": "additional_work",
            "amount_kind": "rub",
            "amount": None,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "pay_regulation_date": None,
            "pay_regulation_number": "",
        }

    def default_params(self, organization, subject) -> dict[str, Any]:
        """The current mentors and a new period; the kind, the amount and the pay regulation of
        the previous order."""
        from nastavnik.documents.models import Document

        params = self.initial_params(organization, subject)
        last = (
            Document.objects.filter(organization=organization, kind=self.kind)
            .order_by("-date", "-pk")
            .values_list("params", flat=True)
            .first()
        )
        if last:
            params.update(
                {
                    key: last[key]
                    for key in ("payment", "amount_kind", "amount", *REGULATION_KEYS)
                    if key in last
                }
            )
        return params

    def _mentors(self, organization, params: dict) -> list:
        ids = [pk for pk in params.get("mentors") or [] if isinstance(pk, int)]
        return sorted(current_mentors(organization).filter(pk__in=ids), key=_sort_key)

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address and the head; the mentors (current mentors of the organization), each with
        a written consent, a consent to personal-data processing and a position; the pay and its
        period; the pay regulation's requisites."""
        url = issue_url(self.kind.value)
        items = organization_missing(organization, head=True)
        ids = params.get("mentors") or []
        mentors = self._mentors(organization, params)
        if not ids:
            text = (
                "Выберите наставников, которым устанавливается выплата."
                if current_mentors(organization).exists()
                else "В организации нет наставников, работающих в действующих наставнических парах: "
                "сначала сформируйте пары."
            )
            items.append(Missing(text, url))
        elif len(mentors) != len(set(ids)):
            items.append(
                Missing(
                    "Часть выбранных работников больше не наставники действующих пар организации или не "
                    "работают в ней: выберите наставников заново.",
                    url,
                )
            )
        for person in mentors:
            if item := _mentor_consent_missing(person):
                items.append(item)
            if item := position_missing(person, organization, "наставник"):
                items.append(item)
        items.extend(_personal_data_missing(mentors))
        items.extend(Missing(error, url) for error in pay_errors(params))
        items.extend(pay_regulation_missing(params, url))
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``; ``pay`` and ``pay_regulation`` (:func:`_pay_context`);
        ``regulation_title_ins``; ``rows``: per mentor ``number``, ``mentor`` (``PersonForms``),
        ``mentees`` («Петровой Анны Сергеевны, учителя начальных классов»), ``last``;
        ``acquainted``."""
        from nastavnik.people.models import Employment

        context = organization_context(organization)
        mentors = self._mentors(organization, params)
        employments = Employment.objects.select_related("position")
        pairs = (
            _open_pairs()
            .filter(organization=organization, mentor__in=mentors)
            .select_related("mentee__position")
            .prefetch_related(Prefetch("mentee__employments", queryset=employments))
        )
        mentees: dict[int, list] = {}
        for pair in pairs:
            mentees.setdefault(pair.mentor_id, []).append(pair.mentee)
        rows = []
        for number, person in enumerate(mentors, start=1):
            forms_list = [
                person_forms(m, organization) for m in sorted(mentees.get(person.pk, []), key=_sort_key)
            ]
            rows.append(
                {
                    "number": number,
                    "mentor": person_forms(person, organization),
                    "mentees": _mentees_short(forms_list),
                    "last": number == len(mentors),
                }
            )
        context.update(_pay_context(organization, params))
        context.update(
            regulation_title_ins=regulation_title(organization, "ablt"),
            rows=rows,
            many=len(rows) > 1,
            acquainted=_acquainted([row["mentor"] for row in rows]),
        )
        return context

    def build(self, b) -> None:
        b.order_head("{{ pay.title }}")
        b.para(
            "В соответствии со {{ pay.statutes }}, {{ pay_regulation }}, {{ regulation_title_ins }}, на "
            "основании письменного согласия педагогических работников на осуществление наставнической "
            "деятельности,"
        )
        b.para("ПРИКАЗЫВАЮ:", align="left", indent=False, bold=True, space_before=6, space_after=6)
        b.para(
            "1. Установить на период с {{ pay.starts }} по {{ pay.ends }} {{ pay.name }} (далее – "
            "{{ pay.short }}), {{ 'педагогическим работникам' if many else 'педагогическому работнику' }} "
            "{{ org.short.gen }}, {{ 'осуществляющим' if many else 'осуществляющему' }} наставничество:"
        )
        b.tag("{%p for row in rows %}")
        b.para(
            "1.{{ row.number }}. {{ row.mentor.name.dat }}, {{ row.mentor.position.dat }}, наставнику "
            "{{ row.mentees }}, в размере {{ pay.amount }}{{ '.' if row.last else ';' }}"
        )
        b.tag("{%p endfor %}")
        b.para(
            "2. {{ pay.short_acc|capitalize }} производить ежемесячно пропорционально отработанному времени в пределах фонда "
            "оплаты труда {{ org.short.gen }}."
        )
        b.para(
            "3. Заключить с {{ 'наставниками дополнительные соглашения к трудовым договорам' if many else "
            "'наставником дополнительное соглашение к трудовому договору' }}, определив в "
            "{{ 'них' if many else 'нём' }} содержание и срок дополнительной работы и размер "
            "{% if pay.incentive %}стимулирующей выплаты (статья 72 Трудового кодекса Российской Федерации)"
            "{% else %}доплаты (статьи 60.2, 72, 151 Трудового кодекса Российской Федерации){% endif %}."
        )
        b.para(
            "4. {{ pay.short|capitalize }} прекращается досрочно со дня, следующего за днём освобождения работника от "
            "обязанностей наставника (досрочного прекращения наставничества, замены наставника)."
        )
        b.para("5. Контроль исполнения настоящего приказа оставляю за собой.")
        b.signature("{{ head.position.capitalized }}", "{{ head.name.signature }}")
        _acquaintance_block(b)
