"""course.widgets: the ipywidgets explorers the lessons and exercises open.

A face (names load on first use, :mod:`course._lazy`; ipywidgets and matplotlib are only
imported when a widget is). Each widget lives in a submodule of the same name, which also
holds its one-call opener (``threshold_explorer(...)``) and the pure helpers it draws with.
"""

from __future__ import annotations

from .._lazy import face

__all__ = [
    "ConsentBuilder",
    "DeidExplorer",
    "EvaluationForm",
    "OversightDashboard",
    "PolicyBuilder",
    "ScenarioQuiz",
    "SelfAssessment",
    "ThresholdExplorer",
    "consent_builder",
    "deid_explorer",
    "evaluation_form",
    "oversight_dashboard",
    "policy_builder",
    "scenario_quiz",
    "self_assessment",
    "threshold_explorer",
]

__getattr__, __dir__ = face(__name__, {
    "ConsentBuilder": "consent_builder",
    "DeidExplorer": "deid_explorer",
    "EvaluationForm": "evaluation_form",
    "OversightDashboard": "oversight_dashboard",
    "PolicyBuilder": "policy_builder",
    "ScenarioQuiz": "scenario_quiz",
    "SelfAssessment": "self_assessment",
    "ThresholdExplorer": "threshold_explorer",
}, modules=("consent_builder", "deid_explorer", "evaluation_form", "oversight_dashboard", "policy_builder",
            "scenario_quiz", "self_assessment", "threshold_explorer"))
