"""Reference data (справочники) of the target model as plain Python data.

Shape: every list is a tuple of dicts, one dict per entry, in display order::

    {
        "code": "reverse",                      # stable English snake_case slug, unique per model
        "name": "Реверсивное наставничество",    # Russian name as the regulation words it
        "description": "…",                     # optional, short, taken from the clause
        "source": cite("seed 000 §2.3; seed 001 §3.1"),  # clause(s) or the legal act
        # model-specific fields: "audience", "organization_kinds" (MentoringForm: the kinds of
        # organization it is offered to by default, none — all), "mentor_kinds" and
        # "mentee_kinds" (MentoringForm: who may be paired, ``ParticipantKind`` values), "is_material" and "region"
        # (AwardKind: the region that established a regional award)
    }

``sort_order`` is not written here: the loader gives each entry its position in the list
(1, 2, 3…), so the order below is the order users see.

``source`` is what users read as the entry's basis: the document's title and its point. An
entry from the seeds writes it as ``cite("seed NNN §clause")`` — the developers' code, where
NNN is the file in ``/work/shared/seeds`` (000 = regional Положение of KhMAO – Yugra and its
roadmap, 001 = municipal Положение of Mikhailovka, 002 = federal methodological
recommendations, 003 = municipal roadmap of the Pirovsky district, 004 = Положение of a Norilsk
kindergarten) —, and ``reference.citations.cite`` turns it into the citation stored
(«Положение о системе … Югры, п. 2.3»); entries that do not come from the seeds name the federal
act instead. No text of an entry carries a code (``core/tests/test_no_clause_codes.py``).

Codes are identifiers other tables, imports and code refer to: never rename one; add a new
entry and deactivate the old one instead. ``REFERENCE_DATA`` at the bottom maps model names
to their lists; ``nastavnik.reference.loading.load_reference_data`` loads it.
"""

from __future__ import annotations

from typing import Any

from nastavnik.reference.citations import cite

ReferenceRow = dict[str, Any]

# --------------------------------------------------------------------------------------------
# Формы наставничества (seed 000 §2.3, 001 §3.1, 004 §3.1; for pupils 003 §4.2)
# --------------------------------------------------------------------------------------------

MENTORING_FORMS: tuple[ReferenceRow, ...] = (
    {
        "code": "pedagogue_pedagogue",
        "name": "педагог – педагог",
        "description": (
            "Сокращение сроков адаптации молодых специалистов к профессии, закрепление молодого "
            "(начинающего) педагога на месте работы, повышение его профессионального потенциала, "
            "создание комфортной профессиональной среды. В положениях о наставничестве "
            "Ханты-Мансийского автономного округа – Югры и городского округа город Михайловка "
            "описана как форма «учитель – учитель»: взаимодействие пары «учитель-профессионал – "
            "учитель, вовлечённый в различные формы поддержки и сопровождения»."
        ),
        "source": cite("seed 000 §2.3; seed 001 §3.1; seed 004 §3.1, §3.1.1"),
        "audience": "teachers",
        "mentor_kinds": ["worker"],
        "mentee_kinds": ["worker"],
    },
    {
        "code": "head_pedagogue",
        "name": "руководитель образовательной организации – педагог",
        "description": (
            "Нацелена на совершенствование образовательного процесса и достижение желаемых "
            "результатов руководителем образовательной организации посредством создания необходимых "
            "организационно-педагогических, кадровых, методических, психолого-педагогических условий "
            "и ресурсов (в положениях о наставничестве Ханты-Мансийского автономного округа – Югры "
            "и городского округа город Михайловка — «руководитель образовательной организации – "
            "учитель»; в положении детского сада — «руководитель образовательного учреждения – "
            "педагог»)."
        ),
        "source": cite("seed 000 §2.3; seed 001 §3.1; seed 004 §3.1, §3.1.2"),
        "audience": "teachers",
        "mentor_kinds": ["worker"],
        "mentee_kinds": ["worker"],
    },
    {
        "code": "employer_student",
        "name": "работодатель – студент",
        "description": (
            "В положении о наставничестве городского округа город Михайловка — «работодатель – "
            "студент педагогического вуза/колледжа»."
        ),
        "source": cite("seed 000 §2.3; seed 001 §3.1"),
        "audience": "pupils",
        "mentor_kinds": ["non_staff", "worker"],
        "mentee_kinds": ["student"],
        "organization_kinds": ["college", "university"],
    },
    {
        "code": "university_teacher_young_teacher",
        "name": "педагог вуза/колледжа – молодой педагог образовательной организации",
        "description": "",
        "source": cite("seed 000 §2.3; seed 001 §3.1"),
        "audience": "teachers",
        "mentor_kinds": ["non_staff", "worker"],
        "mentee_kinds": ["worker"],
    },
    {
        "code": "social_partner_pedagogue",
        "name": (
            "социальный партнёр – педагогический работник образовательных организаций среднего "
            "профессионального образования и дополнительного образования"
        ),
        "description": "",
        "source": cite("seed 001 §3.1"),
        "audience": "teachers",
        "mentor_kinds": ["non_staff"],
        "mentee_kinds": ["worker"],
        "organization_kinds": ["college", "supplementary"],
    },
    {
        "code": "colleague_young_colleague",
        "name": "коллега – молодой коллега",
        "description": (
            "Совместная работа по развитию творческого, предпринимательского или социального проекта, "
            "в процессе которой наставляемый делится свежим видением и креативными идеями, которые "
            "могут оказать существенную поддержку наставнику, а сам наставник выполняет роль "
            "организатора и куратора."
        ),
        "source": cite("seed 004 §3.1.2"),
        "audience": "teachers",
        "mentor_kinds": ["worker"],
        "mentee_kinds": ["worker"],
    },
    {
        "code": "teacher_pupil",
        "name": "учитель – ученик",
        "description": "Форма наставничества обучающихся, выбираемая школой исходя из её потребностей.",
        "source": cite("seed 003 §4.2"),
        "audience": "pupils",
        "mentor_kinds": ["worker"],
        "mentee_kinds": ["pupil", "student"],
        "organization_kinds": ["school", "college", "supplementary"],
    },
    {
        "code": "pupil_pupil",
        "name": "ученик – ученик",
        "description": "Форма наставничества обучающихся, выбираемая школой исходя из её потребностей.",
        "source": cite("seed 003 §4.2"),
        "audience": "pupils",
        "mentor_kinds": ["pupil"],
        "mentee_kinds": ["pupil"],
        "organization_kinds": ["school", "college", "supplementary"],
    },
    {
        "code": "student_student",
        "name": "студент – студент",
        "description": (
            "Форма наставничества обучающихся профессиональной образовательной организации: "
            "студент старшего курса помогает студенту младшего курса в учебных, адаптационных, "
            "творческих и спортивных вопросах."
        ),
        "source": cite("seed 003 §4.2, §4.5"),
        "audience": "pupils",
        "organization_kinds": ["college", "university"],
        "mentor_kinds": ["student"],
        "mentee_kinds": ["student"],
    },
)

