"""The facilitator's Jupyter server settings in the Kubernetes workshop image (installed as /etc/jupyter/facilitator/jupyter_server_config.py)."""
# The facilitator's Jupyter server: also the formgrader, started in the course folder.
c = get_config()  # noqa: F821
c.ServerApp.jpserver_extensions.update({
    "nbgrader.server_extensions.formgrader": True,
    "nbgrader.server_extensions.course_list": True,
    "nbgrader.server_extensions.assignment_list": True,
    "nbgrader.server_extensions.validate_assignment": True,
})
c.ServerApp.root_dir = "/home/jovyan/course"
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabApp.extension_manager = "readonly"
