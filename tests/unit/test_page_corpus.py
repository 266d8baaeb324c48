"""The second real-news gold corpus: web pages, read through the extraction `parley ingest` uses."""

from __future__ import annotations

import json
from pathlib import Path

from parley.evaluation.corpus import (
    ARTICLES,
    PAGES,
    CorpusError,
    articles_for,
    load_articles,
    load_corpus,
    load_real_news,
)
from parley.evaluation.splits import split_of
from parley.training.data import training_sentences

# The Jerusalem Post's three-sentence brief on the stabbing in Berlin (article-extraction benchmark).
PAGE = "page:e372e42c0a3df7b8"


def _annotation(sentence: str, page: str = PAGE) -> dict:
    return {
        "id": page,
        "url": "https://www.jpost.com/Breaking-News/Son-of-former-German-president-stabbed-to-death-in-Berlin-608399",
        "published": "2019-11-20",
        "credit": "The Jerusalem Post; text via the article-extraction benchmark (MIT licence)",
        "sentences": [
            {
                "text": sentence,
                "mentions": [{"text": "Police", "kind": "organization", "name": None, "state": "DEU",
                              "sector": "police"}],
                "events": [{"trigger": "arrested", "type": "COERCE", "mode": "arrest",
                            "source": {"text": "Police", "name": None, "state": "DEU", "sector": "police"},
                            "target": {"text": "a 57-year-old man", "name": None, "state": "DEU",
                                       "sector": "civilians"},
                            "modality": "asserted", "date": None, "date_text": None}],
                "proposals": [],
            }
        ],
        "quotes": [],
    }  # fmt: skip


def test_a_page_is_read_as_parley_ingests_it_with_its_text_and_date():
    pages = load_articles(PAGES)
    assert len(pages) == 127 and PAGE in pages
    page = pages[PAGE]
    # trafilatura's text, flaws included: the page runs its sentences together.
    assert "Kan reported on Wednesday.The stabbing occurred" in page["text"]
    assert page["published"] == "2019-11-20"
    assert pages.get("page:0000000000000000") is None


def test_a_date_in_the_pages_address_outranks_an_older_one_in_its_markup():
    # USA Today, 19 November 2019: the markup alone dates it 2017-03-28.
    page = load_articles(PAGES)["page:c58aa507c4deebd6"]
    assert "/2019/11/19/" in page["url"] and page["published"] == "2019-11-19"


def test_each_gold_folder_reads_its_own_texts(tmp_path: Path):
    assert articles_for(Path("data/gold/pages")) == PAGES
    assert articles_for(Path("data/gold/wikinews")) == ARTICLES
    assert articles_for(Path("data/gold/pages"), tmp_path) == tmp_path / "eval" / "article-extraction"


def test_an_annotated_page_anchors_in_the_extracted_text_and_a_wrong_sentence_is_reported(tmp_path: Path):
    folder = tmp_path / "pages"
    folder.mkdir()
    sentence = "Police arrested a 57-year-old man suspect of committing the assassination."
    (folder / "page__e372e42c0a3df7b8.json").write_text(json.dumps(_annotation(sentence)), encoding="utf-8")
    (gold,) = load_corpus(folder)
    assert gold.problems == [] and gold.published is not None and gold.published.isoformat() == "2019-11-20"
    (event,) = gold.events
    assert gold.text[event.trigger_start : event.trigger_end] == "arrested"
    (folder / "page__e372e42c0a3df7b8.json").write_text(
        json.dumps(_annotation("Police arrested two men on Thursday.")), encoding="utf-8"
    )
    (bad,) = load_corpus(folder)
    assert any("text not found in the article" in p for p in bad.problems)
    (folder / "page__e372e42c0a3df7b8.json").write_text(
        json.dumps(_annotation(sentence, "page:ffffffffffffffff")), encoding="utf-8"
    )
    try:
        load_corpus(folder)
    except CorpusError as exc:
        assert "no article with id 'page:ffffffffffffffff'" in str(exc)
    else:
        raise AssertionError("an annotation of an unknown page must be refused")


def test_training_learns_from_the_train_split_of_every_real_news_corpus(tmp_path: Path):
    sentence = "Police arrested a 57-year-old man suspect of committing the assassination."
    for name in ("pages", "wikinews"):
        (tmp_path / name).mkdir()
    (tmp_path / "pages" / "page__e372e42c0a3df7b8.json").write_text(json.dumps(_annotation(sentence)), encoding="utf-8")
    articles = load_real_news(tmp_path)
    assert [a.id for a in articles] == [PAGE] and split_of(PAGE) == "train"
    # An article given again as "extra" (a user's own gold) is not counted twice.
    assert [a.id for a in load_real_news(tmp_path, extra=articles)] == [PAGE]
    origins = [s for s in training_sentences(articles=articles) if s.origin == PAGE]
    # Every sentence of the page is an example; the unlisted ones are negatives.
    assert len(origins) == 3
    (positive,) = [s for s in origins if s.events]
    assert positive.text == sentence and positive.events[0].type == "COERCE"
