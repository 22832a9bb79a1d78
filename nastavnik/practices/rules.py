"""The workflow of a best practice, declared once (seed 000 App. 2 §2.3, 003 §4.8): read by the
services (to check and apply a step), by the pages (the buttons, their texts) and by the rights
(each step needs an action of ``PERMISSIONS["bestpractice"]``, narrowed in
``BestPractice.scope_filter``: the author unit's keepers submit and withdraw, the moderators above
it — the municipality or the region — return, publish and unpublish)."""

from __future__ import annotations

from dataclasses import dataclass

from nastavnik.access.choices import Action
from nastavnik.access.rules import has_perm
from nastavnik.practices.choices import PracticeStatus


@dataclass(frozen=True)
class Transition:
    """One step: ``slug`` (its address), ``right`` (the ``Action`` needed over the case),
    ``sources`` (the statuses it starts from), ``target``, the history's ``summary``, the
    ``refusal`` in another status, and the page's texts (button, style, explanation, message
    after it, whether a comment is required and its label)."""

    slug: str
    right: str
    sources: tuple[str, ...]
    target: str
    summary: str
    refusal: str
    button: str
    style: str
    explanation: str
    done: str
    comment: bool = False
    label: str = "Комментарий"

    def refusal_for(self, practice) -> str:
        """Why ``practice`` cannot take the step in its status ("" when it can)."""
        return "" if practice.status in self.sources else self.refusal


TRANSITIONS: dict[str, Transition] = {
    t.slug: t
    for t in (
        Transition(
            slug="submit",
            right=Action.SUBMIT,
            sources=(PracticeStatus.DRAFT, PracticeStatus.RETURNED, PracticeStatus.UNPUBLISHED),
            target=PracticeStatus.SUBMITTED,
            summary="Направлена на модерацию",
            refusal="Направить на модерацию можно только черновик, практику, возвращённую на доработку, "
            "или снятую с публикации.",
            button="Направить на модерацию",
            style="primary",
            explanation="Практику рассмотрит муниципалитет или регион; пока она на модерации, изменить её нельзя.",
            done="Практика направлена на модерацию.",
        ),
        Transition(
            slug="withdraw",
            right=Action.WITHDRAW,
            sources=(PracticeStatus.SUBMITTED,),
            target=PracticeStatus.DRAFT,
            summary="Отозвана с модерации",
            refusal="Отозвать можно только практику, направленную на модерацию.",
            button="Отозвать с модерации",
            style="outline-secondary",
            explanation="Практика снова станет черновиком; чтобы её опубликовали, направьте её заново.",
            done="Практика отозвана с модерации.",
        ),
        Transition(
            slug="return",
            right=Action.RETURN,
            sources=(PracticeStatus.SUBMITTED,),
            target=PracticeStatus.RETURNED,
            summary="Возвращена на доработку",
            refusal="Вернуть на доработку можно только практику на модерации.",
            button="Вернуть на доработку",
            style="warning",
            explanation="Автор увидит ваши замечания, исправит практику и направит её снова.",
            done="Практика возвращена на доработку.",
            comment=True,
            label="Замечания: что нужно доработать",
        ),
        Transition(
            slug="publish",
            right=Action.APPROVE,
            sources=(PracticeStatus.SUBMITTED,),
            target=PracticeStatus.PUBLISHED,
            summary="Опубликована в региональной базе эффективных практик",
            refusal="Опубликовать можно только практику на модерации.",
            button="Опубликовать",
            style="success",
            explanation="Практика и её файлы станут доступны всем на открытых страницах региональной базы.",
            done="Практика опубликована.",
        ),
        Transition(
            slug="unpublish",
            right=Action.APPROVE,
            sources=(PracticeStatus.PUBLISHED,),
            target=PracticeStatus.UNPUBLISHED,
            summary="Снята с публикации",
            refusal="Снять с публикации можно только опубликованную практику.",
            button="Снять с публикации",
            style="outline-danger",
            explanation="Практика и её файлы исчезнут из открытой базы; автор сможет исправить её и направить снова.",
            done="Практика снята с публикации.",
            comment=True,
            label="Причина",
        ),
    )
}


def transition_refusal(user, practice, slug: str) -> str:
    """Why ``user`` cannot take the step ``slug`` on ``practice`` ("" when they can; ``user=None``
    is the system): the right first, then the status."""
    transition = TRANSITIONS[slug]
    if user is not None and not has_perm(user, "bestpractice", transition.right, practice):
        return "Нет прав на это действие."
    return transition.refusal_for(practice)


def available_transitions(user, practice) -> list[Transition]:
    """The steps ``user`` may take on ``practice`` now, in the order of :data:`TRANSITIONS`."""
    return [t for t in TRANSITIONS.values() if not transition_refusal(user, practice, t.slug)]
