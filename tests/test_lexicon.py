from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.axes.lexicon import check_lexicon, get_lexicon, load_lexicons, parse_lexicon
from framing.errors import LexiconError, UsageError

VALID = (Path(__file__).parent / "data" / "demo_axis.yaml").read_text(encoding="utf-8")


def test_valid_lexicon_parses(toy_lexicon) -> None:
    lex = parse_lexicon(VALID, "demo.yaml")
    assert lex.id == "demo"
    assert (lex.negative.id, lex.positive.id) == ("bad", "good")
    assert lex.negation.window == 2 and lex.negation.mode == "flip"
    assert {e.text: e.weight for e in lex.entries} == {
        "awful": 1.0,
        "spy*": 2.0,
        "great": 1.5,
        "cultural exchange": 2.0,
    }
    assert lex.entries[3].words == ("cultural", "exchange")
    assert toy_lexicon.summary()["negative_entries"] == 4


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("version: 1.0.0\n", ""), 1, "missing required key 'version'"),
        (("awful: 1", "awful: -1"), 13, "weight of 'awful' must be a number > 0"),
        (("awful: 1", "awful: 11"), 13, "must be a number > 0 and <= 10"),
        (("great: 1.5", "great: lots"), 16, "weight of 'great'"),
        (("spy*: 2", "s*py: 2"), 14, "'*' may only end a word"),
        (("spy*: 2", "s*: 2"), 14, "needs 2+ letters"),
        (("great: 1.5", "awful: 1.5"), 16, "already listed under 'bad' on line 13"),
        (("great: 1.5", '"re:(": 1'), 16, "bad regular expression"),
        (("great: 1.5", '"re:x*": 1'), 16, "matches empty text"),
        (("great: 1.5", "a.b: 1"), 16, "is not one word token"),
        (("license: CC0-1.0", "licence: CC0-1.0"), 5, "unknown key 'licence'"),
        (("mode: flip", "mode: reverse"), 7, "negation.mode must be 'drop' or 'flip'"),
        (("id: demo", "id: Demo Axis"), 2, "must match"),
        (("  good:\n", "  goodish:\n"), 15, "'goodish' is not a pole"),
        (("format: framing-lexicon/1", "format: other/2"), 1, "format must be"),
        (("sources: [tests]", "sources: []"), 6, "sources must be a non-empty list"),
    ],
)
def test_every_problem_has_its_line(change: tuple[str, str], line: int, message: str) -> None:
    text = VALID.replace(*change)
    with pytest.raises(LexiconError) as info:
        parse_lexicon(text, "demo.yaml")
    hits = [p for p in info.value.problems if message in p]
    assert hits, info.value.problems
    assert hits[0].startswith(f"demo.yaml:{line}:"), hits


def test_all_problems_are_reported_not_just_the_first() -> None:
    text = VALID.replace("awful: 1", "awful: -1").replace("great: 1.5", "great: x")
    with pytest.raises(LexiconError) as info:
        parse_lexicon(text, "demo.yaml")
    assert len(info.value.problems) == 2
    assert "(and 1 more problems)" in str(info.value)


def test_duplicate_yaml_keys_are_caught() -> None:
    text = VALID.replace("    spy*: 2\n", "    spy*: 2\n    awful: 3\n")
    with pytest.raises(LexiconError, match="'awful' appears twice"):
        parse_lexicon(text, "demo.yaml")


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(LexiconError, match=r"demo.yaml:\d+: not valid YAML"):
        parse_lexicon(VALID + "  bad: [unclosed\n", "demo.yaml")


@pytest.mark.parametrize("text", ["", "just a string", "- a\n- list\n"])
def test_not_a_lexicon(text: str) -> None:
    with pytest.raises(LexiconError):
        parse_lexicon(text, "x.yaml")


def test_check_lexicon_lists_problems(tmp_path: Path) -> None:
    path = tmp_path / "demo.yaml"
    path.write_text(VALID.replace("great: 1.5", "great: 0"), encoding="utf-8")
    problems = check_lexicon(path)
    assert len(problems) == 1 and problems[0].startswith(f"{path}:16:")
    assert check_lexicon(tmp_path / "missing.yaml") == [
        f"{tmp_path / 'missing.yaml'}: no such lexicon file"
    ]


def test_binary_lexicon_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00\x01garbage")
    assert "must be UTF-8" in check_lexicon(path)[0]


def test_user_folder_adds_an_axis(tmp_path: Path) -> None:
    (tmp_path / "demo.yaml").write_text(VALID, encoding="utf-8")
    loaded = load_lexicons([tmp_path])
    assert "demo" in loaded
    assert {"threat_exchange", "state_wire"} <= set(loaded)
    assert get_lexicon("demo", [tmp_path]).id == "demo"


def test_unknown_axis_lists_available() -> None:
    with pytest.raises(UsageError, match=r"Unknown axis 'nope'. Available: .*state_wire"):
        get_lexicon("nope")


def test_lexicon_folder_must_exist_and_hold_files(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="not a folder"):
        load_lexicons([tmp_path / "nope"])
    with pytest.raises(UsageError, match="no \\*.yaml lexicon files"):
        load_lexicons([tmp_path])


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text_is_a_lexicon_or_a_lexicon_error(text: str) -> None:
    try:
        parse_lexicon(text, "fuzz.yaml")
    except LexiconError:
        pass


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(st.text(max_size=10), st.one_of(st.integers(), st.text(max_size=5)), max_size=5)
)
def test_arbitrary_term_mappings_never_crash(terms: dict) -> None:
    import yaml

    text = VALID.split("terms:")[0] + yaml.safe_dump({"terms": {"bad": terms, "good": {"x": 1}}})
    try:
        parse_lexicon(text, "fuzz.yaml")
    except LexiconError:
        pass


def test_yaml_booleans_are_words_in_terms_and_negators() -> None:
    text = VALID.replace("    awful: 1\n", "    awful: 1\n    no: 1\n    off: 2\n").replace(
        "negation: {window: 2, mode: flip}", "negation: {window: 2, negators: [no, not]}"
    )
    lex = parse_lexicon(text, "x.yaml")
    assert {"no", "off"} <= {e.text for e in lex.entries}
    assert lex.negation.negators == frozenset({"no", "not"})


def test_long_form_entry_with_label() -> None:
    text = VALID.replace(
        "    awful: 1\n", '    awful: 1\n    "re:\\\\?\\\\s*$": {weight: 0.5, label: question}\n'
    )
    lex = parse_lexicon(text, "x.yaml")
    entry = next(e for e in lex.entries if e.regex is not None)
    assert (entry.weight, entry.label, entry.name) == (0.5, "question", "question")


@pytest.mark.parametrize(
    ("value", "message"),
    [("{label: x}", "needs a weight"), ("{weight: 1, colour: red}", "unknown key 'colour'")],
)
def test_long_form_problems(value: str, message: str) -> None:
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(VALID.replace("awful: 1", f"awful: {value}"), "x.yaml")
