"""The nbgrader exchange settings of the Kubernetes workshop image (installed as /etc/jupyter/nbgrader_config.py)."""
# nbgrader exchange for the Kubernetes workshop (see course/hub/z2jh/values.yaml).
# tests/test_hub.py checks these lines against course.hub.exchange.exchange_config_lines.
c = get_config()  # noqa: F821
c.CourseDirectory.course_id = 'ai-guardrails'
c.Exchange.root = '/srv/nbgrader/exchange'
c.Exchange.path_includes_course = True
c.ExchangeFactory.release_assignment = 'course.hub.exchange.ReleaseAssignment'
c.ExchangeFactory.submit = 'course.hub.exchange.Submit'
c.ExchangeFactory.collect = 'course.hub.exchange.Collect'
c.ExchangeFactory.fetch_assignment = 'course.hub.exchange.FetchAssignment'
c.ExchangeFactory.fetch_feedback = 'course.hub.exchange.FetchFeedback'
c.ExchangeFactory.release_feedback = 'course.hub.exchange.ReleaseFeedback'
c.ExchangeFactory.list = 'course.hub.exchange.List'
# Each learner's pod mounts only inbound/<username>/: collect looks there.
c.Collect.inbound_per_learner = True
