"""Each adapter on a tiny sample built here from the shared file (skipped without the data).

The samples are written to tmp_path only: nothing from the shared sets enters the project.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

from framing.axes.lexicon import parse_lexicon
from framing.benchmark import ADAPTERS, run_benchmark
from framing.scoring.scorer import Scorer

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "datasets"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(
        not SHARED.is_dir(),
        reason=f"labeled data sets not found at {SHARED} (../shared/datasets beside the repo)",
    ),
]

LEXICON = """format: framing-lexicon/1
id: {id}
version: 0.0.1
description: a test axis
license: CC0-1.0
sources:
  - written for the test suite
poles:
  negative:
    id: {neg}
    label: {neg}
  positive:
    id: {pos}
    label: {pos}
terms:
  {neg}:
{neg_terms}
  {pos}:
{pos_terms}
"""


def _lexicon(axis: str, neg: str, pos: str, neg_terms: list[str], pos_terms: list[str]):
    def block(terms: list[str]) -> str:
        return "\n".join(f"    {t}: 1.0" for t in terms)

    text = LEXICON.format(
        id=axis, neg=neg, pos=pos, neg_terms=block(neg_terms), pos_terms=block(pos_terms)
    )
    return parse_lexicon(text, f"<{axis}>")


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    lexicons = {
        "state_wire": _lexicon(
            "state_wire",
            "state",
            "wire",
            ["western", "hegemony", "so-called", "slander*"],
            ["said", "according to", "declined to comment"],
        ),
        "threat_exchange": _lexicon(
            "threat_exchange",
            "threat",
            "exchange",
            ["threat*", "security", "attack*", "spy*"],
            ["culture", "exchange*", "friend*", "tradition*"],
        ),
    }
    return Scorer(lexicons=lexicons, sentiment=True, use_models=False)  # toy axes: lexicon only


def _per_value(records: list, key, k: int) -> list:
    """Up to ``k`` records for each value of ``key`` (so every class is in the sample)."""
    seen: dict = defaultdict(int)
    out = []
    for record in records:
        value = key(record)
        if seen[value] < k:
            seen[value] += 1
            out.append(record)
    return out


def _jsonl(src: Path, dst: Path, key, k: int = 4) -> None:
    opener = gzip.open if src.suffix == ".gz" else open
    with opener(src, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle if line.strip()]
    lines = "".join(json.dumps(r) + "\n" for r in _per_value(records, key, k))
    dst.parent.mkdir(parents=True, exist_ok=True)
    if dst.suffix == ".gz":
        dst.write_bytes(gzip.compress(lines.encode("utf-8")))
    else:
        dst.write_text(lines, encoding="utf-8")


def _csv(src: Path, dst: Path, key, k: int = 4, delimiter: str = ",", encoding="utf-8") -> None:
    with open(src, encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        rows = _per_value(list(reader), key, k)
        fields = reader.fieldnames or []
    dst.parent.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    dst.write_text(out.getvalue(), encoding=encoding)


def _head(src: Path, dst: Path, n: int, encoding: str = "utf-8") -> list[str]:
    lines = src.read_text(encoding=encoding).splitlines(keepends=True)[:n]
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text("".join(lines), encoding=encoding)
    return lines


def build(name: str, root: Path) -> None:
    src, dst = SHARED / name, root / name
    if name in ("democracy-chinadaily-vs-nyt", "recovery-covid-rt-sputnik-presstv"):
        _jsonl(src / "articles.jsonl.gz", dst / "articles.jsonl.gz", lambda r: r["outlet_group"])
    elif name == "allsides-abp-wire-subset":
        file = "abp_wire_bbc_aljazeera.jsonl.gz"
        _jsonl(src / file, dst / file, lambda r: r["source"])
    elif name == "cn-state-media-headlines":
        file = "cn_state_vs_bbc_headlines_2022.csv"
        _csv(src / file, dst / file, lambda r: r["source"], k=10)
    elif name == "ppn-rrn-propaganda":
        _jsonl(
            src / "ppn_en_articles.jsonl",
            dst / "ppn_en_articles.jsonl",
            lambda r: r["source_domain"],
        )
        file = "regular_ukraine_EN_titles.csv"
        _csv(src / file, dst / file, lambda r: r["source_domain"], k=3)
    elif name == "semeval23-t3-frames":
        every = (src / "train-labels-subtask-2.txt").read_text(encoding="utf-8").splitlines()
        cultural = [x for x in every if "Cultural_identity" in x and "Security" not in x]
        security = [x for x in every if "Security" in x and "Cultural_identity" not in x]
        lines = list(dict.fromkeys(every[:6] + cultural[:3] + security[:3]))
        dst.mkdir(parents=True)
        (dst / "train-labels-subtask-2.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (dst / "train-articles").mkdir()
        for line in lines:
            file = f"article{line.split()[0]}.txt"
            (dst / "train-articles" / file).write_bytes(
                (src / "train-articles" / file).read_bytes()
            )
    elif name == "vader-groundtruth":
        from framing.benchmark.readers import VADER_FILES

        for file in VADER_FILES.values():
            _head(src / file, dst / file, 15, encoding="latin-1")
    elif name == "newsmtsc":
        for split in ("devtest_rw", "devtest_mt"):
            _head(src / f"{split}.jsonl", dst / f"{split}.jsonl", 15)
    elif name == "babe":
        _csv(
            src / "final_labels_SG2.csv",
            dst / "final_labels_SG2.csv",
            lambda r: r["label_bias"],
            k=8,
            delimiter=";",
            encoding="utf-8-sig",
        )
    elif name == "gvfc":
        file = "GVFC_extension_multimodal.csv"
        _csv(src / file, dst / file, lambda r: r["Q3 Theme1"], k=4)
    elif name == "narrative-frames":
        file = "articles_metadata.tsv"
        _csv(src / file, dst / file, lambda r: r["CO"], k=6, delimiter="\t")
    else:  # pragma: no cover - a new adapter needs a sample builder here
        raise AssertionError(f"no sample builder for {name}")


def _finite(value) -> bool:
    return value is not None and math.isfinite(value)


@pytest.mark.parametrize("name", list(ADAPTERS))
def test_adapter_on_a_tiny_sample(name: str, tmp_path: Path, scorer: Scorer) -> None:
    build(name, tmp_path)
    result = run_benchmark(name, datasets_dir=tmp_path, n_boot=100, scorer=scorer)
    assert result.n > 0
    assert result.parts, "an adapter runs at least one check"
    data = result.to_dict()
    json.dumps(data)  # serialisable
    for part in result.parts:
        methods = {row.method for row in part.rows}
        assert "majority" in methods, f"{part.name}: no majority baseline"
        for row in part.rows:
            if row.status != "ok":
                assert row.method == "model" or row.method == "lexicon", row
                continue
            for metric, est in row.metrics.items():
                if est.value is None:
                    continue
                if metric in ("pearson", "spearman", "mean_score"):
                    assert -1.0 <= est.value <= 1.0
                else:
                    assert 0.0 <= est.value <= 1.0, (part.name, row, metric)
                if est.low is not None:
                    assert est.low <= est.value + 1e-9 and est.value <= est.high + 1e-9
        if part.kind == "binary":
            assert {"framing", "lexicon", "model"} <= methods or "vader_naive" in methods
            pooled = [r for r in part.rows if r.group == "all" and r.method == "framing"]
            assert pooled and _finite(pooled[0].metrics["auc"].value), part.name
        if part.kind == "sentiment":
            assert {"framing", "vader_naive", "majority"} <= methods


def test_ppn_reports_both_the_confounded_and_the_length_matched_contrast(tmp_path, scorer):
    build("ppn-rrn-propaganda", tmp_path)
    result = run_benchmark("ppn-rrn-propaganda", datasets_dir=tmp_path, n_boot=100, scorer=scorer)
    names = [p.name for p in result.parts]
    assert any("length-confounded" in n for n in names)
    assert any("length-matched" in n for n in names)
    assert any("LENGTH CONFOUND" in note for p in result.parts for note in p.notes)


def test_allsides_has_rows_per_held_out_outlet(tmp_path, scorer):
    build("allsides-abp-wire-subset", tmp_path)
    result = run_benchmark(
        "allsides-abp-wire-subset", datasets_dir=tmp_path, n_boot=100, scorer=scorer
    )
    groups = {row.group for row in result.parts[0].rows}
    assert "outlet: Reuters (wire)" in groups
    assert "outlet: Al Jazeera (state_funded_qatar)" in groups
    bbc = [r for r in result.parts[0].rows if r.group.startswith("outlet: BBC News")]
    assert bbc and all(set(r.metrics) == {"mean_score"} for r in bbc)  # described, not tested
    majority = {r.group: r for r in result.parts[0].rows if r.method == "majority"}
    # Leave-one-outlet-out: the majority of the *other* outlets in the contrast.
    assert majority["outlet: Al Jazeera (state_funded_qatar)"].metrics["accuracy"].value == 0.0


def test_model_rows_say_no_model_rather_than_inventing_numbers(tmp_path, scorer):
    build("babe", tmp_path)
    result = run_benchmark("babe", datasets_dir=tmp_path, n_boot=100, scorer=scorer)
    model = [r for r in result.parts[0].rows if r.method == "model"]
    assert model and model[0].status == "no model loaded" and not model[0].metrics


def test_limit_takes_a_seeded_sample(tmp_path, scorer):
    build("cn-state-media-headlines", tmp_path)
    one = run_benchmark(
        "cn-state-media-headlines",
        datasets_dir=tmp_path,
        limit=20,
        seed=1,
        n_boot=100,
        scorer=scorer,
    )
    two = run_benchmark(
        "cn-state-media-headlines",
        datasets_dir=tmp_path,
        limit=20,
        seed=1,
        n_boot=100,
        scorer=scorer,
    )
    assert one.n == 20 and one.settings["n_available"] == 30
    assert one.parts == two.parts
