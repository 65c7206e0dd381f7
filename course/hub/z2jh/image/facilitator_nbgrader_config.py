"""The facilitator's nbgrader settings in the Kubernetes workshop image (installed as /etc/jupyter/facilitator/nbgrader_config.py)."""
# The facilitator's nbgrader: the course folder (a clone of the repository in their
# home volume) on top of the exchange settings in /etc/jupyter/nbgrader_config.py.
c = get_config()  # noqa: F821
load_subconfig("/home/jovyan/course/nbgrader_config.py")  # noqa: F821
c.CourseDirectory.root = "/home/jovyan/course"
