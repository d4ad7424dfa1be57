"""`goodword note …`: add, list, correct and delete the notes kept about a person."""

from typing import Annotated

import typer
from sqlalchemy.orm import Session

from goodword.cli import render
from goodword.cli.confirm import confirm_delete
from goodword.cli.options import Json, Yes
from goodword.cli.state import state
from goodword.people.models import Note
from goodword.people.queries import get_note, list_notes, resolve_person
from goodword.people.schemas import NoteView
from goodword.people.service import add_note, delete_note, edit_note

note_app = typer.Typer(help="Notes about a person: add, list, edit, delete.", no_args_is_help=True)
NoteId = Annotated[int, typer.Argument(metavar="ID", help="The note's id (see `note list REF`).")]
Text = Annotated[str, typer.Argument(metavar="TEXT", help="What the note says.")]
Ref = Annotated[
    str, typer.Argument(metavar="REF", help="Id, e-mail, or (unique) name; `me` is you.")
]


def register(app: typer.Typer) -> None:
    app.add_typer(note_app, name="note")


@note_app.command("add")
def add(ctx: typer.Context, ref: Ref, text: Text, json: Json = False) -> None:
    """Add a note about a person."""
    with state(ctx).workspace().transaction() as session:
        person = resolve_person(session, ref)
        view = NoteView.of(add_note(session, person=person, body=text))
        name = person.name
    _report(view, json, f"Added note #{view.id} about {name}")


@note_app.command("list")
def list_(ctx: typer.Context, ref: Ref, json: Json = False) -> None:
    """List a person's notes, oldest first, with their ids."""
    with state(ctx).workspace().read() as session:
        person = resolve_person(session, ref)
        found = list_notes(session, person=person)
        name = person.name
    if json:
        render.emit_json(found)
    else:
        render.notes(name, found)


@note_app.command("edit")
def edit(ctx: typer.Context, note_id: NoteId, text: Text, json: Json = False) -> None:
    """Replace what a note says; it keeps its date."""
    with state(ctx).workspace().transaction() as session:
        note = edit_note(session, note=get_note(session, note_id), body=text)
        view, about = NoteView.of(note), _about(session, note)
    _report(view, json, f"Updated note #{view.id} {about}")


@note_app.command("delete")
def delete(ctx: typer.Context, note_id: NoteId, yes: Yes = False) -> None:
    """Delete a note."""
    workspace = state(ctx).workspace()
    confirm_delete(workspace, yes=yes, describe=lambda session: _deleting(session, note_id))
    with workspace.transaction() as session:
        note = get_note(session, note_id)
        about = _about(session, note)
        delete_note(session, note=note)
    render.done(f"Deleted note #{note_id} {about}")


def _deleting(session: Session, note_id: int) -> str:
    note = get_note(session, note_id)
    return f"Deleting note #{note.id} {_about(session, note)}: '{_excerpt(note.body)}'."


def _about(session: Session, note: Note) -> str:
    person = resolve_person(session, f"#{note.person_id}")
    return f"about {person.name} (#{person.id})"


def _excerpt(body: str, limit: int = 60) -> str:
    line = " ".join(body.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _report(view: NoteView, json: bool, message: str) -> None:
    if json:
        render.emit_json(view)
    else:
        render.done(message)
