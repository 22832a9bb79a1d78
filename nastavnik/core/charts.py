"""Charts of the dashboards and the analytical report: one definition (:class:`Chart`) is drawn
by matplotlib as SVG for the pages and as PNG for the DOCX/PDF documents, and gives the data
table that stands beside it for screen readers (issue 14: «one definition of a chart serves
both the page and the documents»).

matplotlib is installed from PyPI with the project and draws without a display and without
the internet (the ``Agg`` backend); the fonts are its bundled DejaVu, which has Cyrillic.
"""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")
# Labels as text, not glyph outlines: a third smaller and faster to draw; the browser renders
# them with its own sans-serif font.
matplotlib.rcParams["svg.fonttype"] = "none"

from matplotlib.figure import Figure  # noqa: E402  (after the backend is chosen)

#: The series colours: the project's palette, distinguishable in grey print.
COLOURS = ["#1f5fa8", "#e08a1e", "#3c9a5f", "#b5394a", "#7a5ba6", "#6b6b6b"]

KINDS = ("bar", "hbar", "line", "radar")


@dataclass(frozen=True)
class Series:
    """One series: its ``name`` (the legend) and one value per category (``None`` = no data)."""

    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart: ``title``; ``kind`` — ``"bar"`` (columns), ``"hbar"`` (bars, for long
    category names such as municipalities), ``"line"`` or ``"radar"`` (a polar profile: one
    spoke per category, each series a closed outline — a teacher's levels per competence area,
    issue 18); the ``categories`` along the axis (around the circle for a radar);
    the ``series``; ``unit`` printed after values in the table («%»); ``maximum`` of the value
    axis when fixed (100 for shares, 10 for the scale)."""

    title: str
    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...] = field(default_factory=tuple)
    unit: str = ""
    maximum: float | None = None

    def table(self) -> tuple[list[str], list[list[str]]]:
        """``(headers, rows)`` of the data table: the category, then one column per series;
        values with a decimal comma, «—» for no data."""
        headers = ["", *[s.name for s in self.series]]
        rows = []
        for i, category in enumerate(self.categories):
            row = [category]
            for s in self.series:
                v = s.values[i] if i < len(s.values) else None
                row.append(
                    "—" if v is None else f"{v:g}".replace(".", ",") + (f" {self.unit}" if self.unit else "")
                )
            rows.append(row)
        return headers, rows

    @property
    def is_empty(self) -> bool:
        return not self.categories or all(v is None for s in self.series for v in s.values)


def _wrap(text: str, width: int = 28) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return "\n".join(lines[:3])


def draw(chart: Chart, *, width_in: float = 7.0) -> Figure:
    """A matplotlib ``Figure`` of ``chart`` (no pyplot: nothing global, safe in threads).
    Raises ``ValueError`` for an unknown ``kind``."""
    if chart.kind not in KINDS:
        raise ValueError(f"unknown chart kind {chart.kind!r}")
    if chart.kind == "radar":
        return _draw_radar(chart, width_in=width_in)
    n = max(len(chart.categories), 1)
    height = max(2.6, 0.42 * n + 1.2) if chart.kind == "hbar" else 3.4
    fig = Figure(figsize=(width_in, height), dpi=100)
    ax = fig.add_subplot()
    labels = [_wrap(c, 34 if chart.kind == "hbar" else 16) for c in chart.categories]
    k = max(len(chart.series), 1)
    width = 0.8 / k
    for j, s in enumerate(chart.series):
        values = [0 if v is None else v for v in s.values]
        colour = COLOURS[j % len(COLOURS)]
        positions = [i + (j - (k - 1) / 2) * width for i in range(len(values))]
        if chart.kind == "bar":
            ax.bar(positions, values, width=width, label=s.name, color=colour)
        elif chart.kind == "hbar":
            ax.barh(positions, values, height=width, label=s.name, color=colour)
        else:
            ax.plot(range(len(values)), values, marker="o", label=s.name, color=colour)
    if chart.kind == "hbar":
        ax.set_yticks(range(len(labels)), labels, fontsize=8)
        ax.invert_yaxis()
        if chart.maximum:
            ax.set_xlim(0, chart.maximum)
        ax.grid(axis="x", alpha=0.3)
    else:
        ax.set_xticks(range(len(labels)), labels, fontsize=8)
        if chart.maximum:
            ax.set_ylim(0, chart.maximum)
        ax.grid(axis="y", alpha=0.3)
    ax.set_title(_wrap(chart.title, 70), fontsize=10)
    ax.spines[["top", "right"]].set_visible(False)
    if len(chart.series) > 1:
        ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def _draw_radar(chart: Chart, *, width_in: float) -> Figure:
    """A polar profile of ``chart``: the categories as spokes clockwise from the top, each
    series a closed outline lightly filled (``None`` drawn at the centre, as 0), the scale from
    0 to ``maximum`` (or the largest value) with a ring per whole unit up to 10."""
    n = max(len(chart.categories), 1)
    angles = [2 * math.pi * i / n for i in range(n)]
    fig = Figure(figsize=(width_in, max(4.6, width_in * 0.8)), dpi=100)
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    top = chart.maximum or max((v for s in chart.series for v in s.values if v is not None), default=1) or 1
    for j, s in enumerate(chart.series):
        values = [0 if v is None else v for v in s.values][:n]
        values += [0] * (n - len(values))
        colour = COLOURS[j % len(COLOURS)]
        ax.plot(
            [*angles, angles[0]], [*values, values[0]], marker="o", label=s.name, color=colour, linewidth=1.6
        )
        ax.fill([*angles, angles[0]], [*values, values[0]], color=colour, alpha=0.12)
    # long compound words («Предметно-профессиональные») may break after their hyphen
    labels = [_wrap(c.replace("-", "- "), 18).replace("- ", "-") for c in chart.categories]
    ax.set_xticks(angles, labels or [""], fontsize=7)
    for label, angle in zip(ax.get_xticklabels(), angles, strict=False):
        side = math.sin(angle)  # clockwise from the top: right of the centre when positive
        label.set_horizontalalignment("left" if side > 0.1 else "right" if side < -0.1 else "center")
    ax.set_ylim(0, top)
    if top <= 10 and float(top).is_integer():
        ax.set_yticks(range(1, int(top) + 1))
    ax.tick_params(axis="y", labelsize=7)
    ax.tick_params(axis="x", pad=8)
    ax.grid(alpha=0.4)
    ax.set_title(_wrap(chart.title, 70), fontsize=10, pad=18)
    if len(chart.series) > 1:
        ax.legend(fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2)
    # room around the circle for the spokes' labels (tight_layout does not measure them on
    # polar axes)
    fig.subplots_adjust(left=0.24, right=0.76, top=0.86, bottom=0.14)
    return fig


def render_svg(chart: Chart) -> str:
    """The chart as an SVG document (text), for the pages."""
    buffer = io.StringIO()
    draw(chart).savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def svg_data_uri(chart: Chart) -> str:
    """``data:image/svg+xml;base64,…`` for an ``<img>`` (the CSP allows ``data:`` images, not
    inline SVG styles)."""
    return "data:image/svg+xml;base64," + base64.b64encode(render_svg(chart).encode()).decode()


def render_png(chart: Chart, *, width_in: float = 6.3, dpi: int = 150) -> bytes:
    """The chart as PNG bytes, for the DOCX documents (6.3 inches fit an A4 page's text width)."""
    buffer = io.BytesIO()
    draw(chart, width_in=width_in).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
