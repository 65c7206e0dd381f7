"""JupyterHub configuration for a one-server workshop (start it with `course hub run STATE`).

Everything specific to the workshop is in STATE/hub.json, written by `course hub setup`;
this file only hands it to :func:`course.hub.config.configure`. Site-specific extras
(TLS certificates, a public IP) can follow the `configure` call.
"""

from course.hub.config import configure, load_settings

c = get_config()  # noqa: F821 - provided by JupyterHub
configure(c, load_settings())
