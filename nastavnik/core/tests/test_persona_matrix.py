"""The generated persona matrix: every URL pattern × every persona of the demo × objects of school
A, of school B and naming the person who withdrew the consent, by GET and by POST (style: NetBox
``ViewTestCases``; issue 13).

What it asserts, collected over the whole run and reported together per persona:

- no response is a 500;
- the anonymous visitor is sent to the login page (or refused) everywhere but ``PUBLIC``;
- each persona's access to each page of school A is the one ``EXPECTED`` writes down (200 — or
  another non-refusal — for those named, 403/404/405 for everyone else);
- objects of school B are refused to every persona of school A and municipality 1, and the
  curator of B gets on B exactly what the curator of A gets on A (the personas on the region —
  the operator, the coordinator of the ЦНППМ — and the national operator are treated on B as on A);
- objects naming the person without a consent are refused to everyone but the curator and the
  head of A (and the few ``NC_REACH`` reaches with the name hidden), and no response to anyone
  else names that person (152-ФЗ art. 9; DOCX and XLSX are read inside);
- a refused POST (and any GET) changes nothing: every request runs in a savepoint that is rolled
  back; when it wrote to a table, the data of every model is compared with the world's.

``KNOWN_LEAKS`` lists the findings still being fixed elsewhere; each is reported as an expected
failure until the fix lands (then the entry must go: a stale entry fails the run).

The world is built once for the module (``testing.matrix.matrix_world``). Run it alone with
``pytest -k persona_matrix``. ``MATRIX_REPORT=1`` prints the status of every request.
"""

from __future__ import annotations

import copy
import fnmatch
import hashlib
import html
import io
import json
import os
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from django.utils.functional import empty

from nastavnik.people.models import Person
from nastavnik.testing import matrix_parts
from nastavnik.testing.matrix import (
    BODIES,
    EXCLUDED,
    INDICATOR_CODES,
    Case,
    cases,
    chooser_kinds,
    matrix_session,
    url_patterns,
)
from nastavnik.testing.matrix_groups import (  # the persona groups, shared with testing.matrix_parts
    ANY,
    CB,
    CN,
    CO,
    CONSENT_EXEMPT,
    CP,
    CU,
    HD,
    KEEP,
    ME,
    MONITOR,
    MT,
    NA,
    NAT,
    NONE,
    OP,
    PAIR,
    PS,
    REGION,
    SEE,
    SIGNED,
    TU,
    e,
)
from nastavnik.testing.personas import ALL_PERSONAS, NO_CONSENT_SURNAME

pytestmark = pytest.mark.django_db

# --- the expectations ---------------------------------------------------------------------------


#: Pages open to the anonymous visitor (besides ``testing.matrix.EXCLUDED``): the reset of a
#: forgotten password and the invitation to set one.
PUBLIC: set[str] = {
    "accounts:password_reset",
    "accounts:password_reset_done",
    "accounts:password_reset_confirm",
    "accounts:password_reset_complete",
    "accounts:invitation",
    *matrix_parts.merged_set("PUBLIC"),
}


_e = e


