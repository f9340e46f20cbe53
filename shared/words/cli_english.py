"""The admin command line's words in English (merged into the one catalogue)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "cli.init_done": (
        "Database ready at {where}; site {site}: {added} agencies added, {updated} updated, "
        "{retired} retired, {counters} counters."
    ),
    "cli.issued": "{number}  {agency}  ahead: {ahead}  estimated wait: {minutes} min",
    "cli.finished": "Loket {counter}: {number} finished",
    "cli.no_show": "Loket {counter}: {number} marked no-show",
    "cli.transferred": "Loket {counter}: {number} transferred to {agency}",
    "cli.now_serving": "Loket {counter}: now serving {number} ({agency})",
    "cli.nobody_else": "Loket {counter}: no one else is waiting",
    "cli.paused": "Loket {counter} is on a break",
    "cli.resumed": "Loket {counter} is open again",
    "cli.expired": "{count} waiting tickets expired",
    "cli.bookings_upkeep": (
        "{no_shows} bookings missed their check-in; {forgotten} bookings' names and phone "
        "numbers removed (retention)"
    ),
    "cli.status_title": "{site} — {day}",
    "cli.status_agency": "  {prefix} {code:14} waiting {waiting:>3}  served {served:>3}  {state}",
    "cli.status_counter": "  Loket {number:>2} {state:9} {serving:6} {who:20} {agencies}",
    "cli.open": "open",
    "cli.state.serving": "serving",
    "cli.state.idle": "idle",
    "cli.state.paused": "paused",
    "cli.state.closed": "closed",
    "cli.report_written": "Report written to {path}",
    "cli.skm_written": "SKM report written to {path}",
    "cli.backup_written": "Backup written to {path}",
    "cli.restored": (
        "Restored {source} into {target} in {seconds:.1f} s; the running apps load it again "
        "by themselves."
    ),
    "cli.staff_added": "Staff member {name} added (#{id})",
    "cli.inactive": "(inactive)",
    "cli.printer_none": "printer is 'none': nothing printed",
    "cli.sample_sent": "sample ticket sent to {uri} ({size} bytes)",
    "cli.reprinted": "ticket {number} reprinted on {uri} ({size} bytes)",
    "cli.no_audio": "No audio output device: nothing is played.",
    "cli.where.database": "database",
    "cli.where.station": "station file",
    "cli.where.data": "data folder",
    "cli.where.log": "log folder",
    "cli.where.assets": "asset folder",
    "cli.where.not_created": "not created yet: run `antre init`",
    "cli.where.no_station": "(none: settings are the defaults)",
    "cli.where.source.station": "station file {path}",
    "cli.where.source.default": "default",
    "report.title": "{site} — report {span}",
    "report.empty": "No tickets were issued in this period.",
    "report.per_agency": "Per agency (transf = sent to another agency)",
    "report.per_counter": "Per counter (called = calls made; busiest = hour with most calls)",
    "report.total": "Total",
    "report.bookings": "Online bookings (for days in the period)",
    "report.col.issued": "issued",
    "report.col.called": "called",
    "report.col.served": "served",
    "report.col.no_show": "noshow",
    "report.col.expired": "expired",
    "report.col.transferred": "transf",
    "report.col.med_wait": "med.wait",
    "report.col.p90_wait": "p90 wait",
    "report.col.med_service": "med.serv",
    "report.col.busiest": "busiest",
    "report.col.booked": "booked",
    "report.col.checked_in": "checkin",
    "report.col.cancelled": "cancel",
    "report.col.open": "open",
}
