"""The on-disk caches of what start-up makes from the knowledge base, and the speed-ups that must
not change a result: a cache is used only when it was made from the same data, a stale or broken
one is made again, and what comes out is what the slow path gives."""

from __future__ import annotations

import dataclasses
import pickle
import re

import pytest

from parley.cache import cache_dir
from parley.kb import actors
from parley.kb.actors import ActorKB, Alias, build_kb, load_kb
from parley.kb.cameo import _phrase_pattern, load_cameo_lexicon
from parley.nlp import mentions
from parley.nlp.mentions import MentionFinder
from parley.store import open_store

TEXT = (
    "Kenyan police arrested forty protesters in Nairobi on Tuesday. The United States and "
    "North Korea held talks; President Bouteflicka met the Nigerian Senate in Abuja."
)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(folder))
    return folder


def _files(folder, kind):
    return sorted((folder / kind).glob("*")) if (folder / kind).is_dir() else []


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    monkeypatch.setenv("PARLEY_CACHE", "0")
    assert cache_dir() is None


def test_mention_index_is_cached_and_gives_the_same_matches(cache, kb):
    made = MentionFinder(kb)
    (written,) = _files(cache, "mentions")
    loaded = MentionFinder(kb)
    assert _files(cache, "mentions") == [written]
    assert loaded.find(TEXT) == made.find(TEXT) and made.find(TEXT)
    assert loaded.longest == made.longest


def test_a_changed_knowledge_base_gets_its_own_index(cache):
    kb = build_kb(phoenix=False)
    MentionFinder(kb)
    kb.aliases.append(Alias("Freedonia", "FRE", "alias", True))
    finder = MentionFinder(kb)  # a stale index would not know the new name
    assert len(_files(cache, "mentions")) == 2
    assert "FRE" in [m.actor_id for m in finder.find("Envoys from Freedonia crossed the border.")]


def test_a_corrupt_index_is_ignored_and_made_again(cache, kb):
    expected = MentionFinder(kb).find(TEXT)
    (path,) = _files(cache, "mentions")
    for garbage in (b"", b"\x00not marshal at all", path.read_bytes()[:100]):
        path.write_bytes(garbage)
        assert MentionFinder(kb).find(TEXT) == expected
        assert path.read_bytes() != garbage  # written again, whole


def test_no_cache_when_switched_off(tmp_path, monkeypatch, kb):
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PARLEY_CACHE", "0")
    assert MentionFinder(kb).find(TEXT)
    assert not (tmp_path / "cache").exists()


def _actors(store):
    return store.con.execute("SELECT * FROM actors").fetchall()


def test_actor_rows_come_from_the_cache_unchanged(cache, tmp_path, kb):
    assert kb.fingerprint
    with open_store(tmp_path / "a.duckdb") as store:
        store.sync_actors(kb)
        made = _actors(store)
    (path,) = _files(cache, "actors")
    with open_store(tmp_path / "b.duckdb") as store:
        store.sync_actors(kb)
        assert _actors(store) == made
        assert len(made) == len(kb.actors)
        # The staged table is gone; the store is as the slow path leaves it.
        assert store.con.execute("SELECT count(*) FROM duckdb_tables() WHERE temporary").fetchone() == (0,)
    assert _files(cache, "actors") == [path]


def test_a_corrupt_actor_cache_is_ignored(cache, tmp_path, kb):
    with open_store(tmp_path / "a.duckdb") as store:
        store.sync_actors(kb)
        made = _actors(store)
    (path,) = _files(cache, "actors")
    path.write_bytes(b"PAR1 this is not parquet")
    with open_store(tmp_path / "b.duckdb") as store:
        store.sync_actors(kb)
        assert _actors(store) == made
    with open_store(tmp_path / "c.duckdb") as store:  # written again by the sync that made the rows
        store.sync_actors(kb)
        assert _actors(store) == made


def test_a_knowledge_base_made_by_hand_is_never_taken_from_the_cache(cache, tmp_path):
    kb = build_kb(phoenix=False)
    assert kb.fingerprint is None
    with open_store(tmp_path / "a.duckdb") as store:
        store.sync_actors(kb)
        assert len(_actors(store)) == len(kb.actors)
    assert _files(cache, "actors") == []


def test_loaded_knowledge_base_is_what_build_makes():
    loaded = load_kb()
    built = build_kb()
    assert isinstance(loaded, ActorKB)
    assert (loaded.actors, loaded.aliases, loaded.keyed) == (built.actors, built.aliases, built.keyed)
    assert built.fingerprint is None and loaded.fingerprint


def _slow_readings(lex, verb, following):
    """The CAMEO readings as first written: every pattern part tried in turn."""

    def present(part, text):
        phrases = lex.synsets.get(part, []) if part.startswith("&") else [part]
        for phrase in phrases:
            words = phrase.split()
            if words and all(w in text for w in words) and _phrase_pattern(phrase).search(text):
                return True
        return False

    entry = lex.verbs.get(verb.lower())
    if entry is None:
        return [], []
    block_name, own = entry
    block = lex.blocks.get(str(block_name), {})
    defaults = [str(code) for code in (own, block.get("code")) if code]
    text = following.lower()
    matched = [
        (sum(len(p.split()) for p in post), code)
        for _pre, post, code in block.get("patterns", [])
        if post and all(present(part, text) for part in post)
    ]
    return defaults, matched


