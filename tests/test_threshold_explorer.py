"""The threshold explorer: plain functions give the right numbers; the widget's callbacks update it."""

from __future__ import annotations

import pandas as pd
import pytest

from course.synth.fairness import screening
from course.widgets import threshold_explorer as te
from course.widgets.threshold_explorer import (
    ThresholdExplorer,
    metrics_table_html,
    plot_rates,
    rates_at_thresholds,
    summary_text,
    threshold_explorer,
)


@pytest.fixture(scope="module")
def df():
    return screening(seed=21, n=1200)


def test_rates_at_thresholds_by_hand(df):
    rates = rates_at_thresholds(df, "primary_language", "score", "outcome", {"Spanish": 0.4})
    sp = df[df.primary_language == "Spanish"]
    flagged = sp.score >= 0.4
    assert rates.loc["Spanish", "threshold"] == 0.4 and rates.loc["English", "threshold"] == 0.5
    assert rates.loc["Spanish", "selection_rate"] == pytest.approx(flagged.mean())
    assert rates.loc["Spanish", "tpr"] == pytest.approx(flagged[sp.outcome == 1].mean())
    assert rates.loc["Spanish", "fpr"] == pytest.approx(flagged[sp.outcome == 0].mean())
    en = df[df.primary_language == "English"]
    assert rates.loc["English", "tpr"] == pytest.approx((en.score >= 0.5)[en.outcome == 1].mean())
    # At 0.5 for everyone the rates equal the committed decisions.
    default = rates_at_thresholds(df, "primary_language", "score", "outcome", {})
    assert default["selection_rate"].to_dict() == pytest.approx(df.groupby("primary_language")["flagged"].mean().to_dict())


def test_lower_threshold_raises_tpr_and_fpr(df):
    lo = rates_at_thresholds(df, "primary_language", "score", "outcome", {"Spanish": 0.3}).loc["Spanish"]
    hi = rates_at_thresholds(df, "primary_language", "score", "outcome", {"Spanish": 0.6}).loc["Spanish"]
    assert lo.tpr > hi.tpr and lo.fpr > hi.fpr and lo.selection_rate > hi.selection_rate


def test_missing_column_is_a_clear_error(df):
    with pytest.raises(KeyError, match="column 'risk' is not in the data"):
        rates_at_thresholds(df, "primary_language", "risk", "outcome", {})


def test_summary_and_table(df):
    rates = rates_at_thresholds(df, "race_ethnicity", "score", "outcome", {})
    text = summary_text(rates)
    assert "four-fifths screen" in text and "equalised-odds difference" in text
    assert "FAIL" not in text  # a screening guide, not a legal verdict
    html = metrics_table_html(rates)
    assert "course-threshold-table" in html and "Asian American" in html
    nobody = rates_at_thresholds(df, "race_ethnicity", "score", "outcome", dict.fromkeys(rates.index, 1.01))
    assert "no one is flagged" in summary_text(nobody)
    fig = plot_rates(rates)
    legend = fig.axes[0].get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    # Readable on screen: at least 14 px per letter at the size the widget shows the image.
    assert min(t.get_fontsize() for t in legend.get_texts()) * te.PLOT_DPI / 72 >= 14
    assert {p.get_hatch() for p in fig.axes[0].patches} >= {"//", "xx"}  # not colour alone
    assert any("four-fifths line" in s for s in labels)


def test_widget_callbacks_update_table_and_plot(df):
    w = threshold_explorer(df, "primary_language", "score", "outcome")
    assert isinstance(w, ThresholdExplorer)
    assert set(w.sliders) == {"English", "Other", "Spanish"}
    before_html, before_rates = w.table.value, w.rates.copy()
    before_png = w.png
    assert w.png.startswith(b"\x89PNG") and "alt=\"Bar chart per group." in w.plot.value
    assert before_png[:8] == b"\x89PNG\r\n\x1a\n"
    w.sliders["Spanish"].value = 0.3  # what dragging the slider does
    assert w.table.value != before_html
    assert w.rates.loc["Spanish", "threshold"] == 0.3
    assert w.rates.loc["Spanish", "tpr"] > before_rates.loc["Spanish", "tpr"]
    assert w.rates.loc["English", "tpr"] == before_rates.loc["English", "tpr"]
    assert w.png != before_png  # the chart was redrawn
    w.reset.click()
    assert w.sliders["Spanish"].value == 0.5
    assert w.table.value == before_html
    assert w.png == before_png
    pd.testing.assert_frame_equal(w.rates, before_rates)


def test_widget_css_classes(df):
    w = ThresholdExplorer(df, "gender", "score", "outcome")
    assert "course-threshold-explorer" in w.widget._dom_classes
    for i, s in enumerate(w.sliders.values()):
        assert {"course-threshold-slider", f"course-threshold-slider-{i}"} <= set(s._dom_classes)
    assert "course-threshold-table" in w.table._dom_classes
    assert "course-threshold-plot" in w.plot._dom_classes
    assert "course-threshold-reset" in w.reset._dom_classes