# fmt: off
#: label → (who may GET, who may POST) the page of school A (or the page without an object),
#: among the personas of school A and municipality 1; the curator of B is expected to be treated
#: like the curator of A (on B's objects). «May» = not refused (not 403/404/405); a POST-only page
#: has nobody under GET. Written from the rules (seed 000 §4, README), not read off the pages.
EXPECTED: dict[str, tuple[frozenset, frozenset]] = {
    "core:home": _e(SIGNED),
    # One's own account: everyone signed in; the reset pages are public.
    "accounts:profile": _e(SIGNED),
    "accounts:password_change": _e(SIGNED, SIGNED),
    "accounts:password_change_done": _e(SIGNED),
    "accounts:password_reset": _e(SIGNED, SIGNED),
    "accounts:password_reset_done": _e(SIGNED),
    "accounts:password_reset_confirm": _e(SIGNED, SIGNED),
    "accounts:password_reset_complete": _e(SIGNED),
    "accounts:invitation": _e(SIGNED, SIGNED),
    "accounts:sessions": _e(SIGNED),
    "accounts:session_end": _e(NONE, SIGNED),
    "accounts:api_token_create": _e(NONE, SIGNED),
    "accounts:api_token_revoke": _e(NONE, SIGNED),
    "api:docs": _e(SIGNED),
    # The audit trail: the head sees the organization's, the operator the region's (issue 13).
    # (the coordinator the municipality's).
    "audit:list": _e({OP, CO, HD}),
    "organizations:list": _e(SIGNED),
    "organizations:add": _e({OP, CO}, {OP, CO}),
    "organizations:detail": _e(SIGNED),
    "organizations:edit": _e({OP, CO, HD}, {OP, CO, HD}),
    "people:list": _e(SIGNED),
    "people:add": _e(KEEP, KEEP),
    "people:detail[teacher]": _e(SEE),  # a teacher of A who is nobody's partner
    # The mentor's card (their mentees listed): their mentee sees it too.
    "people:detail[mentor]": _e(SEE | PAIR),
    "people:edit": _e(KEEP, KEEP),
    "people:employment_add": _e(KEEP, KEEP),
    "people:employment_end": _e(NONE, KEEP),
    # «What the system stores about me»: whoever has a person card (not the operator, the
    # coordinator and the tutor of this world).
    "people:my_data": _e(KEEP | PAIR | {CN, PS}),
    "access:list": _e(SIGNED),  # the list of the roles in one's scope: empty for a mentor
    # (the coordinator of the ЦНППМ assigns the tutors: access.choices.ASSIGNABLE_ROLES)
    "access:assign": _e({OP, CO, HD, CU, CP}, {OP, CO, HD, CU, CP}),
    "access:revoke": _e(NONE, {OP, CO, HD, CU}),  # the mentor's role
    "access:invite": _e(NONE, {OP, CO, HD, CU}),
    "bank:mentor_list": _e(SIGNED),
    "bank:mentor_add": _e(KEEP, KEEP),
    "bank:mentor_detail": _e(SEE | {ME}),
    "bank:mentor_edit": _e(KEEP, KEEP),
    "bank:mentor_status": _e(KEEP, KEEP),
    "bank:mentor_training_add": _e(KEEP, KEEP),
    "bank:mentee_list": _e(SIGNED),
    "bank:mentee_add": _e(KEEP, KEEP),
    "bank:mentee_detail": _e(SEE | {MT}),
    "bank:mentee_edit": _e(KEEP, KEEP),
    "bank:deficit_add": _e(KEEP, KEEP),
    "bank:consent_record": _e(KEEP, KEEP),
    "bank:consent_withdraw": _e(KEEP, KEEP),
    # Scans of consents: the curator, the head and the person themselves (issue 13, 152-ФЗ).
    "bank:file[pd-consent]": _e(KEEP | {MT}),  # the mentee's
    "bank:file[pd-consent-mentor]": _e(KEEP | {ME}),
    "bank:file[mentor-consent]": _e(KEEP | {ME}),
    "bank:file[mentee-consent]": _e(KEEP | {MT}),
    "bank:file[training]": _e(SEE | {ME}),
    "bank:confirm": _e(NONE, {CU}),
    "bank:import_start": _e(KEEP, KEEP),
    "bank:import_template": _e(KEEP),
    "bank:import_apply": _e(NONE, {CU}),  # the curator's own check of a file
    # The open bank of mentors is regional: every signed-in user (seed 001 §7.1.1).
    "bank:open_bank": _e(SIGNED),
    "bank:open_bank_detail": _e(SIGNED),
    "mentoring:program_list": _e(SIGNED),
    "mentoring:program_add": _e(KEEP, KEEP),
    "mentoring:program_detail": _e(SEE | PAIR),
    "mentoring:program_edit": _e(KEEP, KEEP),
    # A workflow step: its confirmation page and the step itself.
    "mentoring:program_approve": _e(KEEP, KEEP),
    "mentoring:program_return": _e(KEEP, KEEP),
    "mentoring:program_start": _e(KEEP, KEEP),
    "mentoring:program_terminate": _e(KEEP, KEEP),
    "mentoring:program_stage_advance": _e(KEEP, KEEP),
    "mentoring:plan_item_add": _e(KEEP, KEEP),
    "mentoring:plan_item_edit": _e(KEEP, KEEP),
    "mentoring:plan_item_report": _e(KEEP | PAIR, KEEP | PAIR),
    "mentoring:plan_item_delete": _e(KEEP, KEEP),
    "mentoring:plan_item_evidence": _e(SEE | PAIR),
    "mentoring:meeting_add": _e(KEEP | {ME}, KEEP | {ME}),
    "mentoring:meeting_edit": _e(KEEP | {ME}, KEEP | {ME}),
    "mentoring:meeting_record": _e(KEEP | {ME}, KEEP | {ME}),
    "mentoring:meeting_cancel": _e(KEEP | {ME}, KEEP | {ME}),
    "mentoring:request_add": _e(PAIR, PAIR),
    "mentoring:request_list": _e(KEEP),
    "mentoring:request_decide": _e(KEEP, KEEP),
    "mentoring:request_withdraw": _e({MT}, {MT}),  # by its author
    "mentoring:mentor_report": _e(KEEP | {ME}, KEEP | {ME}),
    "mentoring:mentor_report_attachment": _e(SEE | PAIR),
    "mentoring:program_complete": _e(KEEP, KEEP),
    "mentoring:mentoring_program_list": _e(SIGNED),
    "mentoring:mentoring_program_add": _e(KEEP, KEEP),
    "mentoring:mentoring_program_detail": _e(SEE),
    "mentoring:mentoring_program_edit": _e(KEEP, KEEP),
    "matching:candidates": _e(SEE, {CU}),  # the curator forms the pair (PERMISSIONS["pair"])
    # An empty POST names no organization to distribute: refused to all, so not asserted.
    "matching:pool": _e(SEE, ANY),
    "matching:marks": _e(SIGNED),
    "matching:mark_add": _e({PS, CU}, {PS, CU}),
    # A job is seen by the one who started it.
    "jobs:detail": _e({CU}),
    "jobs:status": _e({CU}),
    # A failed job is repeated by its author only; the package job is not failed: the author's
    # POST comes back to the job's page with the reason, nobody else finds the job.
    "jobs:retry": _e(NONE, {CU}),
    "documents:list": _e(SIGNED),
    "documents:issue[order_pairs]": _e(KEEP, KEEP),
    "documents:issue[regulation]": _e(KEEP, KEEP),
    "documents:package": _e(KEEP, KEEP),
    "documents:package_download": _e({CU}),
    # The order fixing the pair of mentor_a and mentee_a; the mentee's written consent, seen by
    # the mentee too (a paper about themselves).
    "documents:detail[order]": _e(SEE),
    "documents:detail[person]": _e(SEE | {MT}),
    "documents:sign": _e(NONE, KEEP),
    "documents:regenerate": _e(NONE, KEEP),
    "documents:delete": _e(NONE, KEEP),
    "documents:docx[order]": _e(SEE),
    "documents:docx[person]": _e(SEE | {MT}),
    "documents:pdf": _e(SEE),
    "documents:scan": _e(SEE),
    "roadmaps:list": _e(SIGNED),
    "roadmaps:create": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "roadmaps:import": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "roadmaps:control": _e(SEE | NAT),
    "roadmaps:detail[org]": _e(SEE | NAT),
    "roadmaps:detail[muni]": _e(SEE | NAT),
    "roadmaps:detail[region]": _e(SEE | NAT),
    "roadmaps:edit": _e(KEEP, KEEP),
    "roadmaps:delete": _e(KEEP, KEEP),
    # The school's keepers submit; its municipality approves (a draft: the step is explained
    # and refused, nothing changes) and approves its own roadmap without submission.
    "roadmaps:action[submit]": _e(KEEP, KEEP),
    "roadmaps:action[approve]": _e({CO}, {CO}),
    "roadmaps:action[muni_approve]": _e({CO}, {CO}),
    # Comments pass between the keepers and the approver.
    "roadmaps:comment": _e(KEEP | {CO}, KEEP | {CO}),
    "roadmaps:upload": _e(KEEP, KEEP),
    "roadmaps:timeline": _e(SEE | NAT),
    "roadmaps:export_xlsx": _e(SEE | NAT),
    "roadmaps:export_docx": _e(SEE | NAT),
    "roadmaps:section_create": _e(KEEP, KEEP),
    "roadmaps:section_edit": _e(KEEP, KEEP),
    "roadmaps:section_delete": _e(KEEP, KEEP),
    "roadmaps:item_create": _e(KEEP, KEEP),
    "roadmaps:item_edit": _e(KEEP, KEEP),
    "roadmaps:item_delete": _e(KEEP, KEEP),
    "roadmaps:item_report": _e(KEEP, KEEP),
    "roadmaps:evidence": _e(SEE | NAT),
    "roadmaps:evidence_delete": _e(KEEP, KEEP),
    # The federal figure: seen by those who monitor, confirmed by the curator alone (seed 002 §9).
    "monitoring:federal": _e({OP, CO, HD, CU, NA}),
    "monitoring:federal_confirm": _e({CU}, {CU}),
    # The register of risks: kept by each level that monitors (seed 000 §VI).
    "monitoring:risks": _e({OP, CO, HD, CU, NA}),
    "monitoring:risk_add": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:risk_edit": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    # Monitoring campaigns (seed 003 §5.2–5.3): launched and run by the coordinator and the operator;
    # the curator and the head see their organization's task and progress.
    "monitoring:campaign_list": _e({OP, CO, HD, CU, NA}),
    "monitoring:campaign_create": _e({OP, CO}, {OP, CO}),
    "monitoring:campaign_detail": _e({OP, CO, HD, CU, NA}),
    "monitoring:campaign_export": _e({OP, CO, HD, CU, NA}),
    "monitoring:campaign_task": _e({OP, CO, HD, CU, NA}),
    "monitoring:campaign_edit": _e({OP, CO}, {OP, CO}),
    "monitoring:campaign_launch": _e(NONE, {OP, CO}),
    "monitoring:campaign_finish": _e(NONE, {OP, CO}),
    "monitoring:campaign_remind": _e(NONE, {OP, CO}),
    # Dashboards of monitoring: each level its own subtree, the region's only the operator's
    # (issue 14; access.choices.MONITORING_ROLES).
    "monitoring:dashboard": _e({OP, CO, HD, CU, NA}),
    **{f"monitoring:{name}[org]": _e({OP, CO, HD, CU, NA}) for name in ("unit", "unit_export", "unit_chart")},
    **{f"monitoring:{name}[muni]": _e({OP, CO, NA}) for name in ("unit", "unit_export", "unit_chart")},
    **{f"monitoring:{name}[region]": _e({OP, NA}) for name in ("unit", "unit_export")},
    # Questionnaires (issue 14, PERMISSIONS «questionnaire» and «answer»): made, changed and read
    # by the curator, the head, the coordinator and the operator in their subtrees; who answered
    # what by name only by the curator and the head; one's own assignments only by oneself.
    "monitoring:questionnaire_list": _e({OP, CO, HD, CU}),
    "monitoring:questionnaire_add": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:questionnaire_detail": _e({OP, CO, HD, CU}),
    "monitoring:questionnaire_edit": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:questionnaire_preview": _e({OP, CO, HD, CU}),
    "monitoring:questionnaire_copy": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:questionnaire_active": _e(NONE, {OP, CO, HD, CU}),
    "monitoring:question_add": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:question_edit": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:question_delete": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:question_move": _e(NONE, {OP, CO, HD, CU}),
    "monitoring:questionnaire_results": _e({OP, CO, HD, CU}),
    "monitoring:questionnaire_results_xlsx": _e({OP, CO, HD, CU}),
    "monitoring:questionnaire_respondents": _e(KEEP),
    "monitoring:my_questionnaires": _e(SIGNED),
    # An anonymous one only by its respondent; a named one also by the curator and the head, who
    # type in the paper form (seed 004 §9.2) and see the answer typed in.
    "monitoring:answer[pending]": _e({MT}, {MT}),
    "monitoring:answer[answered]": _e({MT, HD, CU}, {MT, HD, CU}),
    "monitoring:answer[named]": _e({MT, HD, CU}, {MT, HD, CU}),
    # Analytical reports: written and read by the monitoring roles over their subtrees (issue 14).
    "monitoring:report_list": _e({OP, CO, HD, CU, NA}),
    "monitoring:report_create": _e({OP, CO, HD, CU}, {OP, CO, HD, CU}),
    "monitoring:report_detail[draft]": _e({OP, CO, HD, CU, NA}),
    "monitoring:report_detail[registered]": _e({OP, CO, HD, CU, NA}),
    **{f"monitoring:report_{name}": _e(NONE, {OP, CO, HD, CU}) for name in ("texts", "redraft", "register")},
    **{f"monitoring:report_{name}": _e({OP, CO, HD, CU, NA}) for name in ("docx", "pdf")},
    # Indicators of monitoring: the curator, the head, the coordinator, the operator (issue 14),
    # and the national operator, who reads them for every region (issue 16).
    "monitoring:indicators": _e(MONITOR | NAT),
    **{f"monitoring:indicator[{code}]": _e(MONITOR | NAT) for code in INDICATOR_CODES},
    # Professional development (issue 18; access.choices.PERMISSIONS «diagnosis», «individualroute»,
    # «course», «enrollment», «tutorassignment», «tutorload», «tutorwork», «trainedbase»; rows
    # narrowed by development.rules.teacher_rows_q). The objects are mentee_a's: the curator and
    # the head keep them; the roles over the school see them (she consented); tutor_1 follows
    # school A; the mentor reads, comments and diagnoses his mentee; the teacher owns her rows.
    # The lists: everyone with the right somewhere (the national operator reads no one's data).
    "development:diagnosis_list": _e(SEE | PAIR),
    "development:diagnosis_create": _e(KEEP | PAIR | {TU}, KEEP | PAIR | {TU}),
    "development:diagnosis_detail": _e(SEE | PAIR),
    # (a list without a right to ask: the national operator gets it empty, as the programs' list)
    "development:route_list": _e(SIGNED),
    "development:route_create": _e(KEEP | PAIR, KEEP | PAIR),
    "development:route_detail": _e(SEE | PAIR),
    # The route's document: whoever sees the route (the PDF without LibreOffice: back to the route).
    "documents:route_docx": _e(SEE | PAIR),
    "documents:route_pdf": _e(SEE | PAIR),
    "development:activity_product_file": _e(SEE | PAIR),
    # The teacher and the keepers change the route (self-determination, the roadmap, products,
    # corrections, reflection, cancellation), start and complete it; the route is being carried out,
    # so the start page sends the allowed back to the route with the reason (not a refusal).
    **{
        f"development:{name}": _e(KEEP | {MT}, KEEP | {MT})
        for name in (
            "route_edit",
            "activity_add",
            "activity_edit",
            "activity_product",
            "route_correct",
            "route_reflect",
            "route_cancel",
            "route_start",
            "route_complete",
        )
    },
    # The tutor, the curator, the head and the mentor comment; the teacher answers.
    "development:route_comment": _e(KEEP | {TU, ME, MT}, KEEP | {TU, ME, MT}),
    # The tutors of the region and their load: the ЦНППМ's coordinator and the regional operator;
    # assigning and ending an assignment: the coordinator; the work list: the tutor.
    "development:tutor_list": _e({OP, CP}),
    "development:tutor_detail": _e({OP, CP}),
    "development:tutor_assign": _e({CP}, {CP}),
    "development:tutor_unassign": _e({CP}, {CP}),
    "development:tutor_worklist": _e({TU}),
    # The region's catalogue: read by everyone with a role in it, kept by the ЦНППМ and the operator.
    "development:course_list": _e(SIGNED),
    "development:course_create": _e({OP, CP}, {OP, CP}),
    "development:course_detail": _e(SEE | PAIR),
    "development:course_edit": _e({OP, CP}, {OP, CP}),
    # Applying: the teacher for themselves, the curator and the head, the catalogue's keepers.
    "development:enrollment_apply": _e(KEEP | PAIR | {OP, CP}, KEEP | PAIR | {OP, CP}),
    # The mentee's application: enrolled and completed by the catalogue's keepers, withdrawn by
    # them, by the keepers of the school and by the teacher; the mentor does not see enrolments.
    "development:enrollment_enroll": _e({OP, CP}, {OP, CP}),
    "development:enrollment_complete": _e({OP, CP}, {OP, CP}),
    "development:enrollment_withdraw": _e(KEEP | {MT, OP, CP}, KEEP | {MT, OP, CP}),
    "development:enrollment_certificate": _e(SEE | {MT}),
    # The base of trained mentors and curators: every role over a bank but the tutor (seed 003 §3.2).
    "development:trained_list": _e({OP, CO, HD, CU, CN, PS, CP}),
    # The type-ahead choosers' endpoint (core.autocomplete), one case per chooser: everyone signed
    # in gets an answer, of the rows of their own scope (pinned in core/tests/test_autocomplete.py).
    **{f"core:autocomplete[{kind}]": _e(SIGNED) for kind in chooser_kinds()},
    # Openness and recognition (issue 19): each part writes its own (testing.matrix_parts).
    **matrix_parts.merged("EXPECTED"),
}
# fmt: on

