"""Beyond the lexicon: ``framing terms``, ``kwic``, ``collocations``, ``lexicons diagnose``."""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.comparison.concordance import diagnose, kwic, term_lexicon
from framing.comparison.vocabulary import log_odds_terms
from framing.errors import UsageError
from framing.records import Article

LEXICON = """\
format: framing-lexicon/1
id: probe
version: 0.1.0
description: a probe axis for the diagnosis tests
license: CC0-1.0
sources: [the tests]
poles:
  negative: {id: threat, label: Threat}
  positive: {id: exchange, label: Exchange}
terms:
  threat:
    stern*: 1.0
    spy*: 1.0
    never seen: 1.0
  exchange:
    exchange*: 1.0
"""

ARTICLES = [
    ("a1", "Daily Planet", "2025-01-02", "Officials issued a stern warning. Sternberg said the spy app was dangerous."),
    ("a2", "Daily Planet", "2025-01-03", "The exchange rate fell. Then Sternberg spoke again about spying."),
    ("a3", "Daily Planet", "2025-01-04", "The exchange rate rose. Analyst Sternberg was not a spy."),
    ("b1", "Gazette", "2025-02-01", "Students enjoyed a cultural exchange. The exchange rate held."),
    ("b2", "Gazette", "2025-02-02", "A friendly exchange of letters between two schools."),
    ("b3", "Gazette", "2025-02-03", "Nothing about the axis here at all."),
]  # fmt: skip


def _articles() -> list[Article]:
    return [Article(i, t, outlet=o, date=d) for i, o, d, t in ARTICLES]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    rows = [
        {"id": i, "outlet": o, "date": d, "text": t, "desk": "x" if i < "b" else "y"}
        for i, o, d, t in ARTICLES
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def lexicon_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "lex"
    folder.mkdir()
    (folder / "probe.yaml").write_text(LEXICON, encoding="utf-8")
    return folder


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


# --- log-odds with an informative Dirichlet prior -------------------------------------------


def test_log_odds_matches_a_hand_computed_example() -> None:
    # group i: a 3, b 1 (n 4); the other group: a 1, b 3 (m 4); pooled a 4, b 4 of 8; with
    # a0 = 8 the prior is a_w = 8 * 4/8 = 4 (Monroe, Colaresi & Quinn 2008, eq. 16, 19, 20):
    # delta_a = log((3+4)/(4+8-3-4)) - log((1+4)/(4+8-1-4)) = log(7/5) - log(5/7)
    # var_a = 1/(3+4) + 1/(1+4)
    counts = {"i": Counter(a=3, b=1), "j": Counter(a=1, b=3)}
    terms = log_odds_terms(counts, min_count=1, top=2, alpha0=8)
    first = next(t for t in terms if t.group == "i" and t.term == "a")
    delta = math.log(7 / 5) - math.log(5 / 7)
    assert first.log_odds == pytest.approx(delta)
    assert first.z == pytest.approx(delta / math.sqrt(1 / 7 + 1 / 5))
    assert (first.count, first.rest) == (3, 1)
    b_in_j = next(t for t in terms if t.group == "j" and t.term == "b")
    assert b_in_j.z == pytest.approx(first.z)  # the mirror image
    # a bigger prior shrinks the same difference
    weak = log_odds_terms(counts, min_count=1, top=1, alpha0=800)[0]
    assert abs(weak.log_odds) < abs(first.log_odds)


def test_log_odds_min_count_and_one_group() -> None:
    counts = {"i": Counter(a=3, b=1), "j": Counter(a=1, b=3, c=1)}
    assert "c" not in {t.term for t in log_odds_terms(counts, min_count=2)}
    assert log_odds_terms({"i": Counter(a=3)}, min_count=1) == []


# --- framing terms ------------------------------------------------------------------------


def test_terms_cli(corpus: Path) -> None:
    result = run("terms", str(corpus), "--min-count", "2", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {r["outlet"] for r in rows} == {"Daily Planet", "Gazette"}
    terms = {r["term"] for r in rows}
    assert "sternberg" in terms and "exchange rate" in terms
    assert not terms & {"the", "a", "was", "said"}  # stopwords
    assert "planet" not in terms and "daily planet" not in terms  # outlet names masked
    # a bigram never spans two sentences: "warning sternberg"
    assert "warning sternberg" not in terms
    planet = [r for r in rows if r["outlet"] == "Daily Planet"]
    assert planet[0]["term"] == "sternberg"
    assert float(planet[0]["z"]) > 0


def test_terms_table_and_by_field(corpus: Path) -> None:
    result = run("terms", str(corpus), "--by", "desk", "--min-count", "2", "--ngrams", "1")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Distinctive terms by desk")
    assert "exchange rate" not in result.output  # unigrams only


def test_keep_outlet_names(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"{o}{i}", "outlet": o, "text": f"{o} reported the vote. {o} said."})
            + "\n"
            for o in ("Zorblat", "Quixby")
            for i in range(3)
        ),
        encoding="utf-8",
    )
    masked = run("terms", str(path), "--min-count", "1", "--format", "jsonl")
    kept = run("terms", str(path), "--min-count", "1", "--format", "jsonl", "--keep-outlet-names")
    assert "zorblat" not in masked.output
    assert "zorblat" in kept.output


