"""Answers the tablet could not store yet, kept in a small private file until they are.

The database may go away mid-survey (the LAN's server stops, the SQLite file is removed or
replaced while a backup is restored). The answers stay in memory and are also written here
(0600, in the app's data folder, replaced atomically), so they survive the tablet being
switched off; the window loads them at start and sends them when the database is back.
A damaged file is set aside (renamed *.bad) and logged, never a reason not to start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from shared.files import create_private
from shared.skm.counter_activity import FinishedHere
from shared.skm.responses import Answers

log = logging.getLogger("antre.survey")
VERSION = 1


@dataclass(frozen=True)
class Unsent:
    """One answer sheet waiting to be stored (plain values)."""

    ticket: FinishedHere
    answers: Answers
    answered_at: datetime  # naive UTC, as the core stores times

    def to_json(self) -> dict[str, Any]:
        t = self.ticket
        return {
            "event_id": t.event_id, "ticket_id": t.ticket_id, "number": t.number,
            "agency_name": t.agency_name, "answered_at": self.answered_at.isoformat(),
            "elements": self.answers.elements, "profile": self.answers.profile,
            "suggestion": self.answers.suggestion,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Unsent:
        ticket = FinishedHere(int(data["event_id"]), int(data["ticket_id"]),
                              str(data["number"]), str(data["agency_name"]))
        elements = {str(k): (None if v is None else int(v))
                    for k, v in dict(data["elements"]).items()}
        profile = {str(k): (None if v is None else str(v))
                   for k, v in dict(data["profile"]).items()}
        answers = Answers(elements, profile, str(data["suggestion"]))
        return cls(ticket, answers, datetime.fromisoformat(str(data["answered_at"])))


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    def load(self) -> list[Unsent]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                raise ValueError(f"version {data.get('version')!r}")
            return [Unsent.from_json(item) for item in data["unsent"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            log.error("unsent survey answers in %s are unreadable (%s); set aside",
                      self.path, error)
            try:
                os.replace(self.path, self.path.with_name(self.path.name + ".bad"))
            except OSError:
                log.exception("could not set %s aside", self.path)
            return []

    def save(self, unsent: list[Unsent]) -> None:
        """Writes the list (or removes the file when it is empty); raises OSError."""
        if not unsent:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"version": VERSION, "unsent": [u.to_json() for u in unsent]},
                          ensure_ascii=False, indent=1)
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = create_private(tmp)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, self.path)
