"""The database schema: SQLAlchemy 2.x typed models.

Times are stored as naive UTC. A ticket keeps the agency that numbered it (`issued_service`)
apart from the queue it waits in now (`service`), so a transfer keeps its number while
UNIQUE(issued_service, day, seq) makes a duplicate number impossible.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    literal_column,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, configure_mappers, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON}


class TicketStatus(enum.StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"
    EXPIRED = "expired"


class PrintStatus(enum.StrEnum):
    PENDING = "pending"
    PRINTED = "printed"
    FAILED = "failed"
    NOT_PRINTED = "none"


class EventKind(enum.StrEnum):
    ISSUE = "issue"
    CALL = "call"
    RECALL = "recall"
    NO_SHOW = "no_show"
    FINISH = "finish"
    TRANSFER = "transfer"
    PAUSE = "pause"
    RESUME = "resume"
    EXPIRE = "expire"
    PRINT = "print"
    SITE = "site"
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    UNDO = "undo"  # detail: the kind of event it takes back (shared/undo.py)


PRIORITY_KINDS = ("lansia", "disabilitas", "ibu_hamil", "membawa_anak")
#: The priority lane of a booked ticket when the site's booking rule is "priority"
#: (not a kiosk choice: only a booking's check-in gives it).
ONLINE_PRIORITY = "online"

# Written as literals, not bound parameters: SQLite uses a partial index only when the
# query repeats the index's WHERE clause as it stands.
IS_WAITING = text("tickets.status = 'waiting'")
IS_DONE = text("tickets.status = 'done'")


def waiting_day(dialect: str) -> ColumnElement[date]:
    """`tickets.day` for queries on waiting tickets.

    On SQLite `+day` keeps the planner from preferring a day index (which holds every
    finished ticket too, a million after a few years) over the small partial index of
    waiting tickets. PostgreSQL has no unary plus on dates and plans from statistics.
    """
    return literal_column("+tickets.day", Date) if dialect == "sqlite" else Ticket.day.expression


class Site(Base):
    """The one row describing this MPP (loaded from the site file)."""

    __tablename__ = "site"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(200), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Jakarta")
    priority_interleave: Mapped[int] = mapped_column(Integer, default=3)
    running_text: Mapped[str] = mapped_column(Text, default="")
    logo: Mapped[str] = mapped_column(String(500), default="")
    status_url: Mapped[str] = mapped_column(String(500), default="")
    ticket_footer: Mapped[str] = mapped_column(String(500), default="")
    # How long after a ticket is finished its visitor may still answer the survey (SKM).
    survey_window_minutes: Mapped[int] = mapped_column(Integer, default=120)
    # The web service (antre-web): its public address, printed on tickets, and the secret
    # that signs ticket links (shared/weblinks.py). The secret is made once, at init.
    web_base_url: Mapped[str] = mapped_column(String(300), default="")
    link_secret: Mapped[str] = mapped_column(String(64), default="")
    # The English ticket's footer; empty: the catalogue's ("ticket.footer").
    ticket_footer_en: Mapped[str] = mapped_column(String(500), default="", server_default="")
    # Online booking (shared.booking_config.SiteBooking as JSON): days ahead, retention,
    # the check-in window, the queue rule and closed dates.
    booking: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Service(Base):
    """An agency (instansi) with its own queue and number prefix."""

    __tablename__ = "services"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(1))
    colour: Mapped[str] = mapped_column(String(7), default="#1565C0")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    daily_quota: Mapped[int | None] = mapped_column(Integer)
    service_minutes: Mapped[int] = mapped_column(Integer, default=10)
    # {"hours": {"0": [480, 900]}, "breaks": [...], "last_ticket": {"0": 870}}
    schedule: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Online booking for this agency: {"percent": 20, "slot_minutes": 30}; {} : not bookable.
    booking: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Counter(Base):
    """A numbered counter (loket) and the agencies it serves, in order."""

    __tablename__ = "counters"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    name: Mapped[str] = mapped_column(String(100))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime)  # when the break began
    priority_streak: Mapped[int] = mapped_column(Integer, default=0)
    # The ticket being served (no foreign key: tickets already refer to counters).
    current_ticket_id: Mapped[int | None] = mapped_column(Integer)
    links: Mapped[list[CounterService]] = relationship(
        back_populates="counter", order_by="CounterService.position", cascade="all, delete-orphan"
    )


class CounterService(Base):
    __tablename__ = "counter_services"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    counter: Mapped[Counter] = relationship(back_populates="links")
    service: Mapped[Service] = relationship()


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    pin_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CounterPresence(Base):
    """A console signed in at a counter, kept alive by its heartbeat.

    One row per counter (its staff and console) and one per staff member (UNIQUE staff_id):
    a person cannot be at two counters. `beat` grows with every heartbeat, so a reader can
    tell a live console from a dead one by watching it change on its own monotonic clock,
    whatever the wall clocks do; `heartbeat_at` serves one-shot readers (CLI, kiosk).
    """

    __tablename__ = "counter_presence"
    counter_id: Mapped[int] = mapped_column(ForeignKey("counters.id"), primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), unique=True)
    console: Mapped[str] = mapped_column(String(40))  # a random id per signed-in console
    since: Mapped[datetime] = mapped_column(DateTime)
    beat: Mapped[int] = mapped_column(Integer, default=0)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime)


class DailyNumber(Base):
    """The last number taken per agency and service day (taken with an atomic upsert)."""

    __tablename__ = "daily_numbers"
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        UniqueConstraint("issued_service_id", "day", "seq", name="uq_tickets_number"),
        Index(
            "ix_tickets_waiting",
            "service_id",
            "front",
            "queued_at",
            sqlite_where=text("status = 'waiting'"),
            postgresql_where=text("status = 'waiting'"),
        ),
        Index("ix_tickets_service_day", "service_id", "day"),
        # The estimate reads an agency's latest service times: newest first, done only.
        Index(
            "ix_tickets_done_recent",
            "service_id",
            "finished_at",
            sqlite_where=text("status = 'done'"),
            postgresql_where=text("status = 'done'"),
        ),
        Index("ix_tickets_day", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    issued_service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    day: Mapped[date] = mapped_column(Date)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(8))
    priority: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10), default=TicketStatus.WAITING)
    # 0 = transferred in (front of the queue), 1 = regular order.
    front: Mapped[int] = mapped_column(Integer, default=1)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    queued_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    transfers: Mapped[int] = mapped_column(Integer, default=0)
    wait_seconds: Mapped[int | None] = mapped_column(Integer)
    service_seconds: Mapped[int | None] = mapped_column(Integer)
    print_status: Mapped[str] = mapped_column(String(10), default=PrintStatus.PENDING)
    online: Mapped[bool] = mapped_column(Boolean, default=False)  # issued by a booking
    service: Mapped[Service] = relationship(foreign_keys=[service_id])
    issued_service: Mapped[Service] = relationship(foreign_keys=[issued_service_id])


class BookingStatus(enum.StrEnum):
    BOOKED = "booked"
    CHECKED_IN = "checked_in"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class Booking(Base):
    """An online booking (antrean online): a slot of an agency's day for one visitor.

    `name` and `phone` are the only personal data; they become NULL after the site's
    retention period (shared.bookings.forget_old). One active booking per phone, agency and
    day is a partial unique index, so two requests at once cannot both win.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        Index("ix_bookings_slot", "service_id", "day", "slot_start"),
        Index(
            "ix_bookings_active_phone",
            "service_id",
            "day",
            "phone",
            unique=True,
            sqlite_where=text("status IN ('booked', 'checked_in')"),
            postgresql_where=text("status IN ('booked', 'checked_in')"),
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    day: Mapped[date] = mapped_column(Date)
    slot_start: Mapped[int] = mapped_column(Integer)  # minutes after local midnight
    slot_minutes: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(16))  # +628...; NULL once forgotten
    code: Mapped[str] = mapped_column(String(12), unique=True)
    link_token: Mapped[str] = mapped_column(String(32), unique=True)
    status: Mapped[str] = mapped_column(String(12), default=BookingStatus.BOOKED)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    changed_at: Mapped[datetime | None] = mapped_column(DateTime)  # checked in, cancelled...
    forgotten_at: Mapped[datetime | None] = mapped_column(DateTime)  # personal data removed
    service: Mapped[Service] = relationship()


