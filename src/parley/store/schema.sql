-- parley store schema, version 1. One place for the layout of every table.
-- Offsets (start_char, end_char, ...) index into documents.body.
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id VARCHAR PRIMARY KEY,
    raw_sha256 VARCHAR NOT NULL,
    origin VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    subtitle VARCHAR,
    byline VARCHAR,
    dateline VARCHAR,
    published DATE,
    published_basis VARCHAR,
    body VARCHAR NOT NULL,
    removed_lines VARCHAR[],
    ingested_at TIMESTAMP,
    parley_version VARCHAR
);
-- Every raw input ever seen, so identical bytes are skipped before any work.
CREATE TABLE IF NOT EXISTS raw_inputs (
    raw_sha256 VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    first_origin VARCHAR
);
CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_id VARCHAR NOT NULL,
    sent_idx INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    actor_id VARCHAR,
    how VARCHAR
);
CREATE TABLE IF NOT EXISTS time_refs (
    doc_id VARCHAR NOT NULL,
    sent_idx INTEGER,
    start_char INTEGER,
    end_char INTEGER,
    text VARCHAR,
    value DATE,
    value_end DATE,
    precision VARCHAR,
    basis VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sent_idx INTEGER,
    type VARCHAR NOT NULL,
    source VARCHAR,
    target VARCHAR,
    source_agent VARCHAR,
    target_agent VARCHAR,
    source_text VARCHAR,
    target_text VARCHAR,
    mode VARCHAR,
    negated BOOLEAN,
    modality VARCHAR,
    date DATE,
    date_end DATE,
    date_text VARCHAR,
    date_basis VARCHAR,
    trigger VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    trigger_start INTEGER,
    trigger_end INTEGER,
    sentence VARCHAR,
    quote VARCHAR,
    speaker VARCHAR,
    chain VARCHAR[],
    issues VARCHAR[],
    intensity DOUBLE,
    cameo VARCHAR,
    source_sector VARCHAR,
    target_sector VARCHAR,
    implicit VARCHAR[],
    confidence DOUBLE
);
CREATE TABLE IF NOT EXISTS proposals (
    proposal_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sent_idx INTEGER,
    kind VARCHAR,
    holder VARCHAR,
    holder_agent VARCHAR,
    addressee VARCHAR,
    first_issue VARCHAR,
    then_issue VARCHAR,
    first_text VARCHAR,
    then_text VARCHAR,
    cue VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    sentence VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sent_idx INTEGER,
    text VARCHAR,
    start_char INTEGER,
    end_char INTEGER,
    speaker VARCHAR,
    chain VARCHAR[],
    sentence VARCHAR,
    speaker_text VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    actor_id VARCHAR PRIMARY KEY,
    name VARCHAR,
    kind VARCHAR,
    country VARCHAR,
    parent VARCHAR,
    roles VARCHAR  -- JSON list of {title, of, start, end}
);
-- Where `parley watch` got to in each watched input: a file's size and mtime,
-- or the byte offset after the last complete JSONL line processed.
CREATE TABLE IF NOT EXISTS watch_state (
    source VARCHAR PRIMARY KEY,
    position BIGINT,
    signature VARCHAR
);
