"""parley: news about diplomacy and conflict in, evidence-linked PLOVER events out."""

__version__ = "0.1.0"
