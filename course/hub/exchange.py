"""A private nbgrader exchange for a shared workshop server.

nbgrader's default file-system exchange is built for trust: its root is made
world-writable (``0777``) by every release, and each submission is left
world-readable (files ``0644``) inside a world-writable folder (``0777``) whose
only protection is a name that is hard to guess. Any learner who learns or
guesses that name can read, change or delete another learner's work, and any
learner can pre-create the course folder and so capture every later submission.

These subclasses keep nbgrader's file layout (so the formgrader, ``nbgrader
collect`` and the JupyterLab assignment list work unchanged) and change only the
permissions:

* the exchange root belongs to root and is never made writable by anyone
  (:func:`setup_exchange` creates it; the classes refuse a root that others can
  write);
* ``COURSE/inbound`` belongs to the facilitator and the graders' group, mode
  ``3753``: learners may create entries but not list the folder (no ``r`` for
  others), the sticky bit stops them deleting or renaming anyone else's entry,
  and set-group-id gives every submission the graders' group;
* a submission is written with umask ``077`` and then opened to the graders'
  group only: folders ``0750``, files ``0640``; other learners get nothing,
  even with the exact path;
* ``collect`` ignores a submission whose folder is not owned by the learner it
  claims to come from (nbgrader only warns), so one learner cannot overwrite
  another's work with ``nbgrader submit --student=someone-else``.

Configure with :func:`exchange_config_lines` (the hub setup writes them into the
nbgrader configuration the single-user servers read).
"""

from __future__ import annotations

import glob
import grp
import os
import pwd
import secrets
import shutil
import stat
import tempfile
from pathlib import Path

from nbgrader.exchange.default import (
    ExchangeCollect,
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
    ExchangeReleaseAssignment,
    ExchangeReleaseFeedback,
    ExchangeSubmit,
)
from traitlets import Bool

__all__ = [
    "DIR_MODE",
    "FILE_MODE",
    "INBOUND_MODE",
    "Collect",
    "FetchAssignment",
    "FetchFeedback",
    "List",
    "ReleaseAssignment",
    "ReleaseFeedback",
    "Submit",
    "exchange_config_lines",
    "setup_exchange",
]

#: Learners may add entries to inbound, not list it; sticky; submissions get the graders' group.
INBOUND_MODE = stat.S_ISVTX | stat.S_ISGID | 0o753
#: A submitted folder: its learner and the graders' group.
DIR_MODE = 0o750
#: A submitted file: its learner and the graders' group, read-only for graders.
FILE_MODE = 0o640

ROOT_NOT_PRIVATE = (
    "The exchange folder {path} can be written by every user (mode {mode}); "
    "submissions would not be private. Run `course hub setup` as root to repair it."
)
ROOT_MISSING = "The exchange folder {path} does not exist. Run `course hub setup` as root first."


class _PrivateRoot:
    """Check the exchange root instead of making it world-writable."""

    def ensure_root(self) -> None:
        """Fail unless the root exists, can be entered, and is not writable by others."""
        root = self.root  # type: ignore[attr-defined]
        if not os.path.isdir(root):
            self.fail(ROOT_MISSING.format(path=root))  # type: ignore[attr-defined]
        mode = os.stat(root).st_mode
        if mode & stat.S_IWOTH:
            self.fail(ROOT_NOT_PRIVATE.format(path=root, mode=oct(mode & 0o7777)))  # type: ignore[attr-defined]
        if not os.access(root, os.X_OK):
            self.fail(f"You cannot enter the exchange folder {root}; ask your facilitator.")  # type: ignore[attr-defined]


class ReleaseAssignment(_PrivateRoot, ExchangeReleaseAssignment):
    """``nbgrader release_assignment`` into a root-owned, non-writable exchange root."""

    def init_dest(self) -> None:
        """Require the course folders made by :func:`setup_exchange` (owned by the facilitator)."""
        course = os.path.join(self.root, self.coursedir.course_id)
        if not os.path.isdir(os.path.join(course, "inbound")):
            self.fail(
                f"The exchange has no folders for course {self.coursedir.course_id!r} yet. "
                "Run `course hub setup` as root first."
            )
        super().init_dest()


class Submit(_PrivateRoot, ExchangeSubmit):
    """``nbgrader submit`` that leaves the submission readable by its learner and the graders only."""

    def copy_files(self) -> None:
        """The nbgrader submit, with umask 077 while copying and 0750/0640 (not 0777/0644) after."""
        self.init_release()
        secret = secrets.token_hex(64)
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        name = self.assignment_filename.rsplit("+", 1)[0] if self.add_random_string else self.assignment_filename
        cache = os.path.join(self.cache_path, name)
        self.log.info("Source: %s", self.src_path)
        self.log.info("Destination: %s", dest)
        self.check_filename_diff()
        old = os.umask(0o077)
        staging = tempfile.mkdtemp(prefix="nbgrader-submit-")
        try:
            # Stage everything first: files created in inbound/ while its new folder still
            # has set-group-id get the graders' group (copytree clears that bit at the end).
            stage = os.path.join(staging, "submission")
            self.do_copy(self.src_path, stage)
            for fname, text in (("timestamp.txt", self.timestamp), ("submission_secret.txt", secret)):
                with open(os.path.join(stage, fname), "w") as fh:
                    fh.write(text)
            shutil.copytree(stage, dest)
            self.set_perms(dest, fileperms=FILE_MODE, dirperms=DIR_MODE)
            os.makedirs(self.cache_path, exist_ok=True)
            shutil.copytree(stage, cache)
        finally:
            os.umask(old)
            shutil.rmtree(staging, ignore_errors=True)
        self.log.info("Submitted as: %s %s %s", self.coursedir.course_id, self.coursedir.assignment_id, self.timestamp)


