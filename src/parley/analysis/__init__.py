"""What the event record means: sequencing disputes, summaries."""
