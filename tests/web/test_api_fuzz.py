"""The JSON API fuzzed from its own OpenAPI schema (Schemathesis): whatever the input, no
server error and every response matches the schema."""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings

from shared import tickets
from shared.db import Database
from tests.web.conftest import start_server


def test_api_follows_its_schema(web_db: Database) -> None:
    for service in ("DUKCAPIL", "KPP"):
        tickets.issue_ticket(web_db, service=service)
    server = start_server(web_db)
    try:
        schema = schemathesis.openapi.from_url(f"{server.url}/openapi.json")
        operations = [result.ok() for result in schema.get_all_operations()]
        assert {op.label for op in operations} == {"GET /api/tickets/{token}",
                                                   "GET /api/board",
                                                   "GET /api/booking/{agency}/slots"}
        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(max_examples=80, deadline=None, database=None,
                      suppress_health_check=[HealthCheck.too_slow])
            def check(case: Any) -> None:
                response = case.call(base_url=server.url)
                assert response.status_code < 500, (case.path_parameters, response.text)
                case.validate_response(response)

            check()
    finally:
        server.stop()
