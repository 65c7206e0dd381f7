"""Loaded at start-up by Python processes the course runs offline (see course.offline)."""

import os

if os.environ.get("COURSE_OFFLINE_GUARD") == "1":
    try:
        from course.offline import install_socket_guard
    except ImportError:  # pragma: no cover - the course package is always installed
        pass
    else:
        install_socket_guard()
