"""Online booking's words in English (merged into the one catalogue)."""

from __future__ import annotations

WORDS: dict[str, str] = {
    "priority.online": "Online",
    "config.range": "must be {low} to {high}, got {value}",
    "config.queue_rule": "unknown queue rule {value!r} (choose: {allowed})",
    "config.date": "must be a date such as \"2026-12-25\", got {value!r}",
    "booking.phone": "The phone number must be an Indonesian number, e.g. 0812 3456 7890 or +62 812 3456 7890.",
    "booking.name_empty": "Please enter your name.",
    "booking.name_long": "The name is too long (at most {limit} letters).",
    "booking.name_chars": "A name may only hold letters, spaces and . , ' -",
    "booking.not_bookable": "{agency} takes no online bookings.",
    "booking.past_day": "That day has passed.",
    "booking.too_far": "You can book at most {days} days ahead.",
    "booking.closed_date": "The MPP is closed on {day}.",
    "booking.closed_day": "The service is closed on {day:@weekday}.",
    "booking.no_slot": "That time is not available. Please choose another.",
    "booking.full": "The {slot} slot is full. Please choose another time.",
    "booking.duplicate": "This phone number already has an active booking at {agency} that day.",
    "booking.unknown": "Unknown booking code. Please check your code.",
    "booking.cancelled": "This booking was cancelled.",
    "booking.used": "This code was already used to take a ticket.",
    "booking.over": "This booking's time has passed.",
    "booking.wrong_day": "This booking is for {day} at {slot}, not today.",
    "booking.early": "Too early. Your time is {slot}; check in from {opens}.",
    "booking.late": "Too late. Your time was {slot}; check-in closed at {closes}. Please take a regular ticket.",
    "booking_status.booked": "Booked",
    "booking_status.checked_in": "Checked in",
    "booking_status.cancelled": "Cancelled",
    "booking_status.no_show": "Did not come",
}
