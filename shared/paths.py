"""Where Antre finds its assets and keeps its data on this machine."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs


def _assets_folder() -> Path:
    """The shipped `assets` package's folder, found by the import system (importlib.resources):
    the checkout's assets/ in an editable install, site-packages/assets in a wheel, the
    bundle's folder under PyInstaller."""
    folder = files("assets")
    if not isinstance(folder, Path):  # e.g. a zip import: Antre is never installed that way
        raise RuntimeError(f"Antre's assets are not a folder on disk: {folder}")
    return folder


ASSETS_DIR = _assets_folder()
DEFAULT_SITE_FILE = ASSETS_DIR / "sites" / "jombang.toml"
DEMO_SITE_FILE = ASSETS_DIR / "sites" / "demo.toml"
APP_NAME = "antre"


def data_dir() -> Path:
    """The per-user data folder (database, station files); ANTRE_HOME overrides it."""
    override = os.environ.get("ANTRE_HOME")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))


def log_dir() -> Path:
    """The per-user log folder; ANTRE_HOME overrides it (logs/ inside it)."""
    override = os.environ.get("ANTRE_HOME")
    return Path(override) / "logs" if override else Path(platformdirs.user_log_dir(APP_NAME))


def default_db_url() -> str:
    """ANTRE_DB, else an SQLite file in the user data folder."""
    env = os.environ.get("ANTRE_DB")
    if env:
        return env
    return sqlite_url(data_dir() / "antre.db")


def sqlite_url(path: Path) -> str:
    """The SQLite URL of a file, escaped so spaces, `?`, `#` and non-ASCII names survive."""
    from sqlalchemy.engine import URL  # SQLAlchemy only once a database is wanted

    return URL.create("sqlite", database=str(path)).render_as_string()
