"""What the tests that drive lp-tui in real terminals share."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.tmux import env_for


@pytest.fixture
def terminal_env(db_path: Path) -> dict[str, str]:
    return env_for(db_path)
