"""Plain, frozen values handed to screens and threads (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class TicketView:
    id: int
    number: str
    agency_code: str
    agency_name: str
    status: str
    priority: str | None
    counter: int | None
    issued_at: datetime  # aware UTC
    called_at: datetime | None
    print_status: str
    recalls: int = 0
    transferred: bool = False
    transferred_from: str | None = None  # the agency it came from (display name), if any
    transfer_note: str = ""  # what the sending counter wrote for this one
    online: bool = False  # issued by an online booking's check-in


@dataclass(frozen=True)
class IssuedTicket:
    ticket: TicketView
    site_name: str
    people_ahead: int
    estimated_wait_minutes: int
    issued_local: datetime  # site-local time, for the printed ticket
    qr_payload: str
    footer: str  # the site's footer for Indonesian tickets ("" : the catalogue's)
    footer_en: str = ""  # the site's footer for English tickets ("" : the catalogue's)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.ticket.id,
            "number": self.ticket.number,
            "agency": self.ticket.agency_code,
            "agency_name": self.ticket.agency_name,
            "priority": self.ticket.priority,
            "online": self.ticket.online,
            "people_ahead": self.people_ahead,
            "estimated_wait_minutes": self.estimated_wait_minutes,
            "issued_at": self.issued_local.isoformat(),
        }


@dataclass(frozen=True)
class CallResult:
    """What a counter is now serving after an action (None: nothing)."""

    counter: int
    ticket: TicketView | None
    finished: TicketView | None = None  # the ticket a "call next" closed first

    def to_json(self) -> dict[str, Any]:
        return {
            "counter": self.counter,
            "number": self.ticket.number if self.ticket else None,
            "agency": self.ticket.agency_code if self.ticket else None,
            "priority": self.ticket.priority if self.ticket else None,
            "finished": self.finished.number if self.finished else None,
        }
