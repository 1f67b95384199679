"""The README's promises: its commands exist, and CI runs exactly its test command."""

from __future__ import annotations

import re
from pathlib import Path

from kb.cli import make_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _fenced_commands(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def test_readme_has_exactly_two_fresh_machine_commands():
    commands = _fenced_commands(README)
    assert len(commands) == 2
    install_and_serve, install_and_test = commands
    assert "pip install" in install_and_serve and "kb serve" in install_and_serve
    assert "pip install" in install_and_test and "pytest" in install_and_test


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert _fenced_commands(README)[1] in ci


def test_every_kb_command_in_the_readme_exists_and_every_command_is_documented():
    parser = make_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    documented = set(re.findall(r"`kb ([a-z]+)", README))
    assert documented == set(sub.choices), (documented, set(sub.choices))
    for name, subparser in sub.choices.items():
        for flag in re.findall(rf"`kb {name} ([^`]*)`", README):
            for option in re.findall(r"--[a-z-]+", flag):
                assert option in subparser._option_string_actions, (name, option)
