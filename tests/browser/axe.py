"""axe-core in the browser tests: the public pages have no serious or critical WCAG violation.

Issue 19 «done when»: axe-core reports no serious or critical violation on the public pages
(seed 000 §4.1.2, 003 §2.2: the «Наставничество» section is open to everybody, so it must be
usable by everybody — WCAG 2.1 AA). axe-core comes bundled in the PyPI package
``axe-playwright-python`` (the test extra of pyproject.toml); nothing is fetched at run time.

Usage in a browser test::

    from tests.browser.axe import assert_accessible

    page.goto("/o/")
    assert_accessible(page, context="страница региона")
"""

from __future__ import annotations

#: The WCAG 2.0 and 2.1 rules of levels A and AA (axe-core's tags).
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
#: Impacts that fail the test; «minor» and «moderate» ones are reported by axe but tolerated.
FAILING_IMPACTS = frozenset({"serious", "critical"})


def axe_violations(page, *, selector: str | None = None) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations of the WCAG A/AA rules.

    ``selector``: an optional CSS selector limiting the check to a part of the page
    (axe's «context»); by default the whole document. Returns axe's violation dicts
    (``id``, ``impact``, ``help``, ``helpUrl``, ``nodes`` with ``target`` and ``html``).
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
        "resultTypes": ["violations"],
    }
    results = Axe().run(page, context=selector, options=options)
    return list(results.response.get("violations", []))


def format_violations(violations: list[dict]) -> str:
    """One readable block per violation: id, impact, help, and the CSS targets of its nodes."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation.get('help', '')}")
        for node in violation.get("nodes", []):
            target = " ".join(str(part) for part in node.get("target", []))
            snippet = (node.get("html") or "").replace("\n", " ")[:160]
            lines.append(f"    · {target}  {snippet}")
    return "\n".join(lines)


def assert_accessible(page, *, context: str = "", selector: str | None = None) -> None:
    """Fail when axe-core finds a «serious» or «critical» WCAG 2.0/2.1 A/AA violation on the page.

    ``context``: words naming the page in the failure message (e.g. «страница школы A»);
    ``selector``: limit the check to a part of the page (see :func:`axe_violations`).
    The message lists each failing rule's id, its help text and the targets of its nodes.
    """
    violations = axe_violations(page, selector=selector)
    failing = [v for v in violations if v.get("impact") in FAILING_IMPACTS]
    if failing:
        where = f" ({context})" if context else ""
        raise AssertionError(
            f"axe-core: {len(failing)} serious/critical violation(s) on {page.url}{where}:\n"
            + format_violations(failing)
        )
