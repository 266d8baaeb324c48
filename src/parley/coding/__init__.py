"""From parsed sentences to events, proposals, quotes and dates."""