#: Labels whose objects are regional: school B's are open to everyone as school A's are, and the
#: curator of B sees school A's as the curator of A does.
REGIONAL = {
    "bank:open_bank_detail",
    "roadmaps:detail[region]",
    "development:course_detail",
    "development:course_edit",
    "development:enrollment_apply",
    *matrix_parts.merged_set("REGIONAL"),
}

#: Objects naming the person without a consent that some personas above the school still reach,
#: the name hidden (``people.consent.hide_unconsented``; the secrets check holds them to it):
#: label → the personas. The ЦНППМ's coordinator ends the assignment of the tutor to the teacher
#: who withdrew the consent: the tutor's access to her rows has already stopped
#: (``development.rules.teacher_rows_q``), the row itself is the coordinator's to close.
NC_REACH: dict[str, frozenset[str]] = {"development:tutor_unassign": frozenset({CP})}

#: Findings being fixed by other work of issue 13: ``(persona, variant, label pattern)`` (an
#: ``fnmatch`` pattern over the labels) → the finding. Every failure of the persona on a matching
#: case is reported as expected until the fix lands; an entry that matches no failure any more
#: fails the run (remove it then).
KNOWN_LEAKS: dict[tuple[str, str, str], str] = {}

#: Texts that only some personas may read: text → the personas who may. The reason of the
#: mentee's pending request to replace the mentor is not shown to that mentor (seed 000 §5.1.1;
#: issue 13: it was, in the program's history).
REQUEST_REASON = "не совпадают расписания"
#: Surname stems of people of school B (not published in the open bank) and of school A (the
#: mentee and a teacher): nobody outside the school's scope reads them.
B_PEOPLE = ("Белкин", "Борисов")
A_PEOPLE = ("Молодцов", "Афанасьев")


