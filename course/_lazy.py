"""The one mechanism behind the course's lazy package faces.

A face lists its names in ``__all__`` and says where each lives; nothing is imported
until a name is first used, so ``import course.grading`` costs nothing and
``from course.oversight import needs_human`` loads only that module::

    __getattr__, __dir__ = face(__name__, {"needs_human": "escalation"}, modules=("usage",))
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["face"]


def face(package: str, homes: Mapping[str, str], modules: Iterable[str] = ()) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for the package *package*.

    Parameters
    ----------
    package : str
        The package's ``__name__``.
    homes : mapping
        Public name -> the submodule (relative to *package*) that defines it.
    modules : iterable of str
        Submodules that are themselves public names (``from course.widgets import deid_explorer``).

    """
    homes = dict(homes)
    modules = frozenset(modules)
    clash = modules & set(homes)
    if clash:
        raise ValueError(f"{package}: {sorted(clash)} are both submodules and names in them")

    def __getattr__(name: str) -> Any:
        if name in homes:
            value = getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        elif name in modules:
            value = importlib.import_module(f"{package}.{name}")
        else:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        setattr(sys.modules[package], name, value)  # the next use is a plain attribute
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(homes) | modules)

    return __getattr__, __dir__
