"""Synthetic data written by SQL on PostgreSQL: the monitoring benchmarks (issue 14, «Speed») and
the national data set (issue 16, «Scale», build 4).

:func:`synthetic_monitoring` writes, with ``INSERT … SELECT generate_series`` (no Python loop
over rows, so 1.1 million people take about a minute):

- «Российская Федерация» → ``regions`` regions → ``municipalities`` municipalities in each →
  ``organizations`` organizations spread evenly over all municipalities (schools, kindergartens,
  supplementary education, colleges);
- ``workers`` pedagogical workers with one primary job each, spread evenly: in every
  organization the first ten are experienced (the mentors), the next ones young (the mentees);
- ``programs`` personalized programs, one mentor and one mentee each (a mentor has one or two
  mentees): 5 % drafts, 7 % approved, 48 % active, 35 % completed (half last year, half this
  year, with the curator's full-cycle mark in the mentee's bank card, seed 002 §9), 5 %
  terminated; their pairs, the mentors' and mentees' bank cards and consents; one mentee in ten
  of last year's completed programs left the organization afterwards (retention);
- questionnaire answers to the built-in questionnaires (``monitoring.builtin``) up to
  ``answers``: the mentee's and the mentor's named «before» answers of every started program,
  the mentee's named «after» answer and the anonymous feedback of mentee and mentor of every
  completed one, then anonymous feedback of past cycles until the count is reached; one item per
  scale question (difficulties fall from 4–9 before to 2–6 after; satisfaction 6–10, lower in
  one organization in 37);
- a curator (an account and the role) in 95 % of organizations, the Положение and the
  implementation order signed in 85 %, an approved roadmap in 80 %, and last year's federal
  figure confirmed by 70 % of them (one in fifty confirmed a figure that now differs);
- the benchmark's accounts: ``bench_operator`` (regional operator of the first region),
  ``bench_coordinator`` (coordinator of its first municipality), ``bench_curator`` (curator of
  its first organization) and ``bench_federal`` (superuser), password :data:`PASSWORD`.

Run only on a scratch database (``benchmarks/harness.bench_django``, or the command
``generate_synthetic``): it assumes the database
holds nothing but the migrations' reference data.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

PASSWORD = "bench12345"

#: Russian names for synthetic people (also used by ``benchmarks/harness.synthetic_people``).
SURNAMES = (
    "Иванов Петров Сидоров Смирнов Кузнецов Попов Васильев Соколов Михайлов Новиков Фёдоров Морозов "
    "Волков Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров "
    "Никитин Захаров Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин "
    "Фролов Александров Дмитриев Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов "
    "Ковалёв Белов Медведев Антонов Тарасов Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов"
).split()
MALE_NAMES = "Александр Алексей Андрей Иван Дмитрий Михаил Сергей Николай Павел Владимир Юрий Олег".split()
FEMALE_NAMES = "Анна Мария Елена Ольга Наталья Ирина Татьяна Светлана Екатерина Юлия Марина Людмила".split()
PATRONYMICS = "Александров Алексеев Андреев Иванов Дмитриев Михайлов Сергеев Николаев Павлов Петров".split()


def _name_arrays() -> dict:
    """The name lists as SQL array parameters with their lengths, for ``INSERT … SELECT``."""
    arrays = {"surnames": SURNAMES, "female": FEMALE_NAMES, "male": MALE_NAMES, "patronymics": PATRONYMICS}
    return {**arrays, **{f"n_{key}": len(values) for key, values in arrays.items()}}


def feminine(surname: str) -> str:
    """The feminine form of a Russian surname: «Иванов» → «Иванова», «Ильин» → «Ильина»; other
    surnames unchanged."""
    return surname + "а" if surname.endswith(("ов", "ев", "ёв", "ин")) else surname


#: Answers of the built-in questionnaires the generator writes, by code.
MENTEE_BEFORE, MENTEE_AFTER = "mentee_difficulties_before", "mentee_difficulties_after"
MENTEE_FEEDBACK, MENTOR_FEEDBACK = "mentee_feedback_after", "mentor_feedback_after"
MENTOR_BEFORE = "mentor_expectations_before"


@dataclass
class Synthetic:
    """What :func:`synthetic_monitoring` wrote: the ids of the units the benchmark visits and
    the row counts."""

    federal_id: int
    region_id: int
    municipality_id: int
    organization_id: int
    counts: dict[str, int]
    seconds: float

    def render(self) -> str:
        counts = ", ".join(
            f"{name} — {count:,}".replace(",", "\u00a0") for name, count in self.counts.items()
        )
        return f"Синтетические данные записаны за {self.seconds:.1f} с: {counts}"


def _one(cursor, sql: str, params=()) -> int:
    cursor.execute(sql, params)
    return cursor.fetchone()[0]


#: The tables the generator writes with ``INSERT … SELECT`` naming only the columns it fills.
_WRITTEN_TABLES = (
    "organizations_orgunit",
    "people_person",
    "people_employment",
    "auth_user",
    "access_roleassignment",
    "bank_menteeprofile",
    "bank_mentorprofile",
    "bank_personaldataconsent",
    "documents_document",
    "mentoring_pair",
    "mentoring_personalizedprogram",
    "monitoring_answer",
    "monitoring_answeritem",
    "monitoring_federalstatisticsreport",
    "roadmaps_roadmap",
    "roadmaps_roadmapsection",
    "roadmaps_roadmapitem",
    "audit_auditevent",
)


def _blank_text_defaults(cursor) -> None:
    """Give every NOT NULL text column of :data:`_WRITTEN_TABLES` without a database default
    the default ``''`` (Django keeps the defaults of blank fields in Python only), so that a
    text field added to a model later — the cases of a name, say — does not break the
    generator's ``INSERT``s. Only on the scratch database the generator is run on."""
    cursor.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = ANY(%s) AND is_nullable = 'NO' "
        "AND column_default IS NULL AND data_type IN ('character varying', 'text')",
        [list(_WRITTEN_TABLES)],
    )
    for table, column in cursor.fetchall():
        cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET DEFAULT \'\'')


