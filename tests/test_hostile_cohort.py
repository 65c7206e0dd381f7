"""A deliberately hostile cohort, graded with ``course grade`` (issue 15).

Two walls, tested separately:

1. **No learner code runs** (``answers.literal_notebook``). Every cheat is in the cohort
   (patching ``course.checks`` and builtins, always-equal answers, output-as-score,
   ``NBGRADER_EXECUTION`` switching, gradebook triggers, escapes, secrets, sockets,
   processes, memory and disk bombs, output floods, hostile text). Honest learners are
   graded right; each cheater gets exactly what its literal answers earn (an honest
   "twin" with the same literals, graded in the same run); every cheat is reported by
   learner with a reason; nothing outside the learners' own copies changes.
2. **The sandbox holds** even if learner code did run (``_run_learner_code=True``, the
   engine's test-only switch): escapes, secrets, sockets, leftover processes, memory,
   disk and output attacks are all contained, other learners and the gradebook are
   untouched, and the cheats that work from outside the kernel (gradebook triggers,
   output-as-score, ``NBGRADER_EXECUTION``) still score 0.

Runs on the assignments whose solutions are all literal (computed, see
:func:`literal_assignments`): the main cohort on the cheapest of them, a smaller one on
three others (``SPREAD``).
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest
from test_grading_safety import assert_no_external_loads

from course.cli import main
from course.grading import engine, scores
from course.grading.answers import (
    R_ADDED_CODE,
    R_NOT_LITERAL,
    answer_cells,
    read_answer,
    render_answer,
)
from course.grading.notebook import HIDDEN, grade_id, nbgrader_meta, source
from helpers import ROOT, make_course_dir

pytestmark = pytest.mark.skipif(not engine.isolation_available(), reason="the grading sandbox needs Linux namespaces")

PREFERRED = ("00_welcome", "06_professional_orgs", "05_ethical_guidelines", "02_consent", "pre_test")
MARK = "hostile-" + secrets.token_hex(4)
SLEEP = "4242.25"


# --------------------------------------------------------------------------------------
# which assignments, and the notebooks a learner would hand in
# --------------------------------------------------------------------------------------
def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _pair(assignment: str) -> tuple[str, dict, dict]:
    src = next((ROOT / "solutions" / assignment).glob("*.ipynb"))
    return src.name, _load(ROOT / "exercises" / assignment / src.name), _load(src)


def literal_assignments() -> list[str]:
    """Assignments whose every code answer region is a literal (so grading runs no learner code)."""
    from course._paths import assignments

    out = []
    for a in assignments(ROOT / "solutions"):
        _, release, src = _pair(a)
        cells = answer_cells(release, src)
        if any(c.kind == "code" for c in cells.values()) and all(c.literal for c in cells.values() if c.kind == "code"):
            out.append(a)
    return out


LITERAL = literal_assignments()
MAIN = next((a for a in PREFERRED if a in LITERAL), LITERAL[0] if LITERAL else None)
# A smaller cohort on three more assignments that load what the others do not (Presidio and
# spaCy, the data files, the capstone's every tool); every assignment's own round-trip test
# grades its solution and wrong answers through the same literal-answers step.
SPREAD = ("01_privacy", "04_bias_fairness", "07_capstone")
OTHERS = [a for a in LITERAL if a != MAIN and a in SPREAD]


def _solution_values(assignment: str) -> dict[str, dict]:
    _, release, src = _pair(assignment)
    specs = answer_cells(release, src)
    by_id = {grade_id(c): c for c in src["cells"]}
    return {g: read_answer(source(by_id[g]), s.names).values for g, s in specs.items() if s.kind == "code"}


def _half(value: object, keep: bool) -> object:
    if isinstance(value, dict) and len(value) > 1:
        return dict(list(value.items())[: len(value) // 2])
    if isinstance(value, list) and len(value) > 1:
        return value[: len(value) // 2]
    return value if keep else ...


def twin_values(assignment: str, drop_first: bool = False) -> dict[str, dict]:
    """An honest partial answer set: some answers right, some halved, some blank."""
    out = {}
    for i, (gid, values) in enumerate(_solution_values(assignment).items()):
        out[gid] = {n: _half(v, keep=i % 2 == 1) for n, v in values.items()}
        if drop_first and i == 0:
            out[gid] = {n: ... for n in values}
    return out


def notebook(assignment: str, answers: dict[str, dict] | None, *, added: list[str] = (), inline: str | None = None,
             comment: str = "", markdown: str | None = None) -> dict:
    """The release with *answers* typed in, *added* code cells after the first code cell,
    *inline* code prepended to the first answer cell, and a written (Markdown) answer."""
    _, release, _ = _pair(assignment)
    nb = json.loads(json.dumps(release))
    first_code_answer = None
    for cell in nb["cells"]:
        gid, meta = grade_id(cell), nbgrader_meta(cell)
        if gid and meta.get("solution") and cell["cell_type"] == "code":
            first_code_answer = first_code_answer or gid
            if answers and gid in answers:
                cell["source"] = comment + render_answer(answers[gid])
            if inline and gid == first_code_answer:
                cell["source"] = inline + "\n" + "".join(cell["source"])
        elif gid and meta.get("solution") and markdown is not None:
            cell["source"] = markdown
    at = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code") + 1
    for k, code in enumerate(added):
        nb["cells"].insert(at + k, {"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                    "source": code, "id": f"attack-{k}"})
    return nb


def place(root: Path, student: str, assignment: str, nb: dict) -> None:
    name, _, _ = _pair(assignment)
    folder = root / "submitted" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")


def _hashes(top: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    out = {}
    for p in sorted(top.rglob("*")):
        rel = p.relative_to(top).as_posix()
        if p.is_file() and not any(rel == s or rel.startswith(s + "/") for s in skip):
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _outputs(root: Path) -> str:
    """Everything the kernels printed or displayed (not the cells' code)."""
    texts = []
    for path in (root / "autograded").rglob("*.ipynb"):
        for cell in _load(path).get("cells", []):
            for out in cell.get("outputs", []):
                texts.append(source({"source": out.get("text", "")}))
                texts.append(str(out.get("evalue", "")))
                texts.extend(source({"source": v}) for v in (out.get("data") or {}).values() if isinstance(v, (str, list)))
    return "\n".join(texts)


# --------------------------------------------------------------------------------------
# the attacks (Python that a hostile learner might write)
# --------------------------------------------------------------------------------------
PATCH_GRADE = "import course.checks._core as core\ncore.Question.grade = lambda self, *a, **k: None\n"
PATCH_CHECKERS = (
    "import course.checks._core as core, sys\n"
    "for mod in [m for n, m in list(sys.modules.items()) if n.startswith('course.checks.')]:\n"
    "    for q in list(vars(mod).values()):\n"
    "        if isinstance(q, core.Question):\n"
    "            q._checker = lambda *a, **k: None\n"
    "            q._blank = lambda a: False\n"
)
PATCH_BUILTINS = ("import builtins\nbuiltins.sorted = lambda *a, **k: ['A', 'C', 'D', 'F', 'H']\n"
                  "builtins.set = lambda *a, **k: {'A', 'C', 'D', 'F', 'H'}\n")
GRADE_RETURNS_TEXT = "import course.checks._core as core\ncore.Question.grade = lambda self, *a, **k: 'full marks, honestly'\n"
ALWAYS_EQUAL = ("class Always(dict):\n    def __eq__(self, other): return True\n    def __ne__(self, other): return False\n"
                "    def __hash__(self): return 0\n    def __bool__(self): return True\n")
OUTPUT_AS_SCORE = (
    "from IPython import get_ipython\nfrom IPython.display import display, clear_output\nip = get_ipython()\n"
    "def forge(*_):\n    clear_output()\n    display(1e9)\n    print(1e9)\n"
    "ip.events.register('post_run_cell', forge)\n"
    "k = ip.kernel\n"
    "def fake(*_):\n"
    "    try:\n"
    "        k.session.send(k.iopub_socket, 'execute_result', {'data': {'text/plain': '1000000'}, 'metadata': {},"
    " 'execution_count': 1}, parent=k.get_parent('shell'))\n"
    "    except Exception:\n        pass\n"
    "ip.events.register('post_execute', fake)\n"
)
NBGRADER_SWITCH = (
    "import os\nif os.environ.get('NBGRADER_EXECUTION'):\n"
    "    import course.checks._core as core\n    core.Question.grade = lambda self, *a, **k: None\n"
    "    print('ESCAPED: knew it was ' + os.environ['NBGRADER_EXECUTION'])\n"
)


def trigger_attack(real_gradebook: Path) -> str:
    return (
        "import sqlite3, glob\n"
        f"for p in ['../../../gradebook.db', {str(real_gradebook)!r}] + glob.glob('/tmp/*/*/gradebook.db') + glob.glob('/tmp/*/templates/*/gradebook.db'):\n"
        "    try:\n"
        "        con = sqlite3.connect('file:' + p + '?mode=rw', uri=True)\n"
        "        con.execute('create trigger cheat after update on grade begin update grade set auto_score = 99 where id = new.id; end')\n"
        "        con.execute(\"insert into course_certificate(code) values ('FAKE')\") if 0 else None\n"
        "        con.commit()\n"
        "        print('ESCAPED trigger in', p)\n"
        "    except Exception as exc:\n"
        "        print('blocked trigger', p, type(exc).__name__)\n"
    )


def escape_attack(root: Path, victim: Path, outside: Path) -> str:
    reads = [str(p) for p in (next((root / "solutions").rglob("*.ipynb")), root / "gradebook.db", victim, outside,
                              Path.home() / ".bash_history", Path("/etc/shadow"))]
    writes = [str(p) for p in (victim, root / "gradebook.db", outside, root / "nbgrader_config.py", root / "new-file.txt")]
    return (
        "import ctypes, os, subprocess\nlibc = ctypes.CDLL(None, use_errno=True)\nres = []\n"
        "for cmd in (['umount', '-l', '/'], ['umount', '/usr'], ['mount', '-o', 'remount,rw', '/'],\n"
        "            ['mount', '-o', 'remount,bind,rw', '/usr'], ['mount', '-t', 'tmpfs', 'x', '/usr']):\n"
        "    try:\n"
        "        r = subprocess.run(cmd, capture_output=True, timeout=10)\n"
        "        res.append(('ESCAPED ' if r.returncode == 0 else 'blocked ') + ' '.join(cmd))\n"
        "    except Exception as exc:\n        res.append('blocked ' + ' '.join(cmd) + ' ' + type(exc).__name__)\n"
        "res.append('ESCAPED umount2' if libc.umount2(b'/usr', 2) == 0 else 'blocked umount2')\n"
        "res.append('ESCAPED mount' if libc.mount(None, b'/', None, 32 | 4096, None) == 0 else 'blocked remount /')\n"
        "res.append('ESCAPED unshare' if libc.unshare(0x10000000 | 0x00020000) == 0 else 'blocked unshare')\n"
        "res.append('ESCAPED setuid' if libc.setuid(0) == 0 and os.getuid() == 0 and os.geteuid() == 0 and "
        "open('/proc/self/status').read().count('CapEff:\\t0000000000000000') == 0 else 'blocked setuid')\n"
        f"for p in {reads!r}:\n"
        "    try:\n        open(p, 'rb').read(10)\n        res.append('ESCAPED read ' + p)\n"
        "    except Exception as exc:\n        res.append('blocked read ' + p + ' ' + type(exc).__name__)\n"
        f"for p in {writes!r}:\n"
        "    try:\n        open(p, 'a').write('tampered')\n        res.append('ESCAPED write ' + p)\n"
        "    except Exception as exc:\n        res.append('blocked write ' + p + ' ' + type(exc).__name__)\n"
        "print(chr(10).join(res))\n"
    )


def secret_attack() -> str:
    """Look for the facilitator's secrets everywhere the kernel can: its environment,
    /proc, the secret file, and all of its own memory (what a fork would inherit). It
    prints every candidate it finds; the test checks none is the real value."""
    return (
        "import ctypes, os, re\nfound = []\n"
        "ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE: let this process read its own memory\n"
        "pattern = re.compile(rb'(?:pg-password|certificate-secret)-[0-9a-f]{16}')\n"
        "for k in ('PGPASSWORD', 'COURSE_DB_URL', 'COURSE_SECRET_FILE', 'NBGRADER_EXECUTION', 'COURSE_ROOT'):\n"
        "    if k in os.environ:\n        found.append('ESCAPED env ' + k)\n"
        f"for p in ['/proc/self/environ', '/proc/1/environ', '/proc/1/cmdline', {os.environ.get('COURSE_SECRET_FILE', '/nonexistent')!r}]:\n"
        "    try:\n        data = open(p, 'rb').read()\n"
        "    except Exception as exc:\n        found.append('blocked ' + p + ' ' + type(exc).__name__)\n        continue\n"
        "    found += [m.decode() for m in pattern.findall(data)]\n"
        "with open('/proc/self/maps') as maps, open('/proc/self/mem', 'rb', 0) as mem:\n"
        "    for line in maps:\n"
        "        lo, hi = (int(x, 16) for x in line.split()[0].split('-'))\n"
        "        if 'r' not in line.split()[1] or hi - lo > 2**30:\n            continue\n"
        "        try:\n            mem.seek(lo)\n            chunk = mem.read(hi - lo)\n"
        "        except (OSError, ValueError, OverflowError):\n            continue\n"
        "        found += [m.decode() for m in pattern.findall(chunk)]\n"
        "print('checked memory', found)\n"
    )


def socket_attack(fs_socket: Path, abstract: str) -> str:
    return (
        "import socket, os\n"
        f"for addr in [{str(fs_socket)!r}, '\\0' + {abstract!r}, '/run/dbus/system_bus_socket', '/var/run/docker.sock']:\n"
        "    s = socket.socket(socket.AF_UNIX)\n"
        "    try:\n        s.connect(addr)\n        s.sendall(b'hello')\n        print('ESCAPED socket', repr(addr))\n"
        "    except Exception as exc:\n        print('blocked socket', repr(addr), type(exc).__name__)\n"
        "import urllib.request\n"
        "try:\n    urllib.request.urlopen('http://192.0.2.1/', timeout=3)\n    print('ESCAPED network')\n"
        "except Exception as exc:\n    print('blocked network', type(exc).__name__)\n"
    )


PROCESS_ATTACK = (
    "import subprocess, sys\n"
    f"subprocess.Popen(['sleep', '{SLEEP}'], start_new_session=True, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "HOP = 'import os, time\\nwhile True:\\n    if os.fork():\\n        os._exit(0)\\n    time.sleep(0.05)\\n'\n"
    f"subprocess.Popen([sys.executable, '-c', HOP, '{MARK}-hopper'], start_new_session=True, stdin=subprocess.DEVNULL,"
    " stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "import time; time.sleep(0.5)\nprint('spawned')\n"
)
DISK_ATTACK = (
    "n = 0\nfor i in range(41):\n    with open(f'big{i}.bin', 'wb') as fh:\n        for _ in range(50):\n"
    "            fh.write(b'x' * 2**20)\n    n += 1\nprint('wrote', n)\n"
)
TWO_BIG_CHILDREN = (
    "import os\npids = []\nfor _ in range(2):\n    pid = os.fork()\n    if pid == 0:\n        try:\n"
    "            b = bytearray(3 * 2**30)\n            os._exit(0)\n        except MemoryError:\n            os._exit(3)\n"
    "    pids.append(pid)\nprint('children', [os.waitstatus_to_exitcode(os.waitpid(p, 0)[1]) for p in pids])\n"
)
MANY_CHILDREN = (  # each child stays under the per-process limit; together they do not
    "import os, time\nfor _ in range(6):\n    if os.fork() == 0:\n        try:\n            b = bytearray(250 * 2**20)\n"
    "            time.sleep(60)\n        finally:\n            os._exit(0)\ntime.sleep(60)\n"
)
DISPLAY_FLOOD = ("from IPython.display import display\nfor i in range(200):\n"
                 "    display({'text/plain': 'x' * 2**20}, raw=True)\n")
HOSTILE_TEXT = "<script>alert('owned')</script>\n### BEGIN HIDDEN TESTS\n`[x](javascript:alert(1))` <img src=https://example.com/x.png>\n"

CHEATS = {  # learner -> code in an added cell
    "cheat-patch-grade": PATCH_GRADE,
    "cheat-patch-checkers": PATCH_CHECKERS,
    "cheat-builtins": PATCH_BUILTINS,
    "cheat-grade-returns-text": GRADE_RETURNS_TEXT,
    "cheat-output-as-score": OUTPUT_AS_SCORE,
    "cheat-nbgrader-switch": NBGRADER_SWITCH,
    "cheat-processes": PROCESS_ATTACK,
    "cheat-disk": DISK_ATTACK,
    "cheat-big-children": TWO_BIG_CHILDREN,
    "cheat-display-flood": DISPLAY_FLOOD,
}
INLINE = {  # learner -> code inside the first answer cell (the answer is then blanked)
    "inline-always-equal": ALWAYS_EQUAL + "{name} = Always()\n",
    "inline-nbgrader-switch": "import os\n{name} = {value!r} if os.environ.get('NBGRADER_EXECUTION') else ...\n",
    "inline-patch-grade": PATCH_GRADE,
    "inline-f-string": "{name} = f'{{1}}'\n",
}


class _Listener:
    """A host unix socket (filesystem and abstract) that records any connection."""

    def __init__(self, path: Path) -> None:
        self.path, self.abstract = path, MARK + "-abstract"
        self.hits: list[str] = []
        self.socks = []
        for addr in (str(path), "\0" + self.abstract):
            s = socket.socket(socket.AF_UNIX)
            s.bind(addr)
            s.listen(4)
            s.settimeout(0.2)
            self.socks.append(s)
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop:
            for s in self.socks:
                try:
                    conn, _ = s.accept()
                except (TimeoutError, OSError):
                    continue
                self.hits.append(repr(s.getsockname()))
                conn.close()

    def close(self) -> None:
        self.stop = True
        self.thread.join(2)
        for s in self.socks:
            s.close()


def _leftovers() -> list[str]:
    """Processes a submission started that are still alive (a few seconds' grace)."""
    import time

    for _ in range(50):
        out = []
        for proc in psutil.process_iter(["cmdline", "status"]):
            cmd = " ".join(proc.info.get("cmdline") or [])
            if (SLEEP in cmd or f"{MARK}-hopper" in cmd) and proc.info.get("status") != psutil.STATUS_ZOMBIE:
                out.append(f"{proc.pid}: {cmd[:80]}")
        if not out:
            return []
        time.sleep(0.1)
    return out


@pytest.fixture
def secrets_env(tmp_path, monkeypatch):
    """The facilitator's secrets, planted where a careless set-up would leave them."""
    secret_value = "certificate-secret-" + secrets.token_hex(8)
    password = "pg-password-" + secrets.token_hex(8)
    (tmp_path / "course.secret").write_text(secret_value, encoding="utf-8")
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "course.secret"))
    monkeypatch.setenv("PGPASSWORD", password)
    return tmp_path, secret_value, password


