"""course deidentify: find and hide identifiers in clinical notes, offline.

The notes are a stream: read, de-identified and written one batch at a time, so memory
stays flat whatever the size of the corpus, and ``--evaluate`` keeps running counts, not
the notes. A very long note is read in overlapping parts (cut at paragraph or sentence
breaks), so memory stays flat for it too; a note over ``--max-size`` is not read at all.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from collections import Counter
from pathlib import Path

from ._common import BadInput, Failed, add_quiet, chatter, progress

NAME = "deidentify"
HELP = "hide identifiers (names, dates, IDs, contact details...) in notes: .jsonl, .txt, .md or a folder"
DESCRIPTION = (
    "De-identify clinical notes with the course's reference pipeline (Presidio + spaCy, offline). "
    'INPUT is a .jsonl file of {"id", "text"} objects, a .txt or .md file (one note), or a folder: every '
    ".txt, .md and .jsonl file directly inside it (sub-folders and links are not followed; the same reader "
    "as course consent-check). "
    'Writes one JSON object per document: {"id", "text_redacted", "spans": [{"start", "end", "label", "score"}]}, '
    "offsets into the original text. Notes are processed one batch at a time, so any number of them fits in "
    "memory. Documents that cannot be read are named on stderr and skipped; the exit status is 1 when anything "
    "was skipped. With --evaluate, INPUT is a gold file: each object also has 'spans' "
    '[{"start", "end", "label"} and optionally "text"], the course\'s own format or the external one. '
    "Automated de-identification is never perfect: review the output before sharing it."
)
SALT_ENV = "COURSE_HASH_SALT"
#: Notes longer than this (characters) are read in overlapping parts of about this size.
LARGE = 10_000
#: Characters of context each part shares with its neighbours (longer than any identifier).
OVERLAP = 400
#: Notes per batch, and characters per batch, handed to the pipeline at a time (a long
#: note's parts go one at a time).
BATCH_NOTES = 64
BATCH_CHARS = 100_000
#: Default for --max-size (megabytes): larger documents are refused, not read.
MAX_SIZE_MB = 10.0
#: Leaks listed by --evaluate (all are counted).
SHOW_LEAKS = 50


def add_arguments(p):
    """Declare the command-line options."""
    p.add_argument("input", type=Path, metavar="INPUT", help=".jsonl, .txt or .md file, or a folder of them")
    p.add_argument("--out", "-o", type=Path, metavar="FOLDER",
                   help="output folder: writes FOLDER/INPUT.deidentified.jsonl (a path ending in .jsonl is the "
                        "output file itself; default: standard output)")
    p.add_argument("--operator", choices=["replace", "redact", "mask", "hash"], default="replace",
                   help="replace = type tag like <NAME> (default); redact = remove; mask = ****; "
                        f"hash = salted SHA-256 (set ${SALT_ENV} to reuse a secret salt across runs)")
    p.add_argument("--threshold", type=float, default=0.4, metavar="SCORE", help="minimum score to hide (default 0.4)")
    p.add_argument("--allow", type=Path, metavar="FILE", help="terms never to hide, one per line")
    p.add_argument("--deny", type=Path, metavar="FILE", help="terms always to hide as names (e.g. your client list), one per line")
    p.add_argument("--evaluate", action="store_true",
                   help="input carries gold 'spans': print per-label recall/precision and the leaks")
    p.add_argument("--max-size", type=float, default=MAX_SIZE_MB, metavar="MB",
                   help=f"skip any one document larger than this many megabytes (default {MAX_SIZE_MB:g}); "
                        "longer notes take longer, about a minute per megabyte")
    add_quiet(p)


def _terms(path: Path | None, what: str) -> list[str]:
    if path is None:
        return []
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read the {what} file {path}: {exc}") from None


def output_file(out: Path | None, source: Path) -> Path | None:
    """Where ``--out`` writes: *out* itself when it ends in ``.jsonl``, otherwise the folder
    *out* and in it ``SOURCE.deidentified.jsonl`` (``None``: standard output).
    """
    if out is None or out.suffix.lower() == ".jsonl":
        return out
    return out / f"{source.resolve().stem or 'notes'}.deidentified.jsonl"


def _say(message: str) -> None:
    print(message, file=sys.stderr)


# --------------------------------------------------------------------------- long notes, in parts


def _cut_near(text: str, target: int, floor: int) -> int:
    """A good place to cut *text* at or before *target* (not before *floor*): a paragraph
    break, else a line break, else the end of a sentence, else a space.
    """
    for sep in ("\n\n", "\n", ". ", "? ", "! ", "; ", " "):
        at = text.rfind(sep, floor, target)
        if at != -1:
            return at + len(sep)
    return target


def _edge(text: str, at: int, step: int, limit: int = 40) -> int:
    """Move *at* (by *step*, at most *limit* characters) to the nearest whitespace, so a part
    does not begin or end inside a word.
    """
    for k in range(limit):
        i = at + k * step
        if i <= 0 or i >= len(text):
            return max(0, min(i, len(text)))
        if text[i].isspace() if step > 0 else text[i - 1].isspace():
            return i
    return at


def windows(text: str, size: int = LARGE, overlap: int = OVERLAP) -> list[tuple[int, int, int, int]]:
    """Cut *text* into parts for the pipeline.

    Returns
    -------
    list of (own_start, own_end, start, end)
        Each part is ``text[start:end]``; it *owns* ``[own_start, own_end)``, and the owned
        ranges tile the text. A part reaches *overlap* characters (to the nearest space)
        beyond what it owns on each side, so an identifier that starts in the owned range is
        seen whole; findings that start outside it are left to the neighbour.

    """
    n = len(text)
    if n <= size:
        return [(0, n, 0, n)]
    parts = []
    own_start = 0
    while own_start < n:
        if n - own_start <= size:
            own_end = n
        else:
            own_end = _cut_near(text, own_start + size, own_start + size // 2)
        start = 0 if own_start == 0 else _edge(text, max(0, own_start - overlap), -1)
        end = n if own_end == n else _edge(text, min(n, own_end + overlap), +1)
        parts.append((own_start, own_end, start, end))
        own_start = own_end
    return parts


def merge_spans(spans: list) -> list:
    """Sorted spans, overlapping ones joined (the higher score's label wins)."""
    from ..privacy import Span

    out: list = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and s.start < out[-1].end:
            prev = out[-1]
            label = prev.label if prev.score >= s.score else s.label
            out[-1] = Span(prev.start, max(prev.end, s.end), label, max(prev.score, s.score))
        else:
            out.append(s)
    return out


def _memory_zone(pipe):
    """The spaCy memory zone for one batch: the words it adds to spaCy's vocabulary while it
    reads the batch are forgotten afterwards. Without it the vocabulary grows with every
    new word (each ID, date and name), about 0.7 KB each, so memory would grow with the
    corpus. The batch's results are plain spans, read inside the zone.
    """
    zone = getattr(pipe.nlp, "memory_zone", None)
    return zone() if zone is not None else contextlib.nullcontext()


def _analyze_long(pipe, text: str, progress: bool) -> list:
    """Identifiers in one long *text*, read part by part, then, as the pipeline does for a
    long note, every other occurrence of a name found anywhere in it.
    """
    # _propagate: the pipeline's own rule for which words of a name count, and where
    from ..privacy import Span
    from ..privacy.pipeline import _propagate

    parts = windows(text)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(parts), desc="  long note", unit="part", file=sys.stderr, leave=False, mininterval=1)
    found: list = []
    for own_start, own_end, start, end in parts:
        # one part per call: spaCy's memory for a batch grows with the number of long texts in it
        with _memory_zone(pipe):
            (spans,) = pipe.analyze_batch([text[start:end]])
        found += [Span(s.start + start, s.end + start, s.label, s.score) for s in spans
                  if own_start <= s.start + start < own_end]
        if bar is not None:
            bar.update()
    if bar is not None:
        bar.close()
    found = merge_spans(found)
    if pipe.propagate_names and found:
        extra = _propagate(text, found, pipe.allowed)
        # what was found stays as it is (higher scores win); the other occurrences are added
        found = merge_spans(found + [Span(a, b, label, max(score - 0.5, 0.3)) for a, b, label, score in extra])
    return found


