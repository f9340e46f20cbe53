"""Test-wide setup: offscreen Qt, quiet python-escpos, a private data folder per test run."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault(
    "ESCPOS_CAPABILITIES_PICKLE_DIR", tempfile.mkdtemp(prefix="antre-escpos-")
)
