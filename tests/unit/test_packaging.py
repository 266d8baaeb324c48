"""What an install sees: package metadata."""


def test_licence_metadata_in_the_current_format():
    import tomllib

    from tests.conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # PEP 639: an SPDX expression, not the deprecated {text = ...} table setuptools warns about.
    assert project["license"] == "MIT" and "License ::" not in " ".join(project.get("classifiers", []))