def cuts(text: str, span_lists: list[list], size: int) -> list[int]:
    """Places to cut *text* into pieces of about *size* characters, never inside a span of
    any of *span_lists* nor inside a word: ``[0, ..., len(text)]``.
    """
    covered: list[tuple[int, int]] = sorted(
        (_get(s, "start"), _get(s, "end")) for spans in span_lists for s in spans)
    out, k, n = [0], 0, len(text)
    target = size
    while target < n:
        at, moved = target, True
        while moved and at < n:
            moved = False
            while at < n and text[at - 1].isalnum() and text[at].isalnum():  # out of a word
                at += 1
            while k < len(covered) and covered[k][1] <= at:
                k += 1
            j = k
            while j < len(covered) and covered[j][0] < at:  # out of every span that covers the cut
                if covered[j][1] > at:
                    at, moved = covered[j][1], True
                j += 1
        if at >= n:
            break
        out.append(at)
        target = at + size
    out.append(n)
    return out


def _get(span, key):
    return span[key] if isinstance(span, dict) else getattr(span, key)


def _within(spans: list, lo: int, hi: int) -> list:
    """The spans in ``[lo, hi)``, moved to offsets from *lo*."""
    out = []
    for s in spans:
        if lo <= _get(s, "start") and _get(s, "end") <= hi:
            if isinstance(s, dict):
                out.append({**s, "start": s["start"] - lo, "end": s["end"] - lo})
            else:
                out.append(dataclasses.replace(s, start=s.start - lo, end=s.end - lo))
    return out


