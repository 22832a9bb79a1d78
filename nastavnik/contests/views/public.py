"""Public pages of the regional contest of municipal models of mentoring (issue 19, item 5; seed
000 §4.3.1, App. 2 §2.5: «выявление и распространение практического опыта наставничества»): no
sign-in; only contests that are not drafts, and the ranking only once the results are published
(municipalities, totals, places, ties explained; the experts are never named). They read through
selectors that take no user (``selectors.contests``)."""

from __future__ import annotations

from django.http import Http404
from django.views.generic import TemplateView

from nastavnik.contests.choices import ContestStatus
from nastavnik.contests.selectors.contests import (
    FORMULA,
    TIE_EXPLANATION,
    public_contest,
    public_contests,
    public_ranking,
)


class PublicContestListView(TemplateView):
    """The contests with published results and those announced, with their dates."""

    template_name = "contests/public_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contests = list(public_contests()[:50])
        context.update(
            open_contests=[c for c in contests if c.status != ContestStatus.PUBLISHED],
            published_contests=[c for c in contests if c.status == ContestStatus.PUBLISHED],
        )
        return context


class PublicContestDetailView(TemplateView):
    """The call of a contest, its dates and criteria, and after the publication its ranking."""

    template_name = "contests/public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contest = public_contest(self.kwargs.get("pk"))
        if contest is None:
            raise Http404("Конкурс не найден.")
        context.update(
            contest=contest,
            criteria=list(contest.criteria.all()),
            rows=public_ranking(contest),
            maximum=sum(c.weight for c in contest.criteria.all()),
            formula=FORMULA,
            tie_explanation=TIE_EXPLANATION,
        )
        return context