# --------------------------------------------------------------------------------------------
# Модели взаимодействия в форме «педагог – педагог» (seed 004 §3.1.1)
# --------------------------------------------------------------------------------------------

INTERACTION_MODELS: tuple[ReferenceRow, ...] = (
    {
        "code": "experienced_young_specialist",
        "name": "опытный педагог – молодой специалист",
        "description": (
            "Классический вариант поддержки со стороны опытного педагога (педагога-профессионала) "
            "для приобретения молодым педагогом необходимых профессиональных навыков "
            "(организационных, предметных, коммуникационных и др.)."
        ),
        "source": cite("seed 004 §3.1.1, подп. 1"),
    },
    {
        "code": "leader_communication_difficulties",
        "name": (
            "лидер педагогического сообщества – педагог, испытывающий профессиональные затруднения "
            "в сфере коммуникации"
        ),
        "description": (
            "На первый план выходит психологическая и личностная поддержка педагога; главное "
            "направление наставнической деятельности – профессиональная социализация наставляемого."
        ),
        "source": cite("seed 004 §3.1.1, подп. 2"),
    },
    {
        "code": "innovator_conservative",
        "name": "педагог-новатор – консервативный педагог",
        "description": (
            "Педагог, склонный к новаторству и нестандартным решениям, помогает опытному педагогу "
            "овладеть современными цифровыми технологиями."
        ),
        "source": cite("seed 004 §3.1.1, подп. 3"),
    },
)

# --------------------------------------------------------------------------------------------
# Виды наставничества (seed 000 §2.3, 001 §3.1, 004 §3.1.3)
# --------------------------------------------------------------------------------------------

_KINDS_SOURCE = cite("seed 000 §2.3; seed 001 §3.1; seed 004 §3.1.3")