def _write_long(out, doc_id: str, text: str, spans: list, operator: str, salt) -> None:
    """Write one long note's record piece by piece (the same JSON as for a short note)."""
    from ..privacy import anonymize

    salt = salt if salt is not None else os.urandom(16)  # one salt for the whole note
    out.write('{"id": ' + json.dumps(doc_id, ensure_ascii=False) + ', "text_redacted": "')
    bounds = cuts(text, [spans], LARGE)
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        piece = anonymize(text[lo:hi], _within(spans, lo, hi), operator, salt=salt)
        out.write(json.dumps(piece, ensure_ascii=False)[1:-1])
    out.write('", "spans": [')
    for i, s in enumerate(spans):
        out.write((", " if i else "") + json.dumps(s.to_dict()))
    out.write("]}\n")


# --------------------------------------------------------------------------- --evaluate, as running counts


class Scores:
    """Running totals for ``--evaluate``: token counts per label (as
    :func:`course.privacy.evaluate` counts them), how many identifiers leaked, per label
    and per document, and the first *keep* leaks; no note is kept.
    """

    def __init__(self, keep: int = SHOW_LEAKS) -> None:
        from ..privacy import Evaluation

        self.total = Evaluation()
        self.keep = keep
        self.leaks: list = []
        self.leak_labels: Counter = Counter()
        self.leaky_documents = 0

    def _merge(self, one) -> None:
        for f in dataclasses.fields(one):
            value = getattr(one, f.name)
            if isinstance(value, Counter):
                getattr(self.total, f.name).update(value)
            elif isinstance(value, int) and not isinstance(value, bool):
                setattr(self.total, f.name, getattr(self.total, f.name) + value)

    def add(self, doc, spans: list) -> None:
        """Score one document (``doc.spans``: its gold spans) against its predicted *spans*."""
        from ..privacy import evaluate

        bounds = [0, len(doc.text)] if len(doc.text) <= LARGE else cuts(doc.text, [doc.spans, spans], LARGE)
        leaks = []
        for lo, hi in zip(bounds, bounds[1:], strict=False):
            piece = {"id": doc.id, "text": doc.text[lo:hi], "spans": _within(doc.spans, lo, hi)}
            one = evaluate([piece], [_within(spans, lo, hi)])
            one.documents = 0
            self._merge(one)
            leaks += [dataclasses.replace(leak, start=leak.start + lo, end=leak.end + lo) for leak in one.leaks]
        self.total.documents += 1
        self.leaky_documents += bool(leaks)
        self.leak_labels.update(leak.label for leak in leaks)
        self.leaks += leaks[: max(0, self.keep - len(self.leaks))]

    @property
    def documents(self) -> int:
        """Documents scored so far."""
        return self.total.documents

    def summary(self) -> str:
        """The report: overall recall and precision, the per-label table, the leaks."""
        ev = self.total
        lines = [f"{ev.documents} documents: recall {ev.recall:.3f}, precision {ev.precision:.3f} "
                 "(token level; provider names scored apart)", "", ev.table().to_string(), ""]
        n = sum(self.leak_labels.values())
        if n:
            by_label = ", ".join(f"{k} {v}" for k, v in self.leak_labels.most_common())
            lines.append(f"{n} identifiers leaked (at least one token left visible), in {self.leaky_documents} "
                         f"of {ev.documents} documents: {by_label}")
            lines += [f"  {leak}" for leak in self.leaks]
            if n > len(self.leaks):
                lines.append(f"  ... and {n - len(self.leaks)} more")
        else:
            lines.append("No identifier leaked.")
        return "\n".join(lines)


# --------------------------------------------------------------------------- the command