@pytest.mark.parametrize("command", ["terms", "collocations"])
def test_misspelt_field_empty_input_bad_lines(command: str, corpus: Path, tmp_path: Path) -> None:
    result = run(command, str(corpus), "--by", "dsek")
    assert result.exit_code == 2
    assert "no article has a field 'dsek'. Available: outlet" in result.output
    assert "desk" in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run(command, str(empty))
    assert result.exit_code == 1
    assert "no article" in result.output and len(result.output.strip().splitlines()) == 1
    with corpus.open("a", encoding="utf-8") as fh:
        fh.write("{broken\n")
    result = run(command, str(corpus), "--min-count", "1", "--format", "jsonl")
    assert result.exit_code == 1
    assert f"{corpus}:7" in result.output
    assert '"outlet": "Gazette"' in result.output  # the good articles still counted


# --- framing collocations -----------------------------------------------------------------


@pytest.mark.parametrize("measure", ["pmi", "llr"])
def test_collocations(corpus: Path, measure: str) -> None:
    result = run(
        "collocations", str(corpus), "--measure", measure, "--min-count", "2", "--format", "jsonl"
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    first = {k: rows[0][k] for k in ("outlet", "bigram", "count")}
    assert first == {"outlet": "Daily Planet", "bigram": "exchange rate", "count": 2}
    assert measure in rows[0]


def test_collocations_bad_measure(corpus: Path) -> None:
    result = run("collocations", str(corpus), "--measure", "chi")
    assert result.exit_code == 2
    assert "'pmi', 'llr'" in result.output or "pmi, llr" in result.output


# --- framing kwic -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "matches"),
    [
        ("spy", ["spy", "spy"]),
        ("spy*", ["spy", "spying", "spy"]),
        ("exchange rate", ["exchange rate"] * 3),
        ("cultural exchange*", ["cultural exchange"]),
        ("re:\\bstern\\b", ["stern"]),
    ],
)
def test_kwic_terms(term: str, matches: list[str]) -> None:
    assert [line.match for line in kwic(term, _articles())] == matches


def test_kwic_context_metadata_negation() -> None:
    lines = list(kwic("spy", _articles(), width=12))
    assert (
        lines[0].id == "a1" and lines[0].outlet == "Daily Planet" and lines[0].date == "2025-01-02"
    )
    assert lines[0].left == "erg said the" and lines[0].right == "app was dang"
    assert not lines[0].negated and lines[1].negated  # "was not a spy"
    # context crosses into the sentence before
    assert next(iter(kwic("sternberg", _articles(), width=30))).left == (
        "icials issued a stern warning."
    )


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        ("Critics raised spying concerns which officials dismissed as unfounded.", True),
        ("It is not true that nobody worries about spying.", False),  # two negators cancel
        ("Officials did not dismiss spying concerns.", False),
        ("Officials did not deny that the app was not used for spying.", True),
        ("Critics said the app could be used for spying.", False),
    ],
)
def test_kwic_negated_is_the_scorers_verdict(sentence: str, negated: bool) -> None:
    from framing.axes.lexicon import get_lexicon
    from framing.axes.match import Matcher
    from framing.text import tokenize

    lexicon = get_lexicon("threat_exchange")
    hits = Matcher(lexicon).match_sentence(sentence, tokenize(sentence), 0)
    (scored,) = [h for h in hits if h.term == "spy*"]
    (line,) = kwic("spy*", [Article("x", sentence)])
    assert line.negated == scored.negated == negated
    assert next(iter(kwic("spy*", [Article("x", sentence)], rules=lexicon))).negated == negated


