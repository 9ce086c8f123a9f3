"""The README stays true to the code: every setting, CLI command and API route is documented."""

from __future__ import annotations

import re

import pytest

from api.app import create_app
from api.cli import cli
from graph.settings import Settings
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def env_names() -> list[str]:
    names = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        names.append(alias.choices[0] if alias is not None else f"POLICYGRAPH_{name.upper()}")
    return names


@pytest.mark.parametrize("variable", env_names())
def test_every_setting_is_in_the_readme(variable: str) -> None:
    assert f"`{variable}`" in README


@pytest.mark.parametrize(
    "command",
    sorted([c.name or c.callback.__name__ for c in cli.registered_commands] + [g.name for g in cli.registered_groups]),
)
def test_every_cli_command_is_in_the_readme(command: str) -> None:
    assert f"policygraph {command}" in README


@pytest.mark.parametrize(
    ("group", "command"),
    sorted(
        (g.name, c.name or c.callback.__name__)
        for g in cli.registered_groups
        for c in g.typer_instance.registered_commands
    ),
)
def test_every_subcommand_is_on_a_readme_line_of_its_group(group: str, command: str) -> None:
    lines = [line for line in README.splitlines() if f"policygraph {group}" in line]
    assert any(re.search(rf"\b{command}\b", line.split(f"policygraph {group}", 1)[1]) for line in lines)


def routes() -> list[str]:
    paths = create_app().openapi()["paths"]
    return sorted(f"{method.upper()} {re.sub(r'{[^}]+}', '{id}', path)}" for path in paths for method in paths[path])


@pytest.mark.parametrize("route", routes())
def test_every_api_route_is_in_the_readme(route: str) -> None:
    assert f"`{route}" in README