# --------------------------------------------------------------------------------------
# wall 1: no learner code runs
# --------------------------------------------------------------------------------------
def _literal_cohort(tmp: Path, secrets_env):
    sdir, secret_value, password = secrets_env
    root = make_course_dir(tmp, [MAIN, *OTHERS])
    outside = tmp / "outside.txt"
    outside.write_text("nobody may change this", encoding="utf-8")
    full = _solution_values(MAIN)
    twin = twin_values(MAIN)
    twin_minus = twin_values(MAIN, drop_first=True)
    first_gid = next(iter(full))
    first_name = next(iter(full[first_gid]))
    place(root, "honest-solution", MAIN, notebook(MAIN, full))
    place(root, "honest-blank", MAIN, notebook(MAIN, None))
    place(root, "honest-twin", MAIN, notebook(MAIN, twin))
    place(root, "honest-twin-minus-first", MAIN, notebook(MAIN, twin_minus))
    victim = root / "submitted" / "honest-solution" / MAIN / _pair(MAIN)[0]
    listener = _Listener(tmp / "host.sock")
    attacks = {
        **CHEATS,
        "cheat-trigger": trigger_attack(root / "gradebook.db"),
        "cheat-escape": escape_attack(root, victim, outside),
        "cheat-secrets": secret_attack(),
        "cheat-socket": socket_attack(listener.path, listener.abstract),
    }
    for who, code in attacks.items():
        place(root, who, MAIN, notebook(MAIN, twin, added=[code, code]))
    for who, code in INLINE.items():
        inline = code.format(name=first_name, value=full[first_gid][first_name])
        place(root, who, MAIN, notebook(MAIN, twin, inline=inline))
    place(root, "hostile-text", MAIN, notebook(MAIN, twin, comment="# ### BEGIN HIDDEN TESTS\n", markdown=HOSTILE_TEXT))
    odd_ids = ["<script>alert(1)", "=HYPERLINK(\"example.com\")", "+SUM(1)", "-2+3", "@SUM(A1)"]
    for who in odd_ids:
        place(root, who, MAIN, notebook(MAIN, twin))
    for a in OTHERS:  # full marks for solutions is every module's own test; here: cheats earn nothing
        place(root, "honest-twin-minus-first", a, notebook(a, twin_values(a, drop_first=True)))
        first = next(iter(_solution_values(a)))
        name = next(iter(_solution_values(a)[first]))
        place(root, "cheat-everything", a, notebook(a, twin_values(a, drop_first=True), added=list(CHEATS.values()),
                                                    inline=ALWAYS_EQUAL + f"{name} = Always()\n"))
    # the register and the gradebook exist before grading, with a certificate row to protect
    from course.grading.gradebook import open_gradebook

    with open_gradebook(f"sqlite:///{root / 'gradebook.db'}"):
        pass
    con = sqlite3.connect(root / "gradebook.db")
    con.execute("create table if not exists course_certificate (code text primary key, student_id text, hours real)")
    con.execute("insert into course_certificate values ('KEEP-0000-0001', 'someone', 1.5)")
    con.commit()
    con.close()
    before = {"submitted": _hashes(root / "submitted"), "outside": outside.read_bytes(),
              "secret": (sdir / "course.secret").read_bytes(), "root": _hashes(root, ("submitted", "autograded", "gradebook.db"))}
    try:
        reports = engine.grade(None, root, workers=2, progress=False, limits=engine.Limits(cell_timeout=60))
    finally:
        listener.close()
    return root, reports, before, listener, odd_ids, outside, sdir