def secrets_for(persona: str) -> list[tuple[str, str]]:
    """``(text, why)`` that must not appear in any response to ``persona``."""
    found = []
    if persona not in CONSENT_EXEMPT:
        found.append(
            (NO_CONSENT_SURNAME[:-1], f"назван работник без согласия на обработку ПДн ({NO_CONSENT_SURNAME})")
        )
    if persona == ME:
        found.append((REQUEST_REASON, "наставнику показан текст заявления наставляемого о замене наставника"))
    if persona not in (OP, CB, CP):
        found += [(stem, f"назван работник школы Б ({stem}…)") for stem in B_PEOPLE]
    if persona == NA:
        found += [(stem, f"федеральному оператору назван работник школы А ({stem}…)") for stem in A_PEOPLE]
    if persona == CB:
        found += [(stem, f"назван работник школы А ({stem}…)") for stem in A_PEOPLE]
    # the parts' own (issue 20: a minor learner and their legal representative, seed 002 §10)
    found += [
        (text, f"назван тот, кого видят только {', '.join(sorted(allowed))} ({text}…)")
        for text, allowed in matrix_parts.merged_secrets().items()
        if persona not in allowed
    ]
    return found


# --- running the requests -----------------------------------------------------------------------

#: Tables whose rows a request may write without changing the state the matrix watches: the
#: sessions and the logs (audit trail, login attempts).
UNWATCHED_TABLE_PREFIXES = (
    "django_session",
    "django_admin_log",
    "accounts_usersession",
    "axes_",
    "auditlog_",
    "audit_",
)


