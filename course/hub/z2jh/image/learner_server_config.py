"""Learners' Jupyter server settings in the Kubernetes workshop image (installed as /etc/jupyter/jupyter_server_config.py)."""
# Learners' Jupyter server: assignment list and validate only; offline JupyterLab.
c = get_config()  # noqa: F821
c.ServerApp.jpserver_extensions.update({
    "nbgrader.server_extensions.formgrader": False,
    "nbgrader.server_extensions.course_list": False,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
})
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