class Event(Base):
    """The audit trail and the live feed: every issue, call, recall, finish, transfer..."""

    __tablename__ = "events"
    # A counter's newest event of a kind (the survey tablet's poll), however long the history.
    __table_args__ = (Index("ix_events_counter_kind", "counter_id", "kind", "id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(12))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    detail: Mapped[str] = mapped_column(String(200), default="")  # a transfer: the note
    # A transfer's agencies (the ticket's queue before and after).
    source_service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))
    target_service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))


class SurveyResponse(Base):
    """One answer sheet of the satisfaction survey (SKM, Permen PANRB 14/2017) for one served
    ticket. It copies the ticket's agency, counter, staff and times, so the index per agency
    and per counter needs no join and stays true if the ticket row changes later.

    `u1`..`u9` hold the nine elements' answers on the 1-4 scale (None: skipped).
    """

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_day", "day"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), unique=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id"))
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    day: Mapped[date] = mapped_column(Date)  # the ticket's service day
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    called_at: Mapped[datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[datetime] = mapped_column(DateTime)
    answered_at: Mapped[datetime] = mapped_column(DateTime)
    channel: Mapped[str] = mapped_column(String(10))  # "tablet" | "web" | "cli"
    u1: Mapped[int | None] = mapped_column(Integer)
    u2: Mapped[int | None] = mapped_column(Integer)
    u3: Mapped[int | None] = mapped_column(Integer)
    u4: Mapped[int | None] = mapped_column(Integer)
    u5: Mapped[int | None] = mapped_column(Integer)
    u6: Mapped[int | None] = mapped_column(Integer)
    u7: Mapped[int | None] = mapped_column(Integer)
    u8: Mapped[int | None] = mapped_column(Integer)
    u9: Mapped[int | None] = mapped_column(Integer)
    age_group: Mapped[str | None] = mapped_column(String(20))
    sex: Mapped[str | None] = mapped_column(String(20))
    education: Mapped[str | None] = mapped_column(String(20))
    occupation: Mapped[str | None] = mapped_column(String(20))
    suggestion: Mapped[str] = mapped_column(Text, default="")


class DatabaseIdentity(Base):
    """One row: a random token written when the database is created or restored.

    The apps' change watcher compares it on every change, so a database that was replaced
    (recreated by `antre init`, or rolled back by `antre restore`) is noticed and every view,
    including the display's event cursor, is loaded again from scratch.
    """

    __tablename__ = "database_identity"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Lockout(Base):
    """Wrong PINs in a row per counter, staff member or kiosk (shared.lockouts)."""

    __tablename__ = "lockouts"
    scope: Mapped[str] = mapped_column(String(10), primary_key=True)
    subject: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    strikes: Mapped[int] = mapped_column(Integer, default=0)
    total_failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime | None] = mapped_column(DateTime)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


# Mappers are set up here, at start-up, not by the first query (a visitor's first tap): that
# took half of an app's first write, ~30 ms of CPU here.
configure_mappers()