def _notes(report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for w in report.warnings:
        out.setdefault(w.student, []).append(w.reason)
    return out


def _check_wall1_honest_learners_are_graded_right_and_cheaters_earn_exactly_their_literals(literal_cohort):
    root, reports, *_ = literal_cohort
    report = reports[MAIN]
    assert not report.problems, report.problems
    got = scores(MAIN, root)
    full = {q: max_ for q, max_ in _max_points(root, MAIN).items()}
    assert got["honest-solution"] == full
    assert sum(got["honest-blank"].values()) == 0
    twin, twin_minus = got["honest-twin"], got["honest-twin-minus-first"]
    assert 0 < sum(twin.values()) < sum(full.values()), "the twin must earn some points, not all"
    for who in [*CHEATS, "cheat-trigger", "cheat-escape", "cheat-secrets", "cheat-socket", "hostile-text"]:
        assert got[who] == twin, who
    for who in INLINE:
        assert got[who] == twin_minus, who
    notes = _notes(report)
    for who in [*CHEATS, "cheat-trigger", "cheat-escape", "cheat-secrets", "cheat-socket"]:
        assert any(n.startswith(R_ADDED_CODE) for n in notes[who]), who
    for who in INLINE:
        assert any(n.startswith(R_NOT_LITERAL) for n in notes[who]), who
    for who in ("honest-solution", "honest-blank", "honest-twin", "honest-twin-minus-first"):
        assert who not in notes, (who, notes.get(who))


def _check_wall1_holds_on_every_literal_assignment(literal_cohort):
    root, reports, *_ = literal_cohort
    assert len(OTHERS) == len(SPREAD), OTHERS
    for a in OTHERS:
        got = scores(a, root)
        assert not reports[a].problems, (a, reports[a].problems)
        assert sum(got["honest-twin-minus-first"].values()) < sum(_max_points(root, a).values()), a
        assert got["cheat-everything"] == got["honest-twin-minus-first"], a
        notes = _notes(reports[a])["cheat-everything"]
        assert any(n.startswith(R_ADDED_CODE) for n in notes) and any(n.startswith(R_NOT_LITERAL) for n in notes)


def _check_wall1_nothing_outside_the_learners_copies_changes(literal_cohort):
    root, _reports, before, listener, _ids, outside, sdir = literal_cohort
    assert _hashes(root / "submitted") == before["submitted"]
    assert _hashes(root, ("submitted", "autograded", "gradebook.db")) == before["root"]
    assert outside.read_bytes() == before["outside"] and (sdir / "course.secret").read_bytes() == before["secret"]
    con = sqlite3.connect(root / "gradebook.db")
    assert con.execute("pragma integrity_check").fetchone() == ("ok",)
    assert con.execute("select count(*) from sqlite_master where type = 'trigger'").fetchone() == (0,)
    assert con.execute("select * from course_certificate").fetchall() == [("KEEP-0000-0001", "someone", 1.5)]
    assert listener.hits == []
    assert _leftovers() == []
    assert "ESCAPED" not in _outputs(root) and "spawned" not in _outputs(root)


def _check_feedback_and_reports_are_safe_to_open(literal_cohort, capsys):
    root, _reports, _before, _l, odd_ids, *_ = literal_cohort
    os.environ["COURSE_ROOT"] = str(root)  # restored by the test's monkeypatch
    assert main(["feedback", "--no-progress"]) == 0
    pages = {p: p.read_text(encoding="utf-8") for p in (root / "feedback").rglob("*.html")}
    graded = {s for r in _reports.values() for s in r.graded}
    assert {p.relative_to(root / "feedback").parts[0] for p in pages} == graded
    hidden = _hidden_lines()
    for path, page in pages.items():
        assert_no_external_loads(page)
        assert "<script" not in page.lower(), path
        for line in hidden:
            assert line not in page, (path, line)
    hostile = next(page for p, page in pages.items() if p.parts[-3] == "hostile-text")
    assert "&lt;script&gt;alert('owned')&lt;/script&gt;" in hostile and 'href="javascript' not in hostile.lower()
    scripted = next(page for p, page in pages.items() if p.parts[-3] == "<script>alert(1)")
    assert "&lt;script&gt;alert(1)" in scripted
    assert main(["report"]) == 0
    capsys.readouterr()
    rows = list(csv.reader((root / "reports" / "grades.csv").open(encoding="utf-8")))
    learners = {r[0] for r in rows[1:]}
    for odd in odd_ids[1:]:
        assert odd not in learners and "'" + odd in learners, odd
    for row in rows:
        for cell in row:
            assert cell[:1] not in "=+@" or not cell, cell


def _check_nbgrader_generate_feedback_writes_the_safe_page(literal_cohort):
    root, *_ = literal_cohort
    env = dict(os.environ, PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    shutil.rmtree(root / "feedback", ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "generate_feedback", MAIN, "--student", "honest-twin",
                           f"--CourseDirectory.root={root}", "--force"], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    pages = list((root / "feedback" / "honest-twin" / MAIN).glob("*.html"))
    assert pages, list((root / "feedback").rglob("*"))
    page = pages[0].read_text(encoding="utf-8")
    assert "Autograded score:" in page
    assert_no_external_loads(page)
    for line in _hidden_lines():
        assert line not in page
    assert "<script" not in page.lower()


def _max_points(root: Path, assignment: str) -> dict[str, float]:
    from course.grading.results import load_results

    _, questions, _ = load_results(f"sqlite:///{root / 'gradebook.db'}")
    return dict(questions[assignment])


def _hidden_lines() -> list[str]:
    out = []
    for a in LITERAL:
        _, _, src = _pair(a)
        for cell in src["cells"]:
            for block in HIDDEN.findall(source(cell)):
                out += [ln.strip() for ln in block.splitlines()[1:-1] if len(ln.strip()) > 15]
    return out


# --------------------------------------------------------------------------------------
# wall 2: the sandbox holds even if learner code runs
# --------------------------------------------------------------------------------------
SANDBOX_LIMITS = engine.Limits(cell_timeout=30, memory_mb=1024, output_mb=1, notebook_mb=8, file_mb=50, disk_mb=128,
                               processes=64)


def _sandbox_cohort(tmp: Path, secrets_env):
    sdir, secret_value, password = secrets_env
    root = make_course_dir(tmp, [MAIN])
    outside = tmp / "outside.txt"
    outside.write_text("nobody may change this", encoding="utf-8")
    full = _solution_values(MAIN)
    place(root, "victim", MAIN, notebook(MAIN, full))
    place(root, "blank", MAIN, notebook(MAIN, None))
    victim = root / "submitted" / "victim" / MAIN / _pair(MAIN)[0]
    listener = _Listener(tmp / "host.sock")
    attacks = {
        "escape": escape_attack(root, victim, outside),
        "trigger": trigger_attack(root / "gradebook.db"),
        "secrets": secret_attack(),
        "socket": socket_attack(listener.path, listener.abstract),
        "processes": PROCESS_ATTACK,
        "disk": DISK_ATTACK,
        "big-children": TWO_BIG_CHILDREN,
        "many-children": MANY_CHILDREN,
        "display-flood": DISPLAY_FLOOD,
        "output-as-score": OUTPUT_AS_SCORE,
        "nbgrader-switch": NBGRADER_SWITCH,
    }
    for who, code in attacks.items():
        place(root, who, MAIN, notebook(MAIN, None, added=[code]))
    from course.grading.gradebook import open_gradebook

    with open_gradebook(f"sqlite:///{root / 'gradebook.db'}"):
        pass
    before = {"submitted": _hashes(root / "submitted"), "outside": outside.read_bytes(),
              "root": _hashes(root, ("submitted", "autograded", "gradebook.db"))}
    try:
        reports = engine.grade([MAIN], root, workers=2, progress=False, limits=SANDBOX_LIMITS, _run_learner_code=True)
    finally:
        listener.close()
    return root, reports[MAIN], before, listener, outside, (secret_value, password)


def _check_wall2_contains_every_attack(sandbox_cohort):
    root, report, before, listener, outside, planted = sandbox_cohort
    text = _outputs(root)
    for value in planted:
        assert value not in text, "a secret of the facilitator reached the kernel"
    assert "ESCAPED" not in text, re.findall(r"ESCAPED.{0,80}", text)[:5]
    assert "blocked umount2" in text and "blocked read" in text and "blocked socket" in text
    assert "checked memory" in text, "the secrets attack did not run to the end"
    assert "spawned" in text, "the process attack did not run"
    assert "children [3, 3]" in text, "each 3 GB child should have been refused its memory"
    assert _hashes(root / "submitted") == before["submitted"]
    assert _hashes(root, ("submitted", "autograded", "gradebook.db")) == before["root"]
    assert outside.read_bytes() == before["outside"]
    assert listener.hits == []
    assert _leftovers() == []
    con = sqlite3.connect(root / "gradebook.db")
    assert con.execute("select count(*) from sqlite_master where type = 'trigger'").fetchone() == (0,)


def _check_wall2_limits_stop_the_bombs_and_every_problem_is_reported(sandbox_cohort):
    root, report, *_ = sandbox_cohort
    problems = {p.student: p.reason for p in report.problems}
    notes = _notes(report)
    assert "many-children" in problems and "memory" in problems["many-children"], problems
    assert any(engine.R_BLOCKED in n for n in notes.get("disk", [])), notes.get("disk")
    assert any(engine.R_OUTPUT in n for n in notes.get("display-flood", [])), notes.get("display-flood")
    flood = next((root / "autograded" / "display-flood").rglob("*.ipynb"))
    assert flood.stat().st_size < (SANDBOX_LIMITS.notebook_mb + 2) * 2**20
    got = scores(MAIN, root)
    assert got["victim"] == _max_points(root, MAIN)
    # the cheats that work from outside the kernel fail even when learner code runs
    for who in ("blank", "trigger", "output-as-score", "nbgrader-switch"):
        assert sum(got[who].values()) == 0, (who, got[who])


@pytest.mark.slow
def test_wall1_the_hostile_cohort_gets_only_what_its_literal_answers_earn(tmp_path, secrets_env, monkeypatch, capsys):
    """Wall 1, on the main assignment and three more; then feedback, reports and nbgrader's own feedback."""
    if MAIN is None:
        pytest.skip("no assignment has all-literal solutions yet")
    monkeypatch.setenv("COURSE_ROOT", str(tmp_path))
    cohort = _literal_cohort(tmp_path / "literal", secrets_env)
    _check_wall1_honest_learners_are_graded_right_and_cheaters_earn_exactly_their_literals(cohort)
    _check_wall1_holds_on_every_literal_assignment(cohort)
    _check_wall1_nothing_outside_the_learners_copies_changes(cohort)
    _check_feedback_and_reports_are_safe_to_open(cohort, capsys)
    _check_nbgrader_generate_feedback_writes_the_safe_page(cohort)


@pytest.mark.slow
def test_wall2_the_sandbox_holds_when_learner_code_runs(tmp_path, secrets_env):
    """Wall 2: the same attacks, run for real in the grading kernel."""
    if MAIN is None:
        pytest.skip("no assignment has all-literal solutions yet")
    cohort = _sandbox_cohort(tmp_path / "sandbox", secrets_env)
    _check_wall2_contains_every_attack(cohort)
    _check_wall2_limits_stop_the_bombs_and_every_problem_is_reported(cohort)


# --------------------------------------------------------------------------------------
# no namespaces: refuse, unless the facilitator says --sandbox off
# --------------------------------------------------------------------------------------
@pytest.mark.slow
def test_without_namespaces_course_grade_refuses_unless_sandbox_off(tmp_path):
    if not shutil.which("unshare"):
        pytest.skip("needs unshare(1) to take namespaces away")
    root = make_course_dir(tmp_path, [MAIN])
    place(root, "learner", MAIN, notebook(MAIN, _solution_values(MAIN)))
    no_userns = "echo 0 > /proc/sys/user/max_user_namespaces && exec \"$@\""
    env = dict(os.environ, COURSE_ROOT=str(root))
    cmd = ["unshare", "--user", "--map-root-user", "--mount", "sh", "-c", no_userns, "sh",
           sys.executable, "-m", "course", "grade", MAIN, "--no-progress"]
    refused = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "sandbox is not available" in refused.stderr and "--sandbox off" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (root / "autograded").exists()
    allowed = subprocess.run([*cmd, "--sandbox", "off"], env=env, capture_output=True, text=True, timeout=600, check=False)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert "graded 1 of 1" in allowed.stdout
    assert scores(MAIN, root)["learner"] == _max_points(root, MAIN)
