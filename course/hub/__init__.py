"""Workshop scale: a multi-user JupyterHub with a private nbgrader exchange.

* :mod:`course.hub.config`: settings, ``course hub setup`` and the JupyterHub configuration
  (one server, participants as Unix users, LocalProcessSpawner).
* :mod:`course.hub.exchange`: nbgrader exchange classes that keep each learner's
  submission unreadable by other learners.
* ``course/hub/z2jh/values.yaml``: Zero to JupyterHub (Kubernetes) Helm values.
* ``course/hub/install.sh``: installs JupyterHub (requirements-hub.txt) and
  configurable-http-proxy (npm, pinned) into this checkout.

The facilitator guide is ``course/guide/workshop-hub.md``.
"""

from __future__ import annotations

from .._lazy import face

__all__ = ["config", "exchange"]

__getattr__, __dir__ = face(__name__, {}, modules=("config", "exchange"))
