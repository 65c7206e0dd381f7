"""The facilitator toolkit against a real PostgreSQL server that this test starts.

Uses Debian's postgresql (``.ci/run`` installs it when missing). Nothing is skipped: if
PostgreSQL is not installed or will not start, the test fails and says why.
"""

from __future__ import annotations

import csv
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from course import grading
from course.cli import main
from course.grading.collect import collect
from helpers import ROOT, make_course_dir

A = "00_welcome"


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    if found:
        return found[-1].parent
    which = shutil.which("initdb")
    if which:
        return Path(which).parent
    message = "PostgreSQL is not installed: run `apt-get install -y postgresql` (.ci/run does this)"
    if os.environ.get("CI"):  # in CI a missing server is an error, never a skip
        pytest.fail(message, pytrace=False)
    pytest.skip(message + " - skipped outside CI")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str], user: str | None) -> list[str]:
    if user is None:
        return cmd
    return ["su", user, "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]


@pytest.fixture(scope="module")
def postgres_url():
    pg = _pg_bin()
    user = None
    if os.geteuid() == 0:  # initdb refuses to run as root
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root, but there is no 'postgres' user to run the server", pytrace=False)
        user = "postgres"
    base = Path(tempfile.mkdtemp(prefix="course-pg-"))
    data, sock, log = base / "data", base / "sock", base / "server.log"
    sock.mkdir()
    if user:
        info = pwd.getpwnam(user)
        os.chown(base, info.pw_uid, info.pw_gid)
        os.chown(sock, info.pw_uid, info.pw_gid)
    port = _free_port()
    steps = [
        [str(pg / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"],
        [str(pg / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60", "-o",
         f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off", "start"],
    ]
    for step in steps:
        done = subprocess.run(_as_server_user(step, user), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            logtext = log.read_text() if log.exists() else ""
            shutil.rmtree(base, ignore_errors=True)
            pytest.fail(f"PostgreSQL did not start ({step[0]}):\n{done.stdout}\n{done.stderr}\n{logtext}", pytrace=False)
    import psycopg2

    try:
        for _ in range(50):
            try:
                con = psycopg2.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres")
                break
            except psycopg2.OperationalError:
                time.sleep(0.2)
        else:
            pytest.fail("PostgreSQL started but refuses connections", pytrace=False)
        con.autocommit = True
        con.cursor().execute("CREATE DATABASE gradebook")
        con.close()
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        subprocess.run(_as_server_user([str(pg / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], user),
                       capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)


def _wrong() -> bytes:
    nb = json.loads((ROOT / "exercises" / A / "00_welcome.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "m00_q2":
            cell["source"] = "".join(cell["source"]).replace("answer_q2 = ...", 'answer_q2 = "c"')
    return json.dumps(nb).encode()


@pytest.mark.slow
def test_whole_lifecycle_on_postgresql(postgres_url, tmp_path, monkeypatch, capsys):
    import psycopg2

    root = make_course_dir(tmp_path, [A])
    monkeypatch.setenv("COURSE_ROOT", str(root))
    monkeypatch.setenv("COURSE_SECRET_FILE", str(tmp_path / "secret"))
    src = tmp_path / "returned"
    src.mkdir()
    (src / "Ada Byron - 00_welcome.ipynb").write_bytes((ROOT / "solutions" / A / "00_welcome.ipynb").read_bytes())
    (src / "byron_ada_late_00_welcome.ipynb").write_bytes((ROOT / "solutions" / A / "00_welcome.ipynb").read_bytes())
    (src / "Cy Young 00_welcome.ipynb").write_bytes(_wrong())
    roster = tmp_path / "roster.csv"
    roster.write_text("id,name\nab1,Ada Byron\ncy2,Cy Young\n", encoding="utf-8")
    placed = collect(src, root, roster=roster, db_url=postgres_url)
    assert sorted((p.student, p.status) for p in placed) == [("ab1", "duplicate"), ("ab1", "new"), ("cy2", "new")]

    assert main(["grade", "--workers", "2", "--db-url", postgres_url, "--no-progress", "--cell-timeout", "30"]) == 0
    assert "graded 2 of 2" in capsys.readouterr().out
    assert not (root / "gradebook.db").exists(), "grading wrote a SQLite gradebook instead of PostgreSQL"
    con = psycopg2.connect(postgres_url)
    cur = con.cursor()
    cur.execute("SELECT id, first_name, last_name, email, lms_user_id FROM student ORDER BY id")
    assert cur.fetchall() == [("ab1", "Ada Byron", None, None, None), ("cy2", "Cy Young", None, None, None)]
    totals = {sid: sum(q.values()) for sid, q in grading.scores(A, root, db_url=postgres_url).items()}
    assert totals == {"ab1": 6.0, "cy2": 1.0}

    assert main(["report", "--db-url", postgres_url]) == 0
    grades = {r["learner"]: r["total"] for r in csv.DictReader((root / "reports/grades.csv").open(encoding="utf-8"))}
    assert grades == {"ab1": "6", "cy2": "1"}
    assert main(["feedback", "--db-url", postgres_url, "--no-progress"]) == 0
    # The completion rule (tested in test_ce.py) needs a post-test and an evaluation: module 00
    # alone earns nothing, and the output says why. The register itself lives in PostgreSQL.
    (root / "ce.toml").write_text('[provider]\nname = "Example Provider"\n[session]\nformat = "self-paced"\n',
                                  encoding="utf-8")
    assert main(["certificates", "--db-url", postgres_url]) == 0
    out = capsys.readouterr().out
    assert "Certificate issued (0):" in out and "ab1: post-test not submitted" in out
    from course.grading import certificates as certs
    from course.grading.ce_config import load_ce
    from course.syllabus import load

    fields = certs.certificate_fields(name="Ada Byron", student="ab1", course_id="ai-guardrails", syllabus=load(),
                                      session_format="self-paced", ce=load_ce(root), dates=["2026-11-28"],
                                      issued="2026-11-30")
    code = certs.make_code(certs._secret("ai-guardrails", create=True), fields)
    engine, table = certs._table(postgres_url)
    with engine.begin() as conn:
        conn.execute(table.insert().values(code=code, course_id="ai-guardrails", student_id="ab1", name="Ada Byron",
                                           hours=float(fields["contact_hours"]), issued="2026-11-30",
                                           modules="x", fields=json.dumps(fields)))
    engine.dispose()
    assert main(["verify", code, "--db-url", postgres_url]) == 0
    assert "VALID: " in capsys.readouterr().out
    cur.execute("UPDATE course_certificate SET name = 'Ada Lovelace' WHERE code = %s", (code,))
    con.commit()
    assert main(["verify", code, "--db-url", postgres_url]) == 1
    cur.execute("UPDATE course_certificate SET name = 'Ada Byron' WHERE code = %s", (code,))
    con.commit()

    assert main(["purge", "--yes", "--keep-register", "--db-url", postgres_url]) == 0
    cur.execute("SELECT COUNT(*) FROM student")
    assert cur.fetchone() == (0,)
    assert main(["verify", code, "--db-url", postgres_url]) == 0  # the kept register still verifies
    assert "register only" in capsys.readouterr().out
    con.close()
