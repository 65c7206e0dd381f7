"""`course audit` on hostile input: damaged and huge files, and a single group."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import zipfile

import pandas as pd
import pytest

from course.cli import main


def _run(capsys, *argv):
    code = main(["audit", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def _frame(n: int = 400, groups=("a", "b")) -> pd.DataFrame:
    return pd.DataFrame({
        "grp": [groups[i % len(groups)] for i in range(n)],
        "y": [(i // 3) % 2 for i in range(n)],
        "p": [(i // 2) % 2 for i in range(n)],
        "note": ["some free text, quoted"] * n,
    })


def _csv_bytes(n: int = 400, groups=("a", "b")) -> bytes:
    return _frame(n, groups).to_csv(index=False).encode()


ARGS = ("--group", "grp", "--label", "y", "--pred", "p", "--bootstrap", "0", "--quiet")


def _one_line_error(code, out, err):
    assert code == 2 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("course audit: ")


@pytest.mark.parametrize("suffix, compress", [
    (".csv.gz", gzip.compress), (".csv.bz2", bz2.compress), (".csv.xz", lzma.compress)])
def test_a_truncated_compressed_csv_is_one_line(tmp_path, capsys, suffix, compress):
    whole = compress(_csv_bytes(20_000))
    path = tmp_path / f"audit{suffix}"
    path.write_bytes(whole[: len(whole) // 2])
    code, out, err = _run(capsys, path, *ARGS)
    _one_line_error(code, out, err)
    assert f"audit{suffix} is cut short or damaged" in err and "copy or export it again" in err
    path.write_bytes(whole)  # the same file whole is read
    code, out, err = _run(capsys, path, *ARGS)
    assert code == 0 and "four-fifths rule" in out, err


@pytest.mark.parametrize("content", [b"this is not gzip data at all" * 10, b""])
def test_a_file_that_is_not_gzip_is_one_line(tmp_path, capsys, content):
    path = tmp_path / "audit.csv.gz"
    path.write_bytes(content)
    _one_line_error(*_run(capsys, path, *ARGS))


def test_a_damaged_or_crowded_zip_is_one_line(tmp_path, capsys):
    path = tmp_path / "audit.csv.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("audit.csv", _csv_bytes(20_000))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    code, out, err = _run(capsys, path, *ARGS)
    _one_line_error(code, out, err)
    assert "cut short or damaged" in err
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a.csv", _csv_bytes())
        z.writestr("b.csv", _csv_bytes())
    code, out, err = _run(capsys, path, *ARGS)
    _one_line_error(code, out, err)
    assert "exactly one CSV file, not 2" in err


@pytest.mark.timeout(30)  # at once: the size is read, not the file
def test_a_2_gb_file_is_refused_at_once(tmp_path, capsys):
    path = tmp_path / "export.csv"
    with path.open("wb") as f:
        f.write(_csv_bytes(10))
        f.truncate(2 * 1024**3)  # sparse: 2 GB on paper, nothing more written
    code, out, err = _run(capsys, path, *ARGS)
    _one_line_error(code, out, err)
    assert "export.csv is 2,147.5 MB, over the 500.0 MB that course audit reads (--max-size)" in err
    code, out, err = _run(capsys, path, *ARGS[:-1], "--max-size", "-1")
    assert code == 2 and "--max-size must be a positive number" in err


def test_a_small_gzip_that_expands_past_the_limit_is_refused(tmp_path, capsys):
    path = tmp_path / "bomb.csv.gz"
    path.write_bytes(gzip.compress(_csv_bytes(10) + b"a,0,0,x\n" * 300_000))  # 2.4 MB of CSV in a few KB
    assert path.stat().st_size < 100_000
    code, out, err = _run(capsys, path, *ARGS, "--max-size", "1")
    _one_line_error(code, out, err)
    assert "bomb.csv.gz is more than 1.0 MB when decompressed" in err


def test_binary_junk_is_one_line(tmp_path, capsys):
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    _one_line_error(*_run(capsys, path, *ARGS))


def test_one_group_has_nothing_to_compare(tmp_path, capsys):
    path = tmp_path / "one.csv"
    path.write_bytes(_csv_bytes(200, groups=("only",)))
    report = tmp_path / "one.html"
    code, out, err = _run(capsys, path, *ARGS, "--html", report)
    assert code == 0, err
    assert "four-fifths rule of thumb: nothing to compare (only one group in 'grp': 'only')" in out
    assert "80%" not in out and "difference n/a" in out
    html = report.read_text(encoding="utf-8")
    assert "nothing to compare" in html and "within the four-fifths" not in html and "below the four-fifths" not in html
    code, out, _ = _run(capsys, path, *ARGS, "--json")
    ff = json.loads(out)["groups"]["grp"]["four_fifths"]
    assert ff["passes"] is None and ff["ratio"] is None
    assert any("nothing to compare" in w for w in json.loads(out)["groups"]["grp"]["warnings"])


def test_only_the_needed_columns_are_read_and_give_the_same_audit(tmp_path, capsys):
    wide = _frame(300)
    for k in range(30):
        wide[f"extra{k}"] = "x" * 50
    wide.to_csv(tmp_path / "wide.csv", index=False)
    _frame(300)[["grp", "y", "p"]].to_csv(tmp_path / "narrow.csv", index=False)
    results = []
    for name in ("wide.csv", "narrow.csv"):
        code, out, err = _run(capsys, tmp_path / name, *ARGS, "--json")
        assert code == 0, err
        results.append(json.loads(out))
    assert results[0] == results[1]
    code, out, err = _run(capsys, tmp_path / "wide.csv", "--group", "nope", "--label", "y", "--pred", "p", "--quiet")
    assert code == 2 and "nope" in err and "extra29" in err  # the missing column, and the ones found


def test_json_floats_are_full_precision_and_only_the_text_view_rounds(tmp_path, capsys):
    # 1/3 and 2/7 have no short decimal form: rounding to 6 places would differ from
    # fairlearn's value by more than 1e-7
    n_a, n_b = 3 * 7 * 10, 7 * 3 * 10
    frame = pd.DataFrame({
        "grp": ["a"] * n_a + ["b"] * n_b,
        "y": [i % 2 for i in range(n_a + n_b)],
        "p": [int(i % 3 == 0) for i in range(n_a)] + [int(i % 7 < 2) for i in range(n_b)],
    })
    path = tmp_path / "thirds.csv"
    frame.to_csv(path, index=False)
    code, out, err = _run(capsys, path, *ARGS, "--json")
    assert code == 0, err
    g = json.loads(out)["groups"]["grp"]
    rate_a, rate_b = frame[frame.grp == "a"].p.mean(), frame[frame.grp == "b"].p.mean()
    assert g["by_group"]["a"]["selection_rate"] == float(rate_a) == 1 / 3
    assert g["by_group"]["b"]["selection_rate"] == float(rate_b)
    assert g["demographic_parity_difference"] == float(rate_a - rate_b)
    assert g["demographic_parity_ratio"] == float(rate_b / rate_a) == g["four_fifths"]["ratio"]
    assert abs(g["demographic_parity_difference"] - round(g["demographic_parity_difference"], 6)) > 1e-8
    code, out, _ = _run(capsys, path, *ARGS)
    assert code == 0 and "demographic-parity difference 0.048" in out  # the text view rounds
