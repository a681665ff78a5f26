"""``re:`` entries cannot hang the scorer: they run on RE2 (linear time in the sentence), and
what RE2 cannot bound is refused at load and by ``framing lexicons check`` with its line."""

from __future__ import annotations

import faulthandler
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import TESTS

from framing.axes.lexicon import parse_lexicon
from framing.axes.match import Matcher
from framing.cli import main
from framing.errors import LexiconError
from framing.text import split_sentences, tokenize

TOY = (TESTS / "data" / "toy_axis.yaml").read_text(encoding="utf-8")
REGEX_LINE = '    "re:\\\\bban(?:ned|s)?\\\\b": 1.0'
REGEX_LINE_NO = TOY.splitlines().index(REGEX_LINE) + 1

# ReDoS shapes that Python's backtracking engine takes seconds to hours on (the first one is
# the issue's: minutes on a 2.6 KB text). On RE2 each runs in linear time.
BOUNDED = [
    "(?:.*){20}xq",  # a bounded repeat of an unbounded one
    "(?:.*.*){10}xq",
    ".*.*.*.*.*.*.*.*.*.*xq",  # a chain of overlapping unbounded repeats
    "(a+)+$",  # nested quantifiers
    "(a*)*b",
    "(?:\\w+\\s?)+$",
    "(a|a)*b",  # alternation overlap
    "(a|aa)+$",
    "(?:a|ab|abc)*d",
    "(.*a){12}",
    "(?:[a-z]+[a-z]*)+!",
    "^(\\w+\\s?)*x$",
]
# What RE2 cannot run in bounded time, refused with the file and line.
REFUSED = [
    "(\\w+)\\s+\\1",  # backreference
    "(?P<w>a+)(?P=w)",
    "(?=a+)a*b",  # lookahead
    "(?<!x)ban",  # lookbehind
    "(?>a+)+b",  # atomic group
    "a++b",  # possessive repeat
    "(?:(?:a{100}){100}){100}",  # a program over RE2's memory budget
]
ADVERSARIAL = [
    "a" * 3000 + "!",
    "ab" * 1500 + "c",
    " ".join(["a"] * 1300) + " !",
    ("The quick brown fox jumps over the lazy dog, officials said. " * 42)[:2600],
]


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


def _lexicon(pattern: str) -> str:
    return TOY.replace(REGEX_LINE, f"    {json.dumps('re:' + pattern)}: 1.0")


@pytest.mark.parametrize("pattern", BOUNDED)
def test_redos_shapes_load_and_match_in_bounded_time(pattern: str) -> None:
    matcher = Matcher(parse_lexicon(_lexicon(pattern), "x.yaml"))
    started = time.process_time()
    for text in ADVERSARIAL:
        for i, sentence in enumerate(split_sentences(text)):
            matcher.match_sentence(sentence, tokenize(sentence), i)
    # Python's re takes minutes on the first shape; a generous bound, not a speed target.
    assert time.process_time() - started < 10


@pytest.mark.parametrize("pattern", REFUSED)
def test_what_cannot_be_bounded_is_refused_with_its_line(pattern: str) -> None:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(_lexicon(pattern), "x.yaml")
    message = str(info.value)
    assert message.startswith(f"x.yaml:{REGEX_LINE_NO}: ") and "\n" not in message
    assert "linear-time engine cannot do" in message


def test_lexicons_check_refuses_a_backreference(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(_lexicon("(\\w+)\\s+\\1"), encoding="utf-8")
    result = CliRunner().invoke(main, ["lexicons", "check", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith(str(path))]
    assert len(lines) == 1 and lines[0].startswith(f"{path}:{REGEX_LINE_NO}: ")


def test_the_issue_pattern_scores_a_text_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "toy.yaml").write_text(_lexicon("(?:.*){20}xq"), encoding="utf-8")
    text = ("Officials warned of a ban on the app, citing national security. " * 40)[:2600]
    started = time.process_time()
    result = CliRunner().invoke(
        main, ["score", "-", "--lexicons", str(folder), "--format", "jsonl"],
        input=json.dumps({"id": "a", "text": text}) + "\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["toy_threat_hits"] >= 40
    assert time.process_time() - started < 30


def test_a_shipped_shape_matches_as_with_python_re() -> None:
    pattern = "(?-i:[A-Z][a-z]+),\\s+(?:a|the)\\s+(?:\\w+\\s+){0,2}analyst\\b"
    matcher = Matcher(parse_lexicon(_lexicon(pattern), "x.yaml"))
    sentence = "Said Ahmed, a senior analyst at the bank, called it “unfair”."
    hits = matcher.match_sentence(sentence, tokenize(sentence), 0)
    assert [h.matched for h in hits if h.term.startswith("re:")] == ["Ahmed, a senior analyst"]