class Collect(_PrivateRoot, ExchangeCollect):
    """``nbgrader collect`` that only takes submissions from the learner they name.

    On one server (Unix users), a submission counts only if its folder is owned by
    the learner it names. On Kubernetes every pod runs as the same uid, so each
    learner's pod mounts only ``inbound/<their name>/`` (see ``course/hub/z2jh``);
    with ``Collect.inbound_per_learner = True`` a submission counts only if it lies
    in the folder of the learner it names.
    """

    inbound_per_learner = Bool(
        False, help="Submissions are in inbound/<learner>/ (one mounted folder per learner)."
    ).tag(config=True)

    def init_src(self) -> None:
        """The newest submission per learner, among those each learner really made."""
        super().init_src()  # checks the course and inbound folders
        student = self.coursedir.student_id or "*"
        entry = f"{student}+{self.coursedir.assignment_id}+*"
        pattern = os.path.join(self.inbound_path, "*", entry) if self.inbound_per_learner else os.path.join(self.inbound_path, entry)
        newest: dict[str, dict] = {}
        for path in sorted(glob.glob(pattern)):
            rec = self._path_to_record(path)
            rec["filename"] = os.path.relpath(path, self.inbound_path)
            if self.inbound_per_learner:
                source = os.path.basename(os.path.dirname(path))
            else:
                try:
                    source = pwd.getpwuid(os.stat(path).st_uid).pw_name
                except KeyError:
                    source = "an unknown user"
            if source != rec["username"]:
                self.log.error(
                    "Skipped %s: it claims to come from %s but was made by %s.",
                    rec["filename"], rec["username"], source,
                )
                continue
            if getattr(self, "before_duedate", False) and self.duedate is not None and rec["timestamp"] > self.duedate:
                continue  # nbgrader's --before-duedate: the newest submission before the deadline
            if rec["username"] not in newest or rec["timestamp"] > newest[rec["username"]]["timestamp"]:
                newest[rec["username"]] = rec
        self.src_records = [newest[k] for k in sorted(newest)]


class FetchAssignment(_PrivateRoot, ExchangeFetchAssignment):
    """``nbgrader fetch_assignment`` without the world-writable root check."""


class FetchFeedback(_PrivateRoot, ExchangeFetchFeedback):
    """``nbgrader fetch_feedback`` without the world-writable root check."""


class ReleaseFeedback(_PrivateRoot, ExchangeReleaseFeedback):
    """``nbgrader release_feedback`` without the world-writable root check."""


class List(_PrivateRoot, ExchangeList):
    """``nbgrader list`` without the world-writable root check."""


_FACTORY = {
    "release_assignment": "ReleaseAssignment",
    "submit": "Submit",
    "collect": "Collect",
    "fetch_assignment": "FetchAssignment",
    "fetch_feedback": "FetchFeedback",
    "release_feedback": "ReleaseFeedback",
    "list": "List",
}


def exchange_config_lines(root: Path, course_id: str) -> list[str]:
    """Lines of an ``nbgrader_config.py`` that select this exchange.

    Parameters
    ----------
    root : Path
        The exchange root (made by :func:`setup_exchange`).
    course_id : str
        nbgrader course id; submissions live under ``root/course_id``.

    Returns
    -------
    list of str
        Python statements using the config object ``c``.

    """
    lines = [
        f"c.CourseDirectory.course_id = {course_id!r}",
        f"c.Exchange.root = {str(root)!r}",
        "c.Exchange.path_includes_course = True",
    ]
    lines += [f"c.ExchangeFactory.{key} = 'course.hub.exchange.{cls}'" for key, cls in _FACTORY.items()]
    return lines


def _chown(path: Path, user: str | None, group: str | None) -> None:
    uid = pwd.getpwnam(user).pw_uid if user else -1
    gid = grp.getgrnam(group).gr_gid if group else -1
    os.chown(path, uid, gid)


def setup_exchange(root: Path, course_id: str, facilitator: str, graders_group: str | None = None) -> Path:
    """Create (or repair) the exchange folders with private permissions. Run as root.

    Parameters
    ----------
    root : Path
        Exchange root: owned by root, mode 0755.
    course_id : str
        The nbgrader course id.
    facilitator : str
        Unix user who releases and collects; owns the course folders.
    graders_group : str, optional
        Group that may read submissions (default: the facilitator's own group).
        Put co-facilitators in it; never learners.

    Returns
    -------
    Path
        The course folder ``root/course_id``.

    """
    if os.geteuid() != 0:
        raise PermissionError("setting up the exchange needs root (it gives folders to the facilitator)")
    try:
        fac = pwd.getpwnam(facilitator)
    except KeyError:
        raise ValueError(f"No such Unix user: {facilitator!r} (create the facilitator account first)") from None
    group = graders_group or grp.getgrgid(fac.pw_gid).gr_name
    try:
        grp.getgrnam(group)
    except KeyError:
        raise ValueError(f"No such Unix group: {group!r}") from None
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    os.chown(root, 0, 0)
    os.chmod(root, 0o755)
    course = root / course_id
    for path, mode in (
        (course, stat.S_ISGID | 0o755),
        (course / "outbound", stat.S_ISGID | 0o755),
        (course / "inbound", INBOUND_MODE),
        (course / "feedback", stat.S_ISGID | 0o711),
    ):
        path.mkdir(exist_ok=True)
        _chown(path, facilitator, group)
        os.chmod(path, mode)
    return course
