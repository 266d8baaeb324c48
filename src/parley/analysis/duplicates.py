"""Near-duplicate and syndicated copies grouped into stories (datasketch MinHash LSH)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")
SHINGLE = 5
NUM_PERM = 128


def minhash(text: str) -> MinHash:
    words = [w.lower() for w in _WORD.findall(text)]
    m = MinHash(num_perm=NUM_PERM)
    for i in range(max(1, len(words) - SHINGLE + 1)):
        m.update(" ".join(words[i : i + SHINGLE]).encode("utf-8"))
    return m


def group_stories(documents: Iterable[Mapping[str, Any]], threshold: float = 0.7) -> list[list[str]]:
    """Groups of doc ids whose bodies share at least ``threshold`` estimated Jaccard similarity.

    Connected components over LSH candidate pairs, so A~B and B~C put A, B and C in one story.
    """
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes: dict[str, MinHash] = {}
    for doc in documents:
        doc_id = doc["doc_id"]
        hashes[doc_id] = minhash(doc.get("body") or "")
        lsh.insert(doc_id, hashes[doc_id])
    parent = {d: d for d in hashes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc_id, h in hashes.items():
        for other in lsh.query(h):
            if other != doc_id and h.jaccard(hashes[other]) >= threshold:
                parent[find(other)] = find(doc_id)
    groups: dict[str, list[str]] = {}
    for doc_id in hashes:
        groups.setdefault(find(doc_id), []).append(doc_id)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: (-len(g), g[0]))
