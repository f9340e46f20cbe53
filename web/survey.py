"""The satisfaction survey on the visitor's phone: `/t/<token>/survey`, a plain HTML form.

Offered once the ticket is done and until the site's window closes (`[survey] window_minutes`
after it was finished); one answer sheet per ticket, stored with channel "web". The form
works without JavaScript, carries a CSRF token (web.csrf) and its posts are rate-limited per
client. The rules themselves (finished, once, in time, clean text) are the core's
(shared.skm.responses); this module only reads the form and words the refusals.
"""

from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from shared.db import Database
from shared.skm.questionnaire import ELEMENT_CODES, PROFILE_CODES, Questionnaire
from shared.skm.responses import (
    MAX_SUGGESTION,
    Answers,
    Refusal,
    SurveyRefused,
    clean_text,
    submit,
)
from web.csrf import FIELD, Csrf
from web.limits import RateLimiter, client_key
from web.pages import TooManyGuesses, find_ticket
from web.render import Renderer, language
from web.survey_offer import OpenSurvey, open_survey

log = logging.getLogger("antre.web.survey")
router = APIRouter(include_in_schema=False)
PURPOSE = "survey"
#: Refusals the visitor can fix on the form itself (the form is shown again, answers kept).
FIXABLE = (Refusal.NO_ANSWERS, Refusal.BAD_ANSWER, Refusal.BAD_PROFILE, Refusal.TEXT_TOO_LONG)
STATUS = {Refusal.NO_TICKET: 404, Refusal.NOT_FINISHED: 409, Refusal.ALREADY_ANSWERED: 409,
          Refusal.WINDOW_CLOSED: 410}


def read_answers(fields: dict[str, str]) -> Answers:
    """The form's fields as answers; a value that is not 1..4 is refused as the core would."""
    elements: dict[str, int | None] = {}
    for code in ELEMENT_CODES:
        value = fields.get(code, "").strip()
        if not value:
            elements[code] = None
        elif value in ("1", "2", "3", "4"):
            elements[code] = int(value)
        else:
            raise SurveyRefused(Refusal.BAD_ANSWER, element=code)
    profile = {code: fields.get(code, "").strip() or None for code in PROFILE_CODES}
    return Answers(elements, profile, fields.get("suggestion", ""))


def _render(request: Request) -> Renderer:
    render: Renderer = request.app.state.render
    return render


def _questionnaire(request: Request) -> Questionnaire:
    questionnaire: Questionnaire = request.app.state.questionnaire
    return questionnaire


def _refused(request: Request, token: str, refusal: SurveyRefused) -> HTMLResponse:
    lang = language(request)
    return _render(request).page(
        request, "survey_closed.html", status=STATUS.get(refusal.reason, 409),
        text=refusal.words(lang), back=f"/t/{token}", q=_questionnaire(request),
        site_name=request.app.state.tokens.site_name)


def _form(request: Request, token: str, survey: OpenSurvey, *, status: int = 200,
          values: dict[str, str] | None = None, error: str | None = None) -> HTMLResponse:
    csrf: Csrf = request.app.state.csrf
    return _render(request).form_page(
        request, "survey.html", csrf=csrf, purpose=PURPOSE, status=status,
        q=_questionnaire(request), survey=survey, values=values or {}, error=error,
        max_text=MAX_SUGGESTION,
        action=f"/t/{token}/survey?lang={language(request)}", back=f"/t/{token}",
        site_name=request.app.state.tokens.site_name)


@router.get("/t/{token}/survey", response_class=HTMLResponse)
async def survey_page(request: Request, token: str) -> Response:
    ticket_id = await find_ticket(request, token)
    if ticket_id is None:
        return _render(request).message(request, "not_found_title", "not_found", status=404)
    try:
        survey = await asyncio.to_thread(open_survey, request.app.state.db, ticket_id)
    except SurveyRefused as refusal:
        return _refused(request, token, refusal)
    return _form(request, token, survey)


@router.post("/t/{token}/survey", response_class=HTMLResponse)
async def survey_post(request: Request, token: str) -> Response:
    limiter: RateLimiter = request.app.state.survey_limiter
    key = client_key(request)
    if limiter.blocked(key):
        raise TooManyGuesses()
    limiter.record(key)
    ticket_id = await find_ticket(request, token)
    if ticket_id is None:
        return _render(request).message(request, "not_found_title", "not_found", status=404)
    csrf: Csrf = request.app.state.csrf
    fields = await csrf.read_form(request, PURPOSE)
    db: Database = request.app.state.db
    try:
        survey = await asyncio.to_thread(open_survey, db, ticket_id)
        answers = read_answers(fields)
        await asyncio.to_thread(submit, db, ticket_id=ticket_id, answers=answers,
                                channel="web", questionnaire=_questionnaire(request))
    except SurveyRefused as refusal:
        if refusal.reason not in FIXABLE:
            return _refused(request, token, refusal)
        kept = {k: v for k, v in fields.items() if k != FIELD}
        kept["suggestion"] = clean_text(kept.get("suggestion", ""))
        return _form(request, token, survey, status=422, values=kept,
                     error=refusal.words(language(request)))
    log.info("survey answered on the web for ticket %s", survey.number)
    return _render(request).page(request, "survey_thanks.html", q=_questionnaire(request),
                                 survey=survey, back=f"/t/{token}",
                                 site_name=request.app.state.tokens.site_name)

