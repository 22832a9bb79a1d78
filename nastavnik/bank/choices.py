"""Choices of the bank of mentors and mentees (seed 000 §4.1.2, 001 §5.2, 003 §4.4–4.6)."""

from django.db import models


class MentorStatus(models.TextChoices):
    """Life of a mentor in the bank: candidate → selected → trained → active ⇄ paused → left
    (seed 003 §4.5–4.6: the base of potential mentors, selection, training)."""

    CANDIDATE = "candidate", "кандидат"
    SELECTED = "selected", "отобран"
    TRAINED = "trained", "обучен"
    ACTIVE = "active", "действующий наставник"
    PAUSED = "paused", "приостановлен"
    LEFT = "left", "выбыл"


#: Allowed status changes; ``left`` is reachable from every status.
MENTOR_TRANSITIONS: dict[str, frozenset[str]] = {
    MentorStatus.CANDIDATE: frozenset({MentorStatus.SELECTED, MentorStatus.LEFT}),
    MentorStatus.SELECTED: frozenset({MentorStatus.TRAINED, MentorStatus.CANDIDATE, MentorStatus.LEFT}),
    MentorStatus.TRAINED: frozenset({MentorStatus.ACTIVE, MentorStatus.LEFT}),
    MentorStatus.ACTIVE: frozenset({MentorStatus.PAUSED, MentorStatus.LEFT}),
    MentorStatus.PAUSED: frozenset({MentorStatus.ACTIVE, MentorStatus.LEFT}),
    MentorStatus.LEFT: frozenset({MentorStatus.CANDIDATE}),
}


class MentorPool(models.TextChoices):
    """Pools mentors are chosen from (seed 001 §5.2.1)."""

    ACCOMPLISHED = "accomplished", "опытные педагоги с устойчивыми профессиональными достижениями"
    REPLICATING = "replicating", "педагоги и специалисты, заинтересованные в тиражировании опыта"
    AUTHORITATIVE = "authoritative", "педагоги-профессионалы, пользующиеся безусловным авторитетом"
    METHODICAL = "methodical", "методически ориентированные педагоги и методисты"
    SELF_DEVELOPING = "self_developing", "педагоги, готовые к самосовершенствованию и инновационному развитию"
    # Pools of mentors of learners (seed 003 §4.5): the internal contour…
    PEERS = "peers", "обучающиеся, мотивированные помочь сверстникам"
    TEACHERS_SHARING = (
        "teachers_sharing",
        "педагоги, заинтересованные в тиражировании личного педагогического опыта",
    )
    PARENTS = "parents", "родители обучающихся — активные участники родительских или управляющих советов"
    LEISURE = "leisure", "организаторы досуговой деятельности"
    # …and the external one.
    ALUMNI = "alumni", "выпускники, заинтересованные в поддержке своей образовательной организации"
    EMPLOYERS = "employers", "сотрудники региональных предприятий"
    ENTREPRENEURS = "entrepreneurs", "успешные предприниматели и общественные деятели"
    PARTNERS = "partners", "представители организаций-партнёров"


class Contour(models.TextChoices):
    """Contour of the mentor base for pupils' mentoring (seed 003 §4.5)."""

    INTERNAL = "internal", "внутренний контур"
    EXTERNAL = "external", "внешний контур"


class ConsentPurpose(models.TextChoices):
    """Purposes of processing personal data in the bank (152-ФЗ art. 9 part 4 p. 4)."""

    MENTORING_RECORD = "mentoring_record", "персонифицированный учёт участников программ наставничества"
    MONITORING = "monitoring", "мониторинг и статистическая отчётность (в обезличенном виде)"
    OPEN_BANK = "open_bank", "размещение сведений о наставнике в открытом банке наставников региона"
    #: The consent to personal data allowed for distribution (152-ФЗ art. 10.1): the mentor is shown
    #: to anyone, without sign-in, on the section «Наставничество» and in the public open bank.
    PUBLICATION = (
        "publication",
        "распространение сведений о наставнике в открытом доступе (раздел «Наставничество» на сайте "
        "и публичный банк наставников)",
    )


#: Fields of a mentor's card that the mentor may agree to publish in the open bank (001 §7.1.1).
PUBLIC_FIELDS = {
    "position": "должность",
    "subjects": "предметы",
    "experience": "педагогический стаж",
    "qualification_category": "квалификационная категория",
    "competences": "компетенции по областям",
    "forms": "формы и виды наставничества",
    "email": "электронная почта",
    "phone": "телефон",
}
