"""Where monitoring plugs into the apps it reads: home blocks, program signals, completion
conditions, personal-data sections. Each part adds its own line to :func:`connect`, which
``MonitoringConfig.ready`` calls once."""

from __future__ import annotations


def connect() -> None:
    """Register every hook of the monitoring app (called once from ``AppConfig.ready``)."""
    from nastavnik.monitoring import personal_data

    personal_data.register()  # the person's named answers to questionnaires