def _watched_models():
    return [
        model
        for model in apps.get_models()
        if not model._meta.db_table.startswith(UNWATCHED_TABLE_PREFIXES)
        and "historical" not in model._meta.db_table
        and model._meta.app_label not in {"sessions", "admin", "contenttypes"}
    ]


def fingerprint() -> str:
    """A hash of every row of every watched model (ordered by primary key)."""
    digest = hashlib.sha256()
    for model in _watched_models():
        rows = model._default_manager.order_by("pk").values_list()
        digest.update(model._meta.label.encode())
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w]+)"?', re.IGNORECASE)


class WriteWatcher:
    """A ``connection.execute_wrapper`` noting the watched tables written to (``INSERT``,
    ``UPDATE``, ``DELETE``) while it is installed."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        match = _WRITE.match(sql)
        if match and not match.group(2).startswith(UNWATCHED_TABLE_PREFIXES):
            self.tables.add(match.group(2))
        return execute(sql, params, many, context)


def text_of(response) -> str:
    """The text a response carries, as a reader sees it: HTML with its character references
    resolved, JSON with ``\\uXXXX`` escapes resolved, the XML of a DOCX or XLSX without tags."""
    # Reading a streamed body to its end closes it the test client's way (never ``close()`` here:
    # its ``request_finished`` would close the database connection inside the test's transaction).
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                parts = [
                    archive.read(n).decode("utf-8", "ignore")
                    for n in archive.namelist()
                    if n.endswith(".xml")
                ]
        except zipfile.BadZipFile:
            return ""
        return html.unescape(re.sub(r"<[^>]+>", "", "".join(parts)))
    text = content.decode("utf-8", "ignore")
    if "json" in response.get("Content-Type", ""):
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return html.unescape(text)


@dataclass
class Outcome:
    status: int  # 500 for an exception
    kind: str  # "ok", "deny", "login", "error"
    location: str
    text: str
    changed: set[str]  # watched tables whose data changed (empty: nothing changed)
    error: str = ""


def classify(status: int, location: str) -> str:
    if status >= 500:
        return "error"
    if status in (403, 404, 405):
        return "deny"
    if status == 302 and location.startswith("/login/"):
        return "login"
    return "ok"


def run(
    client: Client, method: str, url: str, baseline: str, body: dict | None = None, *, watch: bool = True
) -> Outcome:
    """One request in a savepoint rolled back afterwards; the watched tables whose data it
    changed, if any (looked for only when ``watch``). The stored files and the client's cookies
    are put back as well (a refused or a rolled-back request must not leave a deleted file or a
    signed-out client behind)."""
    storage = default_storage._wrapped if default_storage._wrapped is not empty else None
    files = copy.deepcopy(storage._root) if storage is not None and hasattr(storage, "_root") else None
    cookies = copy.deepcopy(client.cookies)
    changed: set[str] = set()
    watcher = WriteWatcher()
    try:
        with connection.execute_wrapper(watcher), transaction.atomic():
            try:
                response = client.get(url) if method == "get" else client.post(url, body or {})
            except Exception as exc:  # a 500: reported, never raised
                transaction.set_rollback(True)
                return Outcome(500, "error", "", "", set(), f"{type(exc).__name__}: {str(exc)[:300]}")
            text = text_of(response)
            if watch and watcher.tables and fingerprint() != baseline:
                changed = set(watcher.tables)
            transaction.set_rollback(True)
    finally:
        if files is not None:
            storage._root = files
        client.cookies = cookies
    location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
    return Outcome(response.status_code, classify(response.status_code, location), location, text, changed)


# --- the world, once per module ------------------------------------------------------------------


@dataclass
class Matrix:
    cases: list[Case]
    problems: list[str]
    clients: dict[str, Client]
    baseline: str
    world: object  # testing.matrix.MatrixWorld


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The matrix world built once, inside a transaction rolled back after the module; a client
    signed in as each persona; the cases; the fingerprint of the data."""
    with django_db_blocker.unblock(), matrix_session(ALL_PERSONAS) as (mw, clients):
        found, problems = cases(mw)
        yield Matrix(found, problems, clients, fingerprint(), mw)


