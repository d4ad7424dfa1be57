"""People: search with paging, and a person's page with inline edit and logging."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from goodword.advocates.listing import list_people
from goodword.advocates.queries import ROLES, person_card
from goodword.errors import GoodwordError
from goodword.interactions.models import InteractionKind
from goodword.intros.queries import paths_to_person
from goodword.people.queries import TIER_FILTERS, resolve_person
from goodword.referrals.queries import person_ledger, person_referrals
from goodword.web.api.people import PAGE, Asked, Offset, PersonId
from goodword.web.deps import Now, ReadSession, WriteSession
from goodword.web.inputs import InteractionInput, PersonEdit, edit_basics, log_with
from goodword.web.templating import render

router = APIRouter()


@router.get("/people", response_class=HTMLResponse)
def people(
    request: Request, session: ReadSession, now: Now, ask: Asked, offset: Offset = 0
) -> HTMLResponse:
    page = list_people(session, now=now, ask=ask, limit=PAGE, offset=offset)
    kept = ask.kept()
    return render(
        request,
        "people.html",
        {
            "page": page,
            "ask": ask,
            "roles": ROLES,
            "tiers": TIER_FILTERS,
            "prev_query": urlencode({**kept, "offset": max(0, offset - PAGE)}),
            "next_query": urlencode({**kept, "offset": offset + PAGE}),
        },
    )


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person(request: Request, session: ReadSession, now: Now, person_id: PersonId) -> HTMLResponse:
    found = resolve_person(session, str(person_id))
    card = person_card(session, person=found, now=now)
    paths, note = [], ""
    if found.is_me:
        note = "This is you."
    else:
        try:
            paths = paths_to_person(session, person_id=found.id, now=now, top=3)
        except GoodwordError as exc:  # no way in is worth a sentence, not an error page
            note = exc.message
        note = note or "No path to them within three introductions."
    context = {
        "card": card,
        "paths": paths,
        "paths_note": note,
        "kinds": list(InteractionKind),
        "editing": False,
        "ledger": person_ledger(session, person=found),
        "referrals": person_referrals(session, person=found),
    }
    return render(request, "person.html", context)


@router.get("/people/{person_id}/edit", response_class=HTMLResponse)
def edit_form(
    request: Request, session: ReadSession, now: Now, person_id: PersonId
) -> HTMLResponse:
    card = person_card(session, person=resolve_person(session, str(person_id)), now=now)
    return render(request, "_profile.html", {"card": card, "editing": True})


@router.post("/people/{person_id}/edit", response_class=HTMLResponse)
def edit(
    request: Request,
    session: WriteSession,
    now: Now,
    person_id: PersonId,
    form: Annotated[PersonEdit, Form()],
) -> HTMLResponse:
    found = resolve_person(session, str(person_id))
    edit_basics(session, person=found, edit=form)
    card = person_card(session, person=found, now=now)
    return render(request, "_profile.html", {"card": card, "editing": False})


@router.post("/people/{person_id}/log", response_class=HTMLResponse)
def log(
    request: Request,
    session: WriteSession,
    now: Now,
    person_id: PersonId,
    form: Annotated[InteractionInput, Form()],
) -> HTMLResponse:
    found = resolve_person(session, str(person_id))
    log_with(session, person=found, entry=form, now=now)
    card = person_card(session, person=found, now=now)
    return render(request, "_timeline.html", {"card": card})