MENTORING_KINDS: tuple[ReferenceRow, ...] = (
    {
        "code": "traditional",
        "name": "Традиционная форма наставничества («один на один»)",
        "description": (
            "Взаимодействие между более опытным и начинающим работником в течение определённого "
            "продолжительного времени; отбор наставника и наставляемого по определённым критериям: "
            "опыт, навыки, личностные характеристики."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "virtual",
        "name": "Виртуальное (дистанционное) наставничество",
        "description": (
            "Дистанционная форма организации наставничества с использованием "
            "информационно-коммуникационных технологий: видеоконференции, платформы для "
            "дистанционного обучения, социальные сети и онлайн-сообщества, тематические "
            "интернет-порталы."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "group",
        "name": "Наставничество в группе",
        "description": (
            "Один наставник взаимодействует с группой наставляемых одновременно (от двух и более человек)."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "short_term",
        "name": "Краткосрочное или целеполагающее наставничество",
        "description": (
            "Наставник и наставляемый встречаются по заранее установленному графику для постановки "
            "конкретных целей, ориентированных на определённые краткосрочные результаты."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "reverse",
        "name": "Реверсивное наставничество",
        "description": (
            "Профессионал младшего возраста становится наставником опытного работника по вопросам "
            "новых тенденций, технологий, а опытный педагог – наставником молодого педагога в "
            "вопросах методики и организации учебно-воспитательного процесса."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "situational",
        "name": "Ситуационное наставничество",
        "description": (
            "Наставник оказывает помощь или консультацию всякий раз, когда наставляемый нуждается "
            "в них; обеспечивает немедленное реагирование на значимую для подопечного ситуацию."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "speed",
        "name": "Скоростное наставничество",
        "description": (
            "Однократная встреча наставляемого (наставляемых) с наставником более высокого уровня "
            "(профессионалом/компетентным лицом) для построения взаимоотношений с работниками, "
            "объединёнными общими проблемами и интересами, или обмена опытом "
            "(«равный – равному»)."
        ),
        "source": _KINDS_SOURCE,
    },
    {
        "code": "network",
        "name": "Сетевое наставничество",
        "description": (
            "Названо в задачах наставничества («внедрение разнообразных, в том числе реверсивных, "
            "сетевых и дистанционных форм наставничества»); определения в источниках нет."
        ),
        "source": cite("seed 001 §2.2"),
    },
)

# --------------------------------------------------------------------------------------------
# Категории наставляемых (seed 000 §1.3, 001 §5.2.3)
# --------------------------------------------------------------------------------------------

MENTEE_CATEGORIES: tuple[ReferenceRow, ...] = (
    {
        "code": "young_teacher",
        "name": "Молодой педагог, только пришедший в профессию",
        "description": "",
        "source": cite("seed 000 §1.3; seed 001 §5.2.3"),
    },
    {
        "code": "experienced_learning_new",
        "name": (
            "Опытный педагог, испытывающий потребность в освоении новой технологии или приобретении "
            "новых навыков"
        ),
        "description": "",
        "source": cite("seed 000 §1.3"),
    },
    {
        "code": "new_in_staff",
        "name": "Новый педагог в коллективе",
        "description": "",
        "source": cite("seed 000 §1.3"),
    },
    {
        "code": "non_pedagogical_education",
        "name": "Педагог, имеющий непедагогическое профильное образование",
        "description": "",
        "source": cite("seed 000 §1.3"),
    },
    {
        "code": "after_long_break",
        "name": "Педагог, приступивший к работе после длительного перерыва",
        "description": "",
        "source": cite("seed 001 §5.2.3"),
    },
    {
        "code": "adapting_new_workplace",
        "name": "Педагог, находящийся в процессе адаптации на новом месте работы",
        "description": "",
        "source": cite("seed 001 §5.2.3"),
    },
    {
        "code": "growth_in_direction",
        "name": (
            "Педагог, желающий повысить свой профессиональный уровень в определённом направлении "
            "педагогической деятельности"
        ),
        "description": (
            "Предметная область, воспитательная и внеурочная деятельность, дополнительное образование и пр."
        ),
        "source": cite("seed 001 §5.2.3"),
    },
    {
        "code": "digital_skills",
        "name": (
            "Педагог, желающий владеть современными ИТ-программами, цифровыми навыками, ИКТ-компетенциями"
        ),
        "description": "",
        "source": cite("seed 001 §5.2.3"),
    },
    {
        "code": "burnout",
        "name": "Педагог, находящийся в состоянии профессионального, эмоционального выгорания",
        "description": "",
        "source": cite("seed 001 §5.2.3"),
    },
    {
        "code": "other_difficulties",
        "name": (
            "Педагог, испытывающий другие профессиональные затруднения и осознающий потребность в наставнике"
        ),
        "description": "",
        "source": cite("seed 001 §5.2.3"),
    },
    {
        "code": "intern_student",
        "name": (
            "Стажёр (студент), заключивший договор с обязательством последующего принятия на работу "
            "и (или) проходящий стажировку (практику) в образовательной организации"
        ),
        "description": "",
        "source": cite("seed 001 §5.2.3"),
    },
)

# --------------------------------------------------------------------------------------------
# Области профессиональных затруднений и дефицитов – восемь (seed 000 §4.3.3, шаги 2–3)
# --------------------------------------------------------------------------------------------

_DEFICIT_SOURCE = cite("seed 000 §4.3.3, шаги 2–3")

COMPETENCE_AREAS: tuple[ReferenceRow, ...] = (
    {
        "code": "scientific_theoretical",
        "name": "Научно-теоретические",
        "description": "",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "legal",
        "name": "Нормативные правовые",
        "description": "",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "subject_professional",
        "name": "Предметно-профессиональные",
        "description": "",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "psychological_pedagogical",
        "name": "Психолого-педагогические",
        "description": "Ориентированные на обучающихся и их родителей.",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "methodical",
        "name": "Методические",
        "description": "Содержание образования, методики и технологии обучения.",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "ict_digital",
        "name": "ИКТ-компетенции, цифровизация образования",
        "description": "",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "extracurricular_upbringing",
        "name": "Внеурочная и воспитательная деятельность",
        "description": "",
        "source": _DEFICIT_SOURCE,
    },
    {
        "code": "health_saving",
        "name": "Здоровьесбережение обучающихся",
        "description": "",
        "source": _DEFICIT_SOURCE,
    },
)

# --------------------------------------------------------------------------------------------
# Этапы программы наставничества организации – семь (seed 000 §IV)
# --------------------------------------------------------------------------------------------

PROGRAM_STAGES: tuple[ReferenceRow, ...] = (
    {
        "code": "preparing_conditions",
        "name": "Подготовка условий для запуска программы наставничества",
        "description": (
            "Нормативное правовое, организационно-методическое, материально-техническое обеспечение."
        ),
        "source": cite("seed 000 §IV, п. 1; seed 003 §3.1, §4.1"),
    },
    {
        "code": "mentee_base",
        "name": "Формирование базы наставляемых",
        "description": (
            "Выявление конкретных проблем, которые можно решить с помощью наставничества; сбор и "
            "систематизация запросов от потенциальных наставляемых; база наставляемых с картой "
            "запросов."
        ),
        "source": cite("seed 000 §IV, п. 2; seed 003 §4.4"),
    },
    {
        "code": "mentor_base",
        "name": "Формирование базы наставников",
        "description": (
            "База наставников, которые потенциально могут участвовать как в текущей программе "
            "наставничества, так и в будущем; внутренний и внешний контуры."
        ),
        "source": cite("seed 000 §IV, п. 3; seed 003 §3.4, §4.5"),
    },
    {
        "code": "mentor_selection_training",
        "name": "Отбор и обучение наставников",
        "description": (
            "Анкеты в письменной свободной форме, собеседование с наставниками, программа обучения; "
            "база кураторов и наставников, прошедших курсы повышения квалификации."
        ),
        "source": cite("seed 000 §IV, п. 4; seed 003 §3.2, §4.6"),
    },
    {
        "code": "forming_pairs",
        "name": "Формирование наставнических пар или групп",
        "description": (
            "Закрепление наставнических пар/групп приказом руководителя с письменного согласия их участников."
        ),
        "source": cite("seed 000 §IV, п. 5; seed 001 §4.4.3; seed 004 §1.6.6"),
    },
    {
        "code": "pair_work",
        "name": "Организация работы наставнических пар или групп",
        "description": ("Встречи пары/группы, сбор обратной связи от наставляемых, наставников и кураторов."),
        "source": cite("seed 000 §IV, п. 6; seed 003 §3.5, §4.7"),
    },
    {
        "code": "completion",
        "name": "Завершение наставничества",
        "description": (
            "Подведение итогов работы каждой пары/группы и программы, публичное подведение итогов и "
            "популяризация практик, поощрение наставников."
        ),
        "source": cite("seed 000 §IV, п. 7; seed 003 §4.8"),
    },
)

# --------------------------------------------------------------------------------------------
# Этапы персонализированной программы – пять (seed 004 §6.2.3)
# --------------------------------------------------------------------------------------------

PERSONALIZED_PROGRAM_STAGES: tuple[ReferenceRow, ...] = (
    {
        "code": "preparatory",
        "name": "Подготовительный этап",
        "description": (
            "Предварительный анализ проблем, которые возможно решить программой наставничества; "
            "отбор наставников и наставляемых, подбор и закрепление наставников за наставляемыми; "
            "нормативные документы и договоры; обучение наставников и кураторов; выявление "
            "индивидуальных потребностей, мотивов, способностей и склонностей наставляемого."
        ),
        "source": cite("seed 004 §6.2.3"),
    },
    {
        "code": "design",
        "name": "Проектировочный этап",
        "description": (
            "Целеполагание; определение ресурсов наставляемого; самоанализ; проектирование "
            "индивидуальной образовательной программы / маршрута / траектории и её оформление "
            "(карта, программа, план, маршрутный лист и др.)."
        ),
        "source": cite("seed 004 §6.2.3"),
    },
    {
        "code": "implementation",
        "name": "Реализационный этап",
        "description": (
            "Организация наставничества куратором посредством реализации дорожной карты; "
            "сопровождение наставником индивидуальной образовательной программы / маршрута / "
            "траектории наставляемого."
        ),
        "source": cite("seed 004 §6.2.3"),
    },
    {
        "code": "reflective_analytical",
        "name": "Рефлексивно-аналитический этап",
        "description": (
            "Оценка эффективности построения и реализации индивидуальной образовательной программы "
            "(рефлексия наставляемого, анализ наставником своей работы); отчёт наставника о "
            "реализации программы сопровождения."
        ),
        "source": cite("seed 004 §6.2.3"),
    },
    {
        "code": "resultative",
        "name": "Результативный этап",
        "description": (
            "Наставник дистанцируется, продолжает реагировать на острые ситуации; наставляемый "
            "развивает навыки самоопределения и самореализации, самостоятельно осваивает новые цели "
            "личностного развития."
        ),
        "source": cite("seed 004 §6.2.3"),
    },
)

# --------------------------------------------------------------------------------------------
# Типы встреч наставнической пары/группы – пять (seed 003 §4.7)
# --------------------------------------------------------------------------------------------

MEETING_TYPES: tuple[ReferenceRow, ...] = (
    {
        "code": "acquaintance",
        "name": "Встреча-знакомство",
        "description": "",
        "source": cite("seed 003 §4.7"),
    },
    {
        "code": "trial_working",
        "name": "Пробная рабочая встреча",
        "description": "",
        "source": cite("seed 003 §4.7"),
    },
    {"code": "planning", "name": "Встреча-планирование", "description": "", "source": cite("seed 003 §4.7")},
    {
        "code": "consecutive_series",
        "name": "Комплекс последовательных встреч",
        "description": "",
        "source": cite("seed 003 §4.7"),
    },
    {"code": "final", "name": "Итоговая встреча", "description": "", "source": cite("seed 003 §4.7")},
)

# --------------------------------------------------------------------------------------------
# Виды поощрения наставников (seed 000 §3.4, 001 §6, 004 §1.6.4, §5.1)
# --------------------------------------------------------------------------------------------

AWARD_KINDS: tuple[ReferenceRow, ...] = (
    # Материальное (денежное) стимулирование
    {
        "code": "compensation_payment",
        "name": "Выплата компенсационного характера за наставническую деятельность",
        "description": (
            "Размеры выплат определяются коллективными договорами, соглашениями, локальными "
            "нормативными актами образовательной организации."
        ),
        "source": cite("seed 000 §3.4; seed 001 §6.2; seed 004 §5.1"),
        "is_material": True,
    },
    {
        "code": "importance_payment",
        "name": "Выплата наставнику за важность выполняемой работы",
        "description": "Входит в нормативное обеспечение целевой модели наставничества организации.",
        "source": cite("seed 004 §1.6.4"),
        "is_material": True,
    },
    # Нематериальное стимулирование
    {
        "code": "management_reserve",
        "name": "Рекомендация для включения в резерв управленческих кадров",
        "description": (
            "Резерв управленческих кадров органов государственной власти различных уровней и органов "
            "местного самоуправления."
        ),
        "source": cite("seed 000 §3.4"),
        "is_material": False,
    },
    {
        "code": "attestation_credit",
        "name": "Учёт наставнической деятельности при проведении аттестации",
        "description": "",
        "source": cite("seed 000 §3.4; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "vacancy_competition_credit",
        "name": "Учёт наставнической деятельности при конкурсе на занятие вакантной должности",
        "description": "Карьерный рост.",
        "source": cite("seed 000 §3.4; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "contest_nomination",
        "name": "Выдвижение на профессиональные конкурсы педагогических работников",
        "description": "",
        "source": cite("seed 000 §3.4; seed 001 §6.1; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "jury_membership",
        "name": "Включение в состав жюри (экспертов) профессиональных конкурсов",
        "description": "",
        "source": cite("seed 000 §3.4; seed 001 §6.1; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "diploma",
        "name": "Награждение дипломом",
        "description": "С размещением на официальном сайте образовательной организации, в социальных сетях.",
        "source": cite("seed 000 §3.4; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "letter_of_thanks",
        "name": "Награждение благодарственным письмом",
        "description": "С размещением на официальном сайте образовательной организации, в социальных сетях.",
        "source": cite("seed 000 §3.4; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "departmental_award_nomination",
        "name": "Представление к награждению ведомственными наградами",
        "description": "",
        "source": cite("seed 000 §3.4; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "social_programs",
        "name": "Поощрение в социальных программах",
        "description": "",
        "source": cite("seed 000 §3.4; seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "regional_club",
        "name": (
            "Профессиональное развитие в региональном клубе «Наставник», участие в региональных "
            "фестивалях, форумах, конференциях"
        ),
        "description": "",
        "source": cite("seed 001 §6.1"),
        "is_material": False,
    },
    {
        "code": "state_sign_za_nastavnichestvo",
        "name": "Представление к награждению знаком отличия «За наставничество»",
        "description": (
            "Государственная награда Российской Федерации для лучших наставников молодёжи; учреждён "
            "Указом Президента Российской Федерации от 2 марта 2018 г. № 94."
        ),
        "source": cite("seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "badge_honorary_mentor",
        "name": "Представление к награждению нагрудным знаком «Почётный наставник»",
        "description": (
            "Ведомственная награда Минпросвещения России; приказ Минпросвещения России от 1 июля "
            "2021 г. № 400 «О ведомственных наградах Министерства просвещения Российской Федерации»."
        ),
        "source": cite("seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "badge_youth_professionalism",
        "name": "Представление к награждению нагрудным знаком «Молодость и профессионализм»",
        "description": (
            "Ведомственная награда Минпросвещения России; приказ Минпросвещения России от 1 июля "
            "2021 г. № 400 «О ведомственных наградах Министерства просвещения Российской Федерации»."
        ),
        "source": cite("seed 004 §5.1"),
        "is_material": False,
    },
    {
        "code": "volgograd_sign_honorary_mentor",
        "name": "Представление к награждению знаком отличия Волгоградской области «Почётный наставник»",
        "description": (
            "Региональная награда; учреждён постановлением Губернатора Волгоградской области от "
            "8 ноября 2018 г. № 750."
        ),
        "source": cite("seed 001 §6.1"),
        "is_material": False,
        "region": "Волгоградская область",
    },
)

# --------------------------------------------------------------------------------------------
# Риски внедрения системы наставничества – шесть (seed 000 §VI)
# --------------------------------------------------------------------------------------------

RISKS: tuple[ReferenceRow, ...] = (
    {
        "code": "no_perception_as_growth",
        "name": (
            "Отсутствие у части педагогов восприятия наставничества как механизма профессионального "
            "роста педагогов"
        ),
        "description": "",
        "source": cite("seed 000 §VI, риск 1"),
    },
    {
        "code": "high_workload",
        "name": "Высокая нагрузка на наставников и наставляемых",
        "description": "",
        "source": cite("seed 000 §VI, риск 2"),
    },
    {
        "code": "low_mentor_motivation",
        "name": "Низкая мотивация наставников",
        "description": "",
        "source": cite("seed 000 §VI, риск 3"),
    },
    {
        "code": "formalism",
        "name": (
            "Недостаточно высокое качество наставнической деятельности и формализм в выполнении "
            "функций наставника"
        ),
        "description": "",
        "source": cite("seed 000 §VI, риск 4"),
    },
    {
        "code": "low_mentee_motivation",
        "name": (
            "Низкая мотивация наставляемых, их стремление противопоставить себя «косным» наставникам "
            "и их многолетнему опыту"
        ),
        "description": "",
        "source": cite("seed 000 §VI, риск 5"),
    },
    {
        "code": "weak_contour_interaction",
        "name": (
            "Низкая степень взаимодействия всех элементов двухконтурной структуры системы "
            "(целевой модели) наставничества"
        ),
        "description": "",
        "source": cite("seed 000 §VI, риск 6"),
    },
)

# --------------------------------------------------------------------------------------------
# Должности педагогических работников (Постановление Правительства РФ от 21.02.2022 № 225,
# раздел I, подраздел 2 «Должности иных педагогических работников»; должности
# профессорско-преподавательского состава (подраздел 1) – для вузов, здесь не приводятся)
# --------------------------------------------------------------------------------------------

_NOMENCLATURE = "Постановление Правительства РФ от 21.02.2022 № 225"

POSITIONS: tuple[ReferenceRow, ...] = (
    {"code": "teacher", "name": "Учитель", "description": "", "source": _NOMENCLATURE},
    {
        "code": "head",
        "name": "Директор (заведующий, начальник) образовательной организации",
        "description": "Должность руководителя образовательной организации.",
        "source": f"{_NOMENCLATURE}, раздел II",
    },
    {
        "code": "deputy_head",
        "name": "Заместитель директора (заведующего, начальника) образовательной организации",
        # The curator is usually a deputy head (seed 000 §4.1.2).
        "description": "Должность руководителя; куратором наставничества обычно назначается заместитель.",
        "source": f"{_NOMENCLATURE}, раздел II",
    },
    {"code": "educator", "name": "Воспитатель", "description": "", "source": _NOMENCLATURE},
    {"code": "senior_educator", "name": "Старший воспитатель", "description": "", "source": _NOMENCLATURE},
    {
        "code": "additional_education_teacher",
        "name": "Педагог дополнительного образования",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {
        "code": "senior_additional_education_teacher",
        "name": "Старший педагог дополнительного образования",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {"code": "lecturer", "name": "Преподаватель", "description": "", "source": _NOMENCLATURE},
    {
        "code": "safety_lecturer_organizer",
        "name": "Преподаватель-организатор основ безопасности и защиты Родины",
        "description": "До 2024 г. – «преподаватель-организатор основ безопасности жизнедеятельности».",
        "source": f"{_NOMENCLATURE} (в ред. постановления от 11.06.2024 № 940)",
    },
    {
        "code": "vocational_training_master",
        "name": "Мастер производственного обучения",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {"code": "psychologist", "name": "Педагог-психолог", "description": "", "source": _NOMENCLATURE},
    {"code": "social_pedagogue", "name": "Социальный педагог", "description": "", "source": _NOMENCLATURE},
    {"code": "speech_therapist", "name": "Учитель-логопед", "description": "", "source": _NOMENCLATURE},
    {"code": "defectologist", "name": "Учитель-дефектолог", "description": "", "source": _NOMENCLATURE},
    {"code": "methodologist", "name": "Методист", "description": "", "source": _NOMENCLATURE},
    {"code": "senior_methodologist", "name": "Старший методист", "description": "", "source": _NOMENCLATURE},
    {"code": "tutor", "name": "Тьютор", "description": "", "source": _NOMENCLATURE},
    {
        "code": "pedagogue_organizer",
        "name": "Педагог-организатор",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {
        "code": "music_director",
        "name": "Музыкальный руководитель",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {
        "code": "pe_instructor",
        "name": "Инструктор по физической культуре",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {"code": "accompanist", "name": "Концертмейстер", "description": "", "source": _NOMENCLATURE},
    {"code": "coach_teacher", "name": "Тренер-преподаватель", "description": "", "source": _NOMENCLATURE},
    {
        "code": "senior_coach_teacher",
        "name": "Старший тренер-преподаватель",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {
        "code": "upbringing_adviser",
        "name": "Советник директора по воспитанию и взаимодействию с детскими общественными объединениями",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {
        "code": "instructor_methodologist",
        "name": "Инструктор-методист",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {
        "code": "senior_instructor_methodologist",
        "name": "Старший инструктор-методист",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {"code": "teacher_librarian", "name": "Педагог-библиотекарь", "description": "", "source": _NOMENCLATURE},
    {"code": "senior_counselor", "name": "Старший вожатый", "description": "", "source": _NOMENCLATURE},
    {
        "code": "pe_director",
        "name": "Руководитель физического воспитания",
        "description": "",
        "source": _NOMENCLATURE,
    },
    {"code": "labour_instructor", "name": "Инструктор по труду", "description": "", "source": _NOMENCLATURE},
)

# --------------------------------------------------------------------------------------------
# Предметы (направления): учебные предметы ФГОС общего образования, а также уровни и
# направленности, по которым работает педагог (дошкольное, дополнительное образование, СПО)
# --------------------------------------------------------------------------------------------

_FGOS_NOO = "ФГОС НОО (приказ Минпросвещения России от 31.05.2021 № 286)"
_FGOS_OOO = "ФГОС ООО (приказ Минпросвещения России от 31.05.2021 № 287)"

SUBJECTS: tuple[ReferenceRow, ...] = (
    {
        "code": "primary_classes",
        "name": "Начальные классы",
        "description": "Учитель начальных классов ведёт учебные предметы начального общего образования.",
        "source": _FGOS_NOO,
    },
    {"code": "russian_language", "name": "Русский язык", "description": "", "source": _FGOS_OOO},
    {"code": "literature", "name": "Литература", "description": "", "source": _FGOS_OOO},
    {"code": "literary_reading", "name": "Литературное чтение", "description": "", "source": _FGOS_NOO},
    {"code": "native_language", "name": "Родной язык", "description": "", "source": _FGOS_OOO},
    {"code": "native_literature", "name": "Родная литература", "description": "", "source": _FGOS_OOO},
    {
        "code": "foreign_language_english",
        "name": "Иностранный язык (английский)",
        "description": "",
        "source": _FGOS_OOO,
    },
    {
        "code": "foreign_language_german",
        "name": "Иностранный язык (немецкий)",
        "description": "",
        "source": _FGOS_OOO,
    },
    {
        "code": "foreign_language_french",
        "name": "Иностранный язык (французский)",
        "description": "",
        "source": _FGOS_OOO,
    },
    {
        "code": "foreign_language_chinese",
        "name": "Иностранный язык (китайский)",
        "description": "",
        "source": _FGOS_OOO,
    },
    {"code": "mathematics", "name": "Математика", "description": "", "source": _FGOS_OOO},
    {
        "code": "algebra",
        "name": "Алгебра",
        "description": "Учебный курс предмета «Математика».",
        "source": _FGOS_OOO,
    },
    {
        "code": "geometry",
        "name": "Геометрия",
        "description": "Учебный курс предмета «Математика».",
        "source": _FGOS_OOO,
    },
    {
        "code": "probability_statistics",
        "name": "Вероятность и статистика",
        "description": "Учебный курс предмета «Математика».",
        "source": _FGOS_OOO,
    },
    {"code": "informatics", "name": "Информатика", "description": "", "source": _FGOS_OOO},
    {"code": "physics", "name": "Физика", "description": "", "source": _FGOS_OOO},
    {"code": "chemistry", "name": "Химия", "description": "", "source": _FGOS_OOO},
    {"code": "biology", "name": "Биология", "description": "", "source": _FGOS_OOO},
    {"code": "geography", "name": "География", "description": "", "source": _FGOS_OOO},
    {"code": "history", "name": "История", "description": "", "source": _FGOS_OOO},
    {"code": "social_studies", "name": "Обществознание", "description": "", "source": _FGOS_OOO},
    {"code": "world_around", "name": "Окружающий мир", "description": "", "source": _FGOS_NOO},
    {
        "code": "orkse",
        "name": "Основы религиозных культур и светской этики",
        "description": "ОРКСЭ.",
        "source": _FGOS_NOO,
    },
    {
        "code": "odnknr",
        "name": "Основы духовно-нравственной культуры народов России",
        "description": "ОДНКНР.",
        "source": _FGOS_OOO,
    },
    {"code": "fine_arts", "name": "Изобразительное искусство", "description": "", "source": _FGOS_OOO},
    {"code": "music", "name": "Музыка", "description": "", "source": _FGOS_OOO},
    {
        "code": "labour_technology",
        "name": "Труд (технология)",
        "description": "До 01.09.2024 – «Технология».",
        "source": f"{_FGOS_OOO}, в ред. приказа от 22.01.2024 № 31",
    },
    {"code": "physical_education", "name": "Физическая культура", "description": "", "source": _FGOS_OOO},
    {
        "code": "obzr",
        "name": "Основы безопасности и защиты Родины",
        "description": "ОБЗР; до 01.09.2024 – «Основы безопасности жизнедеятельности» (ОБЖ).",
        "source": f"{_FGOS_OOO}, в ред. приказа от 27.12.2023 № 1028",
    },
    {
        "code": "preschool",
        "name": "Дошкольное образование",
        "description": "",
        "source": "ФГОС ДО (приказ Минобрнауки России от 17.10.2013 № 1155)",
    },
    {
        "code": "additional_education",
        "name": "Дополнительное образование",
        "description": "Дополнительное образование детей и взрослых.",
        "source": "Федеральный закон от 29.12.2012 № 273-ФЗ «Об образовании в Российской Федерации», ст. 75",
    },
    {
        "code": "vocational_cycle",
        "name": "Профессиональный цикл (СПО)",
        "description": (
            "Общепрофессиональные дисциплины и профессиональные модули образовательных программ "
            "среднего профессионального образования."
        ),
        "source": "ФГОС СПО (структура образовательной программы)",
    },
)

# --------------------------------------------------------------------------------------------

#: Model name (in the ``reference`` app) → its entries, in loading order.
REFERENCE_DATA: dict[str, tuple[ReferenceRow, ...]] = {
    "MentoringForm": MENTORING_FORMS,
    "InteractionModel": INTERACTION_MODELS,
    "MentoringKind": MENTORING_KINDS,
    "MenteeCategory": MENTEE_CATEGORIES,
    "CompetenceArea": COMPETENCE_AREAS,
    "ProgramStage": PROGRAM_STAGES,
    "PersonalizedProgramStage": PERSONALIZED_PROGRAM_STAGES,
    "MeetingType": MEETING_TYPES,
    "AwardKind": AWARD_KINDS,
    "Risk": RISKS,
    "Position": POSITIONS,
    "Subject": SUBJECTS,
}
