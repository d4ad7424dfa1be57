"""Reading a workspace's settings: one small query, every key typed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from goodword.settings.keys import KEYS, Settings
from goodword.settings.models import Setting
from goodword.settings.schemas import SettingView
from goodword.storage.session import workspace_id


def load_settings(session: Session) -> Settings:
    rows = session.execute(
        select(Setting.key, Setting.value).where(Setting.workspace_id == workspace_id(session))
    ).all()
    return Settings.of({str(key): str(value) for key, value in rows})


def list_settings(session: Session) -> list[SettingView]:
    """Every key, in the order the keys are documented, with its default beside it."""
    current = load_settings(session)
    return [
        SettingView(
            key=key.name,
            value=current[key.name],
            default=key.default,
            is_default=current[key.name] == key.default,
            unit=key.unit,
            help=key.help,
        )
        for key in KEYS
    ]
