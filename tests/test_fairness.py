"""course.fairness and `course audit`: same numbers as fairlearn, clear errors for bad input, fast on 1M rows."""

from __future__ import annotations

import base64
import json
import re
import time
import warnings

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    demographic_parity_ratio,
    equalized_odds_difference,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)

from course.cli import main
from course.fairness import audit, audit_frames, group_rates, html_report, metrics
from course.synth import fairness as synth


def _random_frame(seed: int, n: int = 2000, k: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    g = rng.choice([f"g{i}" for i in range(k)], size=n, p=rng.dirichlet(np.ones(k) * 3))
    y = (rng.random(n) < rng.uniform(0.1, 0.6)).astype(int)
    p = (rng.random(n) < np.where(y == 1, 0.7, 0.2) + (g == "g0") * 0.1).astype(int)
    return pd.DataFrame({"grp": g, "sex": rng.choice(["f", "m"], size=n), "y": y, "p": p})


DATASETS = {
    "screening": (synth.screening(), ["race_ethnicity", "primary_language", "gender"], "outcome", "flagged"),
    "screening_seed_77": (synth.screening(seed=77, n=1500), ["race_ethnicity", "age_band"], "outcome", "flagged"),
    "quarterly_2025Q2": (synth.quarterly().query("quarter == '2025Q2'"), ["race_ethnicity"], "outcome", "flagged"),
    "random_1": (_random_frame(1), ["grp", "sex"], "y", "p"),
    "random_2": (_random_frame(2, n=500, k=6), ["grp"], "y", "p"),
}


@pytest.mark.parametrize("name", list(DATASETS))
def test_metrics_match_fairlearn(name):
    df, groups, label, pred = DATASETS[name]
    result = audit(df, groups, label, pred, n_boot=0)
    for col in groups:
        ours = result["groups"][col]
        mf = MetricFrame(
            metrics={"selection_rate": selection_rate, "tpr": true_positive_rate, "fpr": false_positive_rate},
            y_true=df[label],
            y_pred=df[pred],
            sensitive_features=df[col],
        )
        for g, row in mf.by_group.iterrows():
            for m in ("selection_rate", "tpr", "fpr"):
                assert ours["by_group"][str(g)][m] == pytest.approx(row[m], abs=1e-6), (col, g, m)
            assert ours["by_group"][str(g)]["n"] == int((df[col] == g).sum())
        kw = {"sensitive_features": df[col]}
        assert ours["demographic_parity_difference"] == pytest.approx(demographic_parity_difference(df[label], df[pred], **kw), abs=1e-6)
        assert ours["demographic_parity_ratio"] == pytest.approx(demographic_parity_ratio(df[label], df[pred], **kw), abs=1e-6)
        assert ours["equalized_odds_difference"] == pytest.approx(equalized_odds_difference(df[label], df[pred], **kw), abs=1e-6)
        assert ours["four_fifths"]["ratio"] == ours["demographic_parity_ratio"]
        assert ours["four_fifths"]["passes"] == (ours["demographic_parity_ratio"] >= 0.8)


def test_intersectional_groups_match_fairlearn_with_two_features():
    df, *_ = DATASETS["screening"]
    result = audit(df, ["race_ethnicity", "gender"], "outcome", "flagged", intersectional=True, n_boot=0)
    key = "race_ethnicity x gender"
    ours = result["groups"][key]
    sf = df[["race_ethnicity", "gender"]]
    mf = MetricFrame(metrics=true_positive_rate, y_true=df["outcome"], y_pred=df["flagged"], sensitive_features=sf)
    for (race, gender), v in mf.by_group.items():
        assert ours["by_group"][f"{race} | {gender}"]["tpr"] == pytest.approx(v, abs=1e-6)
    assert ours["equalized_odds_difference"] == pytest.approx(
        equalized_odds_difference(df["outcome"], df["flagged"], sensitive_features=sf), abs=1e-6
    )
    assert ours["demographic_parity_difference"] == pytest.approx(
        demographic_parity_difference(df["outcome"], df["flagged"], sensitive_features=sf), abs=1e-6
    )
    # Intersections of small groups are flagged as too small to judge.
    assert any("too small to judge" in w and "nonbinary" in w for w in ours["warnings"])


def test_injected_effects_are_found():
    df = synth.screening()
    res = audit(df, ["race_ethnicity", "primary_language", "gender"], "outcome", "flagged", n_boot=0)["groups"]
    race, lang, gender = res["race_ethnicity"], res["primary_language"], res["gender"]
    assert race["four_fifths"]["passes"] is False and race["four_fifths"]["lowest"] == "Asian American"
    assert lang["four_fifths"]["passes"] is True  # equal selection rates hide...
    assert lang["equalized_odds_difference"] > 0.3  # ...a large TPR gap
    assert min(lang["by_group"], key=lambda g: lang["by_group"][g]["tpr"]) == "Spanish"
    assert gender["four_fifths"]["passes"] is True and gender["equalized_odds_difference"] < 0.15


def test_bootstrap_intervals_cover_the_estimate_and_shrink_with_size():
    small = audit(synth.screening(seed=5, n=600), ["primary_language"], "outcome", "flagged", n_boot=400)["groups"]["primary_language"]
    big = audit(synth.screening(seed=5, n=12000), ["primary_language"], "outcome", "flagged", n_boot=400)["groups"]["primary_language"]
    for res in (small, big):
        lo, hi = res["confidence_intervals"]["equalized_odds_difference"]
        assert lo <= res["equalized_odds_difference"] <= hi
        for g, r in res["by_group"].items():
            lo, hi = res["confidence_intervals"]["by_group"][g]["tpr"]
            assert lo <= r["tpr"] <= hi
    width = lambda r: np.subtract(*reversed(r["confidence_intervals"]["demographic_parity_difference"]))  # noqa: E731
    assert width(big) < width(small) / 2
    # Reproducible with the same seed.
    again = audit(synth.screening(seed=5, n=600), ["primary_language"], "outcome", "flagged", n_boot=400)["groups"]["primary_language"]
    assert again["confidence_intervals"] == small["confidence_intervals"]


def test_wilson_interval_is_sane_at_the_edges():
    lo, hi = metrics.wilson_interval(3, 3)
    assert hi == 1.0 and lo < 0.5  # three out of three is not "certainly 100%"
    assert metrics.wilson_interval(0, 0) == [None, None]


# ---- the command line -----------------------------------------------------------------------
SCHEMA_GROUP_KEYS = {"by_group", "demographic_parity_difference", "demographic_parity_ratio", "equalized_odds_difference", "four_fifths", "warnings"}


def _run(capsys, *argv):
    code = main(["audit", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def screening_csv(tmp_path):
    path = tmp_path / "screening.csv"
    synth.screening().to_csv(path, index=False)
    return path


def test_cli_json_schema_is_exact(capsys, screening_csv):
    code, out, err = _run(capsys, screening_csv, "--group", "race_ethnicity", "--group", "gender", "--label", "outcome", "--pred", "flagged", "--json", "--bootstrap", "0")
    assert code == 0, err
    result = json.loads(out)
    assert set(result) == {"groups"} and set(result["groups"]) == {"race_ethnicity", "gender"}
    for g in result["groups"].values():
        assert set(g) == SCHEMA_GROUP_KEYS
        assert set(g["four_fifths"]) == {"passes", "ratio", "lowest", "highest"}
        for row in g["by_group"].values():
            assert set(row) == {"n", "selection_rate", "tpr", "fpr"}
    # With bootstrap (the default) the intervals are added next to the schema's keys.
    code, out, _ = _run(capsys, screening_csv, "--group", "gender", "--label", "outcome", "--pred", "flagged", "--json", "--bootstrap", "200")
    g = json.loads(out)["groups"]["gender"]
    assert set(g) == SCHEMA_GROUP_KEYS | {"confidence_intervals"}
    assert g["confidence_intervals"]["resamples"] == 200


def test_cli_text_summary_and_html_report(capsys, screening_csv, tmp_path):
    report = tmp_path / "report.html"
    code, out, err = _run(capsys, screening_csv, "--group", "race_ethnicity", "--label", "outcome", "--pred", "flagged", "--score", "score", "--html", report)
    assert code == 0, err
    assert "four-fifths rule of thumb: below 80%, look closer" in out and "Asian American" in out
    assert "FAIL" not in out  # a screen, not a verdict
    text = report.read_text(encoding="utf-8")
    assert "fall below the four-fifths rule of thumb" in text and "not a legal finding" in text and "29 CFR 1607.4(D)" in text
    assert "FAIL" not in text and "EEOC Uniform" not in text
    # Self-contained: no external resources, plots embedded as PNG.
    assert not re.search(r"""(src|href)=['"]?(https?:|//)""", text)
    images = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", text)
    assert images and base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_score_adds_auc(capsys, screening_csv):
    code, out, _ = _run(capsys, screening_csv, "--group", "primary_language", "--label", "outcome", "--pred", "flagged", "--score", "score", "--json", "--bootstrap", "0")
    sbg = json.loads(out)["groups"]["primary_language"]["score_by_group"]
    assert sbg["Spanish"]["auc"] < sbg["English"]["auc"]
    from sklearn.metrics import roc_auc_score

    df = synth.screening()
    for g, part in df.groupby("primary_language"):
        assert sbg[g]["auc"] == pytest.approx(roc_auc_score(part["outcome"], part["score"]), abs=1e-6)
        assert sbg[g]["mean_score"] == pytest.approx(part["score"].mean(), abs=1e-6)


@pytest.mark.parametrize(
    "edit, args, message",
    [
        (None, ["--group", "ethnicity"], "column 'ethnicity' is not in the file"),
        (lambda d: d.assign(outcome=d["outcome"].map({0: "no", 1: "yes"})), [], "must contain only 0 and 1"),
        (lambda d: d.assign(outcome=d["outcome"] * 2), [], "must contain only 0 and 1"),
        (lambda d: d.assign(flagged=d["score"]), [], "holds scores between 0 and 1"),
        (lambda d: d.assign(outcome=d["outcome"].where(d.index % 97 != 5)), [], "have no value in column 'outcome' (first at row 7)"),
        (lambda d: d.assign(race_ethnicity=d["race_ethnicity"].where(d.index != 0)), [], "have no value in column 'race_ethnicity'"),
        (lambda d: d.iloc[0:0], [], "no rows to audit"),
    ],
)
def test_cli_bad_input_gives_a_clear_message(capsys, tmp_path, edit, args, message):
    df = synth.screening(n=400)
    if edit is not None:
        df = edit(df)
    path = tmp_path / "bad.csv"
    df.to_csv(path, index=False)
    base = ["--group", "race_ethnicity", "--label", "outcome", "--pred", "flagged"]
    code, out, err = _run(capsys, path, *(args or base), *(base[2:] if args else []), "--json")
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err


def test_cli_missing_file_and_empty_file(capsys, tmp_path):
    code, _, err = _run(capsys, tmp_path / "nope.csv", "--group", "g", "--label", "y", "--pred", "p")
    assert code == 2 and "does not exist" in err
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    code, _, err = _run(capsys, empty, "--group", "g", "--label", "y", "--pred", "p")
    assert code == 2 and "is empty" in err


def test_dropna_leaves_rows_out_with_a_warning(capsys, tmp_path):
    df = synth.screening(n=400)
    df.loc[[3, 10], "outcome"] = np.nan
    path = tmp_path / "nan.csv"
    df.to_csv(path, index=False)
    code, out, err = _run(capsys, path, "--group", "gender", "--label", "outcome", "--pred", "flagged", "--json", "--dropna", "--bootstrap", "0")
    assert code == 0, err
    g = json.loads(out)["groups"]["gender"]
    assert "2 row(s) with missing values were left out (--dropna)." in g["warnings"]
    assert sum(r["n"] for r in g["by_group"].values()) == 398


def test_group_with_no_positives_is_reported_not_made_up():
    df = _random_frame(3)
    df.loc[df["grp"] == "g1", "y"] = 0
    res = audit(df, ["grp"], "y", "p", n_boot=100)["groups"]["grp"]
    assert res["by_group"]["g1"]["tpr"] is None  # fairlearn would report 0.0 here
    assert any("'g1' has no true positives ('y' = 1)" in w for w in res["warnings"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fl_tpr = MetricFrame(metrics=true_positive_rate, y_true=df["y"], y_pred=df["p"], sensitive_features=df["grp"]).by_group
    assert fl_tpr["g1"] == 0.0
    # The TPR gap is computed over the groups where TPR exists.
    rest = df[df["grp"] != "g1"]
    tpr = rest[rest["y"] == 1].groupby("grp")["p"].mean()
    rates = group_rates(df, "grp", "y", "p")
    fpr_gap = rates["fpr"].max() - rates["fpr"].min()
    assert res["equalized_odds_difference"] == pytest.approx(max(tpr.max() - tpr.min(), fpr_gap), abs=1e-6)
    assert res["confidence_intervals"]["by_group"]["g1"]["tpr"] == [None, None]


def test_one_group_and_nobody_selected():
    df = pd.DataFrame({"g": ["a"] * 5 + ["b"] * 5, "y": [0, 1] * 5, "p": [0] * 10})
    res = audit(df, ["g"], "y", "p", n_boot=0)["groups"]["g"]
    assert res["four_fifths"] == {"passes": None, "ratio": None, "lowest": "a", "highest": "a"}
    assert metrics.MSG_NONE_SELECTED in res["warnings"]
    one = audit(df.assign(g="a"), ["g"], "y", "p", n_boot=0)["groups"]["g"]
    assert any("only one group" in w for w in one["warnings"])


def test_boolean_and_true_false_text_labels_are_accepted():
    df = _random_frame(4, n=300)
    a = audit(df, ["grp"], "y", "p", n_boot=0)
    b = audit(df.assign(y=df["y"].astype(bool), p=df["p"].map({0: "False", 1: "True"})), ["grp"], "y", "p", n_boot=0)
    assert a == b


@pytest.mark.slow
@pytest.mark.timeout(180)  # pytest-timeout, not a wall-clock assertion
def test_one_million_rows_is_fast_and_correct(tmp_path, capsys):
    rng = np.random.default_rng(11)
    n = 1_000_000
    g = rng.choice(["A", "B", "C", "D", "E"], size=n)
    y = (rng.random(n) < 0.3).astype(np.int8)
    p = (rng.random(n) < np.where(y == 1, 0.8 - (g == "E") * 0.2, 0.1)).astype(np.int8)
    df = pd.DataFrame({"group": g, "label": y, "pred": p})
    path = tmp_path / "big.csv"
    df.to_csv(path, index=False)
    start = time.perf_counter()
    code, out, err = _run(capsys, path, "--group", "group", "--label", "label", "--pred", "pred", "--json")
    elapsed = time.perf_counter() - start
    assert code == 0, err
    print(f"1M rows: {elapsed:.2f} s")
    res = json.loads(out)["groups"]["group"]
    assert sum(r["n"] for r in res["by_group"].values()) == n
    assert res["equalized_odds_difference"] == pytest.approx(
        equalized_odds_difference(y, p, sensitive_features=g), abs=1e-6
    )
    lo, hi = res["confidence_intervals"]["equalized_odds_difference"]
    assert lo < 0.2 < hi or abs(res["equalized_odds_difference"] - 0.2) < 0.01


def test_html_report_handles_missing_rates():
    df = _random_frame(3, n=300)
    df.loc[df["grp"] == "g1", "y"] = 0
    text = html_report(audit_frames(df, ["grp"], "y", "p", n_boot=50), source="x.csv", label="y", pred="p")
    assert "n/a" in text and "no true positives" in text
