"""Untrusted lexicon files: arbitrary bytes and structures give a Lexicon or a LexiconError,
never another exception, never a hang; malicious files are refused with a clear message."""

from __future__ import annotations

import contextlib
import faulthandler
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.axes.lexicon import MAX_BYTES, MAX_DEPTH, Lexicon, load_lexicon, parse_lexicon
from framing.axes.match import Matcher
from framing.errors import LexiconError
from framing.text import split_sentences, tokenize

TOY = (TESTS / "data" / "toy_axis.yaml").read_text(encoding="utf-8")
REGEX_LINE = '    "re:\\\\bban(?:ned|s)?\\\\b": 1.0'
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A hang (e.g. a regex that backtracks for ever, which no signal interrupts) ends the test
    run with a traceback instead of blocking CI."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def parse_or_error(text: str) -> Lexicon | LexiconError:
    try:
        return parse_lexicon(text, "x.yaml")
    except LexiconError as exc:
        assert str(exc).startswith("x.yaml") and "\n" not in str(exc)
        return exc


def test_toy_still_parses() -> None:
    assert REGEX_LINE in TOY
    assert isinstance(parse_or_error(TOY), Lexicon)


# --- properties ---------------------------------------------------------------------------


@PROPERTY
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_load_or_raise_lexicon_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.yaml"
        path.write_bytes(data)
        with contextlib.suppress(LexiconError):
            load_lexicon(path)


@PROPERTY
@given(st.text(max_size=2000))
def test_arbitrary_text_parses_or_raises_lexicon_error(text: str) -> None:
    parse_or_error(text)


scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
structures = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=40,
)


@PROPERTY
@given(structures)
def test_arbitrary_yaml_structures_parse_or_raise_lexicon_error(value: object) -> None:
    parse_or_error(yaml.safe_dump(value))


@PROPERTY
@given(
    st.sampled_from(["format", "id", "version", "sources", "poles", "terms", "negation"]),
    structures,
)
def test_any_field_replaced_by_any_structure(field: str, value: object) -> None:
    data = yaml.safe_load(TOY)
    data[field] = value
    parse_or_error(yaml.safe_dump(data))


@PROPERTY
@given(st.dictionaries(st.text(max_size=40), scalars, max_size=8))
def test_any_entries(entries: dict[str, object]) -> None:
    data = yaml.safe_load(TOY)
    data["terms"]["threat"] = entries
    result = parse_or_error(yaml.safe_dump(data))
    if isinstance(result, Lexicon):
        Matcher(result)


REGEX_PARTS = ["a", "b", " ", "(", ")", "(?:", "(?>", "+", "*", "?", "|", "{2,}", "{1,3}",
               "{0,500}", "\\w", "\\s", "\\b", "[ab]", ".", "^", "$", "\\1", "(?="]  # fmt: skip
ADVERSARIAL = ["a" * 40 + "!", "ab" * 30 + "c", " ".join(["a"] * 40) + " !", "b" * 60]


@PROPERTY
@given(st.lists(st.sampled_from(REGEX_PARTS), min_size=1, max_size=14).map("".join))
def test_accepted_regexes_finish_on_adversarial_sentences(pattern: str) -> None:
    """Whatever pattern the parser accepts runs in bounded time on classic ReDoS inputs."""
    lexicon = parse_or_error(TOY.replace(REGEX_LINE, f"    {json.dumps('re:' + pattern)}: 1.0"))
    if isinstance(lexicon, LexiconError):
        return
    matcher = Matcher(lexicon)
    for text in ADVERSARIAL:
        for i, sentence in enumerate(split_sentences(text)):
            matcher.match_sentence(sentence, tokenize(sentence), i)


# --- malicious files ----------------------------------------------------------------------


def test_billion_laughs_is_refused_at_once() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(LexiconError, match=r"x.yaml:1: YAML anchors and aliases"):
        parse_lexicon("\n".join(levels) + "\n? *j\n: 1\n", "x.yaml")


def test_an_innocent_looking_alias_is_refused_too() -> None:
    text = TOY.replace("  - written for the test suite", "  - &src written for the test suite")
    with pytest.raises(LexiconError, match="anchors and aliases"):
        parse_lexicon(text, "x.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "id: " + "[" * 50_000 + "]" * 50_000,
        "x:\n" + "".join(" " * i + "k:\n" for i in range(1, 2000)),
    ],
    ids=["flow", "block"],
)
def test_deep_nesting_is_refused(text: str) -> None:
    with pytest.raises(LexiconError, match=f"nested deeper than {MAX_DEPTH} levels"):
        parse_lexicon(text, "x.yaml")


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as fh:
        fh.write(TOY.encode())
        fh.write(b"#" * (MAX_BYTES + 10))
    with pytest.raises(LexiconError, match="larger than 5,000,000 bytes"):
        load_lexicon(path)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        ("(\\\\w+)\\\\s\\\\1", "linear-time engine cannot do"),
        ("(?=a)b", "linear-time engine cannot do"),
        ("x" * 301, "longer than 300"),
    ],
)
def test_unboundable_regexes_are_refused(pattern: str, why: str) -> None:
    """Nested repeats such as ``(a+)+`` are safe on RE2 (tests/test_regex_safety.py); what
    RE2 cannot run is refused."""
    text = TOY.replace(REGEX_LINE, f'    "re:{pattern}": 1.0')
    with pytest.raises(LexiconError, match=re.escape(why)):
        parse_lexicon(text, "x.yaml")


def test_too_many_entries_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import framing.axes.lexicon

    monkeypatch.setattr(framing.axes.lexicon, "MAX_ENTRIES", 5)
    with pytest.raises(LexiconError, match="more than 5 entries"):
        parse_lexicon(TOY, "x.yaml")


def test_overlong_entry_is_refused() -> None:
    text = TOY.replace("    threat: 1.0", f"    {'threat ' * 40}: 1.0")
    with pytest.raises(LexiconError, match="longer than 200 characters"):
        parse_lexicon(text, "x.yaml")
