"""Type-ahead choosers of the monitoring forms (``core.autocomplete``; issue 16): the unit of a
new analytical report and of a new risk — every organization of a region for its operator."""

from __future__ import annotations

from nastavnik.organizations.choosers import unit_chooser


def _report_units(user):
    from nastavnik.monitoring.forms_reports import report_units

    return report_units(user)


def _risk_units(user):
    from nastavnik.monitoring.forms_risks import register_units

    return register_units(user)


#: Organizations, municipalities and regions the user may write reports on.
REPORT_UNITS = unit_chooser("report-units", _report_units)
#: Organizations, municipalities and regions whose register of risks the user may add to.
RISK_UNITS = unit_chooser("risk-units", _risk_units)


def _answer_units(level: str):
    def rows(user):
        from nastavnik.monitoring import results

        return results.unit_choices(user, level)

    return rows


#: Organizations and municipalities whose answers the user reads: the filters of the results
#: pages of a questionnaire (``results.unit_choices``).
ANSWER_ORGANIZATIONS = unit_chooser("answer-organizations", _answer_units("organization"))
ANSWER_MUNICIPALITIES = unit_chooser(
    "answer-municipalities", _answer_units("municipality"), placeholder="Начните вводить название…"
)