def test_kwic_axis_picks_the_negation_rule(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    text = "Critics raised spying concerns which officials dismissed as unfounded."
    path.write_text(json.dumps({"id": "x", "text": text}) + "\n", encoding="utf-8")
    rows = {}
    for axis in ("threat_exchange", "state_wire"):  # state_wire: negation off (window 0)
        result = run("kwic", "spy*", str(path), "--axis", axis, "--format", "jsonl")
        assert result.exit_code == 0, result.output
        rows[axis] = json.loads(result.stdout)["negated"]
    assert rows == {"threat_exchange": True, "state_wire": False}
    result = run("kwic", "spy*", str(path), "--axis", "nope")
    assert result.exit_code == 2 and "Available: " in result.output


@pytest.mark.parametrize("term", ["*", "s*", "re:(", "", "two  words*x"])
def test_kwic_bad_term_is_one_line(term: str, corpus: Path) -> None:
    result = run("kwic", term, str(corpus))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "TERM" in result.output
    with pytest.raises(UsageError):
        term_lexicon(term)


@pytest.mark.parametrize("fmt", ["table", "csv", "jsonl"])
def test_kwic_cli_formats(corpus: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"k.{fmt}"
    result = run("kwic", "exchange*", str(corpus), "--format", fmt, "-o", str(out), "--limit", "4")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert list(rows[0]) == ["id", "outlet", "date", "left", "match", "right", "negated"]
        assert len(rows) == 4
    elif fmt == "jsonl":
        assert json.loads(text.splitlines()[0])["match"] == "exchange"
    else:
        assert "exchange rate" not in text.split("match")[0]
        assert "Gazette" in text


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("re:\\bzeppelin\\b", "note: no match of 're:\\bzeppelin\\b'"),
        ("re:\\b(zz", "TERM 're:\\b(zz': bad regular expression 're:\\b(zz': missing )"),
        ("zeppelin's", 'note: no match of "zeppelin\'s"'),
    ],
)
def test_kwic_messages_show_the_term_as_typed(corpus: Path, term: str, message: str) -> None:
    result = run("kwic", term, str(corpus))
    assert message in result.output
    assert "\\\\" not in result.output  # one backslash each, not two


def test_kwic_no_match_and_missing_path(corpus: Path, tmp_path: Path) -> None:
    result = run("kwic", "zeppelin", str(corpus))
    assert result.exit_code == 0 and "no match" in result.output
    result = run("kwic", "spy", str(tmp_path / "nope"))
    assert result.exit_code == 1 and "no such file" in result.output


# --- framing lexicons diagnose ------------------------------------------------------------


def test_diagnose_flags_over_matching_entries(lexicon_dir: Path) -> None:
    from framing.axes.lexicon import get_lexicon

    result = diagnose(get_lexicon("probe", [str(lexicon_dir)]), _articles(), many=3)
    entries = {r["entry"]: r for r in result.rows()}
    stern = entries["stern*"]
    assert stern["forms"] == {"sternberg": 3, "stern": 1}
    assert any("proper noun? 'sternberg'" in f for f in stern["flags"])
    exchange = entries["exchange*"]
    assert exchange["matches"] == 5 and exchange["documents"] == 4
    assert any("'exchange rate'" in f for f in exchange["flags"])
    spy = entries["spy*"]
    assert spy["counted"] == 2 and spy["matches"] == 3  # "not a spy" is negated
    assert any(f.startswith("many forms") for f in entries["spy*"]["flags"]) is False
    assert entries["never seen"]["flags"] == ["no match"]
    assert result.n_documents == 6 and result.no_match == 1
    assert stern["contexts"][0].startswith("a1: ...")


def test_diagnose_cli(corpus: Path, lexicon_dir: Path) -> None:
    result = run("lexicons", "diagnose", "probe", str(corpus), "--lexicons", str(lexicon_dir))
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert (
        first == "probe 0.1.0 on 6 documents: 1 (17%) with no match, 1 (17%) with no counted match"
    )
    assert "proper noun? 'sternberg'" in result.output
    assert "no match (1): never seen" in result.output
    result = run(
        "lexicons", "diagnose", "probe", str(corpus), "--lexicons", str(lexicon_dir),
        "--format", "json",
    )  # fmt: skip
    rows = json.loads(result.output)
    assert rows[0]["entry"] == "exchange*" and rows[0]["forms"]["exchange"] == 5


def test_diagnose_unknown_axis_and_empty(corpus: Path, tmp_path: Path) -> None:
    result = run("lexicons", "diagnose", "threat_exchang", str(corpus))
    assert result.exit_code == 2
    assert "threat_exchange" in result.output and result.output.count("\n") == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = run("lexicons", "diagnose", "threat_exchange", str(empty))
    assert result.exit_code == 1 and "no article to diagnose" in result.output


def test_every_new_command_has_help() -> None:
    for args in (["terms"], ["kwic"], ["collocations"], ["sample"], ["lexicons", "diagnose"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_new_commands_are_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in ("sample", "terms", "kwic", "collocations", "lexicons diagnose"):
        assert f"| `framing {command} " in readme, command
        assert f"$ framing {command} " in readme, command
