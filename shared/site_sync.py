"""Loads a validated site file into the database; safe to run again (tickets are kept)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared import clock, weblinks
from shared.models import Counter, CounterService, Event, EventKind, Service, Site
from shared.schedule import schedule_to_json
from shared.site_config import SiteConfig
from shared.words import Said


@dataclass(frozen=True)
class SyncSummary:
    agencies_added: int
    agencies_updated: int
    agencies_retired: int
    counters: int
    warnings: tuple[Said, ...] = ()  # the site file's warnings (loaded all the same)


def apply_site(session: Session, config: SiteConfig) -> SyncSummary:
    """Upserts the site, agencies (by code) and counters (by number).

    Agencies no longer in the file are retired (inactive), never deleted, so history stays.
    """
    site = session.get(Site, 1) or Site(id=1)
    site.name = config.name
    site.region = config.region
    site.timezone = config.timezone
    site.priority_interleave = config.priority_interleave
    site.running_text = config.running_text
    site.logo = config.logo
    site.status_url = config.status_url
    site.ticket_footer = config.ticket_footer
    site.survey_window_minutes = config.survey_window_minutes
    site.web_base_url = config.web_base_url
    if not site.link_secret:
        site.link_secret = weblinks.new_secret()
    site.ticket_footer_en = config.ticket_footer_en
    site.booking = config.booking.to_json()
    session.add(site)

    existing = {s.code: s for s in session.scalars(select(Service))}
    added = updated = 0
    for position, agency in enumerate(config.agencies):
        service = existing.pop(agency.code, None)
        if service is None:
            service = Service(code=agency.code)
            session.add(service)
            added += 1
        else:
            updated += 1
        service.name = agency.name
        service.prefix = agency.prefix
        service.colour = agency.colour
        service.position = position
        service.active = True
        service.daily_quota = agency.daily_quota
        service.service_minutes = agency.service_minutes
        service.schedule = schedule_to_json(agency)
        service.booking = agency.booking.to_json()
    for service in existing.values():
        service.active = False
        service.prefix = service.prefix  # kept: old tickets still carry it
    session.flush()
    _apply_counters(session, config)
    session.add(
        Event(at=clock.to_utc_naive(clock.now()), kind=EventKind.SITE, detail="site loaded")
    )
    return SyncSummary(added, updated, len(existing), len(config.counters), config.warnings)


def _apply_counters(session: Session, config: SiteConfig) -> None:
    services = {s.code: s for s in session.scalars(select(Service))}
    counters = {c.number: c for c in session.scalars(select(Counter))}
    for item in config.counters:
        counter = counters.pop(item.number, None)
        if counter is None:
            counter = Counter(number=item.number, paused=False, priority_streak=0)
            session.add(counter)
        counter.name = item.name
        counter.active = True
        counter.links = [
            CounterService(service=services[code], position=i)
            for i, code in enumerate(item.agencies)
        ]
    for counter in counters.values():
        counter.active = False
        counter.links = []