# --- the tests ------------------------------------------------------------------------------------


def test_persona_matrix_covers_every_url_pattern(matrix):
    # given every URL pattern of the site and the registry of objects
    labels = {case.label for case in matrix.cases if "?" not in case.url}

    # then every pattern is filled (or excluded with a reason) and every case has an expectation
    assert not matrix.problems, "\n".join(matrix.problems)
    missing = sorted(labels - set(EXPECTED) - PUBLIC)
    assert not missing, "\n".join(f"добавьте ожидания для {label} в EXPECTED" for label in missing)
    stale = sorted(set(EXPECTED) - labels)
    assert not stale, f"ожидания для адресов, которых больше нет: {stale}"
    names = {p.name for p in url_patterns()}
    assert not set(EXCLUDED) - names - {"login", "logout"}, "исключения для несуществующих адресов"


def test_persona_matrix_secrets_are_there_to_be_found(matrix):
    # given the texts the matrix looks for in the responses of those who must not read them
    def text(persona: str, url: str) -> str:
        return run(matrix.clients[persona], "get", url, matrix.baseline).text

    # then those who may read them do find them (the search is not vacuous)
    nc = Person.objects.get(last_name=NO_CONSENT_SURNAME)
    assert NO_CONSENT_SURNAME in text(CU, f"/people/{nc.pk}/")
    request = matrix.world.objects["a"]["request"]
    assert REQUEST_REASON in text(CU, f"/programs/requests/{request.pk}/decide/")
    people_b = text(CB, "/people/")
    assert all(stem in people_b for stem in B_PEOPLE)
    people_a = text(CU, "/people/")
    assert all(stem in people_a for stem in A_PEOPLE)
    # (files are read inside: an XLSX export and a DOCX order)
    exported = text(CU, "/people/?export=xlsx")
    assert all(stem in exported for stem in A_PEOPLE)
    assert "Кузнецов" in text(CU, "/people/me/data/?format=json")  # the curator's own record
    order = matrix.world.objects["nc"]["order"]
    assert NO_CONSENT_SURNAME[:-1] in text(CU, f"/documents/{order.pk}/docx/")
    # (and on the pages of professional development: a route, the region's trained base)
    route_nc, route_b = matrix.world.objects["nc"]["route"], matrix.world.objects["b"]["route"]
    assert NO_CONSENT_SURNAME in text(CU, f"/development/routes/{route_nc.pk}/")
    assert B_PEOPLE[0] in text(CP, f"/development/routes/{route_b.pk}/")
    assert B_PEOPLE[0] in text(CP, "/development/trained/")


