"""Sentences, actor mentions and parses (spaCy)."""
