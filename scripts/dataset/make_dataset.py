#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Deterministic synthetic speech corpus for training the default Talker Studio models.

Python standard library only. Drives the speech synthesisers packaged in Debian
(flite, festival, espeak-ng) and sox; see scripts/setup-dataset-tools.

Output (DIR = --out):
  DIR/wavs/<voice>/<uid>.wav   16 kHz mono 16-bit PCM, long leading/trailing silence trimmed
  DIR/train.tsv, DIR/valid.tsv, DIR/eval.tsv
        columns: path (relative to DIR), voice, duration_s, sha256, text  (header line first)
  DIR/manifest.json            provenance, counts, hours, checksums
  DIR/alignments.tsv           phoneme alignments of the flite and festival utterances (espeak
        utterances have none): header "path\tphones", then one line per aligned utterance:
        path (as in the split tsv files) TAB space-separated "phone:start:end" (seconds, 3
        decimals, relative to the trimmed wav; contiguous, sorted, covering [0, duration]).
        Phones: the 39 ARPAbet phones in lower case without stress, plus "sil" (PHONES below).
        Lines in the order of train, valid, eval rows; each path once (eval is part of valid).
  DIR/align/<voice>/<uid>.phones  per-utterance cache of the engine's raw segments (ms, relative
        to the trimmed wav) and the sha256 of the wav they belong to

