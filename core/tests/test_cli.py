import pytest

from sinetra.cli import main

pytestmark = pytest.mark.integration


def test_help_lists_sinetra_commands(capsys):
    main(["--help"])

    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines() if line.startswith("  ")}
    assert {"demo", "demo-code", "load-reference-data"} <= listed
    assert "migrate" not in listed  # Django's own commands are reachable but not listed as Sinetra's


def test_dashed_names_run_django_commands(capsys):
    main(["help", "load-reference-data"])

    assert "--districts" in capsys.readouterr().out
