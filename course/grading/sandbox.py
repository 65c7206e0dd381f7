"""The grading sandbox: Linux namespaces, mounts, privileges and limits, in one place.

Grading runs no learner code (answers are literals, :mod:`.answers`); this is the second
wall, around everything of ours that runs while a submission is graded. Three layers:

1. **Worker** (:func:`enter_worker`, once per grading worker): new user, mount and
   network namespaces. Only loopback exists, so no network and no host abstract unix
   sockets. The course root, the package and the Python environment are read-only;
   learner data (``submitted/``, ``autograded/``, ``feedback/``, ``collected/``,
   certificates, reports), ``solutions/``, every gradebook and the certificate secret
   are hidden. After set-up, creating further user namespaces is switched off.
2. **Job** (:func:`enter_job`, per submission, for nbgrader): a mount namespace of its
   own in which only that learner's private folder is writable.
3. **Kernel** (:func:`build_kernel_root`, :func:`enter_kernel_root`,
   :func:`drop_privileges`; driven by :mod:`._zygote`): the Python kernel that executes
   the notebook gets a PID namespace (it is PID 1: when it ends, every process it
   started ends too) and a root file system of its own built from an allow-list:
   read-only system, Python and course-package folders, the course data, and one
   size-capped tmpfs for everything writable (its working folder, ``HOME``, ``/tmp``,
   ``/dev/shm``). Nothing else exists in it: not ``solutions/``, not any gradebook (not
   even the private copy nbgrader uses), not other learners' folders, not ``/run`` or
   other host sockets, not the facilitator's home. Then it gives up root: an
   unprivileged uid where the machine allows it (else uid 0 with every capability
   dropped), an empty capability bounding set, ``no_new_privs``, and resource limits
   (address space per process, file size, open files, processes). The environment is
   rebuilt from an allow-list (:func:`kernel_env`).

Memory across all of a submission's processes is watched by the zygote's monitor
(:func:`tree_memory`, proportional set size, polled every 0.1 s), on top of the
per-process address-space limit; this machine's cgroups are not delegated to us, so no
cgroup is used (see :func:`support`).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import resource
import socket
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "KernelRoot",
    "SANDBOX_FAILED",
    "Support",
    "build_kernel_root",
    "drop_privileges",
    "enter_job",
    "enter_kernel_root",
    "enter_worker",
    "kernel_env",
    "set_kernel_limits",
    "support",
    "tree_memory",
]

CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWPID = 0x00020000, 0x10000000, 0x40000000, 0x20000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 2, 4, 8, 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_SECUREBITS, PR_SET_NO_NEW_PRIVS = 1, 24, 28, 38
SECBIT_LOCKED_NOROOT = 0x23  # NOROOT | NOROOT_LOCKED | KEEP_CAPS_LOCKED: uid 0 never regains capabilities
SYS_PIVOT_ROOT, SYS_CAPSET = 155, 126  # x86_64

SANDBOX_FAILED = 97
#: uid and gid of the kernel inside the sandbox when it can be unprivileged.
SANDBOX_UID = 1000
#: Host uids used for that (one per worker), far above any real account.
HOST_UID_BASE = 2_100_000_000

_DEVICES = ("null", "zero", "full", "random", "urandom")
_ETC = ("passwd", "group", "hosts", "nsswitch.conf", "localtime", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
        "fonts", "mime.types", "ssl/certs/ca-certificates.crt")
_SYSTEM = ("usr", "bin", "sbin", "lib", "lib32", "lib64", "libx32")


class SandboxError(OSError):
    """A step of the sandbox set-up failed."""


def _libc():
    lib = ctypes.CDLL(None, use_errno=True)
    lib.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
    lib.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
    lib.unshare.argtypes = [ctypes.c_int]
    return lib


@functools.cache
def libc():
    """The C library, loaded once."""
    return _libc()


def _fail(what: str) -> SandboxError:
    e = ctypes.get_errno()
    return SandboxError(e, f"{what}: {os.strerror(e)}")


def _b(x: str | os.PathLike | None) -> bytes | None:
    return None if x is None else os.fsencode(x)


def unshare(flags: int) -> None:
    """``unshare(2)``."""
    if libc().unshare(flags) != 0:
        raise _fail("unshare")


def mount(src, target, fstype=None, flags: int = 0, data: str | None = None) -> None:
    """``mount(2)``."""
    if libc().mount(_b(src), _b(target), _b(fstype), flags, data.encode() if data else None) != 0:
        raise _fail(f"mount {target}")


def bind(src, target, read_only: bool = True) -> None:
    """Bind *src* on *target* (recursively), read-only unless asked otherwise."""
    mount(src, target, None, MS_BIND | MS_REC)
    # a bind mount starts with the flags of the mount it comes from: set ours explicitly
    mount(None, target, None, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NODEV | (MS_RDONLY if read_only else 0))


def _loopback_up() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        req = struct.pack("16sh22x", b"lo", 0)
        flags = struct.unpack("16sh22x", fcntl.ioctl(s.fileno(), 0x8913, req))[1]  # SIOCGIFFLAGS
        fcntl.ioctl(s.fileno(), 0x8914, struct.pack("16sh22x", b"lo", flags | 1))  # SIOCSIFFLAGS, IFF_UP


# --------------------------------------------------------------------------------------
# what this machine provides
# --------------------------------------------------------------------------------------
@dataclass
class Support:
    """What the sandbox can do here (from :func:`support`)."""

    ok: bool
    reason: str = ""
    separate_uid: bool = False  # the kernel can run as an unprivileged host uid
    memory: str = "address-space limit per process, and a monitor of the total across processes (no cgroup)"
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One paragraph for the facilitator."""
        if not self.ok:
            return f"not available: {self.reason}"
        who = "an unprivileged uid" if self.separate_uid else "uid 0 of its own user namespace with every capability dropped"
        return (f"user, mount, network and PID namespaces; the kernel runs as {who}, with no_new_privs; "
                f"memory: {self.memory}")


