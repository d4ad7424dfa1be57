"""Read models of the settings."""

from __future__ import annotations

from pydantic import BaseModel


class SettingView(BaseModel):
    key: str
    value: int
    default: int
    is_default: bool
    unit: str
    help: str
