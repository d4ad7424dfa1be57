"""Schemathesis fuzzes every API route from /openapi.json: no input makes the server fail.

Bounded (a few dozen cases a route) and, under the `ci` profile, derandomised like every other
property test, so CI always tries the same requests.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import Case

from goodword.web.app import create_app
from goodword.web.security import COOKIE
from goodword.workspace import Workspace
from web.conftest import Network

TOKEN = "f" * 43  # shaped like a token the app issues


@pytest.fixture
def web_app(workspace: Workspace, network: Network) -> FastAPI:
    return create_app(workspace, allowed_hosts=["localhost", "testserver"])


def test_no_request_makes_the_api_fail(web_app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        _fuzz(operation.as_strategy())


def _fuzz(cases: st.SearchStrategy[Case]) -> None:
    @given(cases)
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def no_server_error(case: Case) -> None:
        # With a valid token, so the writes are exercised too and not only refused.
        response = case.call(headers={"X-CSRF-Token": TOKEN}, cookies={COOKIE: TOKEN})

        where = (case.method, case.formatted_path, response.text[:500])
        assert response.status_code < 500, where
        if response.status_code >= 400:
            assert set(response.json()) == {"error"}, where

    no_server_error()