def can_map_other_uids() -> bool:
    """True when this process may map extra uids into a child user namespace (root)."""
    return os.geteuid() == 0


@functools.cache
def support() -> Support:
    """Probe (once per process) whether the whole sandbox can be built on this machine."""
    return _probe()


def _probe() -> Support:
    if not sys.platform.startswith("linux"):
        return Support(False, "Linux namespaces are needed (this is not Linux)")
    if os.uname().machine != "x86_64":
        return Support(False, f"the sandbox is written for x86_64 Linux (this is {os.uname().machine})")
    import tempfile

    separate = can_map_other_uids()
    with tempfile.TemporaryDirectory(prefix="course-sandbox-probe-") as tmp:
        mnt = Path(tmp) / "root"
        mnt.mkdir()
        (Path(tmp) / "cwd").mkdir()
        (Path(tmp) / "cwd" / "data.txt").write_text("ok", encoding="utf-8")
        r, w = os.pipe()
        sync_r, sync_w = os.pipe()
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - runs in the probe child
            os.close(r)
            os.close(sync_w)
            os.close(ready_r)
            code = 1
            try:
                enter_worker([], [], Path(tmp) / "empty", sync=(sync_r, ready_w), own_maps=not separate)
                lock_user_namespaces()
                spec = KernelRoot(cwd=Path(tmp) / "cwd", scratch_mb=4)
                build_kernel_root(mnt, spec)
                if separate:
                    chown_scratch(mnt, spec, SANDBOX_UID)
                unshare(CLONE_NEWPID)
                child = os.fork()
                if child == 0:
                    try:
                        enter_kernel_root(mnt, spec)
                        drop_privileges(separate)
                        try:
                            mount(None, "/", None, MS_BIND | MS_REMOUNT)
                            os._exit(3)  # remount must fail
                        except OSError:
                            pass
                        if libc().unshare(CLONE_NEWUSER) == 0:
                            os._exit(4)
                        if os.getpid() != 1 or Path("/proc/1/root").resolve() != Path("/"):
                            os._exit(5)
                        os._exit(0 if Path("data.txt").read_text(encoding="utf-8") == "ok" and not (Path(tmp) / "root").exists() else 6)
                    except BaseException:  # noqa: BLE001
                        os._exit(6)
                _, status = os.waitpid(child, 0)
                code = os.waitstatus_to_exitcode(status)
            except BaseException as exc:  # noqa: BLE001
                os.write(w, str(exc)[:300].encode())
                code = 2
            os._exit(code)
        os.close(w)
        os.close(sync_r)
        os.close(ready_w)
        try:
            if os.read(ready_r, 1):
                write_id_maps(pid, 0 if separate else None)
        except OSError:
            pass
        os.close(ready_r)
        os.close(sync_w)
        _, status = os.waitpid(pid, 0)
        detail = os.read(r, 400).decode(errors="replace")
        os.close(r)
    code = os.waitstatus_to_exitcode(status)
    reasons = {2: detail or "namespaces could not be created", 3: "a remount still worked after dropping privileges",
               4: "a nested user namespace could still be created", 5: "the kernel was not PID 1 of its namespace",
               6: "the kernel's root file system could not be built"}
    if code == 2:
        return Support(False, f"{reasons[2]} (user namespaces may be disabled here: the sysctl "
                       "kernel.unprivileged_userns_clone or user.max_user_namespaces, AppArmor, or a container's seccomp profile)")
    if code != 0:
        return Support(False, reasons.get(code, f"the sandbox probe exited with status {code}"))
    return Support(True, separate_uid=separate)