def test_persona_matrix_sees_a_change_and_puts_it_back(matrix):
    # given the draft roadmap of school A
    roadmap = matrix.world.objects["a"]["roadmap"]
    url = f"/roadmaps/{roadmap.pk}/action/submit/"

    # when its curator submits it, and the mentor tries to
    submitted = run(matrix.clients[CU], "post", url, matrix.baseline, {"comment": "Прошу согласовать"})
    refused = run(matrix.clients[ME], "post", url, matrix.baseline, {"comment": "Прошу согласовать"})

    # then the curator's step is seen as a change (and rolled back), the mentor's changes nothing
    assert submitted.status == 302 and "roadmaps_roadmap" in submitted.changed
    assert refused.kind == "deny" and not refused.changed
    roadmap.refresh_from_db()
    assert roadmap.status == "draft"
    assert fingerprint() == matrix.baseline


def expected_kind(persona: str, case: Case, method: str) -> str | None:
    """«ok» or «deny» (or «login» for the anonymous visitor) for ``persona`` on ``case``;
    ``None`` when the status is not asserted (``ANY``, or no expectation written: the coverage
    test names the missing one)."""
    found = EXPECTED.get(case.label, EXPECTED.get(case.label.split("[")[0]))
    if found is None:
        return None
    get, post = found
    allowed = get if method == "get" else post
    if persona == "anonymous":
        if case.label in PUBLIC:
            return "ok" if method == "get" or allowed else "deny"
        return "login"
    if allowed is ANY or not case.asserted:
        return None
    who = CU if persona == CB else persona
    if case.variant == "-" or case.label in REGIONAL:
        return "ok" if who in allowed else "deny"
    if case.variant == "a":
        return "ok" if persona != CB and who in allowed else "deny"
    if case.variant == "b":
        return "ok" if (persona == CB or persona in REGION) and who in allowed else "deny"
    # "nc": objects naming the person without a consent
    reach = CONSENT_EXEMPT | NC_REACH.get(case.label, NONE)
    return "ok" if persona in reach and who in allowed else "deny"


