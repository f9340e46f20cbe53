"""Jinja2 templates (autoescaped, shipped inside the package) and the page language."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape

from web.csrf import FIELD, Csrf
from web.words import Words, pick_language

LANG_COOKIE = "lang"


def language(request: Request) -> str:
    return pick_language(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))


class Renderer:
    def __init__(self) -> None:
        self.env = Environment(
            loader=PackageLoader("web", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # shipped templates never change: no file check per render
        )

    def fragment(self, template: str, *, lang: str, **context: Any) -> str:
        return self.env.get_template(template).render(w=Words(lang), lang=lang, **context)

    def page(self, request: Request, template: str, *, status: int = 200,
             **context: Any) -> HTMLResponse:
        lang = language(request)
        html = self.fragment(template, lang=lang, path=request.url.path, **context)
        response = HTMLResponse(html, status_code=status)
        if request.query_params.get("lang") == lang:
            response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="lax",
                                httponly=True)
        return response

    def form_page(self, request: Request, template: str, *, csrf: Csrf, purpose: str,
                  status: int = 200, **context: Any) -> HTMLResponse:
        """A page holding a form: its CSRF token is `csrf` in the template (include
        "_csrf.html" inside the form) and its cookie is set on the response."""
        token = csrf.issue(request, purpose)
        response = self.page(request, template, status=status, csrf=token,
                             csrf_field=FIELD, **context)
        csrf.set_cookie(response, token, request)
        return response

    def message(self, request: Request, title: str, text: str, *,
                status: int) -> HTMLResponse:
        return self.page(request, "message.html", status=status, title_key=title,
                         text_key=text)