# --------------------------------------------------------------------------------------
# layer 1: the worker
# --------------------------------------------------------------------------------------
def write_id_maps(pid: int, worker: int | None) -> None:
    """From the parent: map uid/gid 0 of *pid*'s new user namespace to ours and, when we
    are root (*worker* is not None), :data:`SANDBOX_UID` to an unused host id.
    """
    uid, gid = os.getuid(), os.getgid()
    if worker is None:
        return
    extra = HOST_UID_BASE + worker % 1_000_000
    with open(f"/proc/{pid}/uid_map", "w") as fh:
        fh.write(f"0 {uid} 1\n{SANDBOX_UID} {extra} 1\n")
    with open(f"/proc/{pid}/gid_map", "w") as fh:
        fh.write(f"0 {gid} 1\n{SANDBOX_UID} {extra} 1\n")


def enter_worker(read_only: list[Path], hidden: list[Path], empty: Path, sync: tuple[int, int] | None = None,
                 own_maps: bool = True) -> None:
    """In a freshly forked, single-threaded process: new user, mount and network
    namespaces; *read_only* folders read-only; *hidden* folders and files replaced by
    empty read-only ones. With *sync* ``(read fd, write fd)``, tell the parent the
    namespace exists and wait for it to write the id maps (:func:`write_id_maps`);
    with *own_maps*, map ourselves instead.
    """
    uid, gid = os.getuid(), os.getgid()
    empty.touch()
    unshare(CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET)
    if sync is not None:
        os.write(sync[1], b"u")
        os.close(sync[1])
        os.read(sync[0], 1)  # the parent has written the maps (or closed the pipe)
        os.close(sync[0])
    if own_maps:
        for name, text in (("setgroups", "deny"), ("uid_map", f"0 {uid} 1"), ("gid_map", f"0 {gid} 1")):
            with open(f"/proc/self/{name}", "w") as fh:
                fh.write(text)
    _loopback_up()
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    for d in sorted(read_only, key=lambda p: len(Path(p).parts)):
        bind(d, d)
    for d in hidden:
        if d.is_dir() and not d.is_symlink():
            mount("course-hidden", d, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=000")
        elif d.is_file():
            bind(empty, d)


def lock_user_namespaces() -> None:
    """No further user namespaces below this one (so nothing can regain capabilities)."""
    try:
        with open("/proc/sys/user/max_user_namespaces", "w") as fh:
            fh.write("0")
    except OSError:
        pass  # older kernels: the capability drop and locked mounts still hold


# --------------------------------------------------------------------------------------
# layer 2: one submission's nbgrader
# --------------------------------------------------------------------------------------
def enter_job(own: Path) -> None:
    """A mount namespace of our own in which the learner's private folder is writable."""
    unshare(CLONE_NEWNS)
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    bind(own, own, read_only=False)


# --------------------------------------------------------------------------------------
# layer 3: the kernel
# --------------------------------------------------------------------------------------
@dataclass
class KernelRoot:
    """What the kernel's root file system holds."""

    cwd: Path  # the folder nbgrader runs the notebook in (its files are copied in)
    read_only: list[Path] = field(default_factory=list)  # extra folders, bound read-only at their own path
    scratch_mb: int = 256  # one tmpfs for every byte the kernel may write
    home: str = "/home/learner"
    files: dict[str, bytes] = field(default_factory=dict)  # extra files to create (path -> content)
    copy_dirs: dict[str, Path] = field(default_factory=dict)  # path in the root -> folder copied in


def _python_dirs() -> list[Path]:
    """The interpreter's prefixes, and every site-packages folder on ``sys.path`` (a venv
    can add another environment's with a ``.pth`` file). Only package folders: never a
    course folder, which holds solutions and gradebooks.
    """
    dirs = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), Path(sys.exec_prefix).resolve()}
    for entry in sys.path:
        p = Path(entry) if entry else None
        if p is not None and p.name in ("site-packages", "dist-packages") and p.is_dir():
            dirs.add(p.resolve())
    return sorted(dirs)