def test_cameo_readings_are_those_of_the_plain_scan():
    lex = load_cameo_lexicon()
    words = re.findall(r"\w+", TEXT.lower()) + ["to", "the", "border", "food", "aid", "troops", "talks"]
    phrases = [p for b in lex.blocks.values() for _, post, _ in b["patterns"] for p in post if not p.startswith("&")]
    cases = [("rush", "troops to the border"), ("rush", "food to the flood victims"), ("arrest", ""), ("hold", "")]
    for i, verb in enumerate(sorted(lex.verbs)[::30]):
        following = " ".join(words[i % 7 : i % 7 + 6] + [phrases[(i * 7919) % len(phrases)]])
        cases += [(verb, following), (verb, following + "s"), (verb, "")]
    found = 0
    for verb, following in cases:
        expected = _slow_readings(lex, verb, following)
        assert lex.readings(verb, following) == expected, (verb, following)
        found += bool(expected[1])
    assert found > 20


def test_remembered_lemmas_are_spacys():
    import spacy

    from parley.nlp.pipeline import MODEL_PACKAGE, full_pipeline

    plain = spacy.load(MODEL_PACKAGE)
    text = [TEXT, "Ministers were meeting; the talks had been held before. Protesters are marching again."] * 2
    ours = [[(t.lemma_, t.pos_) for t in doc] for doc in full_pipeline().pipe(text)]
    assert ours == [[(t.lemma_, t.pos_) for t in doc] for doc in plain.pipe(text)]


def test_mention_finder_keeps_the_knowledge_bases_aliases(cache):
    # The matches name aliases by key; a finder loaded from the cache keys the knowledge base's own.
    kb = build_kb(phoenix=False)
    MentionFinder(kb)
    finder = MentionFinder(kb)
    assert all(finder.aliases[f"A{n}"] is a for n, a in enumerate(kb.aliases))
    assert dataclasses.is_dataclass(mentions.RawMatch)


def _load_uncached(extra=()):
    """load_kb without its in-process memo: what a fresh process gets."""
    return actors._load_kb_cached.__wrapped__(tuple(str(p) for p in extra))


def test_knowledge_base_comes_from_the_cache_as_built(cache, monkeypatch):
    monkeypatch.setenv("PARLEY_PHOENIX", "0")  # the curated files only: quicker, same path
    built = _load_uncached()
    (written,) = _files(cache, "kb")

    def no_build(*_a, **_k):
        raise AssertionError("built again although a current cache file was there")

    monkeypatch.setattr(actors, "build_kb", no_build)
    loaded = _load_uncached()
    assert loaded == built and loaded.fingerprint == built.fingerprint
    assert loaded.role_on("P-XI-JINPING", None) == built.role_on("P-XI-JINPING", None)
    assert _files(cache, "kb") == [written]


def test_an_edited_extension_file_is_not_read_from_the_cache(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_PHOENIX", "0")
    extra = tmp_path / "extra.yaml"
    extra.write_text("countries:\n  FRE: {name: Freedonia, aliases: [Freedonia]}\n", encoding="utf-8")
    assert _load_uncached([extra]).name("FRE") == "Freedonia"
    extra.write_text("countries:\n  FRE: {name: Fredonia, aliases: [Fredonia]}\n", encoding="utf-8")
    assert _load_uncached([extra]).name("FRE") == "Fredonia"
    assert len(_files(cache, "kb")) == 2
    extra.unlink()  # a missing file is still the build's clear error, not a cache error
    with pytest.raises(actors.KnowledgeBaseError, match="extra.yaml: actor file not found"):
        _load_uncached([extra])


class _Planted:
    """What a tampered cache file could hold: an object whose unpickling runs a function."""

    def __reduce__(self):
        return (exec, ("raise SystemExit('ran code from the cache')",))


def test_a_broken_or_foreign_cache_file_is_rebuilt_not_run(cache, monkeypatch):
    monkeypatch.setenv("PARLEY_PHOENIX", "0")
    expected = _load_uncached()
    (path,) = _files(cache, "kb")
    for garbage in (b"", b"not a pickle", path.read_bytes()[:200], pickle.dumps(_Planted()), pickle.dumps({"a": 1})):
        path.write_bytes(garbage)
        assert _load_uncached() == expected
        assert path.read_bytes() != garbage  # written again, whole


def test_no_knowledge_base_cache_when_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_PHOENIX", "0")
    monkeypatch.setenv("PARLEY_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PARLEY_CACHE", "0")
    assert _load_uncached().get("PRK")
    assert not (tmp_path / "cache").exists()


def test_old_knowledge_base_cache_files_are_removed(cache, tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_PHOENIX", "0")
    for n in range(actors._CACHED_KBS + 2):
        extra = tmp_path / f"extra{n}.yaml"
        extra.write_text(f"countries:\n  FRE: {{name: Freedonia {n}}}\n", encoding="utf-8")
        assert _load_uncached([extra]).name("FRE") == f"Freedonia {n}"
    assert len(_files(cache, "kb")) == actors._CACHED_KBS


def test_a_name_several_aliases_share_gives_each_of_them(kb):
    # The matchers hold each phrase once, under one key; the aliases behind it all come back.
    (bush,) = [m for m in MentionFinder(kb).find("President Bush met the envoy.") if "Bush" in m.text]
    assert {bush.actor_id, *bush.alternatives} == {"P-GW-BUSH", "P-GHW-BUSH"}
    finder = MentionFinder(kb)
    shared = [labels for labels in finder.lower_labels.values() if len(labels) > 1]
    assert shared and all(len(set(labels)) == len(labels) for labels in shared)
