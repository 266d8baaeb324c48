"""Training parley's learned components from the annotated data in the repository (``parley train``)."""
