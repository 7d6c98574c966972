"""Every command is documented: in the README's usage tour and with examples in its --help."""
from __future__ import annotations

import re

import pytest

from briefs.cli import cli

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_appears_in_readme(name):
    assert re.search(rf"\bbriefs {name}\b", README), f"README does not show `briefs {name}`"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_help_has_examples(runner, name):
    result = runner.invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    examples = result.output.split("Examples:", 1)
    assert len(examples) == 2, f"`briefs {name} --help` shows no examples"
    lines = examples[1].split("Options:")[0].splitlines()
    assert sum(bool(re.search(rf"\bbriefs {name}\b", line)) for line in lines) >= 2


def test_readme_has_setup_and_test_commands():
    assert "pip install -e ." in README and "briefs list" in README and "briefs show" in README
    assert "pytest" in README
