"""Changing a setting."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from goodword.settings.keys import key_named
from goodword.settings.models import Setting
from goodword.settings.queries import list_settings
from goodword.settings.schemas import SettingView
from goodword.storage.session import workspace_id


def set_setting(session: Session, *, key: str, value: str) -> SettingView:
    """Setting a key back to its default removes its row, so a later default change applies.

    Raises: InvalidInput for an unknown key or a value outside what the key accepts.
    """
    found = key_named(key)
    parsed = found.parse(value)
    wid = workspace_id(session)
    row = session.get(Setting, (wid, found.name))
    if parsed == found.default:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(Setting(workspace_id=wid, key=found.name, value=str(parsed)))
    else:
        row.value = str(parsed)
    session.flush()
    return next(view for view in list_settings(session) if view.key == found.name)


def set_settings(session: Session, *, values: Mapping[str, str]) -> list[SettingView]:
    """Several keys in one change, as the settings page saves them: the transaction that
    holds it keeps all or none.

    Raises: InvalidInput for the first unknown key or value a key does not accept.
    """
    return [set_setting(session, key=key, value=value) for key, value in values.items()]
