"""Roles of the mentoring system (seed 000 §4, 001 §4.4, 004 §1.3)."""

from django.db import models


class Role(models.TextChoices):
    """A role held on an organization unit; the unit is the role's scope."""

    #: The federal operator of the target model (the Academy of the Ministry, seed 000 §4.4.1,
    #: 002): watches the regions' roll-ups from the federal root, keeps nobody's data.
    NATIONAL_OPERATOR = "national_operator", "Федеральный оператор"
    REGIONAL_OPERATOR = "regional_operator", "Региональный оператор"
    MUNICIPAL_COORDINATOR = "municipal_coordinator", "Муниципальный координатор"
    HEAD = "head", "Руководитель организации"
    CURATOR = "curator", "Куратор"
    MENTOR_COUNCIL_MEMBER = "mentor_council_member", "Член совета наставников"
    PSYCHOLOGIST = "psychologist", "Педагог-психолог"
    #: The coordinator of the ЦНППМ's tutors (seed 000 §4.3.2): keeps the catalogue of courses,
    #: assigns tutors to teachers and organizations, watches the tutors' load (issue 18).
    TUTOR_COORDINATOR = "tutor_coordinator", "Координатор ЦНППМ"
    TUTOR = "tutor", "Тьютор ЦНППМ"
    #: A member of the expert panel of the regional contest of municipal models of mentoring
    #: (seed 000 §4.3.1, App. 2 §2.5): scores the applications of the contests they sit on, never
    #: those of their own municipality (issue 19).
    CONTEST_EXPERT = "contest_expert", "Эксперт конкурса"
    MENTOR = "mentor", "Наставник"
    MENTEE = "mentee", "Наставляемый"


class Action(models.TextChoices):
    """What a right lets its holder do. ``view``/``add``/``change`` are rights over rows; the
    others are the steps of a workflow (a roadmap's, a program's, the bank's), granted in
    :data:`PERMISSIONS` like the rest and narrowed by level in the model's ``scope_filter``."""

    VIEW = "view", "просмотр"
    ADD = "add", "добавление"
    CHANGE = "change", "изменение"
    REPORT = "report", "отметка исполнения"
    COMMENT = "comment", "комментарий"
    SUBMIT = "submit", "направление на согласование"
    WITHDRAW = "withdraw", "отзыв с согласования"
    RETURN = "return", "возврат на доработку"
    APPROVE = "approve", "утверждение"
    REOPEN = "reopen", "внесение изменений в утверждённое"
    CONFIRM = "confirm", "подтверждение актуальности"
    START = "start", "начало реализации"
    COMPLETE = "complete", "завершение"
    TERMINATE = "terminate", "прекращение"
    SIGN = "sign", "отметка о подписании"
    #: Scans of consents and passports (152-ФЗ art. 9): the curator, the head and the person.
    VIEW_SCAN = "view_scan", "получение сканов согласий"
    #: A reminder sent to those who have not answered a monitoring (seed 003 §5.2).
    REMIND = "remind", "напоминание"


#: Which level of unit each role may be assigned on.
ROLE_UNIT_LEVELS: dict[str, tuple[str, ...]] = {
    Role.NATIONAL_OPERATOR: ("federal",),
    Role.REGIONAL_OPERATOR: ("region",),
    Role.MUNICIPAL_COORDINATOR: ("municipality",),
    Role.HEAD: ("organization",),
    Role.CURATOR: ("organization",),
    Role.MENTOR_COUNCIL_MEMBER: ("organization",),
    Role.PSYCHOLOGIST: ("organization",),
    Role.TUTOR_COORDINATOR: ("region",),
    Role.TUTOR: ("region", "municipality"),
    Role.CONTEST_EXPERT: ("region",),
    Role.MENTOR: ("organization",),
    Role.MENTEE: ("organization",),
}

#: The roles that act on every unit and person of their unit's subtree.
#: Mentors and mentees instead see themselves and their pairs (see ``scope.py``).
SUBTREE_ROLES = frozenset(
    {
        Role.REGIONAL_OPERATOR,
        Role.MUNICIPAL_COORDINATOR,
        Role.HEAD,
        Role.CURATOR,
        Role.MENTOR_COUNCIL_MEMBER,
        Role.PSYCHOLOGIST,
        Role.TUTOR_COORDINATOR,
        Role.TUTOR,
    }
)

