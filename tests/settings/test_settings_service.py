"""Settings are kept per workspace, and a value set back to its default stops being stored."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.settings.models import Setting
from goodword.settings.queries import list_settings, load_settings
from goodword.settings.service import set_setting
from goodword.workspace import Workspace, open_workspace


def test_a_setting_changes_only_its_own_workspace(session: Session, workspace: Workspace) -> None:
    set_setting(session, key="Cadence.Inner", value="21")
    other = open_workspace(bind=workspace.bind, name=f"other-{uuid.uuid4().hex[:8]}")

    with other.transaction() as theirs:
        assert load_settings(theirs)["cadence.inner"] == 30
    assert load_settings(session)["cadence.inner"] == 21
    shown = {view.key: view for view in list_settings(session)}
    assert (shown["cadence.inner"].value, shown["cadence.inner"].is_default) == (21, False)


def test_setting_the_default_again_removes_the_stored_value(
    session: Session, workspace: Workspace
) -> None:
    set_setting(session, key="agenda.limit", value="5")
    view = set_setting(session, key="agenda.limit", value="10")

    assert view.is_default
    assert (
        session.scalars(select(Setting.key).where(Setting.workspace_id == workspace.id)).all() == []
    )
