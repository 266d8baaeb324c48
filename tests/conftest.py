from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from parley.coding.document import DocumentCoder
from parley.kb.actors import ActorKB, load_kb
from parley.models import CodedDocument, RawDocument
from parley.text.clean import clean_document

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def kb() -> ActorKB:
    return load_kb()


@pytest.fixture(scope="session")
def coder(kb: ActorKB) -> DocumentCoder:
    return DocumentCoder(kb)


@pytest.fixture(scope="session")
def code_text(coder: DocumentCoder):
    def run(text: str, published: dt.date | None = None) -> CodedDocument:
        raw = RawDocument(origin="<test>", content=text, content_type="text", published=published)
        return coder.code(clean_document(raw))

    return run


def events_of(coded: CodedDocument, type_: str | None = None) -> list:
    return [e for e in coded.events if type_ is None or e.type == type_]
