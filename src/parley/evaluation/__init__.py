"""Measure parley against annotated corpora: its own gold format and other people's."""