#: Roles that see people of their organization even without a consent to personal-data
#: processing: the curator and the head keep the bank and collect the consents (152-ФЗ art. 9).
CONSENT_EXEMPT_ROLES = frozenset({Role.HEAD, Role.CURATOR})

#: Who keeps a roadmap (drafts it, reports its execution) and who approves one; the level of
#: the unit each role sits on (``ROLE_UNIT_LEVELS``) says which roadmaps (seed 001 §4.4.3–4.4.4).
ROADMAP_KEEPERS = frozenset({Role.HEAD, Role.CURATOR, Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR})
ROADMAP_APPROVERS = frozenset({Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR})

#: Who monitors the target model at each level (seed 003 §5, 000 §VI): the organization's curator
#: and head, the municipal coordinator, the regional operator.
MONITORING_ROLES = frozenset({Role.CURATOR, Role.HEAD, Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR})
#: Who launches a monitoring campaign: the region or a municipality (seed 003 §5.2–5.3).
CAMPAIGN_LAUNCHERS = frozenset({Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR})

#: The federal level (seed 000 §4.4.1, 002; issue 16): the national operator watches the country
#: through aggregates only. It VIEWs the tree of units, the roadmaps (their statuses and execution
#: roll-up), the indicators and dashboards, the federal statistical figure, the analytical reports
#: and the risks, and the monitoring campaigns. It reaches NO personal data (152-ФЗ art. 5–6: the
#: federal level has no purpose that needs a name): not ``person``, pairs, programs, bank
#: profiles, consents, documents, questionnaires' answers, the audit trail or role assignments;
#: so it is not among ``SUBTREE_ROLES`` (which grant ``person`` view) nor ``MONITORING_ROLES``
#: (which read answers and write questionnaires). It keeps nothing and takes no step of a
#: workflow: a roadmap's ``comment`` is narrowed to its keepers and approvers
#: (``roadmaps.rules.scope_condition``) and an analytical report's ``add``/``change`` would reach
#: every unit below (``AnalyticalReport.scope_filter`` is by subtree, not by level), so both are
#: left out. It is assigned by the system administrator only (absent from ``ASSIGNABLE_ROLES``).
NATIONAL_WATCHERS = frozenset({Role.NATIONAL_OPERATOR})

#: Who assigns roles (``ASSIGNABLE_ROLES`` says which).
ROLE_KEEPERS = frozenset(
    {Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.TUTOR_COORDINATOR, Role.HEAD, Role.CURATOR}
)
#: The participants who own their diagnoses and route (issue 18): the teachers in mentoring.
#: They reach only their own rows (``development.rules.SELF_ACTIONS``), never a subtree.
TEACHERS = frozenset({Role.MENTOR, Role.MENTEE})
#: Who keeps the teachers' diagnoses, routes and enrolments in the organization (seed 000 §4.1.2).
DEVELOPMENT_KEEPERS = frozenset({Role.CURATOR, Role.HEAD})
#: Who keeps the region's catalogue of courses (seed 000 §4.3.2, App. 2 §2.7).
COURSE_KEEPERS = frozenset({Role.TUTOR_COORDINATOR, Role.REGIONAL_OPERATOR})
#: Who keeps a unit's public section «Наставничество» (seed 000 §4.1.2, 003 §2.2): the curator and
#: the head their organization's, the municipal coordinator the municipality's, the regional
#: operator the region's (issue 19).
SECTION_KEEPERS = frozenset({Role.CURATOR, Role.HEAD, Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR})
#: Who moderates best practices and nominations above the organization (seed 000 App. 2 §2.3,
#: 003 §4.8): the municipality and the region.
MODERATORS = frozenset({Role.MUNICIPAL_COORDINATOR, Role.REGIONAL_OPERATOR})
#: Who keeps the incentives of the organization's mentors (seed 000 §3.4, 001 §6, 004 §5).
INCENTIVE_KEEPERS = frozenset({Role.HEAD, Role.CURATOR})