def _copy_tree(src: Path, dest: Path, budget: list[int]) -> None:
    import shutil

    for item in sorted(src.iterdir()) if src.is_dir() else []:
        if item.is_symlink():
            continue
        target = dest / item.name
        if item.is_dir():
            target.mkdir(exist_ok=True)
            _copy_tree(item, target, budget)
        elif item.is_file():
            size = item.stat().st_size
            if size > budget[0]:
                continue
            budget[0] -= size
            shutil.copyfile(item, target)


def _system_tree(root: Path) -> None:
    """The host's system folders, a few /etc files and the harmless devices, read-only, under *root*."""
    for name in _SYSTEM:
        host = Path("/") / name
        if host.is_symlink():
            (root / name).symlink_to(os.readlink(host))
        elif host.is_dir():
            (root / name).mkdir()
            bind(host, root / name)
    for name in _ETC:
        host = Path("/etc") / name
        if host.exists():
            target = root / "etc" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if host.is_dir():
                target.mkdir(exist_ok=True)
            else:
                target.touch()
            bind(host.resolve() if host.is_symlink() else host, target)
    (root / "dev").mkdir()
    for dev in _DEVICES:
        (root / "dev" / dev).touch()
        mount(f"/dev/{dev}", root / "dev" / dev, None, MS_BIND)
    for link, to in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                     ("stderr", "/proc/self/fd/2")):
        (root / "dev" / link).symlink_to(to)


