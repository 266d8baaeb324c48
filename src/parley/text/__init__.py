"""From raw page text to clean article fields (title, byline, dateline, body)."""