#: model key → action → roles that grant it over the role's subtree.
PERMISSIONS: dict[str, dict[str, frozenset[str]]] = {
    "orgunit": {
        Action.VIEW: SUBTREE_ROLES | NATIONAL_WATCHERS,
        Action.ADD: frozenset({Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR}),
        Action.CHANGE: frozenset({Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.HEAD}),
    },
    "person": {
        Action.VIEW: SUBTREE_ROLES,
        # The bank is kept by the organization: its curator and head (seed 000 §4.1.2).
        Action.ADD: frozenset({Role.HEAD, Role.CURATOR}),
        Action.CHANGE: frozenset({Role.HEAD, Role.CURATOR}),
    },
    "pair": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: frozenset({Role.CURATOR}),
        Action.CHANGE: frozenset({Role.CURATOR}),
    },
    # Personalized programs are drawn up with the curator and approved in the organization
    # (seed 004 §6.2.3, 000 §4.1.2); mentors and mentees reach their own through their pairs.
    # Its workflow (``mentoring.choices.PROGRAM_STEPS``) is theirs too.
    "personalizedprogram": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: frozenset({Role.CURATOR, Role.HEAD}),
        Action.CHANGE: frozenset({Role.CURATOR, Role.HEAD}),
        Action.APPROVE: frozenset({Role.CURATOR, Role.HEAD}),
        Action.RETURN: frozenset({Role.CURATOR, Role.HEAD}),
        Action.START: frozenset({Role.CURATOR, Role.HEAD}),
        Action.COMPLETE: frozenset({Role.CURATOR, Role.HEAD}),
        Action.TERMINATE: frozenset({Role.CURATOR, Role.HEAD}),
    },
    # The organization's program (seed 000 §IV) is run by its head and curator.
    "mentoringprogram": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: frozenset({Role.CURATOR, Role.HEAD}),
        Action.CHANGE: frozenset({Role.CURATOR, Role.HEAD}),
    },
    # The bank of mentors and mentees is kept by the organization's curator and head
    # (seed 000 §4.1.2); everyone above them sees it.
    # Scans of the written consents on a card (papers with passport data) are served only to
    # the curator and the head of the card's organization, and to the person themselves (the
    # self rule is in the profile's ``scope_filter``), not to everyone who sees the card
    # (152-ФЗ art. 9).
    "mentorprofile": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: frozenset({Role.HEAD, Role.CURATOR}),
        Action.CHANGE: frozenset({Role.HEAD, Role.CURATOR}),
        Action.VIEW_SCAN: CONSENT_EXEMPT_ROLES,
    },
    "menteeprofile": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: frozenset({Role.HEAD, Role.CURATOR}),
        Action.CHANGE: frozenset({Role.HEAD, Role.CURATOR}),
        Action.VIEW_SCAN: CONSENT_EXEMPT_ROLES,
    },
    # Consents to personal-data processing (152-ФЗ art. 9) are collected by the curator and the
    # head of the person's organization; their scans are served to them and to the person
    # themselves (``PersonalDataConsent.scope_filter``).
    "personaldataconsent": {
        Action.VIEW: CONSENT_EXEMPT_ROLES,
        Action.VIEW_SCAN: CONSENT_EXEMPT_ROLES,
    },
    # The psychologist takes part in judging the compatibility of pairs (seed 000 §3.5); the
    # curator forms the pairs and may record the mark too.
    "compatibilitymark": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: frozenset({Role.PSYCHOLOGIST, Role.CURATOR}),
        Action.CHANGE: frozenset({Role.PSYCHOLOGIST, Role.CURATOR}),
    },
    # The official documents (seed 002 §10, 004 §1.6) are drawn up by the curator and signed by
    # the head; everyone above them sees them.
    "document": {
        Action.VIEW: SUBTREE_ROLES,
        # The files of a consent to personal-data processing (passport data, address).
        Action.VIEW_SCAN: CONSENT_EXEMPT_ROLES,
        Action.ADD: frozenset({Role.HEAD, Role.CURATOR}),
        Action.CHANGE: frozenset({Role.HEAD, Role.CURATOR}),
        # the scan of the signed paper is uploaded back by whoever keeps the organization's papers
        Action.SIGN: frozenset({Role.HEAD, Role.CURATOR}),
    },
    # Roadmaps (seed 000 App. 2, 003, 002 §6 and §10): the organization's curator and head draft
    # theirs (001 §4.4.3–4.4.4), the municipal coordinator the municipality's, the regional
    # operator the region's; who edits and who approves which roadmap is narrowed by level in
    # ``roadmaps.rules``.
    #
    # The workflow (``roadmaps.rules.TRANSITIONS``): the keepers report the execution, submit,
    # withdraw and reopen; the approvers (the coordinator for the organizations of the
    # municipality and for the municipality itself, the operator for the region and the
    # organizations of regional subordination; seed 002 §6, 000 §4.2, App. 2 п. 1.2, 1.4)
    # approve and return; both comment. ``Roadmap.scope_filter`` narrows each by level.
    "roadmap": {
        Action.VIEW: SUBTREE_ROLES | NATIONAL_WATCHERS,
        Action.ADD: ROADMAP_KEEPERS,
        Action.CHANGE: ROADMAP_KEEPERS,
        Action.REPORT: ROADMAP_KEEPERS,
        Action.SUBMIT: ROADMAP_KEEPERS,
        Action.WITHDRAW: ROADMAP_KEEPERS,
        Action.REOPEN: ROADMAP_KEEPERS,
        Action.APPROVE: ROADMAP_APPROVERS,
        Action.RETURN: ROADMAP_APPROVERS,
        Action.COMMENT: ROADMAP_KEEPERS | ROADMAP_APPROVERS,
    },
    # The curator confirms that the organization's bank of mentors and mentees is up to date
    # (seed 000 §4.1.2): a right over the organization, narrowed by ``OrgUnit.objects.granted``.
    "bank": {
        Action.VIEW: SUBTREE_ROLES,
        Action.CONFIRM: frozenset({Role.CURATOR}),
    },
    # The audit trail (issue 13): the head reads their organization's journal, the coordinator
    # the municipality's, the operator the region's; nobody edits it (no add or change row).
    "auditevent": {
        Action.VIEW: frozenset({Role.REGIONAL_OPERATOR, Role.MUNICIPAL_COORDINATOR, Role.HEAD}),
    },
    # Monitoring (issue 14; seed 000 §VI, 004 §9, 003 §4.7 and §5, 002 §9). Questionnaires are
    # made by curators and operators (and the head and coordinator beside them); built-in ones
    # are seen by everyone. Answers are read, never individually when anonymous, by those who
    # monitor: the curator and head of the organization, the coordinator, the operator; each
    # respondent sees their own (``Answer.scope_filter``).
    "questionnaire": {
        Action.VIEW: MONITORING_ROLES,
        Action.ADD: MONITORING_ROLES,
        Action.CHANGE: MONITORING_ROLES,
    },
    "answer": {
        Action.VIEW: MONITORING_ROLES,
        # The curator and the head type in a NAMED answer from the respondent's paper form
        # (seed 004 §9.2), within their organization; anonymous ones only the respondent gives
        # (``monitoring.services.questionnaires.answer_submit``).
        Action.ADD: frozenset({Role.CURATOR, Role.HEAD}),
    },
    # Campaigns are launched by the region or a municipality (seed 003 §5.2–5.3, 000 App. 2
    # §3.3–3.6); the organizations' curators and heads see the task they were given.
    "monitoringcampaign": {
        Action.VIEW: MONITORING_ROLES | NATIONAL_WATCHERS,
        Action.ADD: CAMPAIGN_LAUNCHERS,
        Action.CHANGE: CAMPAIGN_LAUNCHERS,
        Action.START: CAMPAIGN_LAUNCHERS,
        Action.COMPLETE: CAMPAIGN_LAUNCHERS,
        Action.REMIND: CAMPAIGN_LAUNCHERS,
    },
    # Indicators and dashboards: each level sees its own subtree (seed 003 §5.2–5.3).
    "indicator": {
        Action.VIEW: MONITORING_ROLES | NATIONAL_WATCHERS,
    },
    # The federal statistical figure is confirmed by the organization's curator (seed 002 §9);
    # the municipality and the region watch who has confirmed.
    "federalstatisticsreport": {
        Action.VIEW: MONITORING_ROLES | NATIONAL_WATCHERS,
        Action.CONFIRM: frozenset({Role.CURATOR}),
    },
    # The register of risks (seed 000 §VI) is kept by the organization and the municipality;
    # the region reads them all and keeps its own.
    "risk": {
        Action.VIEW: MONITORING_ROLES | NATIONAL_WATCHERS,
        Action.ADD: MONITORING_ROLES,
        Action.CHANGE: MONITORING_ROLES,
    },
    # The analytical report (seed 003 §5.2–5.4, 004 §9.5) of each level is written by it.
    "analyticalreport": {
        Action.VIEW: MONITORING_ROLES | NATIONAL_WATCHERS,
        Action.ADD: MONITORING_ROLES,
        Action.CHANGE: MONITORING_ROLES,
    },
    "roleassignment": {
        Action.VIEW: ROLE_KEEPERS,
        Action.ADD: ROLE_KEEPERS,
        Action.CHANGE: ROLE_KEEPERS,
    },
    # Professional development (issue 18; seed 000 §4.3.2–4.3.3, App. 2 §2.2–2.7, §3.1–3.4).
    # A teacher (any mentor or mentee) diagnoses themselves and owns their route; the curator and
    # the head keep those of their organization (a teacher without an account works on paper);
    # a tutor of the ЦНППМ reaches only the teachers assigned to them; a mentor diagnoses and
    # reads their mentees. ``development.rules.teacher_rows_q`` narrows each right to rows.
    "diagnosis": {
        Action.VIEW: SUBTREE_ROLES | TEACHERS,
        Action.ADD: DEVELOPMENT_KEEPERS | {Role.TUTOR} | TEACHERS,
        Action.CHANGE: DEVELOPMENT_KEEPERS | TEACHERS,
    },
    "individualroute": {
        Action.VIEW: SUBTREE_ROLES | TEACHERS,
        Action.ADD: DEVELOPMENT_KEEPERS | TEACHERS,
        Action.CHANGE: DEVELOPMENT_KEEPERS | TEACHERS,
        Action.START: DEVELOPMENT_KEEPERS | TEACHERS,
        Action.COMPLETE: DEVELOPMENT_KEEPERS | TEACHERS,
        # the tutor and the curator comment (seed 000 §4.3.2: the tutor «работает … во
        # взаимосвязи с кураторами»); the mentor their mentee's route; the teacher answers
        Action.COMMENT: DEVELOPMENT_KEEPERS | {Role.TUTOR} | TEACHERS,
    },
    # The catalogue of courses is kept by the ЦНППМ and the regional operator; everyone reads it.
    "course": {
        Action.VIEW: SUBTREE_ROLES | TEACHERS,
        Action.ADD: COURSE_KEEPERS,
        Action.CHANGE: COURSE_KEEPERS,
    },
    # Enrolments: the teacher applies, the curator for the organization; the ЦНППМ marks the
    # completion with the certificate (seed 000 App. 2 §3.1: «персонифицированный учёт
    # обучающихся по программам повышения квалификации»).
    "enrollment": {
        Action.VIEW: SUBTREE_ROLES | TEACHERS,
        Action.ADD: DEVELOPMENT_KEEPERS | COURSE_KEEPERS | TEACHERS,
        Action.CHANGE: DEVELOPMENT_KEEPERS | COURSE_KEEPERS | TEACHERS,
        # the keeper of the catalogue enrols the applicant and marks the completion
        Action.APPROVE: COURSE_KEEPERS,
        Action.COMPLETE: COURSE_KEEPERS,
    },
    # Pages that are rights over no row: the tutors' load of the region (the ЦНППМ's coordinator
    # and the regional operator oversee it), the tutor's own work list, the base of mentors and
    # curators who completed training (seed 003 §3.2: kept by the ЦНППМ, read by every keeper
    # of a bank above the teachers).
    "tutorload": {Action.VIEW: frozenset({Role.TUTOR_COORDINATOR, Role.REGIONAL_OPERATOR})},
    "tutorwork": {Action.VIEW: frozenset({Role.TUTOR})},
    "trainedbase": {Action.VIEW: SUBTREE_ROLES - {Role.TUTOR}},
    # Tutors are assigned by the ЦНППМ's coordinator (seed 000 §4.3.2); a tutor and a teacher read
    # their own assignments (``TutorAssignment.scope_filter``).
    "tutorassignment": {
        Action.VIEW: frozenset({Role.TUTOR_COORDINATOR, Role.REGIONAL_OPERATOR, Role.TUTOR}) | TEACHERS,
        Action.ADD: frozenset({Role.TUTOR_COORDINATOR}),
        Action.CHANGE: frozenset({Role.TUTOR_COORDINATOR}),
    },
    # --- Openness and recognition (issue 19) ---
    # The public section «Наставничество» of a unit: its keepers edit their own unit's section
    # (``PublicSection.scope_filter`` narrows «change» to the unit of the grant); the public pages
    # themselves need no right (seed 000 §4.1.2, 003 §2.2).
    "publicsection": {Action.VIEW: SECTION_KEEPERS, Action.CHANGE: SECTION_KEEPERS},
    # Requests for a mentor sent from the public open bank reach the mentor's curator (seed 001
    # §7.1.1).
    "mentorrequest": {
        Action.VIEW: frozenset({Role.CURATOR, Role.HEAD}),
        Action.CHANGE: frozenset({Role.CURATOR, Role.HEAD}),
    },
    # The monthly checklist of the sections (seed 003 §5.1): the organization sees its own, the
    # municipality and the region check and record the month.
    "sectioncheck": {Action.VIEW: MONITORING_ROLES, Action.ADD: CAMPAIGN_LAUNCHERS},
    # Best practices (seed 000 App. 2 §2.3, 003 §4.8): the organization submits, the municipality or
    # the region returns with remarks or publishes.
    "bestpractice": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: SECTION_KEEPERS,
        Action.CHANGE: SECTION_KEEPERS,
        Action.SUBMIT: SECTION_KEEPERS,
        Action.WITHDRAW: SECTION_KEEPERS,
        Action.RETURN: MODERATORS,
        Action.APPROVE: MODERATORS,
    },
    # The regional contest of municipal models (seed 000 §4.3.1, App. 2 §2.5): the region announces
    # it and publishes the results, municipalities apply, the panel scores.
    "contest": {
        Action.VIEW: MODERATORS | {Role.CONTEST_EXPERT},
        Action.ADD: frozenset({Role.REGIONAL_OPERATOR}),
        Action.CHANGE: frozenset({Role.REGIONAL_OPERATOR}),
        Action.APPROVE: frozenset({Role.REGIONAL_OPERATOR}),
    },
    "contestapplication": {
        Action.VIEW: MODERATORS | {Role.CONTEST_EXPERT},
        Action.ADD: frozenset({Role.MUNICIPAL_COORDINATOR}),
        Action.CHANGE: frozenset({Role.MUNICIPAL_COORDINATOR}),
        Action.SUBMIT: frozenset({Role.MUNICIPAL_COORDINATOR}),
        Action.WITHDRAW: frozenset({Role.MUNICIPAL_COORDINATOR}),
    },
    "contestscore": {
        Action.VIEW: frozenset({Role.CONTEST_EXPERT, Role.REGIONAL_OPERATOR}),
        Action.ADD: frozenset({Role.CONTEST_EXPERT}),
        Action.CHANGE: frozenset({Role.CONTEST_EXPERT}),
    },
    # Incentives of mentors (seed 000 §3.4, 001 §6, 004 §5): payments and awards are kept by the
    # organization (awards of the municipality and the region by them); a mentor sees their own.
    "incentivepayment": {
        Action.VIEW: SECTION_KEEPERS | TEACHERS,
        Action.ADD: INCENTIVE_KEEPERS,
        Action.CHANGE: INCENTIVE_KEEPERS,
    },
    "award": {
        Action.VIEW: SUBTREE_ROLES | TEACHERS,
        Action.ADD: SECTION_KEEPERS,
        Action.CHANGE: SECTION_KEEPERS,
    },
    # A nomination goes from the organization to the municipality and the region.
    "nomination": {
        Action.VIEW: SECTION_KEEPERS,
        Action.ADD: INCENTIVE_KEEPERS,
        Action.CHANGE: INCENTIVE_KEEPERS,
        Action.SUBMIT: INCENTIVE_KEEPERS | {Role.MUNICIPAL_COORDINATOR},
        Action.WITHDRAW: INCENTIVE_KEEPERS,
        Action.RETURN: MODERATORS,
        Action.APPROVE: MODERATORS,
    },
    # The mentors' effectiveness computed from the data, for the head and those above.
    "mentoreffectiveness": {Action.VIEW: SECTION_KEEPERS},
    # --- Mentoring of learners (issue 20; seed 003 §4, 002 §1, §6, §9, §10) ---
    # Learners are kept by the curator and the head of their organization; the roles above reach
    # only adult learners with a valid consent, never a minor (``people.consent``); a participant
    # sees the learners of their own pairs (``Learner.scope_filter``).
    "learner": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: CONSENT_EXEMPT_ROLES,
        Action.CHANGE: CONSENT_EXEMPT_ROLES,
    },
    # A minor's legal representatives (their passport data, address): the curator and the head
    # of the learner's organization only.
    "legalrepresentative": {
        Action.VIEW: CONSENT_EXEMPT_ROLES,
        Action.ADD: CONSENT_EXEMPT_ROLES,
        Action.CHANGE: CONSENT_EXEMPT_ROLES,
    },
    # Parents, alumni, employers' staff and other participants outside the staff (003 §4.5).
    "nonstaffparticipant": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: CONSENT_EXEMPT_ROLES,
        Action.CHANGE: CONSENT_EXEMPT_ROLES,
    },
    # The registry of partners and their agreements is kept by the unit that concluded them: the
    # organization, the municipality, the region (``Partner.scope_filter``).
    "partner": {
        Action.VIEW: SUBTREE_ROLES,
        Action.ADD: SECTION_KEEPERS,
        Action.CHANGE: SECTION_KEEPERS,
    },
    "partneragreement": {
        Action.VIEW: SECTION_KEEPERS,
        Action.ADD: SECTION_KEEPERS,
        Action.CHANGE: SECTION_KEEPERS,
    },
    # The contingent of learners per organization and year (002 §9: the denominator of the share
    # of learners involved in mentoring): the organization enters its own, the municipality and
    # the region may import it for their organizations.
    "learnercontingent": {
        Action.VIEW: MONITORING_ROLES | NATIONAL_WATCHERS,
        Action.ADD: MONITORING_ROLES,
        Action.CHANGE: MONITORING_ROLES,
    },
}