def build_kernel_root(mnt: Path, spec: KernelRoot) -> None:
    """In a process that has just done ``unshare(CLONE_NEWNS | CLONE_NEWPID)``: build the
    kernel's root file system on a tmpfs at *mnt* (an existing empty folder).
    """
    mount(None, "/", None, MS_REC | MS_PRIVATE)
    mount("course-kernel", mnt, "tmpfs", MS_NOSUID | MS_NODEV, "size=16m,mode=755")
    root = Path(mnt)
    scratch = root / ".scratch"
    scratch.mkdir()
    mount("course-scratch", scratch, "tmpfs", MS_NOSUID | MS_NODEV, f"size={int(spec.scratch_mb)}m,mode=755")
    _system_tree(root)
    (root / "proc").mkdir()
    (root / ".old").mkdir()

    def writable(sub: str, where: str, mode: int) -> None:
        (scratch / sub).mkdir(mode=mode)
        os.chmod(scratch / sub, mode)
        target = root / where
        target.mkdir(parents=True, exist_ok=True)
        bind(scratch / sub, target, read_only=False)

    # the private /tmp (and /dev/shm, HOME) first, then the read-only folders, which may live
    # under /tmp (a course or checkout in /tmp) and must not be covered by it, then the
    # working folder, which may live inside one of them
    for sub, where, mode in (("tmp", "tmp", 0o1777), ("shm", "dev/shm", 0o1777), ("home", spec.home.lstrip("/"), 0o700),
                             ("run", "run/kernel", 0o700)):
        writable(sub, where, mode)
    for d in [*_python_dirs(), *spec.read_only]:
        d = Path(d)
        if not d.is_dir():
            continue
        if any(str(d).startswith(s + "/") or str(d) == s for s in ("/usr", "/bin", "/lib", "/lib64", "/sbin")):
            continue  # already there
        target = root / str(d).lstrip("/")
        target.mkdir(parents=True, exist_ok=True)
        bind(d, target)
    writable("work", str(spec.cwd).lstrip("/"), 0o700)
    budget = [int(spec.scratch_mb) * 2**20 // 2]
    _copy_tree(Path(spec.cwd), root / str(spec.cwd).lstrip("/"), budget)
    for where, folder in spec.copy_dirs.items():
        dest = root / where.lstrip("/")
        dest.mkdir(parents=True, exist_ok=True)
        _copy_tree(Path(folder), dest, budget)
    for where, data in spec.files.items():
        path = root / where.lstrip("/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def chown_scratch(mnt: Path, spec: KernelRoot, uid: int) -> None:
    """Give the kernel's writable folders to *uid* (before the kernel drops root)."""
    for where in ("tmp", "dev/shm", spec.home.lstrip("/"), str(spec.cwd).lstrip("/"), "run/kernel"):
        top = Path(mnt) / where
        for path in [top, *top.rglob("*")]:
            try:
                os.lchown(path, uid, uid)
            except OSError:
                pass


def enter_kernel_root(mnt: Path, spec: KernelRoot) -> None:
    """In the kernel (PID 1 of its namespace): its own mount namespace, a fresh ``/proc``,
    ``pivot_root`` into *mnt*, the old root detached, and ``/`` made read-only.
    """
    unshare(CLONE_NEWNS)
    mount("proc", Path(mnt) / "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    if libc().syscall(SYS_PIVOT_ROOT, _b(mnt), _b(Path(mnt) / ".old")) != 0:
        raise _fail("pivot_root")
    os.chdir("/")
    if libc().umount2(b"/.old", MNT_DETACH) != 0:
        raise _fail("umount old root")
    os.rmdir("/.old")
    mount(None, "/", None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(str(spec.cwd))


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]


def _clear_capabilities() -> None:
    header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    data = (_CapData * 2)()
    if libc().syscall(SYS_CAPSET, ctypes.byref(header), ctypes.byref(data)) != 0:
        raise _fail("capset")


def drop_privileges(separate_uid: bool) -> None:
    """Give up root for good: drop the bounding set, lock the securebits, become
    :data:`SANDBOX_UID` (when *separate_uid*), clear every capability, set no_new_privs.
    """
    lib = libc()
    for cap in range(64):
        if lib.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != errno.EINVAL:
            raise _fail("drop capability bounding set")
    if lib.prctl(PR_SET_SECUREBITS, SECBIT_LOCKED_NOROOT, 0, 0, 0) != 0:
        raise _fail("securebits")
    if separate_uid:
        os.setgroups([])
        os.setresgid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
        os.setresuid(SANDBOX_UID, SANDBOX_UID, SANDBOX_UID)
    _clear_capabilities()
    if lib.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise _fail("no_new_privs")
    with open("/proc/self/status", encoding="ascii") as fh:
        caps = [line.split()[1] for line in fh if line.startswith(("CapEff", "CapPrm", "CapBnd", "CapAmb"))]
    if any(int(c, 16) for c in caps):
        raise SandboxError(errno.EPERM, "capabilities are still held")


def set_kernel_limits(memory_mb: int, file_mb: int, processes: int, open_files: int = 1024) -> None:
    """Per-process limits for the kernel and everything it starts (inherited).

    *memory_mb* is what a process may add to the address space it starts with.
    """
    with open("/proc/self/statm", encoding="ascii") as fh:
        current = int(fh.read().split()[0]) * resource.getpagesize()
    for which, value in ((resource.RLIMIT_AS, current + memory_mb * 2**20), (resource.RLIMIT_FSIZE, file_mb * 2**20),
                         (resource.RLIMIT_NPROC, processes), (resource.RLIMIT_NOFILE, open_files),
                         (resource.RLIMIT_CORE, 0)):
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))


def kernel_env(home: str, data_dir: Path | None, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The kernel's whole environment, from an allow-list: nothing of the facilitator's
    (no passwords, tokens, gradebook URLs, ``NBGRADER_EXECUTION`` or secret paths).
    """
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": home,
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "MPLBACKEND": "module://matplotlib_inline.backend_inline",
        "MPLCONFIGDIR": f"{home}/.matplotlib",
        "IPYTHONDIR": f"{home}/.ipython",
        "JUPYTER_CONFIG_DIR": f"{home}/.jupyter",
        "JUPYTER_DATA_DIR": f"{home}/.local/share/jupyter",
        "JUPYTER_RUNTIME_DIR": "/run/kernel",
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "TOKENIZERS_PARALLELISM": "false",
        "HF_HUB_OFFLINE": "1",
        "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
        "COURSE_OFFLINE_GUARD": "1",
        "COURSE_GRADING": "1",
    }
    if os.environ.get("TZ"):
        env["TZ"] = os.environ["TZ"]
    if data_dir is not None:
        env["COURSE_DATA_DIR"] = str(data_dir)
    env.update(extra or {})
    return env


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children", "rb") as fh:
                    todo.extend(int(x) for x in fh.read().split())
        except (OSError, ValueError):
            continue
    return out


def tree_memory(pid: int, budget: int | None = None) -> int:
    """Memory (bytes) of *pid* and every process below it.

    Resident sizes are summed first (cheap, but pages shared after a fork count twice);
    only when that sum is over *budget* is the proportional set size, which counts a
    shared page once, computed.
    """
    pids = _tree(pid)
    page = resource.getpagesize()
    rss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm", "rb") as fh:
                rss += int(fh.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            continue
    if budget is None or rss <= budget:
        return rss
    pss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        pss += int(line.split()[1]) * 1024
                        break
        except (OSError, ValueError):
            continue
    return pss
