"""Referrals, newest first, with where each stands; the board; moving a card."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field, field_validator
from sqlalchemy.orm import Session

from goodword.referrals.pipeline import ReferralStatus
from goodword.referrals.queries import list_referrals, referral_views
from goodword.referrals.schemas import ReferralView
from goodword.referrals.service import get_referral, move_referral
from goodword.web.deps import Now, ReadSession, WriteSession

router = APIRouter(tags=["referrals"])
ReferralId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The referral's id.")]
BOARD_SIZE = 500  # cards on the board, newest first; the list API pages further


class Move(BaseModel):
    """Where to move the referral, and optionally its value (restating the status it has
    with a value records the new value)."""

    status: ReferralStatus
    value: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    reopen: bool = Field(default=False, description="Move a won or lost referral again.")

    @field_validator("value", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """A form's empty value field means no value, as leaving it out does."""
        return None if isinstance(value, str) and not value.strip() else value


class BoardColumn(BaseModel):
    status: ReferralStatus
    referrals: list[ReferralView]


def board(session: Session) -> list[BoardColumn]:
    """One column per status, in pipeline order, each newest first."""
    views = referral_views(session, list_referrals(session, limit=BOARD_SIZE))
    return [
        BoardColumn(status=status, referrals=[r for r in views if r.status == status])
        for status in ReferralStatus
    ]


def move(session: Session, now: Now, referral_id: int, to: Move) -> ReferralView:
    """The same move as `goodword referral move`.

    Raises: NotFound for an unknown referral; InvalidInput or Conflict for a move the
    pipeline refuses (backwards, or out of a close without `reopen`).
    """
    referral = move_referral(
        session,
        referral=get_referral(session, referral_id),
        status=to.status,
        at=now,
        value=to.value,
        reopen=to.reopen,
    )
    return referral_views(session, [referral])[0]


@router.get("/referrals", summary="Referrals, newest first", response_model=list[ReferralView])
def get_referrals(
    session: ReadSession, limit: Annotated[int, Query(ge=1, le=1000)] = 200
) -> list[ReferralView]:
    return referral_views(session, list_referrals(session, limit=limit))


@router.get(
    "/referrals/board",
    summary="The pipeline, a column per status",
    response_model=list[BoardColumn],
)
def get_board(session: ReadSession) -> list[BoardColumn]:
    return board(session)


@router.post(
    "/referrals/{referral_id}/move",
    summary="Move a referral along its pipeline (never backwards)",
    response_model=ReferralView,
)
def post_move(session: WriteSession, now: Now, referral_id: ReferralId, to: Move) -> ReferralView:
    return move(session, now, referral_id, to)