#: Which roles a holder of a role may assign within its subtree. The head appoints the
#: curator and the mentor council (seed 000 §4.1, 001 §4.4.4); the curator keeps the bank
#: of mentors and mentees (seed 000 §4.1.2); regional operators are appointed by the
#: system administrator only.
ASSIGNABLE_ROLES: dict[str, frozenset[str]] = {
    Role.REGIONAL_OPERATOR: frozenset(
        {
            Role.MUNICIPAL_COORDINATOR,
            Role.TUTOR_COORDINATOR,
            Role.TUTOR,
            Role.CONTEST_EXPERT,
            Role.HEAD,
            Role.CURATOR,
            Role.MENTOR_COUNCIL_MEMBER,
            Role.PSYCHOLOGIST,
            Role.MENTOR,
            Role.MENTEE,
        }
    ),
    Role.MUNICIPAL_COORDINATOR: frozenset(
        {
            Role.TUTOR,
            Role.HEAD,
            Role.CURATOR,
            Role.MENTOR_COUNCIL_MEMBER,
            Role.PSYCHOLOGIST,
            Role.MENTOR,
            Role.MENTEE,
        }
    ),
    Role.HEAD: frozenset(
        {Role.CURATOR, Role.MENTOR_COUNCIL_MEMBER, Role.PSYCHOLOGIST, Role.MENTOR, Role.MENTEE}
    ),
    Role.CURATOR: frozenset({Role.MENTOR, Role.MENTEE}),
    Role.TUTOR_COORDINATOR: frozenset({Role.TUTOR}),
}