def _batches(items, problems: list, say):
    """Group the stream of documents into batches for the pipeline; long notes alone."""
    from ..privacy.documents import Document

    batch, chars = [], 0
    for item in items:
        if not isinstance(item, Document):
            problems.append(item)
            say(f"skipped {item}", always=True)
            continue
        for note in item.notes:
            say(f"note: {note}")
        if not item.text.strip():
            say(f"note: {item.source} is empty; written out unchanged")
        if len(item.text) > LARGE:
            if batch:
                yield batch
                batch, chars = [], 0
            say(f"note: {item.source} is large ({len(item.text):,} characters); processed in parts "
                f"of about {LARGE:,} characters")
            yield [item]
            continue
        batch.append(item)
        chars += len(item.text)
        if len(batch) >= BATCH_NOTES or chars >= BATCH_CHARS:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def run(args) -> int:
    """Run the command; returns the exit status."""
    from ..privacy import ModelNotInstalled, Pipeline
    from ..privacy.documents import InputError, count_documents, iter_documents

    out_path = _checked_output(args)
    allow, deny = _terms(args.allow, "allow-list"), _terms(args.deny, "deny-list")
    try:
        items = iter_documents(args.input, max_bytes=int(args.max_size * 1_000_000))
        total = count_documents(args.input)
    except (InputError, OSError) as exc:
        raise BadInput(str(exc)) from None
    quiet = not chatter(args)
    show_progress = progress(args) and total > 1
    bar = None
    if show_progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc="de-identifying", unit="note", file=sys.stderr, mininterval=0.5)

    say = _sayer(bar, quiet)
    pipe = Pipeline(deny_list=deny, allow=allow, score_threshold=args.threshold)
    salt = os.environ.get(SALT_ENV)
    out = _open_output(out_path, bar)
    scores = Scores() if args.evaluate else None
    problems: list = []
    written = 0
    try:
        for batch in _batches(items, problems, say):
            if written == 0:  # the model and word lists, before the first memory zone
                pipe.load()
            results = _deidentify_batch(pipe, batch, out, args.operator, salt, show_progress)
            written += len(results)
            out.flush()
            _score(scores, results)
            if bar is not None:
                bar.n = written + len(problems)
                bar.refresh()
        out.flush()
    except ModelNotInstalled as exc:  # this machine lacks the language model
        raise Failed(str(exc)) from None
    except BrokenPipeError:  # the reader stopped early, e.g. `course deidentify notes.jsonl | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        return 0
    except OSError as exc:  # a disk that fills up, a file that vanishes while it is read
        where = f" ({exc.filename})" if exc.filename else ""
        raise BadInput(f"stopped after {written} document(s): {exc.strerror or exc}{where}") from None
    finally:
        if bar is not None:
            bar.n = written + len(problems)
            bar.close()
        if out_path:
            out.close()
    if out_path and not quiet:
        _say(f"wrote {written} document(s) to {out_path}" + (f"; skipped {len(problems)}" if problems else ""))
    elif problems and not out_path:
        _say(f"skipped {len(problems)} document(s)")
    if scores is not None:
        _print_scores(scores, to_stdout=bool(out_path))
    return 1 if problems else 0


def _score(scores, results: list) -> None:
    """With --evaluate: compare the spans found with the gold spans, where there are any."""
    if scores is None:
        return
    for doc, spans in results:
        if doc.spans is not None:
            scores.add(doc, spans)


def _sayer(bar, quiet: bool):
    """``say(message, always=False)``: a note on stderr that does not break the progress bar."""
    def say(message: str, always: bool = False) -> None:
        if always or not quiet:
            if bar is not None:
                bar.write(message, file=sys.stderr)
            else:
                _say(message)

    return say


def _open_output(out_path, bar):
    """The file the JSON lines go to (standard output without --out)."""
    if not out_path:
        return sys.stdout
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        return open(out_path, "w", encoding="utf-8", newline="\n")  # noqa: SIM115 - closed by run()
    except OSError as exc:
        if bar is not None:
            bar.close()
        raise BadInput(f"cannot write {out_path}: {exc.strerror}") from None


def _checked_output(args):
    """The output file (None: standard output), once the numeric options are known to be sane."""
    if not 0.0 <= args.threshold <= 1.0:
        raise BadInput("--threshold must be between 0 and 1.")
    if not args.max_size > 0:
        raise BadInput("--max-size must be a positive number of megabytes.")
    out_path = output_file(args.out, args.input)
    if out_path is not None and out_path.resolve() == args.input.resolve():
        raise BadInput("--out would overwrite the input; choose another file.")
    return out_path


def _deidentify_batch(pipe, batch: list, out, operator: str, salt: str | None, show_progress: bool) -> list:
    """De-identify one batch and write its JSON lines; returns ``[(document, spans), ...]``."""
    from ..privacy import anonymize

    if len(batch) == 1 and len(batch[0].text) > LARGE:
        doc = batch[0]
        spans = _analyze_long(pipe, doc.text, show_progress)
        _write_long(out, doc.id, doc.text, spans, operator, salt)
        return [(doc, spans)]
    with _memory_zone(pipe):
        results = list(zip(batch, pipe.analyze_batch(d.text for d in batch), strict=True))
    for doc, spans in results:
        record = {
            "id": doc.id,
            "text_redacted": anonymize(doc.text, spans, operator, salt=salt),
            "spans": [s.to_dict() for s in spans],
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return results


def _print_scores(scores, to_stdout: bool) -> None:
    """The --evaluate summary: on standard output when the notes went to a file, else on stderr."""
    if not scores.documents:
        raise BadInput("--evaluate needs input with gold 'spans' (a .jsonl file); nothing to evaluate.")
    try:
        print(scores.summary(), file=sys.stdout if to_stdout else sys.stderr, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
