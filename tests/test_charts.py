"""course.charts: what a clinician sees instead of plotting code (issue 20), accessible (issue 16 item 9)."""

import json
import re

import pandas as pd
import pytest

from course import charts, data
from course.data import load
from helpers import ROOT


def _charts():
    import datetime as dt

    from course.fairness import audit_frames
    from course.guidelines.review import review_calendar
    from course.guidelines.rubric import scorecard
    from course.oversight import monthly_rates

    extract = load("quasi_ids")
    screening = data.load("fairness_screening")
    cal = review_calendar(dt.date(2026, 1, 15), 6, [(dt.date(2026, 3, 2), "security incident")])
    return {
        "k_anonymity": charts.k_anonymity_chart(extract),
        "missing_elements": charts.missing_elements_chart(load("consent_scripts")),
        "acceptance": charts.acceptance_chart(monthly_rates(load("usage_log"))),
        "guided_care": charts.guided_care_chart(load("client_feedback")),
        "representation": charts.representation_chart(data.load("fairness_representation")),
        "audit": charts.audit_chart(audit_frames(screening, ["race_ethnicity"], "outcome", "flagged", n_boot=50)[0]),
        "quarterly": charts.quarterly_chart({"2025Q1": 0.1, "2025Q2": 0.3}),
        "vendor": charts.vendor_chart(scorecard(load("vendor_profiles"))),
        "calendar": charts.review_calendar_chart(cal, [(dt.date(2026, 3, 2), "security incident")]),
        "coverage": charts.coverage_chart(),
        "pilot": charts.pilot_recall_chart(load("scribe_pilot")),
    }


@pytest.fixture(scope="module")
def all_charts():
    return _charts()


def test_every_chart_is_an_image_with_alt_text_that_gives_its_numbers(all_charts):
    for name, chart in all_charts.items():
        page = chart._repr_html_()
        assert page.startswith('<figure class="course-chart"') and 'src="data:image/png;base64,' in page, name
        alt = re.search(r'alt="([^"]*)"', page).group(1)
        assert len(alt) > 60 and re.search(r"\d", alt), f"{name}: alt text should state the numbers: {alt!r}"
        assert "http" not in page


def test_chart_text_is_readable_and_legends_stay_off_the_data(all_charts):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for name, chart in all_charts.items():
        fig = chart.figure
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is None:
                continue
            assert min(t.get_fontsize() for t in legend.get_texts()) >= charts.FONT_PT - 1, name
            box = legend.get_window_extent(renderer)
            # No legend covers a plotted line (module 03's did).
            for line in ax.get_lines():
                path = line.get_path().transformed(line.get_transform())
                if len(path.vertices) > 1:
                    assert not path.intersects_bbox(box, filled=False), f"{name}: legend over a line"


def test_several_series_differ_by_more_than_colour(all_charts):
    for name in ("k_anonymity", "representation", "vendor"):
        hatches = {p.get_hatch() for ax in all_charts[name].figure.axes for p in ax.patches}
        assert len(hatches - {None, ""}) >= 1, name


def test_k_anonymity_demo_shows_what_the_lesson_claims():
    t = charts.k_anonymity_table(load("quasi_ids"))
    alone = list(t["records alone in their group"])
    assert alone[0] == len(load("quasi_ids")) and alone[0] > alone[1] > alone[2] == 0  # coarsening helps...
    assert t["k (smallest group)"].iloc[1] == 1  # ...but a few rare records stay alone (k = 1)
    assert t["k (smallest group)"].iloc[2] > 1


def test_table_shows_no_nan_scrolls_and_is_named():
    df = pd.DataFrame({"group": ["a", "b"], "tpr": [0.5, float("nan")], "note": ["x" * 300, None]})
    page = charts.table(df, "Rates <by group>", index=False)._repr_html_()
    assert "NaN" not in page and "nan" not in page and charts.MISSING in page
    assert 'role="region"' in page and 'tabindex="0"' in page and 'aria-label="Rates &lt;by group&gt;"' in page
    assert "overflow-x:auto" in page and "x" * 300 in page  # nothing cut off
    assert "<by group>" not in page  # escaped


LESSONS = sorted((ROOT / "modules").glob("*.ipynb"))


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_lessons_show_charts_not_plotting_code(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        assert not re.search(r"\bplt\.|\bax\.|import matplotlib|\.plot\(|figsize", source), f"{path.name}: {source[:200]}"
        assert len(source.splitlines()) <= 12 or "=" not in source.splitlines()[-1], f"{path.name}: long cell {source[:120]}"


@pytest.mark.parametrize("path", LESSONS, ids=[p.stem for p in LESSONS])
def test_dollar_amounts_are_not_read_as_maths(path):
    """JupyterLab renders $...$ as a formula: "$7.8 million ... $1.5 million" became one
    unbreakable line of italic maths. Amounts must be written \\$7.8."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            source = "".join(cell["source"])
            assert not re.search(r"(?<!\\)\$\d", source), f"{path.name}: unescaped $ in {source[:120]!r}"
