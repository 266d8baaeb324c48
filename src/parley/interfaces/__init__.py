"""What people use: the HTML report and the web API with its dashboard (the CLI lives in parley.cli)."""
