"""The demo of the part «practices» of issue 19 (see the package's docstring): best practices of
school A and school B in every status — a draft, a case on moderation, a case returned with the
moderator's remarks, a published one — and published cases of the other showcase organizations
and of school A's municipality, each published case with a DOCX file (seed 000 App. 2 §2.3, 003
§4.8). Written through the services, by the demo's curators, coordinators and the operator."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile

from nastavnik.access.choices import Role
from nastavnik.access.models import RoleAssignment
from nastavnik.practices.models import BestPractice
from nastavnik.practices.services import practices as services
from nastavnik.reference.models import CompetenceArea, MentoringForm, MentoringKind

#: (title, form code, kind code, area code, summary, description, results).
CASES = (
    (
        "«Школа молодого педагога»: первый год в профессии",
        "pedagogue_pedagogue",
        "traditional",
        "psychological_pedagogical",
        "Сопровождение молодых учителей в первый год работы: пары с опытными наставниками и еженедельные встречи.",
        "Каждому молодому учителю назначается наставник из числа опытных педагогов того же предмета. Пара "
        "составляет персонализированную программу на учебный год по итогам диагностики затруднений, "
        "встречается раз в неделю, посещает уроки друг друга и разбирает их. Раз в четверть — открытые "
        "уроки молодых учителей и методический совет.",
        "Все 6 молодых учителей остались в школе после первого года; у 5 из 6 снизилась доля затруднений "
        "в организации урока; средняя оценка удовлетворённости наставляемых — 9,1 из 10.",
    ),
    (
        "Цифровой наставник: обратное наставничество по ИКТ",
        "colleague_young_colleague",
        "reverse",
        "ict_digital",
        "Молодые педагоги помогают опытным коллегам освоить цифровые образовательные ресурсы.",
        "Молодые учителя, уверенно владеющие цифровыми инструментами, в группах по 3–4 человека обучают "
        "опытных коллег работе с электронным журналом, цифровыми платформами и интерактивной доской. "
        "Занятия проходят раз в две недели, результат каждой группы — открытый урок с цифровыми ресурсами.",
        "14 педагогов освоили работу с цифровой платформой; доля уроков с цифровыми ресурсами выросла с 20 "
        "до 55 %; двое молодых педагогов стали руководителями методических групп.",
    ),
    (
        "Наставничество «руководитель — педагог» для новых сотрудников",
        "head_pedagogue",
        "situational",
        "legal",
        "Адаптация педагогов, пришедших из других организаций: нормативная база и традиции школы.",
        "Заместитель руководителя сопровождает нового сотрудника в первые три месяца: знакомит с локальными "
        "актами, помогает оформить рабочую программу, отвечает на вопросы по ситуации.",
        "Срок адаптации новых сотрудников сократился с шести до трёх месяцев; замечаний к рабочим программам "
        "при проверке нет.",
    ),
    (
        "Групповое наставничество в методическом объединении",
        "pedagogue_pedagogue",
        "group",
        "methodical",
        "Один наставник ведёт группу молодых учителей начальных классов.",
        "Наставник — руководитель методического объединения — работает с группой из четырёх молодых "
        "учителей: совместное планирование, взаимопосещение уроков, разбор контрольных работ.",
        "Результаты контрольных работ в классах молодых учителей сравнялись со средними по школе.",
    ),
    (
        "Сетевое наставничество муниципалитета",
        "university_teacher_young_teacher",
        "virtual",
        "subject_professional",
        "Дистанционные консультации молодых учителей с преподавателями педагогического университета.",
        "Муниципалитет заключил соглашение с университетом: преподаватели кафедр раз в месяц проводят "
        "дистанционные консультации для молодых учителей района по предметной подготовке.",
        "За год проведено 24 консультации для 37 молодых учителей из 12 организаций.",
    ),
)

REMARKS = (
    "Уточните результаты: приведите показатели до и после реализации практики и укажите, сколько "
    "педагогов в ней участвовало."
)


def _docx(title: str, description: str, results: str) -> bytes:
    """The case's description as a DOCX («Описание практики»)."""
    from docx import Document

    document = Document()
    document.add_heading(title, level=1)
    document.add_heading("Описание практики", level=2)
    document.add_paragraph(description)
    document.add_heading("Результаты", level=2)
    document.add_paragraph(results)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _user(unit, role: str):
    found = (
        RoleAssignment.objects.filter(org_unit=unit, role=role).select_related("user").order_by("pk").first()
    )
    return found.user if found else None


def write(context) -> str:
    """Write the cases; the Russian summary line."""
    forms = {f.code: f for f in MentoringForm.objects.all()}
    kinds = {k.code: k for k in MentoringKind.objects.all()}
    areas = {a.code: a for a in CompetenceArea.objects.all()}
    default_form = MentoringForm.objects.order_by("sort_order").first()
    operator = _user(context.region, Role.REGIONAL_OPERATOR)
    written = 0

    def make(unit, number: int, *, status: str, by=None, moderator=None):
        nonlocal written
        title, form, kind, area, summary, description, results = CASES[number % len(CASES)]
        practice = services.practice_create(
            organization=unit,
            by=by,
            title=title,
            form=forms.get(form, default_form),
            kind=kinds.get(kind),
            area=areas.get(area),
            summary=summary,
            description=description,
            results=results,
        )
        written += 1
        if status in ("published", "submitted", "returned"):
            name = f"opisanie-praktiki-{practice.pk}.docx"
            services.file_add(
                practice=practice,
                by=by,
                file=ContentFile(_docx(title, description, results), name=name),
                title="Описание практики",
            )
        if status == "draft":
            return practice
        services.practice_submit(practice=practice, by=by)
        if status == "returned":
            services.practice_return(practice=practice, by=moderator, comment=REMARKS)
        elif status == "published":
            services.practice_publish(practice=practice, by=moderator)
        return practice

    for school in (context.school_a, context.school_b):
        curator = _user(school, Role.CURATOR)
        coordinator = _user(school.parent, Role.MUNICIPAL_COORDINATOR) if school.parent_id else None
        moderator = coordinator or operator
        for number, status in enumerate(("published", "returned", "submitted", "draft")):
            offset = 0 if school == context.school_a else 1
            make(school, number + offset, status=status, by=curator, moderator=moderator)
    others = [unit for unit in context.showcase if unit not in (context.school_a, context.school_b)]
    for number, unit in enumerate(others):
        coordinator = _user(unit.parent, Role.MUNICIPAL_COORDINATOR) if unit.parent_id else None
        make(
            unit,
            number + 2,
            status="published",
            by=_user(unit, Role.CURATOR),
            moderator=coordinator or operator,
        )
    municipality = context.school_a.parent
    if municipality is not None and operator is not None:
        make(
            municipality,
            4,
            status="published",
            by=_user(municipality, Role.MUNICIPAL_COORDINATOR),
            moderator=operator,
        )
    published = (
        BestPractice.objects.published().filter(organization__path__startswith=context.region.path).count()
    )
    return f"Лучшие практики: {written}, опубликовано в региональной базе — {published}"


def delete(region) -> None:
    """Delete the cases of ``region`` with their stored files."""
    rows = BestPractice.objects.filter(organization__path__startswith=region.path)
    for practice in rows.prefetch_related("files"):
        for row in practice.files.all():
            row.file.delete(save=False)
    rows.delete()
