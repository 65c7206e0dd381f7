"""`course deidentify` at scale: streaming, long notes in parts, size limits, running scores,
and gold files in the external format."""

from __future__ import annotations

import json
import random
import tracemalloc
from pathlib import Path

import pytest

import course.privacy.documents as documents
from course.cli import deidentify as cli
from course.cli import main
from course.privacy import Pipeline, anonymize, evaluate, read_documents
from course.synth.notes import generate_notes

ROOT = Path(__file__).resolve().parents[1]
EXTERNAL = ROOT.parent / "shared" / "eval" / "notes_external.jsonl"


def run(args, capsys):
    status = main(["deidentify", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pipe():
    return Pipeline().load()


def long_text(seed: int = 11, n: int = 8) -> str:
    return "\n\n".join(note["text"] for note in generate_notes(seed, n))


# --------------------------------------------------------------------------- cutting a long note into parts


@pytest.mark.parametrize("size", [50, 300, 1500])
def test_parts_tile_the_text_and_overlap(size):
    r = random.Random(size)
    words = ["Maria", "Alvarez", "503-555-0134.", "slept", "well", "today.\n", "\n\n", "x" * 70, "of", "the"]
    text = " ".join(r.choice(words) for _ in range(3000))
    parts = cli.windows(text, size, overlap=size // 5)
    assert parts[0][0] == 0 and parts[-1][1] == len(text)
    for (own_start, own_end, start, end), nxt in zip(parts, parts[1:] + [None], strict=True):
        assert start <= own_start < own_end <= end and own_end - own_start <= size
        if nxt is not None:
            assert nxt[0] == own_end  # the owned ranges tile the text
            assert end >= min(len(text), own_end + size // 5)  # context beyond the cut
            assert text[own_end - 1].isspace() or text[own_end - 2:own_end] in (". ", "; ") or own_end - own_start == size
        if start > 0:
            assert own_start - start >= size // 5


def test_a_short_text_is_one_part():
    assert cli.windows("short note", 100) == [(0, 10, 0, 10)]


def test_cuts_never_fall_inside_a_span_or_a_word():
    text = ("Client Maria Alvarez called from 503-555-0134 about her appointment. " * 40).strip()
    spans = [{"start": m, "end": m + 13} for m in range(7, len(text), 69)]  # "Maria Alvarez"
    bounds = cli.cuts(text, [spans], 100)
    assert bounds[0] == 0 and bounds[-1] == len(text) and bounds == sorted(set(bounds))
    for at in bounds[1:-1]:
        assert not (text[at - 1].isalnum() and text[at].isalnum())
        assert not any(s["start"] < at < s["end"] for s in spans)
    assert max(b - a for a, b in zip(bounds, bounds[1:], strict=False)) < 200


def test_merge_spans_joins_overlaps():
    from course.privacy import Span

    merged = cli.merge_spans([Span(10, 20, "NAME", 0.9), Span(0, 5, "DATE", 0.8), Span(15, 30, "LOCATION", 0.5)])
    assert merged == [Span(0, 5, "DATE", 0.8), Span(10, 30, "NAME", 0.9)]


def test_a_long_note_read_in_parts_finds_what_the_whole_note_does(pipe, monkeypatch):
    text = long_text()
    whole = {(s.start, s.end, s.label) for s in pipe.analyze(text)}
    monkeypatch.setattr(cli, "LARGE", 1500)
    monkeypatch.setattr(cli, "OVERLAP", 200)
    assert len(cli.windows(text, 1500, 200)) >= 4
    parts = {(s.start, s.end, s.label) for s in cli._analyze_long(pipe, text, progress=False)}
    assert len(whole & parts) / len(whole | parts) >= 0.97, sorted(whole ^ parts)
    for start, end, _ in parts:  # nothing was cut at a part's edge
        assert not (start > 0 and text[start - 1].isalnum() and text[start].isalnum())
        assert not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())


def test_a_name_found_in_one_part_is_hidden_in_every_part(pipe, monkeypatch):
    filler = "Mood stable; sleep improved with the routine. Continue weekly CBT and the thought record.\n\n" * 40
    text = "Client: Zephyrine Quist, seen for intake.\n\n" + filler + "At the end zephyrine said the week was calmer.\n"
    later = text.rindex("zephyrine")
    monkeypatch.setattr(cli, "LARGE", 1000)
    parts = cli.windows(text, 1000, cli.OVERLAP)
    assert not any(start <= 8 and later < end for _, _, start, end in parts)  # never in the same part
    found = cli._analyze_long(pipe, text, progress=False)
    assert (later, later + 9, "NAME") in {(s.start, s.end, s.label) for s in found}


@pytest.mark.parametrize("operator", ["replace", "hash"])
def test_a_long_note_is_written_as_if_whole(tmp_path, capsys, monkeypatch, operator):
    monkeypatch.setattr(cli, "LARGE", 1200)
    monkeypatch.setenv(cli.SALT_ENV, "a-fixed-secret-salt-for-this-test")
    text = long_text(seed=12, n=5)
    src = tmp_path / "long.txt"
    src.write_text(text, encoding="utf-8")
    status, out, err = run([src, "--operator", operator, "--no-progress"], capsys)
    assert status == 0 and "processed in parts" in err
    record = json.loads(out)
    assert set(record) == {"id", "text_redacted", "spans"} and record["spans"]
    assert record["text_redacted"] == anonymize(text, record["spans"], operator, salt="a-fixed-secret-salt-for-this-test")
    spans = sorted(record["spans"], key=lambda s: s["start"])
    assert all(a["end"] <= b["start"] for a, b in zip(spans, spans[1:], strict=False))


# --------------------------------------------------------------------------- streaming


def test_documents_stream_through_in_batches(tmp_path, capsys, monkeypatch):
    notes = generate_notes(5, 14)
    src = write_jsonl(tmp_path / "n.jsonl", [{"id": n["id"], "text": n["text"]} for n in notes])
    out = tmp_path / "out.jsonl"
    monkeypatch.setattr(cli, "BATCH_NOTES", 3)
    pulled = {"n": 0}
    real_iter, real_batch = documents.iter_documents, Pipeline.analyze_batch
    seen = []

    def counting_iter(*a, **k):
        items = real_iter(*a, **k)

        def gen():
            for item in items:
                pulled["n"] += 1
                yield item
        return gen()

    def watching_batch(self, texts, *a, **k):
        texts = list(texts)
        done = len(out.read_text(encoding="utf-8").splitlines()) if out.exists() else 0
        seen.append((pulled["n"], done, len(texts)))
        return real_batch(self, texts, *a, **k)

    monkeypatch.setattr(documents, "iter_documents", counting_iter)
    monkeypatch.setattr(Pipeline, "analyze_batch", watching_batch)
    status, _, err = run([src, "--out", out, "--no-progress"], capsys)
    assert status == 0, err
    assert [n for *_, n in seen] == [3, 3, 3, 3, 2]
    for k, (read, written, _) in enumerate(seen):
        assert written == 3 * k  # earlier batches are already on disk
        assert read <= written + 3 + 1  # and no more than one batch (and one look-ahead) is in memory
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [n["id"] for n in notes]


def test_quiet_and_progress(tmp_path, capsys):
    src = write_jsonl(tmp_path / "n.jsonl", [{"id": str(i), "text": "Maria called 503-555-0134."} for i in range(3)])
    status, _, err = run([src, "--out", tmp_path / "o.jsonl", "--quiet"], capsys)
    assert status == 0 and err == ""
    status, _, err = run([src, "--out", tmp_path / "o.jsonl"], capsys)
    assert status == 0 and "de-identifying" in err and "3/3" in err and "wrote 3 document(s)" in err
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "ok"}\n{"broken\n')
    status, _, err = run([tmp_path / "bad.jsonl", "--out", tmp_path / "o.jsonl", "--quiet"], capsys)
    assert status == 1 and "line 2: not valid JSON" in err  # problems are still shown


# --------------------------------------------------------------------------- hostile sizes


@pytest.mark.timeout(30)  # at once: the size is read, not the note
def test_a_50_mb_note_is_refused_at_once_with_the_limit(tmp_path, capsys):
    big = tmp_path / "export.txt"
    with big.open("wb") as f:  # sparse: 50 MB on paper, nothing written
        f.truncate(50 * 1024 * 1024)
    status, out, err = run([big, "--no-progress"], capsys)
    assert status == 1 and out == ""
    assert "export.txt: is 52.4 MB, over the limit of 10.0 MB for one document" in err
    assert "--max-size" in err and "Traceback" not in err


def test_an_oversized_jsonl_line_is_skipped_without_reading_it_whole(tmp_path, capsys):
    src = tmp_path / "mixed.jsonl"
    with src.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"id": "small", "text": "Maria Alvarez called 503-555-0134."}) + "\n")
        f.write('{"id": "huge", "text": "' + "Session note. " * 1_500_000 + '"}\n')  # 21 MB
        f.write(json.dumps({"id": "after", "text": "Seen 03/14/2024."}) + "\n")
    tracemalloc.start()
    items = list(documents.iter_documents(src, max_bytes=5_000_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [getattr(i, "id", None) for i in items] == ["small", None, "after"]
    assert "line 2" in str(items[1]) and "over the limit of 5.0 MB" in str(items[1])
    assert peak < 12_000_000  # at most the limit and a read buffer, never the 21 MB line
    status, out, err = run([src, "--max-size", "5", "--no-progress"], capsys)
    assert status == 1 and [json.loads(x)["id"] for x in out.splitlines()] == ["small", "after"]
    assert "skipped mixed.jsonl line 2: is 21.0 MB" in err


def test_bad_max_size(tmp_path, capsys):
    src = write_jsonl(tmp_path / "n.jsonl", [{"id": "a", "text": "x"}])
    status, _, err = run([src, "--max-size", "0"], capsys)
    assert status == 2 and "--max-size must be a positive number" in err


# --------------------------------------------------------------------------- --evaluate


def test_running_scores_equal_the_whole_evaluation(pipe, monkeypatch):
    monkeypatch.setattr(cli, "LARGE", 2000)  # the long note is scored part by part
    notes = generate_notes(21, 40)
    long_note = {"id": "long", "text": "", "spans": []}
    for n in generate_notes(22, 6):
        offset = len(long_note["text"]) + (2 if long_note["text"] else 0)
        long_note["text"] += ("\n\n" if long_note["text"] else "") + n["text"]
        long_note["spans"] += [{**s, "start": s["start"] + offset, "end": s["end"] + offset} for s in n["spans"]]
    docs = notes + [long_note]
    preds = list(pipe.analyze_batch(d["text"] for d in docs))
    whole = evaluate(docs, preds)
    scores = cli.Scores(keep=10_000)
    for d, p in zip(docs, preds, strict=True):
        scores.add(documents.Document(d["id"], d["text"], d["spans"]), p)
    for counter in ("gold", "found", "predicted", "correct"):
        assert getattr(scores.total, counter) == getattr(whole, counter), counter
    assert scores.documents == whole.documents == 41
    assert [(x.doc_id, x.label, x.text, x.start) for x in scores.leaks] == [(x.doc_id, x.label, x.text, x.start) for x in whole.leaks]
    assert sum(scores.leak_labels.values()) == len(whole.leaks)
    assert f"recall {whole.recall:.3f}, precision {whole.precision:.3f}" in scores.summary()
    few = cli.Scores(keep=2)
    for d, p in zip(docs, preds, strict=True):
        few.add(documents.Document(d["id"], d["text"], d["spans"]), p)
    if len(whole.leaks) > 2:
        assert len(few.leaks) == 2 and f"... and {len(whole.leaks) - 2} more" in few.summary()


def test_evaluate_reads_the_external_gold_format(tmp_path, capsys):
    text = "Pt Jordan Reyes (DOB 04/17/1991) called from (503) 555-0142.\r\nSeen by Dr. Okafor."
    spans = [{"start": 3, "end": 15, "label": "NAME", "text": "Jordan Reyes"},
             {"start": 21, "end": 31, "label": "DATE", "text": "04/17/1991"},
             {"start": 45, "end": 59, "label": "PHONE", "text": "(503) 555-0142"},
             {"start": 74, "end": 80, "label": "PROVIDER", "text": "Okafor"}]
    assert all(text[s["start"]:s["end"]] == s["text"] for s in spans)
    good = {"id": "x1", "kind": "phone_log", "text": text, "spans": spans}
    wrong = {"id": "x2", "kind": "phone_log", "text": text, "spans": [{**spans[0], "start": 4, "end": 16}]}
    src = tmp_path / "gold.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + (json.dumps(good) + "\r\n" + json.dumps(wrong) + "\r\n").encode())
    status, out, err = run([src, "--out", tmp_path / "o.jsonl", "--evaluate", "--no-progress"], capsys)
    assert status == 1  # x2 was skipped
    assert "line 2 (id x2): gold span 4-16 reads 'ordan Reyes ', not 'Jordan Reyes'" in err
    assert out.startswith("1 documents: recall") and "PHONE" in out and "PROVIDER" in out


@pytest.mark.skipif(not EXTERNAL.exists(), reason=f"the independent evaluation set is not here ({EXTERNAL})")
def test_evaluate_on_the_external_set_matches_evaluate(tmp_path, capsys):
    status, out, err = run([EXTERNAL, "--out", tmp_path / "o.jsonl", "--evaluate", "--no-progress"], capsys)
    assert status == 0, err
    docs, problems = read_documents(EXTERNAL)
    assert not problems and len(docs) == 48
    predicted = [json.loads(line)["spans"] for line in (tmp_path / "o.jsonl").read_text(encoding="utf-8").splitlines()]
    whole = evaluate([{"id": d.id, "text": d.text, "spans": d.spans} for d in docs], predicted)
    assert out.startswith(f"48 documents: recall {whole.recall:.3f}, precision {whole.precision:.3f}")
    assert f"{len(whole.leaks)} identifiers leaked" in out
