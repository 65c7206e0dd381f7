"""Client privacy: Presidio on an installed spaCy pipeline, offline by construction."""

from .engine import DEFAULT_MODEL, MODEL_ENV, ModelNotInstalled, analyzer, load_pipeline

__all__ = ["DEFAULT_MODEL", "MODEL_ENV", "ModelNotInstalled", "analyzer", "load_pipeline"]