Determinism: the plan (which sentence is spoken by which voice, with which parameters, under
which file name) is a pure function of --seed and the installed text packages. The synthesisers
are deterministic, so the same seed gives byte-identical wav files. The split is cut at the first
utterance (in plan order) where the cumulative duration reaches the target, so the result does
not depend on --jobs or on scheduling. A smaller --hours run is a prefix of a larger one, and
existing files are reused (idempotent).
"""
import argparse
import concurrent.futures as cf
import datetime
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import wave
from array import array

SR = 16000
FORTUNE_DIR = "/usr/share/games/fortunes"
TEXT_PACKAGES = ["fortunes-min", "fortunes"]
# fortune files that are not running English prose
FORTUNE_SKIP = {"ascii-art", "translate-me"}
CMUDICT = "/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"
SOFTWARE_PACKAGES = ["flite", "espeak-ng", "espeak-ng-data", "festival", "festlex-cmu",
                     "festvox-kallpc16k", "festvox-kdlpc16k", "festvox-us-slt-hts", "sox",
                     "pocketsphinx-en-us"]

# ---------------------------------------------------------------------------------------------
# Voices. "id" is the voice column of the tsv files. Held-out voices appear only in validation.
# espeak voices get a per-utterance seeded jitter of pitch (-p) and rate (-s) around the base.
VOICES = [
    {"id": "flite_kal", "engine": "flite", "voice": "kal"},
    {"id": "flite_kal16", "engine": "flite", "voice": "kal16"},
    {"id": "flite_awb", "engine": "flite", "voice": "awb"},
    {"id": "flite_rms", "engine": "flite", "voice": "rms"},
    {"id": "flite_slt", "engine": "flite", "voice": "slt"},
    {"id": "festival_kal_diphone", "engine": "festival", "voice": "kal_diphone"},
    {"id": "festival_ked_diphone", "engine": "festival", "voice": "ked_diphone"},
    {"id": "festival_slt_hts", "engine": "festival", "voice": "cmu_us_slt_arctic_hts"},
    {"id": "espeak_en-us", "engine": "espeak", "voice": "en-us", "pitch": 45, "rate": 165},
    {"id": "espeak_en-gb", "engine": "espeak", "voice": "en", "pitch": 40, "rate": 155},
    {"id": "espeak_en-gb-x-rp", "engine": "espeak", "voice": "en-gb-x-rp", "pitch": 50, "rate": 150},
    {"id": "espeak_en-us+f3", "engine": "espeak", "voice": "en-us+f3", "pitch": 60, "rate": 160},
    {"id": "espeak_en+f4", "engine": "espeak", "voice": "en+f4", "pitch": 65, "rate": 170},
    {"id": "espeak_en-us+m3", "engine": "espeak", "voice": "en-us+m3", "pitch": 35, "rate": 150},
    {"id": "espeak_en-gb-scotland", "engine": "espeak", "voice": "en-gb-scotland", "pitch": 45, "rate": 160},
    {"id": "espeak_en-029+m2", "engine": "espeak", "voice": "en-029+m2", "pitch": 50, "rate": 155},
    {"id": "espeak_en-us+f2", "engine": "espeak", "voice": "en-us+f2", "pitch": 55, "rate": 165},
]
DEFAULT_HOLDOUT = ["flite_slt", "espeak_en-us+f2"]
ESPEAK_PITCH_JITTER = 12   # +- on the 0..99 scale
ESPEAK_RATE_JITTER = 0.12  # +- fraction of words per minute

TRIM_MARGIN_S = 0.20       # silence kept before the first / after the last sound
TRIM_REL_DB = -45.0        # "sound" = |x| above peak * 10^(dB/20) ...
TRIM_ABS = 40              # ... and above this absolute 16-bit level

# Phoneme alignments (flite -psdur, festival Segment relation) mapped to one phone set.
ALIGN_ENGINES = ("flite", "festival")
ALIGN_CACHE_VERSION = "talker-align v1"
PHONES = ("aa ae ah ao aw ay b ch d dh eh er ey f g hh ih iy jh k l m n ng ow oy p r s sh t th "
          "uh uw v w y z zh sil").split()
SIL_NAMES = {"pau", "h#", "#", "sil", "ssil", "sp", "spn", "brth", "_", "pau0", "pau1"}
# names outside the 39 that the engines may use, folded to the nearest phone of the set
PHONE_FOLD = {"ax": "ah", "axr": "er", "ix": "ih", "ux": "uw", "dx": "t", "nx": "n", "el": "l",
              "em": "m", "en": "n", "eng": "ng", "hv": "hh", "q": "t", "ax-h": "ah", "ah0": "ah",
              "pcl": "p", "tcl": "t", "kcl": "k", "bcl": "b", "dcl": "d", "gcl": "g"}


def log(msg):
    print(f"[make-dataset {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)


def pkg_version(pkg):
    try:
        out = run(["dpkg-query", "-W", "-f", "${Version}", pkg]).stdout.decode().strip()
        return out or None
    except (subprocess.CalledProcessError, FileNotFoundError):
        return None


# ---------------------------------------------------------------------------------------------
# Text

ALLOWED = re.compile(r"^[A-Za-z ,.'?!;\-]+$")
SENT_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


def load_cmudict():
    words = set()
    if not os.path.exists(CMUDICT):
        return None
    with open(CMUDICT, encoding="latin-1") as f:
        for line in f:
            w = line.split(" ", 1)[0]
            w = re.sub(r"\(\d+\)$", "", w)
            words.add(w.lower())
    return words


def fortune_files():
    files = []
    for pkg in TEXT_PACKAGES:
        try:
            out = run(["dpkg-query", "-L", pkg]).stdout.decode().split("\n")
        except subprocess.CalledProcessError:
            log(f"text package {pkg} is not installed (run scripts/setup-dataset-tools)")
            continue
        for p in out:
            if (p.startswith(FORTUNE_DIR + "/") and os.path.isfile(p) and not os.path.islink(p)
                    and "." not in os.path.basename(p) and os.path.basename(p) not in FORTUNE_SKIP
                    and "/off/" not in p):
                files.append((pkg, p))
    return sorted(set(files), key=lambda x: x[1])


def clean_sentence(s, cmudict):
    s = s.strip().strip("\"'()[]`").strip()
    s = re.sub(r"\s+", " ", s)
    if not s or not ALLOWED.match(s):
        return None
    if not s[0].isupper() or s[-1] not in ".!?":
        return None
    if "--" in s or " - " in s or ".." in s or " '" in s or "' " in s or s.startswith("-"):
        return None
    words = s.split(" ")
    if not (3 <= len(words) <= 25):
        return None
    for i, w in enumerate(words):
        core = w.rstrip(",.?!;")
        if not core or re.search(r"[.,?!;]", core):
            return None   # abbreviation (Mr.), ellipsis, stray punctuation
        if i < len(words) - 1 and w[-1] in ".?!":
            return None
        if core != "I" and not core.startswith("I'") and any(c.isupper() for c in core[1:]):
            return None   # acronyms, shouting, CamelCase
        if len(core) == 1 and core not in ("a", "A", "I"):
            return None
        if cmudict is not None:
            for part in core.lower().split("-"):
                if not part or part not in cmudict:
                    return None
    return s


def load_sentences(cmudict):
    files = fortune_files()
    seen = set()
    sents = []
    stats = {"files": 0, "entries": 0, "candidates": 0, "kept": 0}
    per_file = {}
    for pkg, path in files:
        stats["files"] += 1
        with open(path, "rb") as f:
            raw = f.read().decode("latin-1")
        raw = re.sub(r".\x08", "", raw)   # overstriking
        kept = 0
        for entry in re.split(r"^%\s*$", raw, flags=re.M):
            stats["entries"] += 1
            lines = []
            for line in entry.split("\n"):
                t = line.strip()
                if t.startswith("--") or t.startswith("- ") or t.startswith("~"):
                    break   # attribution; stop here
                lines.append(t)
            text = " ".join(lines)
            for s in SENT_SPLIT.split(text):
                stats["candidates"] += 1
                c = clean_sentence(s, cmudict)
                if c is None:
                    continue
                key = re.sub(r"[^a-z]", "", c.lower())
                if key in seen:
                    continue
                seen.add(key)
                sents.append(c)
                kept += 1
        per_file[os.path.basename(path)] = kept
    stats["kept"] = len(sents)
    sents.sort()
    return sents, stats, per_file, files


# ---------------------------------------------------------------------------------------------
# Plan


def plan_stream(split, sentences, voices, holdout_ids, seed):
    """Infinite deterministic stream of utterance descriptions for one split."""
    rng = random.Random(f"{seed}:{split}:voices")
    if split == "train":
        cyc = [v for v in voices if v["id"] not in holdout_ids]
        held = []
    else:
        held = [v for v in voices if v["id"] in holdout_ids]
        cyc = [v for v in voices if v["id"] not in holdout_ids]
    n = 0
    si = 0
    while True:
        order = cyc[:]
        rng.shuffle(order)
        hord = held[:]
        rng.shuffle(hord)
        # validation: every seen voice once per round, interleaved with as many held-out
        # utterances (so held-out voices make up about half of validation)
        seq = []
        if held:
            for i, v in enumerate(order):
                seq.append(v)
                seq.append(hord[i % len(hord)])
        else:
            seq = order
        for v in seq:
            text = sentences[si % len(sentences)]
            si += 1
            params = {}
            if v["engine"] == "espeak":
                prng = random.Random(f"{seed}:{split}:{n}:espeak")
                params["pitch"] = max(0, min(99, v["pitch"] + prng.randint(-ESPEAK_PITCH_JITTER,
                                                                             ESPEAK_PITCH_JITTER)))
                params["rate"] = int(round(v["rate"] * (1 + prng.uniform(-ESPEAK_RATE_JITTER,
                                                                         ESPEAK_RATE_JITTER))))
            key = json.dumps([v["id"], v["engine"], v["voice"], params, text], sort_keys=True)
            h = hashlib.sha1(key.encode()).hexdigest()[:10]
            uid = f"{split}-{n:06d}-{h}"
            yield {"split": split, "n": n, "uid": uid, "voice": v["id"], "engine": v["engine"],
                   "evoice": v["voice"], "params": params, "text": text,
                   "path": f"wavs/{v['id']}/{uid}.wav"}
            n += 1


# ---------------------------------------------------------------------------------------------
# Synthesis


def postprocess(src, dst):
    """src: any wav -> dst: 16 kHz mono 16-bit, long leading/trailing silence trimmed."""
    raw = run(["sox", "-D", "-G", src, "-t", "raw", "-r", str(SR), "-c", "1", "-b", "16",
               "-e", "signed-integer", "-L", "-"]).stdout
    a = array("h")
    a.frombytes(raw)
    if sys.byteorder != "little":
        a.byteswap()
    if len(a) == 0:
        raise RuntimeError("empty audio")
    peak = max(max(a), -min(a))
    thr = max(TRIM_ABS, int(peak * 10 ** (TRIM_REL_DB / 20)))
    hop = 160
    first = last = None
    for i in range(0, len(a), hop):
        seg = a[i:i + hop]
        if max(seg) > thr or -min(seg) > thr:
            first = i
            break
    for i in range((len(a) - 1) // hop * hop, -1, -hop):
        seg = a[i:i + hop]
        if max(seg) > thr or -min(seg) > thr:
            last = i + len(seg)
            break
    if first is None:
        raise RuntimeError("silent audio")
    m = int(TRIM_MARGIN_S * SR)
    start = max(0, first - m)
    total = len(a)
    a = a[start:min(len(a), last + m)]
    if sys.byteorder != "little":
        a.byteswap()
    tmp = dst + ".part"
    with wave.open(tmp, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(SR)
        w.writeframes(a.tobytes())
    os.replace(tmp, dst)
    # sox rate is linear phase with its delay compensated: sample i of the resampled signal is
    # at time i / SR of the source, so engine times t map to t - start / SR in dst.
    return {"start": start, "kept": len(a), "total": total}


# ---------------------------------------------------------------------------------------------
# Alignments


def parse_flite_psdur(out):
    """flite -psdur prints "name:end name:end ..." (end in seconds). -> [(name, start, end)]"""
    segs = []
    t = 0.0
    for tok in out.split():
        name, sep, end = tok.rpartition(":")
        if not sep or not name:
            continue
        try:
            e = float(end)
        except ValueError:
            continue
        segs.append((name, t, e))
        t = e
    return segs


def parse_festival_segs(path):
    """utt.save.segs (xlabel): "#" header line, then "end 100 name" lines."""
    segs = []
    t = 0.0
    with open(path, encoding="utf-8", errors="replace") as f:
        body = False
        for line in f:
            if not body:
                body = line.strip() == "#"
                continue
            p = line.split()
            if len(p) < 3:
                continue
            e = float(p[0])
            segs.append((p[2], t, e))
            t = e
    return segs


def trim_segments(segs, trim):
    """Engine segments -> [(start_ms, end_ms, name)] relative to the trimmed wav, clipped to it."""
    off = trim["start"] / SR
    dur_ms = trim["kept"] * 1000 // SR
    out = []
    for name, s, e in segs:
        a = max(0, min(dur_ms, int(round((s - off) * 1000))))
        b = max(0, min(dur_ms, int(round((e - off) * 1000))))
        if out:
            a = out[-1][1]       # contiguous and monotonic whatever the engine printed
        if b > a:
            out.append((a, b, name))
    return out


def write_align_cache(path, sha, engine, ivs=None, skip=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        if skip is not None:
            f.write(f"# {ALIGN_CACHE_VERSION} sha256={sha} engine={engine} skip={skip}\n")
        else:
            f.write(f"# {ALIGN_CACHE_VERSION} sha256={sha} engine={engine}\n")
            for a, b, name in ivs:
                f.write(f"{a} {b} {name}\n")
    os.replace(tmp, path)


def read_align_cache(path, sha):
    """-> list of intervals, "skip" (known not alignable), or None (missing / stale)."""
    try:
        with open(path, encoding="utf-8") as f:
            head = f.readline().split()
            if (len(head) < 4 or " ".join(head[1:3]) != ALIGN_CACHE_VERSION
                    or head[3] != f"sha256={sha}"):
                return None
            if any(h.startswith("skip=") for h in head[4:]):
                return "skip"
            ivs = []
            for line in f:
                p = line.split()
                if len(p) == 3:
                    ivs.append((int(p[0]), int(p[1]), p[2]))
            return ivs
    except (OSError, ValueError):
        return None


def align_cache_path(outdir, u):
    return os.path.join(outdir, "align", u["voice"], u["uid"] + ".phones")


def map_phone(name):
    """engine phone name -> (phone of PHONES, how: "" exact, "fold", "unknown")"""
    n = name.strip().lower()
    if n in SIL_NAMES or n.startswith("pau"):
        return "sil", ("" if n in ("pau", "sil", "h#", "#") else "fold")
    n = n.rstrip("012")
    if n in PHONES:
        return n, ""
    if n in PHONE_FOLD:
        return PHONE_FOLD[n], "fold"
    return "sil", "unknown"


def format_alignment(ivs, dur_ms, folded, counts):
    """raw intervals -> "phone:start:end ..." covering [0, dur_ms] (a trailing gap becomes sil)."""
    out = []
    for a, b, name in ivs:
        ph, how = map_phone(name)
        if how:
            k = f"{name}->{ph}" + (" (unknown)" if how == "unknown" else "")
            folded[k] = folded.get(k, 0) + 1
        if out and out[-1][2] == ph == "sil":
            out[-1][1] = b
        else:
            out.append([a, b, ph])
    if not out:
        return None
    out[0][0] = 0
    if out[-1][1] < dur_ms:
        if out[-1][2] == "sil":
            out[-1][1] = dur_ms
        else:
            out.append([out[-1][1], dur_ms, "sil"])
    for a, b, ph in out:
        counts[ph] = counts.get(ph, 0) + 1
    return " ".join(f"{ph}:{a / 1000:.3f}:{b / 1000:.3f}" for a, b, ph in out)


def scheme_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def synth_group(outdir, group, verify=None):
    """Synthesise a list of utterances that share one voice. Returns [(uid, error or None)].

    flite and festival utterances also get their alignment cache file. With verify (uid ->
    sha256 of the existing wav) nothing is written under wavs/: the utterances are synthesised
    to a temporary folder only to recover their alignment, which is kept if the resynthesised
    trimmed audio is identical to the existing file (else a "skip" cache entry is written)."""
    res = []
    with tempfile.TemporaryDirectory(prefix="mkds-") as td:
        raws = {}
        segs = {}
        eng = group[0]["engine"]
        if eng == "festival":
            scm = os.path.join(td, "batch.scm")
            with open(scm, "w") as f:
                f.write(f"(voice_{group[0]['evoice']})\n")
                for u in group:
                    rp = os.path.join(td, u["uid"] + ".raw.wav")
                    raws[u["uid"]] = rp
                    segs[u["uid"]] = os.path.join(td, u["uid"] + ".segs")
                    f.write(f"(set! mkds_utt (utt.synth (Utterance Text {scheme_string(u['text'])})))\n"
                            f"(utt.save.wave mkds_utt {scheme_string(rp)} 'riff)\n"
                            f"(utt.save.segs mkds_utt {scheme_string(segs[u['uid']])})\n")
            try:
                run(["festival", "-b", scm])
            except subprocess.CalledProcessError as e:
                log(f"festival failed: {e.stderr.decode(errors='replace')[-500:]}")
        else:
            for u in group:
                rp = os.path.join(td, u["uid"] + ".raw.wav")
                raws[u["uid"]] = rp
                try:
                    if eng == "flite":
                        # -psdur prints the segments; the audio is the same as without it
                        out = run(["flite", "-voice", u["evoice"], "-t", u["text"], "-o", rp,
                                   "-psdur"]).stdout.decode(errors="replace")
                        segs[u["uid"]] = parse_flite_psdur(out)
                    elif eng == "espeak":
                        run(["espeak-ng", "-v", u["evoice"], "-p", str(u["params"]["pitch"]),
                             "-s", str(u["params"]["rate"]), "-w", rp, u["text"]])
                    else:
                        raise RuntimeError(f"unknown engine {eng}")
                except subprocess.CalledProcessError as e:
                    log(f"{eng} failed on {u['uid']}: {e.stderr.decode(errors='replace')[-300:]}")
        for u in group:
            rp = raws[u["uid"]]
            if verify is not None:
                dst = os.path.join(td, u["uid"] + ".wav")
            else:
                dst = os.path.join(outdir, u["path"])
            try:
                if not os.path.exists(rp):
                    raise RuntimeError("synthesiser wrote no file")
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                trim = postprocess(rp, dst)
            except Exception as e:  # noqa: BLE001 - reported, utterance skipped
                res.append((u["uid"], str(e)))
                continue
            res.append((u["uid"], None))
            if eng not in ALIGN_ENGINES:
                continue
            cp = align_cache_path(outdir, u)
            sha = sha256_file(dst)
            try:
                if verify is not None and sha != verify[u["uid"]]:
                    log(f"warning: {u['path']}: resynthesised audio differs from the file "
                        f"on disk, no alignment")
                    write_align_cache(cp, verify[u["uid"]], eng, skip="resynthesis-differs")
                    continue
                s = segs.get(u["uid"])
                if isinstance(s, str):
                    s = parse_festival_segs(s) if os.path.exists(s) else None
                ivs = trim_segments(s, trim) if s else None
                if not ivs:
                    log(f"warning: {u['path']}: no segments from {eng}, no alignment")
                    write_align_cache(cp, sha, eng, skip="no-segments")
                else:
                    write_align_cache(cp, sha, eng, ivs)
            except Exception as e:  # noqa: BLE001 - the wav is fine, only its alignment is lost
                log(f"warning: {u['path']}: alignment failed: {e}")
    return res


def wav_info(path):
    with wave.open(path, "rb") as w:
        assert w.getframerate() == SR and w.getnchannels() == 1 and w.getsampwidth() == 2, path
        return w.getnframes() / SR


def read_tsv(path):
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        next(f, None)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 5:
                out[p[0]] = {"duration_s": float(p[2]), "sha256": p[3]}
    return out


def build_split(split, target_s, stream, outdir, prev, jobs, pool, t0, failed):
    """Synthesise utterances from `stream` in plan order until their duration reaches target_s.

    Files that already exist are used as they are (they were written atomically by an earlier
    run of the same plan; the file name encodes voice, parameters and text)."""
    rows = []
    total = 0.0
    extra = []           # synthesised but beyond the cut
    avg = 3.7
    new = reused = 0
    lookahead = []
    last_log = 0.0

    def take(u, synthesised):
        nonlocal total, reused
        dst = os.path.join(outdir, u["path"])
        if total >= target_s:
            extra.append(dst)
            return
        sha = sha256_file(dst)
        p = prev.get(u["path"])
        dur = p["duration_s"] if p and p["sha256"] == sha else wav_info(dst)
        if not synthesised:
            reused += 1
        rows.append({"path": u["path"], "voice": u["voice"], "duration_s": round(dur, 3),
                     "sha256": sha, "text": u["text"], "n": u["n"], "u": u})
        total += dur

    while total < target_s:
        u = lookahead.pop(0) if lookahead else next(stream)
        if os.path.exists(os.path.join(outdir, u["path"])):
            take(u, False)
            if time.time() - last_log > 10:
                last_log = time.time()
                log(f"{split}: {len(rows)} utterances, {total / 3600:.3f} / {target_s / 3600:.3f} h "
                    f"({new} synthesised, {reused} reused)")
            continue
        avg = total / len(rows) if rows else avg
        need = target_s - total
        chunk_n = int(max(2 * jobs, min(256, need / avg * 1.05 + jobs)))
        chunk = [u] + [next(stream) for _ in range(chunk_n - 1)]
        todo = [c for c in chunk if not os.path.exists(os.path.join(outdir, c["path"]))]
        todo_ids = {c["uid"] for c in todo}
        groups = {}
        for c in todo:
            groups.setdefault(c["voice"], []).append(c)
        glist = []
        for g in groups.values():
            if g[0]["engine"] == "festival":
                # a few festival batches per voice (one process each) to keep the workers busy
                k = max(1, min(len(g), jobs))
                glist.extend(g[i::k] for i in range(k))
            else:
                size = max(1, (len(g) + jobs - 1) // jobs)
                glist.extend(g[i:i + size] for i in range(0, len(g), size))
        errs = {}
        for res in pool.map(lambda g: synth_group(outdir, g), glist):
            for uid, err in res:
                if err:
                    errs[uid] = err
        new += len(todo) - len(errs)
        for c in chunk:
            if c["uid"] in errs:
                failed.append({"split": split, "uid": c["uid"], "voice": c["voice"],
                               "text": c["text"], "error": errs[c["uid"]]})
                log(f"FAILED {c['uid']} {c['voice']}: {errs[c['uid']]}")
                continue
            take(c, c["uid"] in todo_ids)
        last_log = time.time()
        log(f"{split}: {len(rows)} utterances, {total / 3600:.3f} / {target_s / 3600:.3f} h "
            f"({new} synthesised, {reused} reused, {len(failed)} failed), "
            f"elapsed {time.time() - t0:.0f} s")
    for p in extra:
        # overshoot of the last chunk: not part of the corpus (a larger --hours run re-creates it)
        try:
            os.remove(p)
        except OSError:
            pass
        ap = os.path.join(outdir, "align", os.path.relpath(p, os.path.join(outdir, "wavs")))
        try:
            os.remove(os.path.splitext(ap)[0] + ".phones")
        except OSError:
            pass
    log(f"{split}: done, {len(rows)} utterances, {total / 3600:.3f} h "
        f"({new} synthesised, {reused} reused, {len(extra)} surplus removed)")
    return rows, total


def build_alignments(outdir, rows, pool, jobs):
    """Alignment of every flite/festival row (cached under DIR/align; wavs that were synthesised
    by an earlier run are resynthesised once to a temporary folder to recover theirs).
    Writes DIR/alignments.tsv; returns the manifest entry."""
    t0 = time.time()
    seen = set()
    todo = []
    items = []
    for r in rows:
        u = r["u"]
        if r["path"] in seen or u["engine"] not in ALIGN_ENGINES:
            continue
        seen.add(r["path"])
        items.append(r)
        if read_align_cache(align_cache_path(outdir, u), r["sha256"]) is None:
            todo.append(r)
    if todo:
        log(f"alignments: {len(items) - len(todo)} cached, resynthesising {len(todo)} existing "
            f"utterances to recover theirs")
        groups = {}
        for r in todo:
            groups.setdefault(r["voice"], []).append(r)
        glist = []
        for g in groups.values():
            size = 48 if g[0]["u"]["engine"] == "festival" else 16
            glist.extend(g[i:i + size] for i in range(0, len(g), size))
        done = 0
        last_log = time.time()
        for res in pool.map(lambda g: synth_group(outdir, [r["u"] for r in g],
                                                  verify={r["u"]["uid"]: r["sha256"] for r in g}),
                            glist):
            for uid, err in res:
                if err:
                    log(f"warning: alignment of {uid}: resynthesis failed: {err}")
            done += len(res)
            if time.time() - last_log > 10:
                last_log = time.time()
                log(f"alignments: {done} / {len(todo)} resynthesised, "
                    f"elapsed {time.time() - t0:.0f} s")
    folded, counts = {}, {}
    per_voice = {}
    per_family = {e: 0 for e in ALIGN_ENGINES}
    skipped = []
    lines = []
    for r in items:
        u = r["u"]
        ivs = read_align_cache(align_cache_path(outdir, u), r["sha256"])
        line = None
        if isinstance(ivs, list):
            with wave.open(os.path.join(outdir, r["path"]), "rb") as w:
                dur_ms = w.getnframes() * 1000 // SR
            line = format_alignment(ivs, dur_ms, folded, counts)
        if line is None:
            skipped.append({"path": r["path"], "reason": "no alignment (see log)" if ivs is None
                            else "resynthesis differs or no segments"})
            continue
        lines.append(f"{r['path']}\t{line}\n")
        per_voice[r["voice"]] = per_voice.get(r["voice"], 0) + 1
        per_family[u["engine"]] += 1
    ap = os.path.join(outdir, "alignments.tsv")
    with open(ap + ".part", "w", encoding="utf-8") as f:
        f.write("path\tphones\n")
        f.writelines(lines)
    os.replace(ap + ".part", ap)
    nf = sum(v for k, v in folded.items() if not k.endswith("(unknown)"))
    nu = sum(v for k, v in folded.items() if k.endswith("(unknown)"))
    if folded:
        log(f"alignments: warning: {nf + nu} phone tokens had names outside the 39 + sil set "
            f"({nu} unknown, mapped to sil): "
            + ", ".join(f"{k} x{v}" for k, v in sorted(folded.items(), key=lambda x: -x[1])))
    if skipped:
        log(f"alignments: warning: {len(skipped)} flite/festival utterances without alignment")
    log(f"alignments: {len(lines)} utterances ({', '.join(f'{k} {v}' for k, v in per_family.items())})"
        f" -> {ap}, {time.time() - t0:.0f} s")
    return {"file": "alignments.tsv",
            "format": "header 'path\\tphones'; path relative to DIR TAB space-separated "
                      "phone:start:end (seconds, 3 decimals, relative to the trimmed wav; "
                      "contiguous, sorted, covering [0, duration]); order of train, valid, eval "
                      "rows, each path once; espeak utterances are not aligned",
            "source": {"flite": "flite -psdur (segment end times)",
                       "festival": "Segment relation (utt.save.segs) after utt.synth"},
            "time_reference": "engine times minus the samples cut by the leading-silence trim, "
                              "clipped to the trimmed wav; a trailing gap is filled with sil",
            "phone_set": PHONES,
            "phone_map": {"sil": sorted(SIL_NAMES), "fold": PHONE_FOLD,
                          "other": "stress digits removed; unknown names -> sil (warned)"},
            "utterances": len(lines), "per_family": per_family,
            "per_voice": dict(sorted(per_voice.items())),
            "phone_counts": dict(sorted(counts.items())),
            "folded_names": dict(sorted(folded.items())),
            "skipped": skipped,
            "cache": "align/<voice>/<uid>.phones"}


def write_tsv(path, rows):
    tmp = path + ".part"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("path\tvoice\tduration_s\tsha256\ttext\n")
        for r in rows:
            f.write(f"{r['path']}\t{r['voice']}\t{r['duration_s']:.3f}\t{r['sha256']}\t{r['text']}\n")
    os.replace(tmp, path)
    return sha256_file(path)


def pick_eval(valid_rows, n_min, seed, engines=None):
    """Round-robin over validation voices (each voice's utterances in plan order) until >= n_min.
    engines: voice families to draw from (None = all), e.g. {"flite", "festival"}: the recogniser
    transcribes those voices best, so their word error rate measures the codec, not the voice."""
    byv = {}
    for r in valid_rows:
        if engines is None or r["voice"].split("_")[0] in engines:
            byv.setdefault(r["voice"], []).append(r)
    valid_rows = [r for v in byv.values() for r in v]
    voices = sorted(byv)
    out = []
    k = 0
    while len(out) < min(n_min, len(valid_rows)):
        for v in voices:
            if k < len(byv[v]):
                out.append(byv[v][k])
        k += 1
    out.sort(key=lambda r: r["n"])
    return out


def versions():
    v = {p: pkg_version(p) for p in SOFTWARE_PACKAGES}
    try:
        r = subprocess.run(["flite", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        v["flite --version"] = [x.strip() for x in r.stdout.decode().split("\n") if "version" in x][0]
    except Exception:  # noqa: BLE001
        pass
    try:
        v["espeak-ng --version"] = run(["espeak-ng", "--version"]).stdout.decode().strip()
    except Exception:  # noqa: BLE001
        pass
    try:
        v["festival --version"] = run(["festival", "--version"]).stdout.decode().strip()
    except Exception:  # noqa: BLE001
        pass
    return v


def check_voices(voices):
    ok = []
    try:
        fl = run(["flite", "-lv"]).stdout.decode().split(":", 1)[-1].split()
    except Exception:  # noqa: BLE001
        fl = []
    for v in voices:
        if v["engine"] == "flite" and v["voice"] not in fl:
            log(f"voice {v['id']} not available (flite -lv), skipped")
            continue
        if v["engine"] == "festival":
            found = any(os.path.isdir(os.path.join(d, v["voice"]))
                        for d in ("/usr/share/festival/voices/english",
                                  "/usr/share/festival/voices/us"))
            if not found:
                log(f"voice {v['id']} not installed (festival), skipped")
                continue
        if v["engine"] == "espeak" and not shutil.which("espeak-ng"):
            continue
        ok.append(v)
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hours", type=float, default=3.0, help="total audio, train + valid (default 3.0)")
    ap.add_argument("--out", default=None, help="output directory (default <repo>/data/corpus)")
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--valid-fraction", type=float, default=0.05)
    ap.add_argument("--valid-min-minutes", type=float, default=10.0)
    ap.add_argument("--valid-sentences", type=int, default=800,
                    help="sentences reserved for validation (fixed, so plans nest across --hours)")
    ap.add_argument("--eval-count", type=int, default=240,
                    help="utterances in eval.tsv (the WER list), drawn round-robin from the validation voices")
    ap.add_argument("--eval-engines", default="flite,festival",
                    help="comma-separated voice families eval.tsv draws from ('' = all)")
    ap.add_argument("--holdout", default=",".join(DEFAULT_HOLDOUT),
                    help="comma-separated voice ids used only in validation")
    ap.add_argument("--manifest-copy", default=None, help="also copy manifest.json here")
    args = ap.parse_args()

    t0 = time.time()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    outdir = os.path.abspath(args.out or os.path.join(repo, "data", "corpus"))
    os.makedirs(outdir, exist_ok=True)
    for tool in ("flite", "espeak-ng", "festival", "sox"):
        if not shutil.which(tool):
            sys.exit(f"make-dataset: {tool} not found; run scripts/setup-dataset-tools")

    voices = check_voices(VOICES)
    holdout = [h for h in args.holdout.split(",") if h]
    for h in holdout:
        if h not in [v["id"] for v in voices]:
            sys.exit(f"make-dataset: held-out voice {h} is not available")

    cmudict = load_cmudict()
    if cmudict is None:
        log(f"warning: {CMUDICT} missing, sentences are not filtered by dictionary")
    sents, tstats, per_file, files = load_sentences(cmudict)
    rng = random.Random(f"{args.seed}:sentences")
    rng.shuffle(sents)
    nv = min(args.valid_sentences, len(sents) // 5)
    valid_s, train_s = sents[:nv], sents[nv:]
    log(f"text: {len(sents)} sentences from {tstats['files']} fortune files "
        f"({nv} reserved for validation); {len(voices)} voices, held out: {', '.join(holdout)}")

    total_s = args.hours * 3600
    valid_target = max(args.valid_fraction * total_s, args.valid_min_minutes * 60)
    valid_target = min(valid_target, total_s / 2)
    train_target = total_s - valid_target

    prev = {}
    for name in ("train.tsv", "valid.tsv"):
        prev.update(read_tsv(os.path.join(outdir, name)))

    failed = []
    with cf.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        vrows, vtot = build_split("valid", valid_target,
                                  plan_stream("valid", valid_s, voices, set(holdout), args.seed),
                                  outdir, prev, args.jobs, pool, t0, failed)
        trows, ttot = build_split("train", train_target,
                                  plan_stream("train", train_s, voices, set(holdout), args.seed),
                                  outdir, prev, args.jobs, pool, t0, failed)

        erows = pick_eval(vrows, args.eval_count, args.seed,
                          set(e for e in args.eval_engines.split(",") if e) or None)
        alignments = build_alignments(outdir, trows + vrows + erows, pool, args.jobs)

    sums = {"train.tsv": write_tsv(os.path.join(outdir, "train.tsv"), trows),
            "valid.tsv": write_tsv(os.path.join(outdir, "valid.tsv"), vrows),
            "eval.tsv": write_tsv(os.path.join(outdir, "eval.tsv"), erows),
            "alignments.tsv": sha256_file(os.path.join(outdir, "alignments.tsv"))}

    # checks promised by the recipe
    tt = {r["text"] for r in trows}
    assert not any(r["text"] in tt for r in vrows), "validation sentence leaked into train"
    assert not any(r["voice"] in holdout for r in trows), "held-out voice in train"

    def per_voice(rows):
        d = {}
        for r in rows:
            e = d.setdefault(r["voice"], {"utterances": 0, "hours": 0.0})
            e["utterances"] += 1
            e["hours"] += r["duration_s"] / 3600
        return {k: {"utterances": v["utterances"], "hours": round(v["hours"], 4)}
                for k, v in sorted(d.items())}

    wall = time.time() - t0
    text_pkgs = {p: pkg_version(p) for p in TEXT_PACKAGES}
    manifest = {
        "recipe": "scripts/make-dataset",
        "created_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "args": {"hours": args.hours, "seed": args.seed, "jobs": args.jobs,
                 "valid_fraction": args.valid_fraction, "valid_min_minutes": args.valid_min_minutes,
                 "valid_sentences": args.valid_sentences, "eval_count": args.eval_count,
                 "eval_engines": args.eval_engines},
        "seed": args.seed,
        "audio": {"sample_rate": SR, "channels": 1, "format": "WAV PCM signed 16-bit",
                  "resampler": "sox rate (default quality), no dither (-D), clip guard (-G)",
                  "trim": f"leading/trailing silence cut to {TRIM_MARGIN_S} s; sound = |x| > "
                          f"max({TRIM_ABS}, peak * {TRIM_REL_DB} dB)"},
        "splits": {
            "train": {"utterances": len(trows), "hours": round(ttot / 3600, 4),
                      "sentences": len(tt), "voices": per_voice(trows)},
            "valid": {"utterances": len(vrows), "hours": round(vtot / 3600, 4),
                      "sentences": len({r["text"] for r in vrows}), "voices": per_voice(vrows)},
            "eval": {"utterances": len(erows), "hours": round(sum(r["duration_s"] for r in erows) / 3600, 4),
                     "note": "subset of valid, round-robin over voices, for word error rate"},
        },
        "total_hours": round((ttot + vtot) / 3600, 4),
        "held_out_voices": holdout,
        "voices": [{k: v[k] for k in v} | {"role": "valid only" if v["id"] in holdout else "train+valid"}
                   for v in voices],
        "espeak_jitter": {"pitch": f"+-{ESPEAK_PITCH_JITTER}", "rate": f"+-{ESPEAK_RATE_JITTER:.0%}"},
        "text": {"source": "fortune cookie files (" + FORTUNE_DIR + ")", "packages": text_pkgs,
                 "files": {os.path.basename(p): pkg for pkg, p in files},
                 "sentences_kept_per_file": per_file,
                 "filter": "split into sentences; 3-25 words; only [A-Za-z ,.'?!;-]; starts upper case, "
                           "ends .?!; no abbreviations/acronyms; every word in the CMU dictionary of "
                           "pocketsphinx-en-us; deduplicated (case/punctuation-insensitive); "
                           "sorted then shuffled with the seed",
                 "dictionary": CMUDICT if cmudict is not None else None,
                 "stats": tstats,
                 "sentences_valid_pool": len(valid_s), "sentences_train_pool": len(train_s)},
        "alignments": alignments,
        "software": versions(),
        "failed": failed,
        "checksums_sha256": sums,
        "wall_time_s": round(wall, 1),
    }
    mp = os.path.join(outdir, "manifest.json")
    with open(mp + ".part", "w") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")
    os.replace(mp + ".part", mp)
    if args.manifest_copy:
        shutil.copyfile(mp, args.manifest_copy)
    log(f"done in {wall:.0f} s: train {ttot / 3600:.3f} h ({len(trows)}), "
        f"valid {vtot / 3600:.3f} h ({len(vrows)}), eval {len(erows)}; {len(failed)} failed -> {outdir}")


if __name__ == "__main__":
    main()
