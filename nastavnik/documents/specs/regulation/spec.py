"""The organization's «Положение о системе наставничества педагогических работников» (seed 002
§10: its thirteen typical parts; 000 §I–VII, 001 §1–7, 004 §1–9 for their content), generated
from the organization's choices of forms, kinds, interaction models and incentives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from nastavnik.core.language import MONTHS_GENITIVE, agree, date_short, decline_phrase, lower_first
from nastavnik.documents.choices import DocumentKind, Subject
from nastavnik.documents.specs.base import DocumentSpec, Missing
from nastavnik.documents.specs.common import (
    organization_context,
    organization_missing,
    parse_date,
    registered_document,
)
from nastavnik.documents.specs.regulation.form import (
    MENTOR_REPORT_FREQUENCIES,
    RegulationForm,
    curator_deadline_error,
)
from nastavnik.documents.specs.regulation.selectors import (
    applicable_awards,
    default_mentoring_forms,
    learner_forms,
)
from nastavnik.documents.specs.regulation.texts import (
    COUNCIL_DUTIES,
    CURATOR_DUTIES,
    CURATOR_RIGHTS,
    HEAD_DUTIES,
    LEGAL_ACTS,
    MENTEE_POOLS,
    MENTEE_TASKS,
    MENTOR_COMPETENCES,
    MENTOR_CRITERIA,
    MENTOR_POOLS,
    MENTOR_TASKS,
    MONITORING_AIMS,
    PROGRAM_STAGES,
    REPRESENTATIVE_DUTIES,
    SELECTION_RESPONSIBLE,
    SELECTION_STEPS,
    TASKS,
    TERMS,
)
from nastavnik.documents.specs.texts import (
    LEARNER_MENTEE_DUTIES,
    LEARNER_MENTEE_RIGHTS,
    LEARNER_MENTOR_DUTIES,
    LEARNER_MENTOR_POOLS_EXTERNAL,
    LEARNER_MENTOR_POOLS_INTERNAL,
    LEARNER_MENTOR_RIGHTS,
    MENTEE_DUTIES,
    MENTEE_RIGHTS,
    MENTOR_DUTIES,
    MENTOR_RIGHTS,
    REPRESENTATIVE_RIGHTS,
)


def regulation_title(organization, case: str = "nomn") -> str:
    """«Положение о системе наставничества педагогических работников в муниципальном бюджетном
    общеобразовательном учреждении «…»» with «Положение» in ``case`` and the organization's full
    name in the prepositional case as the card keeps it for a sentence (``OrgUnit.name_in``:
    lower-case legal form, only the head noun declined; issue 15 item 1).

    Raises:
        ValueError: ``case`` is not one of ``language.CASES``.
    """
    return (
        f"{decline_phrase('Положение', case)} о системе наставничества педагогических работников "
        f"в {organization.name_in('loct')}"
    )


#: What the heading of each appended form says it belongs to: «Приложение 1 к Положению …».
APPENDIX_TO = "Положению о системе наставничества педагогических работников"

#: The blanks of a protocol's date and number not given (filled in by hand).
BLANK_DATE = "____________"
BLANK_NUMBER = "_____"


class RegulationSpec(DocumentSpec):
    """«Положение о системе наставничества педагогических работников в <организации>», the
    organizational basis of the target model (seed 002 §10). It carries the thirteen typical
    parts of seed 002 §10: the chosen forms (and kinds, interaction models); the rights, duties
    and tasks of mentors, mentees, curators and legal representatives of minor participants
    (000 §4.1, §V); requirements for mentors (001 §5.2.2, ten competences); the procedures of
    selection and training (003 §4.6, §3.2) and who is responsible for them; forming pairs and
    groups; fixing them (the head's order with written consent, 001 §4.4.3, 004 §1.6.6); the
    forms and timelines of the mentor's and the curator's reports (002 §9); incentives (000
    §3.4, 001 §6, 004 §5 — the chosen ``AwardKind`` entries); effectiveness criteria of the
    mentor (000 §VI, 001 §7); publication of the results on the website (001 §7.1.2); the
    agreement form and the personal-data consent forms (appendices, the ``AGREEMENT`` and
    ``*_CONSENT`` kinds). Also: general provisions with the legal base, the five stages of a
    personalized program (004 §6.2.3), monitoring (004 §9).

    Params (``RegulationForm``): ``mentoring_forms``, ``interaction_models``,
    ``mentoring_kinds``, ``award_kinds`` (reference ids), ``mentor_report_frequency`` (a key of
    ``MENTOR_REPORT_FREQUENCIES``), ``mentor_report_days``, ``curator_report_day``,
    ``curator_report_month``, ``publish_on_website``, ``website_section``; the marks of adoption
    (ТК РФ ст. 8, 372): ``council_protocol_date`` (ISO date or "") and
    ``council_protocol_number`` of the pedagogical council, ``union_opinion`` (whether the
    opinion of the primary trade-union organization is taken into account),
    ``union_protocol_date``, ``union_protocol_number``.

    The «УТВЕРЖДЕНО» block cites the order approving the Положение (``ORDER_REGULATION``) once it
    is in the registry with a number, else leaves lines to fill in. The blank forms of the
    agreement and the consents are appended (``consents.build_blank_forms``; seed 002 §10, items
    12–13).
    """

    kind = DocumentKind.REGULATION
    subject = Subject.ORGANIZATION
    numbered = False
    params_form = RegulationForm
    source = "seed 002 §10; seed 000 §I–VII; seed 001 §1–7; seed 004 §1–9"
    package_folder = ""

    def initial_params(self, organization, subject) -> dict[str, Any]:
        """Every active entry that fits the organization: the forms for teachers offered to its
        kind (``default_mentoring_forms``), the incentives of its own region and the federal ones
        (``applicable_awards``); the mentor reports within 10 days of the program's end; the
        curator by 15 June; published in the «Наставничество» section; the opinion of the trade
        union taken into account, the protocols' dates and numbers left to fill in."""
        from nastavnik.reference.models import InteractionModel, MentoringKind

        def active(model, **filters):
            return sorted(model.objects.filter(is_active=True, **filters).values_list("pk", flat=True))

        return {
            "mentoring_forms": default_mentoring_forms(organization),
            "interaction_models": active(InteractionModel),
            "mentoring_kinds": active(MentoringKind),
            "award_kinds": sorted(applicable_awards(organization).values_list("pk", flat=True)),
            "mentor_report_frequency": "program_end",
            "mentor_report_days": 10,
            "curator_report_day": 15,
            "curator_report_month": 6,
            "publish_on_website": True,
            "website_section": "Наставничество",
            "council_protocol_date": "",
            "council_protocol_number": "",
            "union_opinion": True,
            "union_protocol_date": "",
            "union_protocol_number": "",
        }

    def missing(self, *, organization, subject, params: dict, on: dt.date | None = None) -> list[Missing]:
        """The address and the head; at least one form, kind and incentive; the reporting terms."""
        items = organization_missing(organization, head=True, curator=False)
        url = reverse("documents:issue", args=[self.kind.value])
        for key, text in (
            ("mentoring_forms", "Выберите хотя бы одну форму наставничества."),
            ("mentoring_kinds", "Выберите хотя бы один вид наставничества."),
            ("award_kinds", "Выберите хотя бы один способ поощрения наставников."),
        ):
            if not params.get(key):
                items.append(Missing(text, url))
        if params.get("mentor_report_frequency") not in MENTOR_REPORT_FREQUENCIES:
            items.append(Missing("Выберите периодичность отчёта наставника.", url))
        days = params.get("mentor_report_days")
        if not isinstance(days, int) or not 1 <= days <= 30:
            items.append(Missing("Укажите срок представления отчёта наставника (от 1 до 30 дней).", url))
        error = curator_deadline_error(params.get("curator_report_day"), params.get("curator_report_month"))
        if error:
            items.append(Missing(error, url))
        if params.get("publish_on_website") and not (params.get("website_section") or "").strip():
            items.append(Missing("Укажите раздел официального сайта для публикации результатов.", url))
        for key, text in (
            ("council_protocol_date", "Дата протокола педагогического совета указана неверно."),
            ("union_protocol_date", "Дата протокола профсоюзной организации указана неверно."),
        ):
            if params.get(key) and parse_date(params[key]) is None:
                items.append(Missing(text, url))
        return items

    def context(self, *, organization, subject, params: dict, document: dict) -> dict[str, Any]:
        """``org``, ``head``, the chosen ``mentoring_forms``, ``interaction_models``,
        ``mentoring_kinds`` (names), ``material_awards`` and ``other_awards`` (names; another
        region's award is left out even when an old choice holds it), ``mentor_report`` (the
        wording of the frequency and deadline), ``curator_report_by`` («15 июня»), ``publish``,
        ``website_section``; ``approval`` (``{"date": "15.09.2026", "number": "99-о"}`` of the
        registered order approving the Положение, blanks when there is none), ``council`` and
        ``union`` (``{"date", "number"}`` of the protocols, blanks when not given; ``union``
        ``None`` when the opinion is not asked); ``learners`` (``{"forms": [«name» (who may be
        paired)]}`` when the organization applies forms of mentoring of learners,
        ``selectors.learner_forms``; else ``None``: the part on learners is left out) and
        ``final_section`` (the number of the closing part: 15 after that part, else 14)."""
        from nastavnik.reference.models import AwardKind, InteractionModel, MentoringForm, MentoringKind

        def chosen(model, key):
            return model.objects.filter(pk__in=params.get(key) or []).order_by("sort_order", "name")

        def protocol(prefix: str) -> dict[str, str]:
            date = parse_date(params.get(f"{prefix}_protocol_date"))
            number = str(params.get(f"{prefix}_protocol_number") or "").strip()
            return {"date": date_short(date) or BLANK_DATE, "number": number or BLANK_NUMBER}

        awards = list(applicable_awards(organization, chosen(AwardKind, "award_kinds")))
        _, wording = MENTOR_REPORT_FREQUENCIES[params["mentor_report_frequency"]]
        order = registered_document(organization, DocumentKind.ORDER_REGULATION)
        context = organization_context(organization)
        forms_for_learners = learner_forms(organization)
        learners = None
        if forms_for_learners:
            learners = {
                "forms": [f"«{form.name}» ({form.participants_label()})" for form in forms_for_learners],
            }
        context.update(
            learners=learners,
            final_section=15 if learners else 14,
            approval={
                "date": date_short(order.date) if order else BLANK_DATE,
                "number": order.number if order else BLANK_NUMBER,
            },
            council=protocol("council"),
            union=protocol("union") if params.get("union_opinion", True) else None,
            mentoring_forms=[entry.name for entry in chosen(MentoringForm, "mentoring_forms")],
            interaction_models=[entry.name for entry in chosen(InteractionModel, "interaction_models")],
            mentoring_kinds=[lower_first(entry.name) for entry in chosen(MentoringKind, "mentoring_kinds")],
            material_awards=[lower_first(entry.name) for entry in awards if entry.is_material],
            other_awards=[lower_first(entry.name) for entry in awards if not entry.is_material],
            mentor_report=wording.format(days=agree(params["mentor_report_days"], "день", "gent")),
            curator_report_by=f"{params['curator_report_day']} "
            f"{MONTHS_GENITIVE[params['curator_report_month'] - 1]}",
            publish=bool(params.get("publish_on_website")),
            website_section=(params.get("website_section") or "").strip(),
        )
        return context

    # --- the template ---------------------------------------------------------------------

    def build(self, b) -> None:
        from nastavnik.documents.specs.consents import (
            LearnerConsentSpec,
            MinorDataConsentSpec,
            build_blank_forms,
        )
        from nastavnik.documents.specs.consents.parties import right_block

        # The part on learners appends the representative's consents after the four forms.
        learner_appendices = (LearnerConsentSpec, MinorDataConsentSpec)

        # The forms are appended at the end, but the text cites their numbers before: their
        # titles are read from a build on a scratch page first.
        titles = build_blank_forms(type(b)(), first_number=1, appendix_to=APPENDIX_TO)
        numbers = appendix_numbers(titles)

        self._marks(b)
        b.center("ПОЛОЖЕНИЕ", bold=True)
        b.center("о системе наставничества педагогических работников", bold=True)
        b.center("в {{ org.name.pre }}", bold=True, space_after=12)

        def loop(variable: str, *, last: str = ".") -> None:
            b.tag(f"{{%p for item in {variable} %}}")
            b.para(f"– {{{{ item }}}}{{% if loop.last %}}{last}{{% else %}};{{% endif %}}")
            b.tag("{%p endfor %}")

        # 1 -----------------------------------------------------------------------------------
        b.heading("1. Общие положения")
        b.para(
            "1.1. Настоящее Положение о системе наставничества педагогических работников в {{ org.name.pre }} "
            "(далее соответственно – Положение, организация) определяет цели, задачи, формы и порядок "
            "осуществления наставничества педагогических работников организации, права, обязанности и "
            "задачи участников системы наставничества, требования к наставникам, порядок их отбора и "
            "обучения, формирования и закрепления наставнических пар (групп), формы и сроки отчётности, "
            "критерии эффективности работы наставника, условия его поощрения, порядок мониторинга и "
            "публикации результатов программ наставничества."
        )
        b.para("1.2. Положение разработано в соответствии с:")
        b.items(LEGAL_ACTS)
        b.para("1.3. В Положении используются следующие понятия:")
        for term, meaning in TERMS:
            b.para(f"{term} – {meaning}")
        b.para(
            "1.4. Наставничество организуется на основании настоящего Положения, утверждаемого приказом "
            "руководителя организации. Педагогический работник назначается наставником с его письменного "
            "согласия приказом руководителя организации."
        )
        b.para(
            "1.5. Участие в наставничестве не должно наносить ущерба образовательному процессу организации. "
            "Решение об освобождении наставника и наставляемого от выполнения должностных обязанностей для "
            "участия в мероприятиях персонализированной программы наставничества принимает руководитель "
            "организации в исключительных случаях при условии обеспечения непрерывности образовательного "
            "процесса."
        )

        # 2 -----------------------------------------------------------------------------------
        b.heading("2. Цели и задачи наставничества")
        b.para(
            "2.1. Цель наставничества – создание в организации условий для непрерывного профессионального "
            "роста и профессионального самоопределения педагогических работников, их самореализации и "
            "закрепления в профессии, включая молодых (начинающих) педагогов, раскрытие личностного и "
            "профессионального потенциала наставника и наставляемого."
        )
        b.para("2.2. Задачи наставничества:")
        b.items(TASKS)

        # 3 — forms (002 §10, part 1) ---------------------------------------------------------
        b.heading("3. Формы и виды наставничества")
        b.para("3.1. В организации применяются следующие формы наставничества:")
        b.tag("{%p for item in mentoring_forms %}")
        b.para("– «{{ item }}»{% if loop.last %}.{% else %};{% endif %}")
        b.tag("{%p endfor %}")
        b.tag("{%p if interaction_models %}")
        b.para("3.2. В рамках формы наставничества «педагог – педагог» применяются модели взаимодействия:")
        b.tag("{%p for item in interaction_models %}")
        b.para("– «{{ item }}»{% if loop.last %}.{% else %};{% endif %}")
        b.tag("{%p endfor %}")
        b.tag("{%p else %}")
        b.para(
            "3.2. Модели взаимодействия наставника и наставляемого определяются персонализированной "
            "программой наставничества."
        )
        b.tag("{%p endif %}")
        b.para("3.3. В организации применяются следующие виды наставничества:")
        loop("mentoring_kinds")
        b.para(
            "3.4. Форма и вид наставничества для каждой наставнической пары (группы) выбираются в "
            "зависимости от цели персонализированной программы наставничества, имеющихся профессиональных "
            "затруднений наставляемого, его запроса и кадровых ресурсов организации и закрепляются в "
            "персонализированной программе наставничества. Формы наставничества используются как в одном "
            "виде, так и в комплексе в зависимости от запланированных эффектов."
        )

        # 4 — rights, duties, tasks (part 2) ---------------------------------------------------
        b.heading("4. Права, обязанности и задачи участников системы наставничества")
        b.para("4.1. Руководитель организации:")
        b.items(HEAD_DUTIES)
        b.para(
            "4.2. Куратор реализации программ наставничества (далее – куратор) назначается приказом "
            "руководителя организации из числа его заместителей. Задачи и обязанности куратора:"
        )
        b.items(CURATOR_DUTIES)
        b.para("4.3. Куратор имеет право:")
        b.items(CURATOR_RIGHTS)
        b.para(
            "4.4. Методическое объединение (совет) наставников (при его наличии) – общественный "
            "профессиональный орган, объединяющий на добровольной основе наставников организации:"
        )
        b.items(COUNCIL_DUTIES)
        b.para("4.5. Задачи наставника:")
        b.items(MENTOR_TASKS)
        b.para("4.6. Наставник имеет право:")
        b.items(MENTOR_RIGHTS)
        b.para("4.7. Наставник обязан:")
        b.items(MENTOR_DUTIES)
        b.para("4.8. Задачи наставляемого:")
        b.items(MENTEE_TASKS)
        b.para("4.9. Наставляемый имеет право:")
        b.items(MENTEE_RIGHTS)
        b.para("4.10. Наставляемый обязан:")
        b.items(MENTEE_DUTIES)
        b.para(
            "4.11. Если участник программы наставничества несовершеннолетний (в том числе обучающийся, "
            "проходящий практику или стажировку в организации), его законные представители имеют право:"
        )
        b.items(REPRESENTATIVE_RIGHTS)
        b.para("4.12. Законные представители несовершеннолетнего участника обязаны:")
        b.items(REPRESENTATIVE_DUTIES)

        # 5 — requirements, selection, training, responsible (parts 3–5) ---------------------
        b.heading("5. Требования к наставникам. Отбор и обучение наставников")
        b.para("5.1. Наставники выбираются из числа:")
        b.items(MENTOR_POOLS)
        b.para("5.2. Требования к компетенциям наставника. Наставник должен:")
        b.items(MENTOR_COMPETENCES)
        b.para("5.3. Отбор наставников проводится в следующем порядке:")
        b.items(SELECTION_STEPS)
        b.para(
            "5.4. Обучение наставников проводится по программе обучения наставников, утверждаемой "
            "руководителем организации, а также в форме повышения квалификации по дополнительным "
            "профессиональным программам в сфере наставничества (в том числе в центре непрерывного "
            "повышения профессионального мастерства педагогических работников), стажировок и участия в "
            "деятельности методического объединения (совета) наставников. Сведения об обучении вносятся в "
            "базу наставников; в наставнической деятельности участвуют наставники, прошедшие отбор и "
            "обучение."
        )
        b.para("5.5. Ответственные за отбор и обучение наставников:")
        b.items(SELECTION_RESPONSIBLE)

        # 6 — forming and fixing pairs (parts 6–7) --------------------------------------------
        b.heading("6. Формирование и закрепление наставнических пар (групп)")
        b.para("6.1. Наставляемые определяются из числа:")
        b.items(MENTEE_POOLS)
        b.para(
            "6.2. Наставнические пары (группы) формирует куратор совместно с методическим объединением "
            "(советом) наставников на основе базы наставляемых (с их запросами и выявленными "
            "профессиональными затруднениями) и базы наставников (с их компетенциями и нагрузкой). "
            "Педагог-психолог участвует в определении совместимости участников наставнических пар (групп). "
            "Наставническая пара – один наставник и один наставляемый; наставническая группа – один "
            "наставник и два и более наставляемых. За наставляемым может быть закреплено несколько "
            "наставников, у наставника может быть несколько наставляемых."
        )
        b.para(
            "6.3. Наставнические пары (группы) закрепляются приказом руководителя организации с "
            "письменного согласия наставника на выполнение дополнительных обязанностей, связанных с "
            "наставнической деятельностью, и письменного согласия наставляемого на участие в "
            "персонализированной программе наставничества. До издания приказа куратор получает эти "
            "согласия и согласия участников на обработку персональных данных, а наставник и наставляемый "
            "заключают соглашение (раздел 13 Положения)."
        )
        b.para(
            "6.4. Наставник вправе обратиться к куратору и руководителю организации с заявлением о "
            "сложении с него обязанностей наставника, наставляемый – с ходатайством о замене наставника. "
            "Решение о замене наставника или о прекращении наставничества принимает руководитель "
            "организации по представлению куратора и оформляет приказом."
        )

        # 7 — personalized program: five stages (004 §6.2.3) ----------------------------------
        b.heading("7. Реализация персонализированных программ наставничества")
        b.para(
            "7.1. Для каждой наставнической пары (группы) наставник совместно с наставляемым при участии "
            "куратора разрабатывает персонализированную программу наставничества на срок от трёх месяцев "
            "до одного года, направленную на устранение выявленных профессиональных затруднений "
            "наставляемого и на поддержку его сильных сторон. Программа утверждается руководителем "
            "организации."
        )
        b.para("7.2. Персонализированная программа наставничества реализуется в пять этапов:")
        for stage, content in PROGRAM_STAGES:
            b.para(f"{stage} – {content}")
        b.para(
            "7.3. Работа наставнической пары (группы) включает встречу-знакомство, пробную рабочую "
            "встречу, встречу-планирование, комплекс последовательных встреч и итоговую встречу."
        )

        # 8 — reports (part 8) -----------------------------------------------------------------
        b.heading("8. Формы и сроки отчётности наставника и куратора")
        b.para(
            "8.1. Наставник представляет куратору письменный отчёт о реализации персонализированной "
            "программы наставничества {{ mentor_report }}. В отчёте указываются проделанная работа, "
            "достигнутые результаты, продукты деятельности наставляемого и рекомендации."
        )
        b.para(
            "8.2. Наставляемый до начала и по завершении персонализированной программы наставничества "
            "проводит самооценку своих профессиональных затруднений по областям, на которые направлена "
            "программа."
        )
        b.para(
            "8.3. Куратор ежегодно не позднее {{ curator_report_by }} представляет руководителю организации "
            "итоговый аналитический отчёт о реализации системы наставничества и персонализированных "
            "программ наставничества в организации."
        )
        b.para(
            "8.4. Куратор проставляет в базе наставляемых отметку о прохождении наставляемым полного цикла "
            "программы наставничества и не позднее 20 января года, следующего за отчётным, вносит сведения "
            "о количестве участников программ наставничества в форму федерального статистического "
            "наблюдения."
        )

        # 9 — monitoring (004 §9) ---------------------------------------------------------------
        b.heading("9. Мониторинг и оценка результатов реализации программ наставничества")
        b.para(
            "9.1. Мониторинг процесса реализации программ наставничества – система сбора, обработки, "
            "хранения и использования информации о программе наставничества и (или) отдельных её "
            "элементах. Мониторинг проводится куратором совместно с методическим объединением (советом) "
            "наставников ежегодно."
        )
        b.para(
            "9.2. Мониторинг влияния программ на всех участников включает два подэтапа: первый проводится "
            "до вступления в программу наставничества (входной мониторинг), второй – по итогам её "
            "прохождения (итоговый мониторинг)."
        )
        b.para(
            "9.3. Мониторинг состоит из двух направлений: мониторинг эффективности реализации программ "
            "наставничества и мониторинг достижения показателей внедрения системы наставничества в "
            "организации. Мониторинг эффективности оценивает:"
        )
        b.items(MONITORING_AIMS)
        b.para(
            "9.4. По итогам мониторинга разрабатываются адресные рекомендации для участников программ "
            "наставничества, принимаются управленческие решения, направленные на улучшение результатов "
            "наставляемых и наставников, проводится анализ эффективности принятых мер. Результаты "
            "мониторинга включаются в итоговый аналитический отчёт куратора."
        )

        # 10 — criteria (part 10) ---------------------------------------------------------------
        b.heading("10. Критерии эффективности работы наставника")
        b.para("10.1. Эффективность работы наставника оценивается по следующим критериям:")
        b.items(MENTOR_CRITERIA)
        b.para(
            "10.2. Оценку эффективности работы наставника проводит куратор по итогам реализации "
            "персонализированной программы наставничества с учётом отчёта наставника, самооценки и "
            "обратной связи наставляемого; результаты оценки учитываются при поощрении наставника."
        )

        # 11 — incentives (part 9) --------------------------------------------------------------
        b.heading("11. Мотивирование и стимулирование наставников")
        b.para(
            "11.1. Стимулирование наставнической деятельности является инструментом мотивации и выполняет "
            "три функции – экономическую, социальную и моральную."
        )
        b.para("11.2. В организации применяются следующие способы поощрения наставников:")
        b.tag("{%p if material_awards %}")
        b.para("материальное стимулирование:")
        loop("material_awards", last="{% if other_awards %};{% else %}.{% endif %}")
        b.tag("{%p endif %}")
        b.tag("{%p if other_awards %}")
        b.para("нематериальное стимулирование:")
        loop("other_awards")
        b.tag("{%p endif %}")
        b.tag("{%p if material_awards %}")
        b.para(
            "11.3. Обязанности наставника возлагаются на педагогического работника с его письменного "
            "согласия на определённый срок наряду с работой, определённой трудовым договором (статья 60.2 "
            "Трудового кодекса Российской Федерации); размер доплаты за их выполнение устанавливается по "
            "соглашению сторон трудового договора (статья 151 Трудового кодекса Российской Федерации). "
            "Размеры выплат наставникам устанавливаются коллективным договором и локальными нормативными "
            "актами организации."
        )
        b.para(
            "11.4. Решение о поощрении наставника принимает руководитель организации по представлению "
            "куратора с учётом мнения методического объединения (совета) наставников и результатов оценки "
            "эффективности работы наставника."
        )
        b.tag("{%p else %}")
        b.para(
            "11.3. Решение о поощрении наставника принимает руководитель организации по представлению "
            "куратора с учётом мнения методического объединения (совета) наставников и результатов оценки "
            "эффективности работы наставника."
        )
        b.tag("{%p endif %}")

        # 12 — publication (part 11) ------------------------------------------------------------
        b.heading("12. Публикация результатов программ наставничества")
        b.tag("{%p if publish %}")
        b.para(
            "12.1. Информация о реализации системы наставничества размещается на официальном сайте "
            "организации{% if org.website %} ({{ org.website }}){% endif %} в разделе "
            "«{{ website_section }}»: настоящее Положение и приказы о наставничестве, сведения о "
            "реализуемых персонализированных программах наставничества, базы наставников и наставляемых, "
            "лучшие практики наставничества, нормативная правовая база, методические материалы, новости и "
            "анонсы мероприятий."
        )
        b.para(
            "12.2. Результаты программ наставничества публикуются на сайте организации в течение месяца "
            "после представления куратором итогового аналитического отчёта, а по согласованию – также на "
            "сайтах организаций-партнёров. Раздел наполняет куратор совместно с системным администратором."
        )
        b.para(
            "12.3. Персональные данные участников программ наставничества публикуются только при наличии "
            "их согласия на обработку персональных данных, разрешённых для распространения; в остальных "
            "случаях результаты публикуются в обезличенном виде."
        )
        b.tag("{%p else %}")
        b.para(
            "12.1. Результаты программ наставничества доводятся до сведения педагогических работников на "
            "заседаниях педагогического совета и размещаются на информационном стенде организации; на "
            "официальном сайте организации публикуются настоящее Положение и приказы о наставничестве."
        )
        b.para(
            "12.2. Персональные данные участников программ наставничества публикуются только при наличии "
            "их согласия на обработку персональных данных, разрешённых для распространения; в остальных "
            "случаях результаты публикуются в обезличенном виде."
        )
        b.tag("{%p endif %}")

        # 13 — forms of the agreement and consents (parts 12–13) --------------------------------
        b.heading("13. Соглашение и согласия участников")
        b.para(
            "13.1. Наставник и наставляемый, а если наставляемый несовершеннолетний – также его законный "
            "представитель, заключают соглашение о безусловном выполнении обязательств по форме согласно "
            f"приложению {numbers['agreement']} к Положению."
        )
        b.para(
            "13.2. Письменное согласие наставника на назначение наставником и выполнение дополнительных "
            "обязанностей, связанных с наставнической деятельностью, и письменное согласие наставляемого на "
            "участие в персонализированной программе наставничества оформляются по формам согласно "
            f"приложениям {numbers['mentor']} и {numbers['mentee']} к Положению."
        )
        b.para(
            "13.3. Согласие на обработку персональных данных участника программы наставничества (законного "
            "представителя несовершеннолетнего участника) оформляется по форме согласно приложению "
            f"{numbers['personal_data']} к Положению в соответствии с Федеральным законом от 27 июля "
            "2006 г. № 152-ФЗ «О персональных данных»"
            + (
                "; согласие на обработку персональных данных, разрешённых для распространения (статья "
                "10.1 того же Федерального закона), – по форме согласно приложению "
                f"{numbers['distribution']} к Положению."
                if "distribution" in numbers
                else "."
            )
            + " Участник вправе отозвать согласие письменным заявлением."
        )

        # 14 — adoption and amendment (ТК РФ ст. 8, 372) ---------------------------------------
        # The closing part and the list of appendices stay together: never a page with only the
        # last lines of the act.
        self._learners_part(b, first_appendix=len(titles) + 1)
        b.heading("{{ final_section }}. Заключительные положения")
        b.para(
            "{{ final_section }}.1. Положение принимается на заседании педагогического совета{% if union %} с учётом "
            "мнения выборного органа первичной профсоюзной организации{% endif %}, утверждается приказом "
            "руководителя организации и вводится в действие с даты, указанной в этом приказе. Положение "
            "действует до замены новым.",
            keep_with_next=True,
        )
        b.para(
            "{{ final_section }}.2. Изменения и дополнения в Положение вносятся в том же порядке в связи с изменением "
            "законодательства Российской Федерации, нормативных правовых актов субъекта Российской "
            "Федерации и муниципального образования в сфере наставничества.",
            keep_with_next=True,
        )
        b.para("Приложения:", align="left", indent=False, space_before=12, keep_with_next=True)
        for number, title in enumerate(titles[:-1], start=1):
            b.para(f"{number}. {title}.", keep_with_next=True)
        # The list keeps together to its last line: the fourth form's, or the learners' last.
        last = f"{len(titles)}. {titles[-1]}."
        b.tag("{%p if learners %}")
        b.para(last, keep_with_next=True)
        for number, spec in enumerate(learner_appendices, start=len(titles) + 1):
            b.para(
                f"{number}. {spec().blank_title}.",
                keep_with_next=number < len(titles) + len(learner_appendices),
            )
        b.tag("{%p else %}")
        b.para(last)
        b.tag("{%p endif %}")

        build_blank_forms(b, first_number=1, appendix_to=APPENDIX_TO)
        b.tag("{%p if learners %}")
        for number, spec_class in enumerate(learner_appendices, start=len(titles) + 1):
            right_block(b, [f"Приложение {number}", f"к {APPENDIX_TO}"], space_after=18, new_page=True)
            spec_class().build_blank(b)
        b.tag("{%p endif %}")

    @staticmethod
    def _learners_part(b, *, first_appendix: int) -> None:
        """Part 14 when the organization applies forms of mentoring of learners (issue 20; seed
        003 §4.2–4.7, 002 §10): the forms and who may be paired in each, the base of mentees
        with the map of requests, the mentors of the internal and the external contour (003
        §4.5), the rights and duties of a learner's mentor and of a learner mentee (the texts the
        agreement repeats), the legal representatives of minor learners with the forms of their
        consents (appendices ``first_appendix`` and the next), and nothing about a minor
        published or passed beyond the organization."""
        participation, data = first_appendix, first_appendix + 1
        b.tag("{%p if learners %}")
        b.heading("14. Наставничество обучающихся")
        b.para("14.1. В организации применяются следующие формы наставничества обучающихся:")
        b.tag("{%p for item in learners.forms %}")
        b.para("– {{ item }}{% if loop.last %}.{% else %};{% endif %}")
        b.tag("{%p endfor %}")
        b.para(
            "Форма наставничества определяет, кто может быть наставником и наставляемым в наставнической "
            "паре (группе); пара, не соответствующая форме, не формируется."
        )
        b.para(
            "14.2. О возможностях и целях наставничества обучающиеся, их родители (законные представители) "
            "и педагоги информируются на педагогическом совете, родительских собраниях, классных часах и на "
            "официальном сайте организации. Куратор формирует базу наставляемых с картой запросов: выявляет "
            "проблемы обучающихся, которые можно решить с помощью наставничества, собирает и "
            "систематизирует их запросы."
        )
        b.para("14.3. База наставников обучающихся формируется из числа лиц внутреннего контура:")
        b.items(LEARNER_MENTOR_POOLS_INTERNAL)
        b.para("и внешнего контура:")
        b.items(LEARNER_MENTOR_POOLS_EXTERNAL)
        b.para(
            "Наставники внешнего контура участвуют в программах наставничества с их письменного согласия, "
            "а представители организаций-партнёров – также на основании соглашения организации с "
            "организацией-партнёром."
        )
        b.para("14.4. Наставник обучающегося обязан:")
        b.items(LEARNER_MENTOR_DUTIES)
        b.para("14.5. Наставник обучающегося имеет право:")
        b.items(LEARNER_MENTOR_RIGHTS)
        b.para("14.6. Наставляемый обучающийся обязан:")
        b.items(LEARNER_MENTEE_DUTIES)
        b.para("14.7. Наставляемый обучающийся имеет право:")
        b.items(LEARNER_MENTEE_RIGHTS)
        b.para(
            "14.8. Законные представители несовершеннолетних обучающихся – участников программ "
            "наставничества имеют права и несут обязанности, установленные пунктами 4.11 и 4.12 Положения. "
            "Несовершеннолетний обучающийся участвует в программе наставничества с письменного согласия "
            "своего законного представителя по форме согласно приложению "
            f"{participation} к Положению. Законный представитель даёт согласие на обработку персональных "
            f"данных несовершеннолетнего по форме согласно приложению {data} к Положению и является "
            "стороной соглашения о безусловном выполнении обязательств (раздел 13 Положения). Документы "
            "несовершеннолетнего подписывает один законный представитель, указанный в карточке "
            "обучающегося."
        )
        b.para(
            "14.9. Встречи наставнических пар (групп) с участием несовершеннолетних проводятся в организации "
            "или в местах, согласованных с куратором. Сведения о несовершеннолетних участниках программ "
            "наставничества не публикуются и не передаются за пределы организации; в отчётность и "
            "мониторинг включаются только обезличенные сведения."
        )
        b.tag("{%p endif %}")

    @staticmethod
    def _marks(b) -> None:
        """The marks above the title (ГОСТ Р 7.0.97-2016, п. 5.19; ТК РФ ст. 8, 372): on the left
        «ПРИНЯТО на заседании педагогического совета» and «УЧТЕНО мнение выборного органа
        первичной профсоюзной организации» with their protocols, on the right «УТВЕРЖДЕНО
        приказом директора …» with the registered order's date and number. One row that never
        splits."""
        from docx.shared import Cm

        from nastavnik.documents.builder import keep_together

        table = b.document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.width = right.width = Cm(8.25)
        lines = {
            left: [
                "ПРИНЯТО",
                "на заседании педагогического совета",
                "протокол от {{ council.date }} № {{ council.number }}",
                "{%p if union %}",
                "",
                "УЧТЕНО",
                "мнение выборного органа первичной профсоюзной организации",
                "протокол от {{ union.date }} № {{ union.number }}",
                "{%p endif %}",
            ],
            right: [
                "УТВЕРЖДЕНО",
                "приказом {{ head.position.gen }}",
                "{{ org.short.gen }}",
                "от {{ approval.date }} № {{ approval.number }}",
            ],
        }
        for cell, texts in lines.items():
            cell.paragraphs[0].text = texts[0]
            for text in texts[1:]:
                cell.add_paragraph(text)
        keep_together(table)
        b.blank()


def appendix_numbers(titles: list[str]) -> dict[str, int]:
    """The number of each appended form by what its title names: ``agreement`` (the agreement),
    ``mentor`` and ``mentee`` (the written consents), ``personal_data`` (the consent to
    processing), ``distribution`` (the consent to data allowed for distribution, 152-ФЗ ст.
    10.1) when there is one. ``titles``: as ``consents.build_blank_forms`` returns them, the
    first numbered 1.

    Raises:
        ValueError: a form the Положение cites (seed 002 §10, items 12–13) is not among them.
    """
    numbers: dict[str, int] = {}
    for number, title in enumerate(titles, start=1):
        text = title.casefold()
        if "соглашени" in text:
            key = "agreement"
        elif "распространени" in text:
            key = "distribution"
        elif "персональных данных" in text:
            key = "personal_data"
        elif "наставляем" in text:
            key = "mentee"
        elif "наставник" in text:
            key = "mentor"
        else:
            continue
        numbers.setdefault(key, number)
    lacking = {"agreement", "mentor", "mentee", "personal_data"} - numbers.keys()
    if lacking:
        raise ValueError(f"Among the appended forms {titles!r} there is none for {sorted(lacking)}")
    return numbers
