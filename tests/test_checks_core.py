"""course.checks._core: answer coercion with plain-words messages, beginner errors in a real IPython shell."""

import pytest

from course.checks import (
    BadFormat,
    NotAttempted,
    Question,
    Status,
    Wrong,
    _core,
    as_bool,
    as_choices,
    as_letter,
    as_letters,
    as_mapping,
    as_number,
    as_text,
)


def test_letter():
    assert as_letter(" c ", "abcd") == "c"
    assert as_letter("B", "abcd") == "b"
    assert as_letter(["d"], "abcd") == "d"
    for bad in ("e", 3, None, ["a", "b"], "ab"):
        with pytest.raises(BadFormat) as exc:
            as_letter(bad, "abcd")
        assert str(exc.value) == _core.FMT_LETTER.format(choices='"a", "b", "c" or "d"', example="a")


def test_letters():
    assert as_letters(["a", "C "], "ABCD") == {"A", "C"}
    assert as_letters("a, c d", "ABCD") == {"A", "C", "D"}
    assert as_letters([], "ABCD") == set()
    with pytest.raises(BadFormat, match="not one of the letters"):
        as_letters(["A", "Z"], "ABCD")
    for bad in (3, [1, 2], {"A": 1}):
        with pytest.raises(BadFormat, match="list of letters"):
            as_letters(bad, "ABCD")


def test_number():
    assert as_number(12) == 12 and as_number("12") == 12 and as_number("75%") == 75
    assert as_number(0.5) == 0.5 and as_number(" 1,200 ") == 1200
    assert as_number(12.0, whole=True) == 12 and isinstance(as_number(12.0, whole=True), int)
    for bad in (True, "twelve", None, [1], float("nan")):
        with pytest.raises(BadFormat, match="number"):
            as_number(bad)
    with pytest.raises(BadFormat, match="whole number"):
        as_number(2.5, whole=True)


def test_text_bool_choices_mapping():
    assert as_text("  hello world ") == "hello world"
    with pytest.raises(BadFormat, match="in quotes"):
        as_text(42)
    with pytest.raises(BadFormat, match="at least 3 words"):
        as_text("too short", min_words=3)
    assert as_bool(True) is True and as_bool("no") is False
    with pytest.raises(BadFormat):
        as_bool(1)
    labels = ["NAME", "AGE_OVER_89", "health plan"]
    assert as_choices(["name", "age over 89", "NAME", "Health_Plan"], labels) == ["NAME", "AGE_OVER_89", "health plan"]
    assert as_choices("name", labels) == ["NAME"]
    with pytest.raises(BadFormat, match="'NAMES' is not one of the options"):
        as_choices(["NAMES"], labels)
    with pytest.raises(BadFormat, match="square brackets"):
        as_choices(7, labels)
    assert as_mapping({"a": 1, "b": ...}, ["a", "b"]) == {"a": 1, "b": ...}
    with pytest.raises(NotAttempted):
        as_mapping({"a": ..., "b": ...}, ["a", "b"])
    with pytest.raises(BadFormat, match="keys"):
        as_mapping({"a": 1}, ["a", "b"])
    with pytest.raises(BadFormat, match="'c' is not one of the keys"):
        as_mapping({"a": 1, "b": 2, "c": 3}, ["a", "b"])


def test_bad_format_is_the_error_state_and_fails_the_grade():
    q = Question("t_q2", "Q2", lambda a: None if as_letter(a, "abc") == "b" else (_ for _ in ()).throw(Wrong("no")))
    r = q.check("z")
    assert r.status is Status.ERROR and "one letter in quotes" in r.message
    assert q.check("b").correct and q.check("a").status is Status.INCORRECT
    with pytest.raises(_core.CheckFailed):
        q.grade("z")


def test_friendly_error_messages():
    r = _core.friendly_error(NameError("name 'answer_q3' is not defined", name="answer_q3"))
    assert r.question == "Q3" and r.status is Status.ERROR and "Run the answer cell above" in r.message
    r = _core.friendly_error(NameError("name 'c' is not defined", name="c"))
    assert 'put it in quotes, like "c"' in r.message
    r = _core.friendly_error(SyntaxError("'[' was never closed", ("<cell>", 2, 5, 'x = ["a", "b"')))
    assert "line 2" in r.message and "bracket" in r.message


@pytest.fixture
def shell():
    from IPython.core.interactiveshell import InteractiveShell

    sh = InteractiveShell.instance()
    _core.install_friendly_errors()
    yield sh
    InteractiveShell.clear_instance()


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("answer_q2 = c", 'put it in quotes, like "c"'),
        ("print(answer_q9)", "answer_q9 has no value yet"),
        ('answer_q3 = ["A", "C"', "could not read line 1"),
        ('answer_q1 = "yes', "could not read line 1"),
    ],
)
def test_beginner_errors_in_ipython_show_plain_words(shell, capsys, cell, expected):
    result = shell.run_cell(cell)
    assert not result.success  # the cell still fails (a grade cell scores zero)
    out = capsys.readouterr()
    text = out.out + out.err
    assert expected in text
    assert "Traceback" not in text and "----> " not in text
