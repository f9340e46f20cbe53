"""A database left at an older schema by an update of the software: every command says to run
`antre init` (which migrates and keeps the data), not a raw "no such column" error."""

from __future__ import annotations

import re

import pytest

from shared import migrate
from shared.cli.main import main
from shared.db import Database
from shared.tickets import issue_ticket


def test_an_older_schema_asks_for_antre_init(any_db: Database,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    issue_ticket(any_db, service="DPMPTSP")
    revisions = migrate.known_revisions()
    migrate.downgrade(any_db, revisions[revisions.index(migrate.head_revision() or "") - 1])
    any_db.reset_connections()
    url = any_db.engine.url.render_as_string(hide_password=False)

    assert main(["--db", url, "status"]) == 2
    said = capsys.readouterr().err
    assert "older version of Antre" in said and "antre init" in said
    assert "no such column" not in said and "does not exist" not in said

    assert main(["--db", url, "init"]) == 0
    capsys.readouterr()
    assert migrate.current_revision(any_db) == migrate.head_revision()
    assert main(["--db", url, "status"]) == 0
    assert re.search(r"DPMPTSP\s+waiting\s+1\b", capsys.readouterr().out)  # the data stayed
