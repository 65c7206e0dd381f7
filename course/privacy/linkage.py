"""Re-identification by linking, and k-anonymity: small synthetic tables for teaching.

A "de-identified" research extract without names still carries quasi-identifiers (ZIP
code, birth year, gender). Joined with a public list that has names and the same
columns, it can name people again. Everything here is synthetic.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["k_anonymity", "link", "public_roster", "released_extract"]


def released_extract(seed: int = 101, n: int = 40):
    """A clinic's "anonymous" research extract: no names, but birth year, ZIP and gender.

    Parameters
    ----------
    seed : int
    n : int
        Number of clients.

    Returns
    -------
    pandas.DataFrame
        Columns ``birth_year``, ``zip``, ``gender``, ``diagnosis``, ``phq9``.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    diagnoses = ["F32.1 depression", "F41.1 generalised anxiety", "F43.10 PTSD", "F10.20 alcohol use",
                 "F33.1 recurrent depression", "F42.2 OCD"]
    return pd.DataFrame({
        "birth_year": rng.integers(1950, 2005, n),
        "zip": rng.choice(["97201", "97202", "97205", "97209", "97214"], n),
        "gender": rng.choice(["F", "M", "X"], n, p=[0.55, 0.4, 0.05]),
        "diagnosis": rng.choice(diagnoses, n),
        "phq9": rng.integers(0, 28, n),
    })


def public_roster(extract, seed: int = 202, share: float = 0.5):
    """A public list with names (think: a club's membership list, a voter roll) that
    happens to include some of the clients, with the same three columns.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``birth_year``, ``zip``, ``gender``.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    first = ["Ana", "Ben", "Chidi", "Dana", "Eun-ji", "Farah", "Gus", "Hana", "Ivan", "Jade", "Kofi", "Lena",
             "Mateo", "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tao"]
    last = ["Alvarez", "Brown", "Chen", "Diallo", "Evans", "Fischer", "Garcia", "Haddad", "Ito", "Jones"]
    chosen = extract.sample(frac=share, random_state=int(rng.integers(1 << 31)))[["birth_year", "zip", "gender"]]
    others = pd.DataFrame({
        "birth_year": rng.integers(1950, 2005, len(chosen)),
        "zip": rng.choice(["97201", "97202", "97205", "97209", "97214"], len(chosen)),
        "gender": rng.choice(["F", "M"], len(chosen)),
    })
    roster = pd.concat([chosen, others], ignore_index=True).sample(frac=1, random_state=1).reset_index(drop=True)
    roster.insert(0, "name", [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(len(roster))])
    return roster


def link(extract, roster, on: Sequence[str] = ("birth_year", "zip", "gender")):
    """Rows of *extract* that match exactly **one** person in *roster* on the columns *on*:
    those clients are re-identified (their name is now next to their diagnosis).
    """
    on = list(on)
    counts = roster.groupby(on).size().rename("matches").reset_index()
    unique_in_extract = extract.groupby(on).filter(lambda g: len(g) == 1)
    joined = unique_in_extract.merge(counts[counts["matches"] == 1], on=on).merge(roster, on=on)
    return joined.drop(columns="matches")


def k_anonymity(table, quasi_identifiers: Sequence[str]) -> int:
    """The k of *table*: the size of the smallest group sharing the same quasi-identifiers."""
    if len(table) == 0:
        raise ValueError("the table is empty")
    return int(table.groupby(list(quasi_identifiers)).size().min())
