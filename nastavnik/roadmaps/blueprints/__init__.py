"""The roadmap templates from the regulations (seed 000 App. 2, 003, 002 §10), by code."""

from __future__ import annotations

from nastavnik.roadmaps.blueprints.base import Blueprint, BlueprintItem, BlueprintSection
from nastavnik.roadmaps.blueprints.municipal import MUNICIPAL
from nastavnik.roadmaps.blueprints.organization import ORGANIZATION
from nastavnik.roadmaps.blueprints.regional import REGIONAL

BLUEPRINTS: dict[str, Blueprint] = {bp.code: bp for bp in (REGIONAL, MUNICIPAL, ORGANIZATION)}

__all__ = ["BLUEPRINTS", "Blueprint", "BlueprintItem", "BlueprintSection"]
