"""One visitor's survey in progress: the steps, what was answered, where we are.

Plain Python (no Qt), so the answers survive whatever happens to the screen or the database
until they are stored: the window keeps unsent sessions and sends them when it can.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from shared import clock
from shared.skm.counter_activity import FinishedHere
from shared.skm.questionnaire import PROFILE_CODES, Questionnaire
from shared.skm.responses import MAX_SUGGESTION, Answers

SUGGESTION = "suggestion"


@dataclass
class SurveySession:
    ticket: FinishedHere
    questionnaire: Questionnaire
    elements: dict[str, int | None] = field(default_factory=dict)
    profile: dict[str, str | None] = field(default_factory=dict)
    suggestion: str = ""
    step: int = 0
    finished_at: datetime | None = None  # when the visitor sent it (the answer's time)

    @property
    def steps(self) -> list[str]:
        """U1..U9, the four profile fields, then the suggestion."""
        return [e.code for e in self.questionnaire.elements] + list(PROFILE_CODES) + [SUGGESTION]

    @property
    def current(self) -> str:
        return self.steps[self.step]

    @property
    def answered_any(self) -> bool:
        return any(v is not None for v in self.elements.values())

    def answer(self, value: int | str | None) -> None:
        """Records the current step's answer (None: skipped) and moves on."""
        code = self.current
        if code.startswith("U"):
            assert value is None or isinstance(value, int)
            self.elements[code] = value
        elif code != SUGGESTION:
            assert value is None or isinstance(value, str)
            self.profile[code] = value
        self.step = min(self.step + 1, len(self.steps) - 1)

    def back(self) -> None:
        self.step = max(0, self.step - 1)

    def set_suggestion(self, text: str) -> None:
        self.suggestion = text[:MAX_SUGGESTION]

    def close(self, now: datetime | None = None) -> None:
        """The visitor is done (sent, walked away or the next call came): time it."""
        if self.finished_at is None:
            self.finished_at = clock.to_utc_naive(now or clock.now())

    def answers(self) -> Answers:
        return Answers(dict(self.elements), dict(self.profile), self.suggestion)
