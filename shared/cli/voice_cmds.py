"""Sub-commands of this area (filled in by the area's owner)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Adds this area's sub-commands to the `antre` parser."""
