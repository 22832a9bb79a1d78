"""Kinds and statuses of the official documents (seed 002 §10, 004 §1.6, 001 §4.4.3, 000 §4.1.2)."""

from django.db import models


class DocumentKind(models.TextChoices):
    """The model package of an organization: every kind has a template (``documents.specs``)."""

    ORDER_IMPLEMENTATION = "order_implementation", "Приказ о внедрении целевой модели наставничества"
    REGULATION = "regulation", "Положение о системе наставничества"
    ORDER_REGULATION = "order_regulation", "Приказ об утверждении Положения о системе наставничества"
    ORDER_PAIRS = "order_pairs", "Приказ о закреплении наставнических пар (групп)"
    ORDER_MENTOR_REPLACEMENT = "order_mentor_replacement", "Приказ о замене наставника"
    ORDER_MENTORING_END = "order_mentoring_end", "Приказ о досрочном прекращении наставничества"
    ORDER_MENTOR_PAYMENT = (
        "order_mentor_payment",
        "Приказ об установлении доплаты (стимулирующей выплаты) наставникам",
    )
    MENTOR_PAYMENT_AGREEMENT = (
        "mentor_payment_agreement",
        "Дополнительное соглашение к трудовому договору наставника",
    )
    MENTOR_CONSENT = "mentor_consent", "Согласие наставника"
    MENTEE_CONSENT = "mentee_consent", "Согласие наставляемого"
    AGREEMENT = "agreement", "Соглашение между наставником и наставляемым"
    PERSONAL_DATA_CONSENT = "personal_data_consent", "Согласие на обработку персональных данных"
    DISTRIBUTION_CONSENT = (
        "distribution_consent",
        "Согласие на обработку персональных данных, разрешённых для распространения",
    )
    MENTOR_QUESTIONNAIRE = "mentor_questionnaire", "Анкета кандидата в наставники"
    BLANK_FORMS = "blank_forms", "Бланки согласий и соглашения"
    PERSONALIZED_PROGRAM = "personalized_program", "Персонализированная программа наставничества"
    MENTOR_REPORT = "mentor_report", "Отчёт наставника"
    FINAL_REPORT = "final_report", "Итоговый аналитический отчёт куратора"
    ORDER_MENTOR_AWARD = "order_mentor_award", "Приказ о поощрении наставников"
    ANALYTICAL_REPORT = "analytical_report", "Аналитическая справка по итогам мониторинга"
    INDIVIDUAL_ROUTE = "individual_route", "Индивидуальный образовательный маршрут педагога"
    LEARNER_CONSENT = "learner_consent", "Согласие на участие обучающегося в программе наставничества"
    MINOR_DATA_CONSENT = (
        "minor_data_consent",
        "Согласие законного представителя на обработку персональных данных несовершеннолетнего",
    )


#: Kinds whose files carry the subject's identity document and address (152-ФЗ art. 9 part 4
#: item 1): served only with the ``view_scan`` right (the curator, the head, the person).
PASSPORT_KINDS = frozenset({DocumentKind.PERSONAL_DATA_CONSENT, DocumentKind.MINOR_DATA_CONSENT})


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "проект"
    SIGNED = "signed", "подписан"


class Subject(models.TextChoices):
    """What one document of a kind is about: the organization itself, a person, a pair or a
    personalized program."""

    ORGANIZATION = "organization", "организация"
    MENTOR = "mentor", "наставник"
    MENTEE = "mentee", "наставляемый"
    PERSON = "person", "работник"
    LEARNER = "learner", "обучающийся"
    PAIR = "pair", "пара"
    PROGRAM = "program", "персонализированная программа"
    ROUTE = "route", "индивидуальный образовательный маршрут"