def _fill_paths(cursor, level: str) -> None:
    # Statistics first: on a table just filled the planner would join every unit with every
    # other one (40,000 organizations: minutes instead of a second).
    cursor.execute("ANALYZE organizations_orgunit")
    cursor.execute(
        "UPDATE organizations_orgunit c SET path = p.path || lpad(c.id::text, 8, '0') || '/' "
        "FROM organizations_orgunit p WHERE c.parent_id = p.id AND c.level = %s AND c.path = ''",
        [level],
    )


def synthetic_monitoring(
    *,
    regions: int = 1,
    municipalities: int = 22,
    organizations: int = 1000,
    workers: int = 60_000,
    programs: int = 15_000,
    answers: int = 100_000,
    today: dt.date | None = None,
    stdout=print,
    analyze: bool = True,
) -> Synthetic:
    """Write the synthetic country (see the module) and return what the benchmark needs.

    ``analyze``: refresh the planner's statistics at the end (``ANALYZE``); a caller that
    writes more afterwards passes ``False`` and analyzes once itself.

    ``workers`` must leave every organization at least 10 mentors plus its mentees
    (``workers >= organizations * (10 + ceil(programs / organizations))``).

    Raises:
        SystemExit: the database is not PostgreSQL, or the counts do not fit.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment
    from nastavnik.monitoring.builtin import builtin_questionnaire
    from nastavnik.reference.models import MentoringForm

    if connection.vendor != "postgresql":
        raise SystemExit("Синтетические данные мониторинга пишутся только в PostgreSQL (--postgres).")
    per_org = -(-programs // organizations)
    if workers < organizations * (10 + per_org):
        raise SystemExit(f"Мало работников: нужно не меньше {organizations * (10 + per_org)}.")
    started = time.perf_counter()
    today = today or timezone.localdate()
    last_year = today.year - 1
    school_year = today.year if today.month >= 9 else today.year - 1
    form_id = MentoringForm.objects.get(code="pedagogue_pedagogue").pk
    questionnaires = {
        code: builtin_questionnaire(code)
        for code in (MENTEE_BEFORE, MENTEE_AFTER, MENTEE_FEEDBACK, MENTOR_FEEDBACK, MENTOR_BEFORE)
    }
    qid = {code: q.pk for code, q in questionnaires.items()}

    def step(label: str) -> None:
        stdout(f"  {label}: {time.perf_counter() - started:.1f} с")

    with transaction.atomic(), connection.cursor() as c:
        c.execute("SELECT setseed(0.2026)")
        _blank_text_defaults(c)
        unit_cols = (
            "level, kind, municipality_type, full_name, short_name, inn, address, email, phone, website, "
            "path, created_at, updated_at, parent_id, municipality_id"
        )
        federal_id = _one(
            c,
            f"INSERT INTO organizations_orgunit ({unit_cols}) VALUES "
            "('federal', '', '', 'Российская Федерация', '', '', '', '', '', '', '', now(), now(), NULL, NULL) "
            "RETURNING id",
        )
        c.execute(
            "UPDATE organizations_orgunit SET path = lpad(id::text, 8, '0') || '/' WHERE id = %s",
            [federal_id],
        )
        c.execute(
            f"INSERT INTO organizations_orgunit ({unit_cols}) SELECT 'region', '', '', "
            "'Субъект Российской Федерации № ' || g, '', '', '', '', '', '', '', now(), now(), %s, NULL "
            "FROM generate_series(1, %s) g ORDER BY g",
            [federal_id, regions],
        )
        _fill_paths(c, "region")
        c.execute(
            f"INSERT INTO organizations_orgunit ({unit_cols}) SELECT 'municipality', '', "
            "CASE WHEN g %% 3 = 0 THEN 'district' ELSE 'city_okrug' END, "
            "'Муниципальное образование № ' || g || ' (' || r.full_name || ')', '', '', '', '', '', '', '', "
            "now(), now(), r.id, NULL FROM organizations_orgunit r CROSS JOIN generate_series(1, %s) g "
            "WHERE r.level = 'region' ORDER BY r.id, g",
            [municipalities],
        )
        _fill_paths(c, "municipality")
        c.execute(
            "CREATE TEMP TABLE bench_muni ON COMMIT DROP AS SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS rn "
            "FROM organizations_orgunit WHERE level = 'municipality'"
        )
        c.execute("CREATE UNIQUE INDEX ON bench_muni (rn)")
        c.execute("ANALYZE bench_muni")
        muni_count = municipalities * regions
        c.execute(
            f"INSERT INTO organizations_orgunit ({unit_cols}) SELECT 'organization', "
            "(ARRAY['school','school','school','school','school','school','kindergarten','kindergarten',"
            "'supplementary','college'])[g %% 10 + 1], '', "
            "'Образовательная организация № ' || g, '', '', '', '', '', '', '', now(), now(), m.id, m.id "
            "FROM generate_series(0, %s - 1) g JOIN bench_muni m ON m.rn = g %% %s ORDER BY g",
            [organizations, muni_count],
        )
        _fill_paths(c, "organization")
        c.execute(
            "CREATE TEMP TABLE bench_org ON COMMIT DROP AS SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS rn "
            "FROM organizations_orgunit WHERE level = 'organization'"
        )
        c.execute("CREATE UNIQUE INDEX ON bench_org (rn)")
        c.execute("ANALYZE bench_org")  # temporary tables are never analyzed automatically
        step(f"организации ({organizations})")

        # People: worker k works in organization k % N and is its (k / N)-th worker.
        before = _one(c, "SELECT coalesce(max(id), 0) FROM people_person")
        c.execute(
            """
            INSERT INTO people_person (last_name, first_name, middle_name, sex, birth_date, snils,
                total_experience_years, pedagogical_experience_years, qualification_category,
                has_pedagogical_education, email, phone, created_at, updated_at, position_id, user_id,
                address, id_document_issued_by, id_document_issued_on, id_document_number, depersonalized_on)
            SELECT
                -- Four in five women (as in the profession); names from the lists above.
                CASE WHEN g %% 5 <> 4 AND (%(surnames)s::text[])[(g::bigint * 7919) %% %(n_surnames)s + 1] ~ '(ов|ев|ёв|ин)$'
                     THEN (%(surnames)s::text[])[(g::bigint * 7919) %% %(n_surnames)s + 1] || 'а'
                     ELSE (%(surnames)s::text[])[(g::bigint * 7919) %% %(n_surnames)s + 1] END,
                CASE WHEN g %% 5 <> 4 THEN (%(female)s::text[])[(g::bigint * 31) %% %(n_female)s + 1]
                     ELSE (%(male)s::text[])[(g::bigint * 31) %% %(n_male)s + 1] END,
                (%(patronymics)s::text[])[(g::bigint * 13) %% %(n_patronymics)s + 1]
                    || CASE WHEN g %% 5 <> 4 THEN 'на' ELSE 'ич' END,
                CASE WHEN g %% 5 <> 4 THEN 'F' ELSE 'M' END,
                CASE WHEN j < 10 THEN make_date(1965 + g %% 20, 1 + g %% 12, 1 + g %% 28)
                     WHEN j < 10 + %(per_org)s THEN make_date(1996 + g %% 7, 1 + g %% 12, 1 + g %% 28)
                     ELSE make_date(1962 + g %% 38, 1 + g %% 12, 1 + g %% 28) END,
                NULL,
                CASE WHEN j < 10 THEN 14 + g %% 20 WHEN j < 10 + %(per_org)s THEN 1 + g %% 4
                     ELSE 2 + g %% 35 END,
                CASE WHEN j < 10 THEN 12 + g %% 20 WHEN j < 10 + %(per_org)s THEN g %% 4
                     ELSE g %% 35 END,
                'none', true, '', '', now(), now(), NULL, NULL, '', '', NULL, '', NULL
            FROM (SELECT g, g / %(orgs)s AS j FROM generate_series(0, %(workers)s - 1) g) s ORDER BY g
            """,
            {
                "per_org": per_org,
                "orgs": organizations,
                "workers": workers,
                **_name_arrays(),
            },
        )
        c.execute(
            "CREATE TEMP TABLE bench_worker ON COMMIT DROP AS SELECT id AS person_id, "
            "(row_number() OVER (ORDER BY id)) - 1 AS k FROM people_person WHERE id > %s",
            [before],
        )
        c.execute(
            "ALTER TABLE bench_worker ADD COLUMN org_rn bigint, ADD COLUMN j bigint, ADD COLUMN org_id bigint"
        )
        c.execute(
            "UPDATE bench_worker w SET org_rn = w.k %% %s, j = w.k / %s, org_id = o.id "
            "FROM bench_org o WHERE o.rn = w.k %% %s",
            [organizations, organizations, organizations],
        )
        c.execute("CREATE UNIQUE INDEX ON bench_worker (org_rn, j)")
        c.execute("ANALYZE bench_worker")  # temporary tables are never analyzed automatically
        c.execute(
            """
            INSERT INTO people_employment (is_primary, started_on, ended_on, organization_id, position_id, person_id)
            SELECT true, CASE WHEN j >= 10 AND j < 10 + %s THEN make_date(%s - (k %% 4)::int, 9, 1)
                              ELSE make_date(2000 + (k %% 20)::int, 9, 1) END,
                   NULL, org_id, NULL, person_id FROM bench_worker
            """,
            [per_org, school_year],
        )
        step(f"работники и места работы ({workers})")

        # Programs: program q is in organization q % N, slot s = q / N; its mentee is the
        # organization's worker 10 + s, its mentor worker s % 10.
        c.execute(
            """
            CREATE TEMP TABLE bench_program ON COMMIT DROP AS
            SELECT q, q %% %(orgs)s AS org_rn, q / %(orgs)s AS slot, (q::bigint * 7919) %% 100 AS h
            FROM generate_series(0, %(programs)s - 1) q
            """,
            {"orgs": organizations, "programs": programs},
        )
        c.execute(
            """
            ALTER TABLE bench_program ADD COLUMN id bigint, ADD COLUMN org_id bigint,
                ADD COLUMN mentor_id bigint, ADD COLUMN mentee_id bigint, ADD COLUMN status text,
                ADD COLUMN starts_on date, ADD COLUMN ends_on date, ADD COLUMN completed_on date,
                ADD COLUMN terminated_on date
            """
        )
        last_done = dt.date(last_year, 5, 31)
        this_done = max(dt.date(today.year, 1, 10), today - dt.timedelta(days=20))
        c.execute(
            """
            UPDATE bench_program p SET
                org_id = mentee.org_id, mentee_id = mentee.person_id, mentor_id = mentor.person_id,
                status = CASE WHEN h < 5 THEN 'draft' WHEN h < 12 THEN 'approved' WHEN h < 60 THEN 'active'
                              WHEN h < 95 THEN 'completed' ELSE 'terminated' END
            FROM bench_worker mentee, bench_worker mentor
            WHERE mentee.org_rn = p.org_rn AND mentee.j = 10 + p.slot
              AND mentor.org_rn = p.org_rn AND mentor.j = p.slot % 10
            """
        )
        c.execute(
            """
            UPDATE bench_program SET
                completed_on = CASE WHEN status = 'completed' THEN
                    CASE WHEN h %% 2 = 0 THEN %(last_done)s::date ELSE %(this_done)s::date END END,
                terminated_on = CASE WHEN status = 'terminated' THEN %(this_done)s::date END
            """,
            {"last_done": last_done, "this_done": this_done},
        )
        c.execute(
            """
            UPDATE bench_program SET
                starts_on = CASE WHEN completed_on IS NOT NULL THEN completed_on - 270
                                 ELSE make_date(%(sy)s, 9, 1) + (h %% 30)::int END,
                ends_on = CASE WHEN completed_on IS NOT NULL THEN completed_on
                               ELSE make_date(%(sy)s + 1, 5, 31) END
            """,
            {"sy": school_year},
        )
        c.execute(
            "UPDATE bench_program SET starts_on = LEAST(starts_on, %s::date - 30) WHERE status IN ('active', 'terminated')",
            [today],
        )
        before = _one(c, "SELECT coalesce(max(id), 0) FROM mentoring_personalizedprogram")
        c.execute(
            """
            INSERT INTO mentoring_personalizedprogram (format, direction, goals, expected_results, starts_on,
                ends_on, status, approved_on, completed_on, terminated_on, termination_reason, results,
                created_at, updated_at, created_by_id, curator_id, interaction_model_id, mentoring_form_id,
                mentoring_program_id, organization_id, stage_id)
            SELECT 'pair', 'Адаптация молодого педагога', 'Преодоление профессиональных затруднений', '',
                starts_on, ends_on, status, CASE WHEN status <> 'draft' THEN starts_on + 5 END,
                completed_on, terminated_on,
                CASE WHEN status = 'terminated' THEN 'Увольнение наставляемого' ELSE '' END, '',
                now(), now(), NULL, NULL, NULL, %s, NULL, org_id, NULL
            FROM bench_program ORDER BY q
            """,
            [form_id],
        )
        c.execute(
            "UPDATE bench_program p SET id = n.id FROM (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS q "
            "FROM mentoring_personalizedprogram WHERE id > %s) n WHERE n.q = p.q",
            [before],
        )
        # Statistics of the filled table (never gathered automatically for a temporary one): the
        # federal figures below join it by organization.
        c.execute("ANALYZE bench_program")
        c.execute(
            """
            INSERT INTO mentoring_pair (started_on, ended_on, created_at, mentee_id, mentor_id, organization_id,
                end_reason, program_id)
            SELECT starts_on, coalesce(completed_on, terminated_on), now(), mentee_id, mentor_id, org_id,
                CASE status WHEN 'completed' THEN 'completed' WHEN 'terminated' THEN 'terminated' ELSE '' END, id
            FROM bench_program
            """
        )
        c.execute(
            """
            INSERT INTO bank_menteeprofile (request_text, consent_given_on, consent_scan, full_cycle_completed_on,
                created_at, updated_at, organization_id, person_id)
            SELECT 'Адаптация в профессии', starts_on - 10, '', completed_on, now(), now(), org_id, mentee_id
            FROM bench_program
            """
        )
        c.execute(
            """
            INSERT INTO bank_mentorprofile (status, pool, contour, capacity, questionnaire, interview_notes,
                interviewed_on, consent_given_on, consent_scan, publish_in_open_bank, public_fields, created_at,
                updated_at, organization_id, person_id)
            SELECT 'active', 'accomplished', 'internal', 1 + (w.person_id %% 3)::int, '', '', NULL,
                make_date(%s, 8, 25), '', false, '[]'::jsonb, now(), now(), w.org_id, w.person_id
            FROM bench_worker w WHERE w.person_id IN (SELECT mentor_id FROM bench_program)
            """,
            [school_year - 1],
        )
        c.execute(
            """
            INSERT INTO bank_personaldataconsent (purposes, given_on, scan, withdrawn_on, withdrawal_reason,
                created_at, person_id, recorded_by_id, withdrawn_by_id)
            SELECT '["mentoring_record", "monitoring"]'::jsonb, make_date(%s, 8, 25), '', NULL, '', now(), p, NULL, NULL
            FROM (SELECT mentee_id AS p FROM bench_program UNION SELECT mentor_id FROM bench_program) s
            """,
            [school_year - 1],
        )
        # One mentee in ten of last year's completed programs has left since (retention).
        c.execute(
            """
            UPDATE people_employment e SET ended_on = p.completed_on + 100
            FROM bench_program p WHERE e.person_id = p.mentee_id AND p.completed_on = %s AND p.q %% 10 = 3
            """,
            [last_done],
        )
        step(f"программы, пары, банк ({programs})")

        # Answers (none at all with answers=0: the national run needs none).
        if answers:
            answer_cols = (
                "id, audience, phase, month, submitted_at, organization_id, person_id, program_id, campaign_id, "
                "questionnaire_id"
            )
            started_programs = "status IN ('active', 'completed', 'terminated')"
            c.execute(
                f"""
                INSERT INTO monitoring_answer ({answer_cols})
                SELECT gen_random_uuid(), 'mentee', 'before', date_trunc('month', starts_on + 7)::date,
                    (starts_on + 7)::timestamptz, org_id, mentee_id, id, NULL::bigint, %(mentee_before)s
                FROM bench_program WHERE {started_programs}
                UNION ALL
                SELECT gen_random_uuid(), 'mentor', 'before', date_trunc('month', starts_on + 7)::date,
                    (starts_on + 7)::timestamptz, org_id, mentor_id, id, NULL::bigint, %(mentor_before)s
                FROM bench_program WHERE {started_programs}
                UNION ALL
                SELECT gen_random_uuid(), 'mentee', 'after', date_trunc('month', completed_on)::date,
                    completed_on::timestamptz, org_id, mentee_id, id, NULL::bigint, %(mentee_after)s
                FROM bench_program WHERE status = 'completed'
                UNION ALL
                SELECT gen_random_uuid(), 'mentee', 'after', date_trunc('month', completed_on)::date,
                    NULL::timestamptz, org_id, NULL::bigint, NULL::bigint, NULL::bigint, %(mentee_feedback)s
                FROM bench_program WHERE status = 'completed'
                UNION ALL
                SELECT gen_random_uuid(), 'mentor', 'after', date_trunc('month', completed_on)::date,
                    NULL::timestamptz, org_id, NULL::bigint, NULL::bigint, NULL::bigint, %(mentor_feedback)s
                FROM bench_program WHERE status = 'completed'
                """,
                {
                    "mentee_before": qid[MENTEE_BEFORE],
                    "mentor_before": qid[MENTOR_BEFORE],
                    "mentee_after": qid[MENTEE_AFTER],
                    "mentee_feedback": qid[MENTEE_FEEDBACK],
                    "mentor_feedback": qid[MENTOR_FEEDBACK],
                },
            )
            written = _one(c, "SELECT count(*) FROM monitoring_answer")
            if answers > written:
                c.execute(
                    f"""
                    INSERT INTO monitoring_answer ({answer_cols})
                    SELECT gen_random_uuid(), CASE WHEN g %% 3 = 0 THEN 'mentor' ELSE 'mentee' END, 'after',
                        make_date(%(y)s - (g %% 2)::int, 1 + (g %% 12)::int, 1), NULL, o.id, NULL, NULL, NULL,
                        CASE WHEN g %% 3 = 0 THEN %(mentor_feedback)s ELSE %(mentee_feedback)s END
                    FROM generate_series(0, %(n)s - 1) g JOIN bench_org o ON o.rn = g %% %(orgs)s
                    """,
                    {
                        "y": last_year,
                        "n": answers - written,
                        "orgs": organizations,
                        "mentee_feedback": qid[MENTEE_FEEDBACK],
                        "mentor_feedback": qid[MENTOR_FEEDBACK],
                    },
                )
            c.execute(
                """
                INSERT INTO monitoring_answeritem (id, scale, text, answer_id, question_id)
                SELECT gen_random_uuid(), CASE
                        WHEN q.measure = 'difficulty' AND a.phase = 'before' THEN 4 + (r % 6)
                        WHEN q.measure = 'difficulty' THEN 2 + (r % 5)
                        WHEN o.rn % 37 = 0 THEN 2 + (r % 4)
                        ELSE 6 + (r % 5) END,
                    '', a.id, q.id
                FROM monitoring_answer a
                JOIN bench_org o ON o.id = a.organization_id
                JOIN monitoring_question q ON q.questionnaire_id = a.questionnaire_id AND q.kind = 'scale'
                CROSS JOIN LATERAL (SELECT hashtext(a.id::text || q.id::text) & 2147483647 AS r) x
                """
            )
            step("ответы на анкеты")

        # Curators (accounts and roles), signed documents, approved roadmaps, federal figures.
        c.execute(
            """
            INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email,
                is_staff, is_active, date_joined)
            SELECT '!', NULL, false, 'bench_curator_' || o.id, '', '', '', false, true, now()
            FROM bench_org o WHERE o.rn % 20 <> 7
            """
        )
        c.execute(
            """
            INSERT INTO access_roleassignment (role, created_at, org_unit_id, user_id)
            SELECT 'curator', now(), o.id, u.id FROM bench_org o
            JOIN auth_user u ON u.username = 'bench_curator_' || o.id
            """
        )
        c.execute(
            """
            INSERT INTO documents_document (kind, title, number, date, status, params, file, scan, signed_on,
                created_at, updated_at, author_id, organization_id, pair_id, person_id, program_id, signed_by_id)
            SELECT kind, title, '1', make_date(%s, 8, 30), 'signed', '{}'::jsonb, '', 'documents/bench/scan.pdf',
                make_date(%s, 8, 30),
                now(), now(), NULL, o.id, NULL, NULL, NULL, NULL
            FROM bench_org o CROSS JOIN (VALUES
                ('regulation', 'Положение о системе наставничества'),
                ('order_implementation', 'Приказ о внедрении целевой модели наставничества')) d(kind, title)
            WHERE o.rn %% 20 NOT IN (3, 11, 17)
            """,
            [school_year - 1, school_year - 1],
        )
        c.execute(
            """
            INSERT INTO roadmaps_roadmap (level, title, starts_on, ends_on, status, blueprint, source,
                submitted_at, approved_at, created_at, updated_at, approved_by_id, created_by_id, owner_id, parent_id)
            SELECT 'organization', 'Дорожная карта внедрения целевой модели наставничества',
                make_date(%s, 9, 1), make_date(%s, 8, 31), 'approved', 'organization_002', '',
                now() - interval '200 days', now() - interval '190 days', now(), now(), NULL, NULL, o.id, NULL
            FROM bench_org o WHERE o.rn %% 5 <> 4
            """,
            [school_year, school_year + 1],
        )
        c.execute(
            """
            INSERT INTO monitoring_federalstatisticsreport
                (year, figure, learners_figure, confirmed_at, confirmed_by_id, organization_id)
            SELECT %(y)s, count(p.q) + CASE WHEN o.rn %% 50 = 9 THEN 1 ELSE 0 END, 0,
                make_date(%(y)s + 1, 1, 15)::timestamptz, u.id, o.id
            FROM bench_org o
            JOIN auth_user u ON u.username = 'bench_curator_' || o.id
            LEFT JOIN bench_program p ON p.org_id = o.id AND p.status = 'completed'
                AND extract(year FROM p.completed_on) = %(y)s
            WHERE o.rn %% 10 < 7
            GROUP BY o.id, o.rn, u.id
            """,
            {"y": last_year},
        )
        step("кураторы, документы, дорожные карты, федеральные сведения")

        region_id = _one(c, "SELECT min(id) FROM organizations_orgunit WHERE level = 'region'")
        municipality_id = _one(
            c, "SELECT min(id) FROM organizations_orgunit WHERE parent_id = %s", [region_id]
        )
        organization_id = _one(
            c, "SELECT min(id) FROM organizations_orgunit WHERE parent_id = %s", [municipality_id]
        )
        User = get_user_model()
        for login, role, unit_id in (
            ("bench_operator", Role.REGIONAL_OPERATOR, region_id),
            ("bench_coordinator", Role.MUNICIPAL_COORDINATOR, municipality_id),
            ("bench_curator", Role.CURATOR, organization_id),
        ):
            user = User.objects.create_user(login, password=PASSWORD)
            RoleAssignment.objects.create(user=user, role=role, org_unit_id=unit_id)
        User.objects.create_superuser("bench_federal", password=PASSWORD)

        counts = {}
        for label, table in (
            ("организаций", "organizations_orgunit WHERE level = 'organization'"),
            ("работников", "people_person"),
            ("программ", "mentoring_personalizedprogram"),
            ("ответов", "monitoring_answer"),
            ("ответов на вопросы", "monitoring_answeritem"),
        ):
            counts[label] = _one(c, f"SELECT count(*) FROM {table}")
    if analyze:
        with connection.cursor() as c:
            c.execute("ANALYZE")
        step("ANALYZE")
    return Synthetic(
        federal_id=federal_id,
        region_id=region_id,
        municipality_id=municipality_id,
        organization_id=organization_id,
        counts=counts,
        seconds=time.perf_counter() - started,
    )


# --- the national data set (issue 16, «Scale», build 4) ----------------------------------------


@dataclass(frozen=True)
class Preset:
    """The size of a synthetic data set: ``regions`` regions of ``municipalities`` municipalities
    each, ``organizations`` organizations, ``workers`` pedagogical workers, ``programs``
    personalized programs and about ``answers`` questionnaire answers (0: the named answers of
    the programs only are not written either)."""

    title: str
    regions: int
    municipalities: int
    organizations: int
    workers: int
    programs: int
    answers: int


#: The presets of ``generate_synthetic --preset``: a region (issue 16: 1,000 organizations,
#: 60,000 teachers), the country (89 regions, 40,000 organizations, 1.1 million teachers,
#: 300,000 programs), a region ten times the demo, and a tiny one for the tests.
PRESETS: dict[str, Preset] = {
    "region": Preset("регион", 1, 22, 1_000, 60_000, 15_000, 100_000),
    "national": Preset("страна", 89, 22, 40_000, 1_100_000, 300_000, 0),
    "demo10": Preset("регион в 10 раз больше демонстрационного", 1, 22, 3_000, 80_000, 20_000, 100_000),
    "tiny": Preset("проверочный", 1, 2, 4, 120, 16, 40),
}

#: The benchmark's accounts beyond :func:`synthetic_monitoring`'s: the head of its organization
#: and the national operator (on the federal root), password :data:`PASSWORD`.
HEAD_LOGIN, NATIONAL_LOGIN = "bench_head", "bench_national"


def synthetic_country(
    *, preset: str | Preset = "region", seed: int = 2026, today: dt.date | None = None, stdout=print
) -> Synthetic:
    """Write the data set of ``preset`` (a key of :data:`PRESETS` or a :class:`Preset`) on an
    empty PostgreSQL database and return what the benchmarks need.

    First :func:`synthetic_monitoring` (units, workers, programs in every status with their pairs,
    bank cards and consents, answers, curators, the Положение and orders, organizations'
    roadmaps, federal figures), then, all by ``INSERT … SELECT``:

    - the bank's pool: a mentor card (every status, every pool) and a consent for each of the ten
      experienced workers of an organization who has none, and two young workers waiting for a
      mentor (a mentee card and a consent) in every organization;
    - the roadmaps of every municipality and region (approved; the organizations' answer to
      their municipality's), drafts, submitted and returned roadmaps in one organization in ten
      of those without one, and in every roadmap two sections of three activities in every
      state of execution;
    - the order fixing the pairs (signed) in every organization with programs;
    - an audit entry (creation) of every program, under its organization;
    - accounts without a password: a regional operator of every region, a coordinator of every
      municipality, a head of nine organizations in ten; with :data:`PASSWORD`:
      :data:`HEAD_LOGIN` (head of the benchmark's organization) and :data:`NATIONAL_LOGIN`
      (national operator on the federal root).

    ``seed`` varies the random draws (``setseed``) of the new mentor cards (status, pool,
    publication in the open bank) and of the activities' execution; the units, the people, the
    programs and the accounts are laid out the same for every seed. ``today``: the date the data set is built around (default: today).

    Raises:
        SystemExit: the database is not PostgreSQL, or the counts do not fit (as
            :func:`synthetic_monitoring`).
        KeyError: an unknown preset name.
    """
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from nastavnik.access.choices import Role
    from nastavnik.access.models import RoleAssignment

    size = PRESETS[preset] if isinstance(preset, str) else preset
    started = time.perf_counter()
    today = today or timezone.localdate()
    school_year = today.year if today.month >= 9 else today.year - 1
    per_org = -(-size.programs // size.organizations)
    made = synthetic_monitoring(
        regions=size.regions,
        municipalities=size.municipalities,
        organizations=size.organizations,
        workers=size.workers,
        programs=size.programs,
        answers=size.answers,
        today=today,
        stdout=stdout,
        analyze=False,
    )

    def step(label: str) -> None:
        stdout(f"  {label}: {time.perf_counter() - started:.1f} с")

    with transaction.atomic(), connection.cursor() as c:
        c.execute("SELECT setseed(%s)", [(seed % 20001) / 10000 - 1])
        # The planner's statistics of what synthetic_monitoring wrote (it was told not to analyze):
        # without them the joins below may pair every row with every other one.
        c.execute(
            "ANALYZE organizations_orgunit, people_employment, mentoring_personalizedprogram, mentoring_pair, "
            "bank_mentorprofile, bank_menteeprofile, bank_personaldataconsent, roadmaps_roadmap"
        )
        # Every worker's place in their organization (rn 1…): 1–10 experienced, then the mentees.
        c.execute(
            """
            CREATE TEMP TABLE h_staff ON COMMIT DROP AS
            SELECT person_id, organization_id AS org_id,
                row_number() OVER (PARTITION BY organization_id ORDER BY person_id) AS rn
            FROM people_employment WHERE is_primary
            """
        )
        c.execute("CREATE INDEX ON h_staff (rn)")
        c.execute(
            """
            INSERT INTO bank_mentorprofile (status, pool, contour, capacity, questionnaire, interview_notes,
                interviewed_on, consent_given_on, consent_scan, publish_in_open_bank, public_fields, created_at,
                updated_at, organization_id, person_id)
            SELECT (ARRAY['candidate','selected','trained','active','active','paused'])[floor(random() * 6)::int + 1],
                (ARRAY['accomplished','replicating','authoritative','methodical','self_developing'])
                    [floor(random() * 5)::int + 1],
                'internal', 1 + (s.person_id %% 3)::int, '', '', NULL, make_date(%s, 8, 25), '',
                random() < 0.25, '[]'::jsonb, now(), now(), s.org_id, s.person_id
            FROM h_staff s
            WHERE s.rn <= 10 AND NOT EXISTS (SELECT 1 FROM bank_mentorprofile m WHERE m.person_id = s.person_id)
            """,
            [school_year],
        )
        c.execute(
            """
            INSERT INTO bank_menteeprofile (request_text, consent_given_on, consent_scan, full_cycle_completed_on,
                created_at, updated_at, organization_id, person_id)
            SELECT 'Освоение методики преподавания', make_date(%s, 9, 10), '', NULL, now(), now(), s.org_id,
                s.person_id
            FROM h_staff s
            WHERE s.rn IN (%s, %s)
              AND NOT EXISTS (SELECT 1 FROM bank_menteeprofile m WHERE m.person_id = s.person_id)
            """,
            [school_year, 11 + per_org, 12 + per_org],
        )
        c.execute(
            """
            INSERT INTO bank_personaldataconsent (purposes, given_on, scan, withdrawn_on, withdrawal_reason,
                created_at, person_id, recorded_by_id, withdrawn_by_id)
            SELECT '["mentoring_record", "monitoring"]'::jsonb, make_date(%s, 8, 25), '', NULL, '', now(), p, NULL,
                NULL
            FROM (SELECT person_id AS p FROM bank_mentorprofile UNION SELECT person_id FROM bank_menteeprofile) s
            WHERE NOT EXISTS (SELECT 1 FROM bank_personaldataconsent c WHERE c.person_id = s.p)
            """,
            [school_year],
        )
        step("банк наставников и наставляемых")

        roadmap_cols = (
            "level, title, starts_on, ends_on, status, blueprint, source, submitted_at, approved_at, "
            "created_at, updated_at, approved_by_id, created_by_id, owner_id, parent_id"
        )
        for level, title in (
            (
                "region",
                "Дорожная карта внедрения целевой модели наставничества в субъекте Российской Федерации",
            ),
            (
                "municipality",
                "Дорожная карта внедрения целевой модели наставничества в муниципальном образовании",
            ),
        ):
            c.execute(
                f"""
                INSERT INTO roadmaps_roadmap ({roadmap_cols})
                SELECT %s, %s, make_date(%s, 9, 1), make_date(%s, 8, 31), 'approved', '', '',
                    now() - interval '220 days', now() - interval '210 days', now(), now(), NULL, NULL, u.id, NULL
                FROM organizations_orgunit u WHERE u.level = %s ORDER BY u.id
                """,
                [level, title, school_year, school_year + 1, level],
            )
        c.execute("ANALYZE roadmaps_roadmap")  # else the planner joins every roadmap with every other one
        c.execute(
            """
            UPDATE roadmaps_roadmap m SET parent_id = r.id
            FROM organizations_orgunit u, roadmaps_roadmap r
            WHERE m.level = 'municipality' AND u.id = m.owner_id AND r.owner_id = u.parent_id AND r.level = 'region'
            """
        )
        c.execute(
            f"""
            INSERT INTO roadmaps_roadmap ({roadmap_cols})
            SELECT 'organization', 'Дорожная карта внедрения целевой модели наставничества',
                make_date(%s, 9, 1), make_date(%s, 8, 31),
                (ARRAY['draft','submitted','returned'])[(o.id %% 3)::int + 1], 'organization_002', '',
                CASE WHEN o.id %% 3 > 0 THEN now() - interval '20 days' END, NULL, now(), now(), NULL, NULL, o.id, NULL
            FROM organizations_orgunit o
            WHERE o.level = 'organization' AND o.id %% 10 = 1
              AND NOT EXISTS (SELECT 1 FROM roadmaps_roadmap r WHERE r.owner_id = o.id)
            """,
            [school_year, school_year + 1],
        )
        c.execute("ANALYZE roadmaps_roadmap")
        c.execute(
            """
            UPDATE roadmaps_roadmap m SET parent_id = r.id
            FROM organizations_orgunit u, roadmaps_roadmap r
            WHERE m.level = 'organization' AND u.id = m.owner_id AND r.owner_id = u.parent_id
              AND r.level = 'municipality'
            """
        )
        c.execute(
            """
            INSERT INTO roadmaps_roadmapsection (number, title, sort_order, roadmap_id)
            SELECT s.n::text, s.title, s.n, r.id FROM roadmaps_roadmap r
            CROSS JOIN (VALUES (1, 'Организационно-методическое обеспечение'),
                               (2, 'Реализация программ наставничества')) s(n, title)
            """
        )
        c.execute("ANALYZE roadmaps_roadmapsection")
        c.execute(
            """
            INSERT INTO roadmaps_roadmapitem (number, activity, result, period_kind, starts_on, ends_on, recurrence,
                period_note, responsible, responsible_roles, status, completed_on, reminded_on, sort_order,
                updated_at, roadmap_id, section_id)
            SELECT s.sort_order || '.' || i.n, i.activity, i.result,
                CASE WHEN i.n = 3 THEN 'recurring' ELSE 'dates' END,
                CASE WHEN i.n = 3 THEN NULL ELSE r.starts_on + (s.sort_order * 60 + i.n * 20) END,
                CASE WHEN i.n = 3 THEN NULL ELSE r.starts_on + (s.sort_order * 60 + i.n * 20 + 30) END,
                CASE WHEN i.n = 3 THEN 'permanent' ELSE '' END, '', 'Куратор внедрения целевой модели наставничества',
                '[]'::jsonb, x.status, CASE WHEN x.status = 'done' THEN r.starts_on + (s.sort_order * 60 + i.n * 20 + 25) END,
                NULL, i.n, now(), r.id, s.id
            FROM roadmaps_roadmapsection s
            JOIN roadmaps_roadmap r ON r.id = s.roadmap_id
            CROSS JOIN (VALUES
                (1, 'Назначение ответственных за внедрение целевой модели наставничества', 'Приказ'),
                (2, 'Проведение совещания с педагогическими работниками', 'Протокол совещания'),
                (3, 'Информационное сопровождение на официальном сайте', 'Публикации на сайте')) i(n, activity, result)
            CROSS JOIN LATERAL (SELECT CASE WHEN r.status <> 'approved' THEN 'planned'
                ELSE (ARRAY['done','done','in_progress','planned','cancelled'])[floor(random() * 5)::int + 1]
                END AS status) x
            """
        )
        step("дорожные карты муниципалитетов и региона, разделы и мероприятия")

        c.execute(
            """
            INSERT INTO documents_document (kind, title, number, date, status, params, file, scan, signed_on,
                created_at, updated_at, author_id, organization_id, pair_id, person_id, program_id, signed_by_id)
            SELECT 'order_pairs', 'Приказ о закреплении наставнических пар (групп)', (10 + o.id %% 90)::text || '-од',
                make_date(%s, 9, 5), 'signed', '{}'::jsonb, '', 'documents/bench/scan.pdf', make_date(%s, 9, 5), now(), now(), NULL, o.id,
                NULL, NULL, NULL, NULL
            FROM organizations_orgunit o
            WHERE o.level = 'organization'
              AND EXISTS (SELECT 1 FROM mentoring_personalizedprogram p WHERE p.organization_id = o.id)
            """,
            [school_year, school_year],
        )
        c.execute(
            """
            INSERT INTO audit_auditevent (object_pk, object_id, serialized_data, changes_text, cid, remote_port,
                additional_data, object_repr, action, changes, remote_addr, timestamp, unit_path, person_id,
                access_kind, actor_id, content_type_id, org_unit_id)
            SELECT p.id::text, p.id, NULL, '', NULL, NULL, NULL,
                'Персонализированная программа наставничества', 0, '{}'::jsonb, NULL,
                p.starts_on::timestamptz - interval '10 days', o.path, pr.mentee_id, '', NULL, ct.id, o.id
            FROM mentoring_personalizedprogram p
            JOIN organizations_orgunit o ON o.id = p.organization_id
            JOIN mentoring_pair pr ON pr.program_id = p.id
            CROSS JOIN django_content_type ct
            WHERE ct.app_label = 'mentoring' AND ct.model = 'personalizedprogram'
            """
        )
        step("приказы о закреплении пар, журнал действий")

        for role, level, prefix, where in (
            ("regional_operator", "region", "bench_operator_", ""),
            ("municipal_coordinator", "municipality", "bench_coordinator_", ""),
            ("head", "organization", "bench_head_", "AND u.id %% 10 <> 3"),
        ):
            c.execute(
                f"""
                INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email,
                    is_staff, is_active, date_joined)
                SELECT '!', NULL, false, %s || u.id, '', '', '', false, true, now()
                FROM organizations_orgunit u WHERE u.level = %s {where}
                """,
                [prefix, level],
            )
            c.execute(
                f"""
                INSERT INTO access_roleassignment (role, created_at, org_unit_id, user_id)
                SELECT %s, now(), u.id, a.id FROM organizations_orgunit u
                JOIN auth_user a ON a.username = %s || u.id
                WHERE u.level = %s {where}
                """,
                [role, prefix, level],
            )
        User = get_user_model()
        head = User.objects.create_user(HEAD_LOGIN, password=PASSWORD)
        RoleAssignment.objects.create(user=head, role=Role.HEAD, org_unit_id=made.organization_id)
        national = getattr(Role, "NATIONAL_OPERATOR", None)
        if national is not None:
            user = User.objects.create_user(NATIONAL_LOGIN, password=PASSWORD)
            RoleAssignment.objects.create(user=user, role=national, org_unit_id=made.federal_id)
        step("учётные записи операторов, координаторов, руководителей")

        counts = dict(made.counts)
        for label, table in (
            ("наставнических пар", "mentoring_pair"),
            ("карточек наставников", "bank_mentorprofile"),
            ("карточек наставляемых", "bank_menteeprofile"),
            ("согласий", "bank_personaldataconsent"),
            ("дорожных карт", "roadmaps_roadmap"),
            ("мероприятий дорожных карт", "roadmaps_roadmapitem"),
            ("документов", "documents_document"),
            ("записей журнала", "audit_auditevent"),
            ("учётных записей", "auth_user"),
        ):
            counts[label] = _one(c, f"SELECT count(*) FROM {table}")
    # VACUUM too, as autovacuum leaves the tables of a database in use: the visibility map set,
    # so that PostgreSQL reads an index that holds every column a query needs without the table
    # (index-only scans, which the plans of the scoped lists count on at 1.1 million teachers).
    # VACUUM cannot run inside a transaction block (the tests write the data set in one, rolled
    # back after them): there the statistics alone are gathered.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
    with connection.cursor() as c:
        c.execute(command)
    step(command)
    made.counts = counts
    made.seconds = time.perf_counter() - started
    return made
