"""The program nbgrader starts as its "kernel" during ``course grade``.

Run as ``python -I -S _launch.py CONNECTION_FILE`` (standard library only, so it starts
in milliseconds): it asks the worker's zygote (:mod:`course.grading._zygote`) for a
sandboxed kernel on that connection file, forwards interrupts to it, and exits with the
kernel's exit status. If this process is killed, the zygote's monitor kills the kernel
and with it every process of the submission. How a kernel ended, when the sandbox
stopped it, is appended to ``$COURSE_SANDBOX_EVENTS`` for the facilitator's report.
"""

import json
import os
import signal
import socket
import sys


def main() -> int:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(os.environ["COURSE_ZYGOTE"])
    request = {"connection_file": os.path.abspath(sys.argv[1]), "cwd": os.getcwd()}
    sock.sendall((json.dumps(request) + "\n").encode())

    def forward(signum, _frame):
        try:
            sock.sendall(b"INT\n" if signum == signal.SIGINT else b"KILL\n")
        except OSError:
            pass
        if signum != signal.SIGINT:
            os._exit(128 + signum)

    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGTERM, forward)
    buf = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except InterruptedError:
            continue
        if not chunk:
            return 1
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            msg = json.loads(line)
            if "error" in msg or "exit" in msg:
                why = msg.get("error") or msg.get("reason")
                if why and os.environ.get("COURSE_SANDBOX_EVENTS"):
                    with open(os.environ["COURSE_SANDBOX_EVENTS"], "a", encoding="utf-8") as fh:
                        fh.write(json.dumps({"event": why}) + "\n")
                code = msg.get("exit", 1)
                return code if isinstance(code, int) and 0 <= code < 256 else 1


if __name__ == "__main__":
    sys.exit(main())