def known_leak(persona: str, case: Case) -> tuple | None:
    """The ``KNOWN_LEAKS`` key matching ``persona`` on ``case``, if any."""
    for key in KNOWN_LEAKS:
        if key[0] == persona and key[1] == case.variant and fnmatch.fnmatchcase(case.label, key[2]):
            return key
    return None


def requests_of(matrix, persona: str):
    """``(case, method, body, expected kind, may change the data)`` for every request of
    ``persona``: GET and an empty POST of every case, and a filled POST (``BODIES``) where there
    is one — with the objects of the case's variant, or for a page without an object with those
    of school A and then of school B (its status is not asserted then: a form naming people out
    of scope comes back with an error; the data must stay unchanged)."""
    for case in matrix.cases:
        for method in ("get", "post"):
            expected = expected_kind(persona, case, method)
            yield case, method, None, expected, method == "post" and expected == "ok"
        make_body = BODIES.get(case.label)
        if make_body is None:
            continue
        for variant in ("a", "b") if case.variant == "-" else (case.variant,):
            objects = matrix.world.objects[variant]
            try:
                body = make_body(objects)
            except (KeyError, AttributeError):
                continue
            as_if = Case(case.label, variant, case.url)
            may = expected_kind(persona, as_if, "post") == "ok"
            yield (
                case,
                "post",
                body,
                None if case.variant == "-" else expected_kind(persona, case, "post"),
                may,
            )


@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_persona_matrix(matrix, persona):
    # given a persona, what they must never read, and every case of every URL pattern
    client = matrix.clients[persona]
    secrets = secrets_for(persona)
    failures: list[str] = []
    known: list[str] = []
    seen_known: set = set()
    report = os.environ.get("MATRIX_REPORT") == "1"

    # when they GET and POST (an empty form, and a filled one where ``BODIES`` has it) each of them
    for case, method, body, expected, may_change in requests_of(matrix, persona):
        outcome = run(client, method, case.url, matrix.baseline, body, watch=not may_change)
        filled = " (заполненная форма)" if body else ""
        where = f"{persona} {method.upper()}{filled} {case.url} ({case.label}, {case.variant})"
        if report:
            print(
                f"MATRIX {persona} {method} {case.label} {case.variant} {outcome.status} {outcome.location}"
            )
        problems = []
        # then no 500,
        if outcome.kind == "error":
            problems.append(f"ошибка 500 {outcome.error}")
        # the status is the expected one,
        elif expected is not None and outcome.kind != expected:
            if not (expected == "login" and outcome.kind == "deny"):
                problems.append(f"ожидалось {expected}, получено {outcome.status} {outcome.location}")
        # a refused request changes nothing (and no GET does),
        if outcome.changed and not may_change:
            problems.append(f"изменены данные: {sorted(outcome.changed)}")
        # and nothing is read that the persona must not read
        problems += [why for text, why in secrets if text in outcome.text]
        if not problems:
            continue
        key = known_leak(persona, case)
        if key is not None:
            seen_known.add(key)
            known += [f"{where}: {p}" for p in problems]
        else:
            failures += [f"{where}: {p}" for p in problems]

    stale = [key for key in KNOWN_LEAKS if key[0] == persona and key not in seen_known]
    assert not failures and not stale, "\n".join(
        [f"Утечки и расхождения ({len(failures)}):", *failures]
        + ([f"Устаревшие записи KNOWN_LEAKS (уже исправлено — удалите): {stale}"] if stale else [])
    )
    if known:
        pytest.xfail(f"известные утечки ({len(known)}), исправляются: " + "; ".join(known[:5]))
