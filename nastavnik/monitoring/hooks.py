"""Where monitoring plugs into the apps it reads: home blocks, program signals, completion
conditions, personal-data sections. Each part adds its own line to :func:`connect`, which
``MonitoringConfig.ready`` calls once."""

from __future__ import annotations


def connect() -> None:
    """Register every hook of the monitoring app (called once from ``AppConfig.ready``). The
    home blocks show in this order: what the person owes, the organization's monitoring tasks,
    the federal figure's countdown, the risks, then the figures of the operator's or the
    coordinator's unit."""
    from nastavnik.core.home import register_home_block
    from nastavnik.monitoring import campaigns, dashboard, federal, home, lifecycle, personal_data
    from nastavnik.monitoring import signals as risk_signals

    personal_data.register()  # the person's named answers to questionnaires
    lifecycle.connect_signals()  # programs' start, reflection, completion, termination, new pairs
    lifecycle.register_completion()  # the self-assessment before and after: condition and table
    register_home_block("questionnaires", home.home_questionnaires)  # what the person owes
    register_home_block("campaigns", campaigns.home_campaigns)  # the curator's monitoring tasks
    register_home_block("federal", federal.home_federal)  # the curator's countdown to 20 January
    register_home_block("risks", risk_signals.home_risks)  # the register of risks of each level
    register_home_block("monitoring", dashboard.home_block)  # the operator's and coordinator's figures
