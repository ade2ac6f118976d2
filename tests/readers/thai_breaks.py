"""An independent judge of Thai line breaks, for tests/typography.rs: PyThaiNLP (pinned in
requirements.txt; its dictionaries and models ship in the wheel, nothing is downloaded).

Reads a JSON list of Thai runs (strings of Thai letters) on stdin and writes, for each run,
the character offsets (inside the run, not 0 and not its length) where PyThaiNLP puts a
boundary:
- "clusters": Thai Character Clusters (tcc): a line end anywhere else splits a cluster;
- "syllables": where either syllable splitter puts a boundary, the default CRF model
  (han_solo) or the dictionary one (dict): a line end anywhere else is inside a syllable
  (each alone errs now and then: han_solo reads บุคลากรองค์การ as บุ|คลา|กรองค์|การ);
- "words": newmm word boundaries;
- "seams": offsets inside a newmm word of three syllables or more where it parts into the
  fewest shorter dictionary words it is made of, again inside each such part (a compound:
  องค์การ|บริหาร|ส่วน|ตำบล, ประชา|สัมพันธ์).
"""

import json
import os
import sys
import tempfile

# PyThaiNLP wants a data folder; nothing is downloaded into it.
os.environ.setdefault("PYTHAINLP_DATA_DIR", tempfile.mkdtemp(prefix="pythainlp-"))

from pythainlp.corpus import thai_words  # noqa: E402
from pythainlp.tokenize import subword_tokenize, syllable_tokenize, word_tokenize  # noqa: E402

WORDS = thai_words()


def offsets(pieces):
    out, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        out.append(at)
    return out


def compound_seams(word, clusters):
    """Offsets where `word`, a word of three syllables or more, parts into the fewest shorter
    dictionary words (cut only between clusters), again inside each part of three syllables
    or more; none when it is no such compound (เพิ่มเติม, ประชา: two syllables, whole)."""
    if len(syllable_tokenize(word, engine="dict")) < 3:
        return []
    cuts = [0] + [c for c in clusters if 0 < c < len(word)] + [len(word)]
    # best[i]: (parts, previous cut) of the best split of word[:cuts[i]]
    best = [(0, None)] + [(None, None)] * (len(cuts) - 1)
    for i in range(1, len(cuts)):
        for j in range(i):
            piece = word[cuts[j] : cuts[i]]
            if best[j][0] is None or piece == word or piece not in WORDS:
                continue
            if best[i][0] is None or best[j][0] + 1 < best[i][0]:
                best[i] = (best[j][0] + 1, j)
    if best[-1][0] is None:
        return []
    bounds, i = [], len(cuts) - 1
    while i:
        bounds.append(cuts[i])
        i = best[i][1]
    bounds = sorted(bounds + [0])
    seams = []
    for a, b in zip(bounds, bounds[1:]):
        inner = [c - a for c in clusters if a < c < b]
        seams += [a + s for s in compound_seams(word[a:b], inner)]
        if b < len(word):
            seams.append(b)
    return seams


def judge(run):
    words = word_tokenize(run, engine="newmm")
    clusters = offsets(subword_tokenize(run, engine="tcc"))
    seams, start = [], 0
    for word in words:
        inner = [c - start for c in clusters if start < c < start + len(word)]
        seams += [start + s for s in compound_seams(word, inner)]
        start += len(word)
    syllables = set(offsets(syllable_tokenize(run, engine="han_solo"))) | set(
        offsets(syllable_tokenize(run, engine="dict"))
    )
    return {
        "clusters": clusters,
        "syllables": sorted(syllables),
        "words": offsets(words),
        "seams": seams,
    }


def main():
    runs = json.load(sys.stdin)
    json.dump([judge(run) for run in runs], sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
