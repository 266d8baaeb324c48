"""Reading inputs: files, folders, globs, stdin and JSONL feeds."""
