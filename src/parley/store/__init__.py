"""Where coded documents live. DuckDB (one file) is the embedded default."""

from parley.store.base import DEFAULT_STORE, open_store

__all__ = ["DEFAULT_STORE", "open_store"]
