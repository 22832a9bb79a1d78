"""Choices of the public section «Наставничество» and of its monitoring (issue 19; seed 000
§4.1.2, 003 §2.2, §5.1; 001 §7.1.1)."""

from django.db import models


class SectionItemKind(models.TextChoices):
    """What a section holds besides what the system shows by itself (programs, mentors, cases):
    the legal base, methodical materials, news and events (seed 003 §2.2, 000 App. 2 §2.6)."""

    LEGAL_ACT = "legal_act", "нормативный правовой акт"
    MATERIAL = "material", "методический материал"
    NEWS = "news", "новость"
    EVENT = "event", "мероприятие"


class ActLevel(models.TextChoices):
    """The level of an act of the legal base (seed 000 §I: federal, regional, local acts)."""

    FEDERAL = "federal", "федеральный"
    REGIONAL = "regional", "региональный"
    MUNICIPAL = "municipal", "муниципальный"
    LOCAL = "local", "локальный акт организации"


class ActKind(models.TextChoices):
    """The kind of an act: the section's monthly checklist looks for the Положение, the order and
    the roadmap among the acts (seed 003 §5.1)."""

    REGULATION = "regulation", "положение"
    ORDER = "order", "приказ"
    ROADMAP = "roadmap", "дорожная карта"
    AGREEMENT = "agreement", "соглашение"
    OTHER = "other", "иной документ"


class MentorRequestStatus(models.TextChoices):
    """A request for a mentor sent from the public open bank (seed 001 §7.1.1)."""

    NEW = "new", "новое"
    ANSWERED = "answered", "дан ответ"
    CLOSED = "closed", "закрыто"
