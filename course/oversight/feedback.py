"""Client feedback on an AI tool: Likert agreement and comment themes."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

__all__ = ["AGREE_MIN", "THEME_KEYWORDS", "agreement", "agreement_by", "comment_themes"]

#: A Likert answer counts as agreement at or above this (4 = agree, 5 = strongly agree).
AGREE_MIN = 4

#: Keywords that suggest a comment's theme (a rough first pass; read the comments too).
THEME_KEYWORDS = {
    "privacy": r"who can read|keep my entries|where it goes|privacy|data",
    "replaced_contact": r"instead of my therapist|stopped bothering|rather have|nobody ever mentioned",
    "discussed": r"read my entries with me|talking through",
    "helpful": r"helped|useful|liked",
    "usability": r"reminders|notifications|logged me out",
    "crisis": r"struggling|bad night|wanted a person|who to contact",
}


def _check(survey: pd.DataFrame, items: Sequence[str]) -> None:
    if not isinstance(survey, pd.DataFrame):
        raise TypeError(f"expected the survey as a pandas DataFrame, got {type(survey).__name__}")
    missing = [c for c in items if c not in survey.columns]
    if missing:
        raise ValueError(f"the survey has no column(s): {', '.join(missing)}")


def agreement(survey: pd.DataFrame, items: Sequence[str] | None = None) -> pd.Series:
    """Percentage of respondents who agree (4 or 5) with each statement.

    Parameters
    ----------
    survey : pandas.DataFrame
        One row per respondent, one 1-5 column per statement.
    items : sequence of str, optional
        The statement columns (default: the five in ``course.synth.oversight.LIKERT_ITEMS``).

    Returns
    -------
    pandas.Series
        Percent (0-100, rounded to one decimal) per statement.

    """
    if items is None:
        from ..synth.oversight import LIKERT_ITEMS

        items = list(LIKERT_ITEMS)
    _check(survey, items)
    return ((survey[list(items)] >= AGREE_MIN).mean() * 100).round(1)


def agreement_by(survey: pd.DataFrame, item: str, group: str) -> pd.Series:
    """Percentage agreeing with *item* within each value of *group* (rounded to 0.1)."""
    _check(survey, [item, group])
    return ((survey[item] >= AGREE_MIN).groupby(survey[group]).mean() * 100).round(1)


def comment_themes(survey: pd.DataFrame, column: str = "comment") -> pd.Series:
    """How many comments mention each theme in :data:`THEME_KEYWORDS` (keyword match)."""
    _check(survey, [column])
    comments = survey[column].fillna("").astype(str).str.lower()
    return pd.Series({theme: int(comments.str.contains(pattern, regex=True).sum()) for theme, pattern in THEME_KEYWORDS.items()})

