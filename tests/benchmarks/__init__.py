"""Benchmarks: pytest-benchmark tests (`make bench`) and scripts run with `python -m`."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path


def scratch_folder(prefix: str) -> Path:
    """A new folder under the temp directory, removed when the script ends (a benchmark
    leaves nothing behind in /tmp, as the tests do not)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, True)
    return folder
