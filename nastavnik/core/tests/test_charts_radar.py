"""The «radar» kind of ``core.charts``: a polar profile with several series, drawn as SVG
and PNG, with the same data table beside it (issue 18: a teacher's levels per competence area
and the previous diagnosis as a second series)."""

from __future__ import annotations

from nastavnik.core.charts import KINDS, Chart, Series, draw, render_png, render_svg, svg_data_uri

AREAS = (
    "Научно-теоретические",
    "Нормативные правовые",
    "Методические",
    "ИКТ-компетенции, цифровизация образования",
)


def radar(*series: Series) -> Chart:
    return Chart(title="Профиль компетенций", kind="radar", categories=AREAS, series=series, maximum=5)


def test_radar_is_a_kind_and_draws_on_polar_axes_with_a_closed_outline_per_series():
    chart = radar(Series("Сейчас", (4, 3, None, 5)), Series("Раньше", (2, 3, 1, 4)))

    figure = draw(chart)

    assert "radar" in KINDS
    ax = figure.axes[0]
    assert ax.name == "polar"
    lines = ax.get_lines()
    assert len(lines) == 2
    # closed: the first spoke's value repeats at the end; «no data» at the centre
    assert list(lines[0].get_ydata()) == [4, 3, 0, 5, 4]
    assert ax.get_ylim() == (0, 5)
    # a long compound word breaks after its hyphen; the spokes' labels stand clear of the circle
    assert [t.get_text() for t in ax.get_xticklabels()][:2] == [
        "Научно-\nтеоретические",
        "Нормативные\nправовые",
    ]
    assert [t.get_horizontalalignment() for t in ax.get_xticklabels()] == [
        "center",
        "left",
        "center",
        "right",
    ]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Сейчас", "Раньше"]


def test_radar_renders_as_svg_png_and_data_uri_with_its_table():
    chart = radar(Series("Сейчас", (4, 3, None, 5)), Series("Раньше", (2, 3, 1, 4)))

    svg = render_svg(chart)
    png = render_png(chart)

    assert svg.lstrip().startswith("<?xml") and "Методические" in svg
    assert png.startswith(b"\x89PNG")
    assert svg_data_uri(chart).startswith("data:image/svg+xml;base64,")
    headers, rows = chart.table()
    assert headers == ["", "Сейчас", "Раньше"]
    assert rows[2] == ["Методические", "—", "1"]


def test_a_radar_of_one_series_has_no_legend_and_scales_to_its_largest_value_without_maximum():
    chart = Chart(title="Профиль", kind="radar", categories=AREAS[:3], series=(Series("Сейчас", (1, 2, 3)),))

    ax = draw(chart).axes[0]

    assert ax.get_legend() is None
    assert ax.get_ylim() == (0, 3)
