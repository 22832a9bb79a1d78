"""The persona matrix of the part «contests» of issue 19 (see the package's docstring): a contest
of the region being scored (two criteria; the panel: ``expert_1`` of municipality 2, an expert of
municipality 1 and one of no municipality), the submitted applications of municipality 1 (school
A's variant) and of municipality 2 (school B's), each with a file, and the scores of the expert of
no municipality on the first.

The expectations are written from ``PERMISSIONS["contest" | "contestapplication" |
"contestscore"]`` and the models' ``scope_filter`` (seed 000 §4.3.1, App. 2 §2.5): the region's
operator keeps the contest and reads every application and the ranking; the municipal coordinator
reads the announced contest and writes their own municipality's application; nobody of the
matrix's personas scores (the experts are not among them: their pages are run by
``contests/tests``). The public list and a public contest are open to everyone (``PUBLIC``); the
contest is the region's, the same from school A and school B (``REGIONAL``).
"""

from __future__ import annotations

from nastavnik.testing.matrix import _pk
from nastavnik.testing.matrix_groups import CO, NONE, OP, SIGNED, e

#: The contest's pages (the region's: the same for school A and school B).
_CONTEST_PAGES = (
    "contests:public_detail",
    "contests:detail",
    "contests:edit",
    "contests:panel",
    "contests:announce",
    "contests:close",
    "contests:publish",
    "contests:applications",
    "contests:application_create",
    "contests:ranking",
    "contests:expert_remove",
)

PROVIDERS: dict = {
    **{label: _pk("contest") for label in _CONTEST_PAGES},
    "contests:expert_remove": _pk("contest_expert"),
    "contests:application_detail": _pk("contest_application"),
    "contests:application_edit": _pk("contest_application"),
    "contests:application_submit": _pk("contest_application"),
    "contests:application_withdraw": _pk("contest_application"),
    "contests:score": _pk("contest_application"),
    "contests:application_file": _pk("contest_application_file"),
    "contests:application_file_delete": _pk("contest_application_file"),
}
QUERIES: dict = {
    "contests:list": {"filtered": "status=scoring&year=2026", "garbage": "status=zzz&year=%C2%B2"},
    "contests:public_list": {"garbage": "page=abc"},
}
BODIES: dict = {
    "contests:publish": lambda o: {"confirm_missing": "on"},
}
EXPECTED: dict = {
    "contests:public_list": e(SIGNED),
    "contests:public_detail": e(SIGNED),
    "contests:list": e({OP, CO}),
    "contests:create": e({OP}, {OP}),
    "contests:detail": e({OP, CO}),
    "contests:edit": e({OP}, {OP}),
    "contests:panel": e({OP}, {OP}),
    "contests:announce": e({OP}, {OP}),
    "contests:close": e({OP}, {OP}),
    "contests:publish": e({OP}, {OP}),
    "contests:applications": e({OP, CO}),
    "contests:application_create": e({CO}, {CO}),
    "contests:ranking": e({OP}),
    "contests:expert_remove": e(NONE, {OP}),
    "contests:application_detail": e({OP, CO}),
    "contests:application_edit": e({CO}, {CO}),
    "contests:application_submit": e({CO}, {CO}),
    "contests:application_withdraw": e({CO}, {CO}),
    "contests:score": e(NONE),
    "contests:application_file": e({OP, CO}),
    "contests:application_file_delete": e(NONE, {CO}),
}
PUBLIC: set[str] = {"contests:public_list", "contests:public_list[garbage]", "contests:public_detail"}
REGIONAL: set[str] = set(_CONTEST_PAGES)


def objects(world, a: dict, b: dict, nc: dict) -> None:
    """The contest being scored in school A's variant (with its panel's expert of no
    municipality, whom the operator may remove), the application of municipality 1 with its file
    in A's, that of municipality 2 in B's; the expert of no municipality scored the first."""
    from nastavnik.contests.services.contests import scores_save
    from nastavnik.contests.testing import announced_contest, close_applications, submitted_application

    cs = announced_contest(world, title="Конкурс муниципальных моделей наставничества (матрица)")
    first = submitted_application(cs.contest, world.muni1)
    second = submitted_application(cs.contest, world.muni2)
    close_applications(cs.contest)
    cs.contest.refresh_from_db()
    first.refresh_from_db()
    scores_save(
        by=None,
        application=first,
        expert=cs.experts["expert_3"],
        scores={c.pk: (c.max_score, "") for c in cs.criteria},
    )
    a.update(
        contest=cs.contest,
        contest_expert=cs.experts["expert_3"],
        contest_application=first,
        contest_application_file=first.files.get(),
    )
    b.update(contest_application=second, contest_application_file=second.files.get())
