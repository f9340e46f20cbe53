"""Where a ticket's QR code leads: its page on antre-web, the site's own status URL, or a
compact ticket id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from shared import ticket_url, weblinks

if TYPE_CHECKING:
    from shared.models import Site


@dataclass(frozen=True)
class Links:
    """Where a ticket's QR leads: the web service's page, a site's own URL, or nowhere."""

    web_base_url: str = ""
    secret: str = ""
    status_url: str = ""

    @classmethod
    def of(cls, site: Site) -> Links:
        return cls(site.web_base_url, site.link_secret, site.status_url)

    @property
    def uses_web(self) -> bool:
        return bool(self.web_base_url and self.secret)

    @property
    def uses_template(self) -> bool:
        return bool(self.status_url) and not self.uses_web


def qr_payload(links: Links, *, number: str, ticket_id: int, day: date) -> str:
    """The ticket's page on antre-web when the site file gives its base URL; else the
    site's own status URL template; else a compact ticket id."""
    if links.uses_web:
        token = weblinks.ticket_token(links.secret, ticket_id=ticket_id, day=day)
        return weblinks.status_url(links.web_base_url, token)
    if links.status_url:
        return ticket_url.render(links.status_url, number=number, ticket_id=ticket_id,
                                 day=day.isoformat())
    return f"ANTRE:{day.isoformat()}:{number}:{ticket_id}"
