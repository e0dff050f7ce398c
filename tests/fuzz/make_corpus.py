#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the seed corpus of the fuzz targets into tests/fuzz/corpus/<target>/ (committed; rerun
after changing it). Each seed is either a valid file of its kind, so the fuzzer starts from
inputs that reach deep into the reader, or a reproducer of a defect of issue 14, so the replay
test (ctest -L fuzz) keeps it fixed. Inputs a fuzz run found go in the same folders, named
crash-<hash> as libFuzzer names them. Standard library only: independent of the C++ writers."""
import json
import math
import pathlib
import struct

ROOT = pathlib.Path(__file__).resolve().parent / "corpus"
MODELS = pathlib.Path(__file__).resolve().parents[2] / "resources" / "models"


def put(target, name, data):
    folder = ROOT / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode())


def wav(rate, channels, bits, samples, fmt_tag=1, data_size=None, block_align=None):
    """A RIFF WAV from frames of per-channel values (PCM ints, or floats for fmt_tag 3)."""
    if fmt_tag == 3:
        body = b"".join(struct.pack("<f", v) for frame in samples for v in frame)
    else:
        body = b"".join(struct.pack("<h", int(v)) for frame in samples for v in frame)
    align = block_align if block_align is not None else channels * max(bits, 8) // 8
    fmt = struct.pack("<HHIIHH", fmt_tag, channels, rate, rate * align, align, bits)
    size = len(body) if data_size is None else data_size
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", size) + body
    return b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks


def sine(n, rate, channels=1, scale=12000.0):
    return [[scale * math.sin(2 * math.pi * 440 * t / rate)] * channels for t in range(n)]


def audio():
    put("audio", "pcm16-16k.wav", wav(16000, 1, 16, sine(400, 16000)))
    put("audio", "pcm16-48k-stereo.wav", wav(48000, 2, 16, sine(600, 48000, 2)))
    put("audio", "float-22k.wav", wav(22050, 1, 32, sine(300, 22050, 1, 0.5), fmt_tag=3))
    # Issue 14 reproducers.
    put("audio", "one-sample-48k.wav", wav(48000, 1, 16, [[1000]]))  # soxr output of 0 samples
    put("audio", "two-samples-48k.wav", wav(48000, 1, 16, [[1000], [-1000]]))
    put("audio", "rate-2147483647.wav", wav(2147483647, 1, 16, sine(64, 16000)))
    put("audio", "rate-1hz.wav", wav(1, 1, 16, sine(64, 16000)))
    put("audio", "nan-float.wav", wav(16000, 1, 32, [[0.1], [float("nan")], [0.2]] * 20, fmt_tag=3))
    put("audio", "inf-float.wav", wav(16000, 1, 32, [[0.1], [float("inf")]] * 20, fmt_tag=3))
    put("audio", "bits-7.wav", wav(16000, 1, 7, sine(64, 16000), block_align=2))
    put("audio", "bits-0.wav", wav(16000, 1, 0, sine(64, 16000), block_align=2))
    put("audio", "truncated-header.wav", wav(16000, 1, 16, sine(64, 16000))[:30])
    put("audio", "data-size-4g.wav", wav(16000, 1, 16, sine(64, 16000), data_size=0xFFFFFFF0))


def model_config():
    chapter = json.loads((MODELS / "chapter" / "model.json").read_text())
    put("model_config", "chapter.json", json.dumps(chapter))
    put("model_config", "clear.json", (MODELS / "clear" / "model.json").read_text())

    def variant(name, section, key, value):
        c = json.loads(json.dumps(chapter))
        c[section][key] = value
        put("model_config", name, json.dumps(c))

    # Issue 14 reproducers: extreme values, narrowing, deep nesting.
    variant("hop-1.json", "audio", "hop_samples", 1)
    variant("n-fft-1e6.json", "audio", "n_fft", 1000000)
    variant("log-floor-3.json", "audio", "log_floor", 3)
    variant("codebooks-1e9.json", "codec", "codebooks", 1e9)
    variant("layers-2.9.json", "talker", "layers", 2.9)
    variant("layers-2pow32-plus-4.json", "talker", "layers", 2**32 + 4)
    variant("d-model-huge.json", "talker", "d_model", 2**31 - 1)
    variant("iterations-1e9.json", "vocoder", "iterations", 1000000000)
    variant("subframes-true.json", "codec", "subframes", True)
    c = json.loads(json.dumps(chapter))
    c["metrics"] = {"deep": "DEEP"}  # copied by ModelConfig::fromJson: the recursion overflowed
    put("model_config", "metrics-100000-deep.json", json.dumps(c).replace('"DEEP"', "[" * 100000 + "]" * 100000))


def safetensors(header, data):
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + data


def weights():
    floats = struct.pack("<6f", 0.5, -1.25, 3.0, 1e-3, -0.0, 65504.0)
    put("safetensors", "small.safetensors",
        safetensors({"__metadata__": {"format": "pt"}, "a.weight": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
                     "b": {"dtype": "F32", "shape": [1], "data_offsets": [24, 28]}}, floats + struct.pack("<f", 2.0)))
    # Issue 14 reproducers: a product that wraps to 0 in 64 bits, data past the file, bad dims.
    put("safetensors", "shape-product-wraps.safetensors",
        safetensors({"proj_in.bias": {"dtype": "F32", "shape": [2**32, 2**30], "data_offsets": [0, 0]}}, b""))
    put("safetensors", "shape-product-overflows.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [2**62, 2**62, 4], "data_offsets": [0, 16]}}, b"\0" * 16))
    put("safetensors", "offset-past-file.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [4], "data_offsets": [2**64 - 16, 2**64 - 0]}}, b"\0" * 16))
    put("safetensors", "negative-offset.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [2], "data_offsets": [-8, 0]}}, b"\0" * 8))
    put("safetensors", "negative-dim.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [-2, -2], "data_offsets": [0, 16]}}, b"\0" * 16))
    put("safetensors", "fractional-dim.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [2.5], "data_offsets": [0, 8]}}, b"\0" * 8))
    put("safetensors", "huge-dim.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [2**64 - 1], "data_offsets": [0, 4]}}, b"\0" * 4))
    put("safetensors", "overlap.safetensors",
        safetensors({"x": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]},
                     "y": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}, b"\0" * 12))
    put("safetensors", "deep-header.safetensors", struct.pack("<Q", 200000) + b"[" * 100000 + b"]" * 100000)


def codes():
    head = {"format": "talker-codes", "version": 1, "bundle": "chapter", "codebooks": 2, "codebook_size": 128,
            "frame_rate_hz": 12.5}
    put("codes_json", "valid.json", json.dumps(dict(head, codes=[[0, 127], [5, 64], [99, 1]])))
    put("codes_json", "codebooks-4294967298.json", json.dumps(dict(head, codebooks=4294967298, codes=[[1, 2]])))
    put("codes_json", "codebook-size-2pow40.json", json.dumps(dict(head, codebook_size=2**40, codes=[[1, 2]])))
    put("codes_json", "fractional-code.json", json.dumps(dict(head, codes=[[1.5, 2]])))
    put("codes_json", "huge-code.json", json.dumps(dict(head, codes=[[2**64 - 1, 2]])))
    put("codes_json", "truncated.json", json.dumps(dict(head, codes=[[1, 2], [3, 4]]))[:-9])
    put("codes_json", "deep.json", json.dumps(head)[:-1] + ', "codes": ' + "[" * 100000 + "]" * 100000 + "}")
    put("codes_csv", "valid.csv", "frame,time_s,cb0,cb1\n0,0,0,127\n1,0.08,5,64\n2,0.16,99,1\n")
    put("codes_csv", "many-columns.csv", "frame,time_s," + ",".join("cb%d" % k for k in range(40)) + "\n")
    put("codes_csv", "code-2pow40.csv", "frame,time_s,cb0\n0,0,1099511627776\n")


def takes():
    take = {"format": "talker-take", "version": 1,
            "bundle": {"name": "chapter", "fingerprint": "fnv1a64:0123456789abcdef", "codebooks": 2,
                       "codebook_size": 128, "frame_rate_hz": 12.5},
            "params": {"frames": 3, "temperature": 0.8, "argmax": False, "top_k": 40, "top_p": 0.95, "seed": 7,
                       "real_time": False},
            "prompt": [[1, 2]], "codes": [[1, 2], [3, 4], [5, 6], [7, 8]]}
    put("take_file", "valid.json", json.dumps(take, indent=1))

    def variant(name, change):
        t = json.loads(json.dumps(take))
        change(t)
        put("take_file", name, json.dumps(t))

    # Issue 14 reproducers: wrong types (raw nlohmann errors before), narrowing, deep nesting.
    variant("format-number.json", lambda t: t.update(format=5))
    variant("bundle-array.json", lambda t: t.update(bundle=[1, 2]))
    variant("codebooks-2.9.json", lambda t: t["bundle"].update(codebooks=2.9))
    variant("codebooks-4294967298.json", lambda t: t["bundle"].update(codebooks=4294967298))
    variant("seed-negative.json", lambda t: t["params"].update(seed=-1))
    variant("real-time-string.json", lambda t: t["params"].update(real_time="yes"))
    variant("frames-huge.json", lambda t: t["params"].update(frames=2**31 - 1))
    t = json.loads(json.dumps(take))
    t["params"]["extra"] = "DEEP"  # readTakeFile copies "params": the recursion overflowed
    put("take_file", "deep.json", json.dumps(t).replace('"DEEP"', "[" * 100000 + "]" * 100000))


def tiny_bundle_config():
    """A whole bundle small enough to fuzz: the chapter's model.json with a linear codec and a
    Talker of d_model 8 over 16-entry codebooks of 8 mel bins."""
    c = json.loads((MODELS / "chapter" / "model.json").read_text())
    c.pop("metrics", None)
    c["provenance"] = {"recipe": "tests/fuzz/make_corpus.py", "trained": False}
    c["name"] = "fuzz-tiny"
    c["description"] = "A bundle small enough to fuzz (tests/fuzz/make_corpus.py)."
    c["audio"]["mel_bins"] = 8
    c["codec"] = {"type": "rvq", "codebooks": 2, "codebook_size": 16, "subframes": 5, "latent_dim": 4,
                  "frame_rate_hz": 12.5}
    c["talker"].update(codebooks=2, codebook_size=16, bos_index=16, d_model=8, layers=1, query_heads=2,
                       kv_heads=1, head_dim=4, ffn_hidden=16, delays=[])
    return c


def tiny_bundle_shapes(c):
    """The tensors ModelBundle::expectedTalkerShapes / expectedRvqShapes imply for that config."""
    t, k = c["talker"], c["codec"]
    d, v = t["d_model"], t["codebook_size"]
    talker = {}
    for i in range(t["codebooks"]):
        talker["embeddings.%d.weight" % i] = [v + 1, d]
        talker["heads.%d.weight" % i] = [v, d]
    for l in range(t["layers"]):
        b = "blocks.%d." % l
        q, kv, f = t["query_heads"] * t["head_dim"], t["kv_heads"] * t["head_dim"], t["ffn_hidden"]
        talker.update({b + "attn_norm.weight": [d], b + "attn.q.weight": [q, d], b + "attn.k.weight": [kv, d],
                       b + "attn.v.weight": [kv, d], b + "attn.o.weight": [d, q], b + "ffn_norm.weight": [d],
                       b + "ffn.gate.weight": [f, d], b + "ffn.up.weight": [f, d], b + "ffn.down.weight": [d, f]})
    talker["norm.weight"] = [d]
    stacked, latent = k["subframes"] * c["audio"]["mel_bins"], k["latent_dim"]
    rvq = {"proj_in.weight": [latent, stacked], "proj_in.bias": [latent], "proj_out.weight": [stacked, latent],
           "proj_out.bias": [stacked]}
    for i in range(k["codebooks"]):
        rvq["codebooks.%d" % i] = [k["codebook_size"], latent]
    return talker, rvq


def tensors(shapes, seed):
    header, data = {"__metadata__": {"format": "pt"}}, b""
    for i, (name, shape) in enumerate(sorted(shapes.items())):
        n = math.prod(shape)
        values = [math.sin(seed + 0.37 * (i + 1) * (j + 1)) * 0.1 for j in range(n)]
        header[name] = {"dtype": "F32", "shape": shape, "data_offsets": [len(data), len(data) + 4 * n]}
        data += struct.pack("<%df" % n, *values)
    return safetensors(header, data)


def bundle_input(config, talker, rvq):
    """The fuzz_bundle input: u32 size + model.json, u32 size + talker.safetensors, rvq.safetensors."""
    config = config if isinstance(config, bytes) else json.dumps(config).encode()
    return struct.pack("<I", len(config)) + config + struct.pack("<I", len(talker)) + talker + rvq


def bundles():
    c = tiny_bundle_config()
    talker_shapes, rvq_shapes = tiny_bundle_shapes(c)
    talker, rvq = tensors(talker_shapes, 1), tensors(rvq_shapes, 2)
    put("bundle", "tiny.bundle", bundle_input(c, talker, rvq))
    # Mismatches a user can have: files of another model, a tensor missing, the files swapped, a
    # shape product that overflows with a model.json that implies it (issue 14: SIGFPE later).
    put("bundle", "swapped.bundle", bundle_input(c, rvq, talker))
    missing = dict(talker_shapes)
    missing.pop("norm.weight")
    put("bundle", "tensor-missing.bundle", bundle_input(c, tensors(missing, 1), rvq))
    wide = json.loads(json.dumps(c))
    wide["talker"]["d_model"] = 16
    put("bundle", "other-model.bundle", bundle_input(wide, talker, rvq))
    huge = json.loads(json.dumps(c))
    huge["talker"]["ffn_hidden"] = 65536
    huge["talker"]["d_model"] = 4096
    put("bundle", "huge-config.bundle", bundle_input(huge, talker, rvq))
    wraps = safetensors({"norm.weight": {"dtype": "F32", "shape": [2**32, 2**32], "data_offsets": [0, 0]}}, b"")
    put("bundle", "shape-product-wraps.bundle", bundle_input(c, wraps, rvq))
    put("bundle", "truncated.bundle", bundle_input(c, talker, rvq)[:-100])
    put("bundle", "empty-files.bundle", bundle_input(b"", b"", b""))


def train_logs():
    def line(step, losses, valid=None, **extra):
        entry = {"step": step, "lr": 1e-3, "train_loss": sum(x for x in losses if isinstance(x, float)), "train_loss_by_codebook": losses,
                 "elapsed_s": 0.5 * step, "world_size": 1}
        if valid:
            entry.update(valid_loss_by_codebook=valid, valid_loss=sum(valid))
        entry.update(extra)
        return json.dumps(entry) + "\n"

    good = line(1, [4.8, 4.8]) + line(10, [4.1, 4.5]) + line(20, [3.9, 4.4], [4.0, 4.5])
    put("train_log", "valid.jsonl", good)
    put("train_log", "shipped-chapter.jsonl",
        "".join((MODELS / "chapter" / "train-log.jsonl").read_text().splitlines(True)[:40]))
    put("train_log", "running.jsonl", good + line(30, [3.8, 4.3])[:25])  # a line being written
    put("train_log", "cut-short-line.jsonl", good[:40] + "\n" + line(30, [3.8, 4.3]))
    put("train_log", "steps-decrease.jsonl", line(10, [4.0, 4.0]) + line(5, [4.0, 4.0]))
    put("train_log", "codebooks-change.jsonl", line(1, [4.0, 4.0]) + line(2, [4.0, 4.0, 4.0]))
    put("train_log", "valid-count-differs.jsonl", line(1, [4.0, 4.0], [4.0]))
    put("train_log", "step-fraction.jsonl", line(1.5, [4.0]))
    put("train_log", "step-huge.jsonl", line(2**40, [4.0]))
    put("train_log", "nan-loss.jsonl", line(1, [4.0]).replace("4.0]", "NaN]"))
    put("train_log", "loss-string.jsonl", line(1, ["4.0"]))
    put("train_log", "no-losses.jsonl", line(1, []))
    put("train_log", "many-codebooks.jsonl", line(1, [4.0] * 1000))
    put("train_log", "deep.jsonl", '{"step": 1, "x": ' + "[" * 100000 + "]" * 100000 + "}\n")
    put("train_log", "empty.jsonl", "")


if __name__ == "__main__":
    audio()
    model_config()
    weights()
    codes()
    takes()
    bundles()
    train_logs()
