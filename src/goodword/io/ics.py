"""Calendar meetings → interactions: an iCalendar file parsed into a `Batch`, no database.

A meeting is an event with attendees; everyone on it with an e-mail address becomes a person
keyed by that address, the organiser is who initiated it. A single meeting is imported however
old (`window.py` says why); recurring series are expanded only from `window_days` back. Either
way at most a month ahead, and `--since`/`--until` narrow both. Events outside the window are
skipped with the reason, so the report says why.
People who meet in a group of at most 8 get an inferred `knows` tie: in bigger meetings
(all-hands, webinars) people share a room without knowing each other.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import recurring_ical_events
from icalendar import Calendar, Component

from goodword.io.acquaintances import Acquaintances, display_name, plain_address
from goodword.io.errors import MalformedFile
from goodword.io.records import Batch, InteractionRecord, Skip
from goodword.io.textfile import read_text
from goodword.io.window import Window

TIE_MEETING_SIZE = 8
# The bounds of an open window, a day clear of the ends of `datetime` for zone offsets.
_DAWN = datetime(1, 1, 2, tzinfo=UTC)
_DUSK = datetime(9999, 12, 30, tzinfo=UTC)
# Rooms, equipment and group addresses are invited like people but are not people.
_NOT_PEOPLE = frozenset({"ROOM", "RESOURCE", "GROUP"})
# A broken value in one of these makes the event unreadable as a meeting; others are ignored.
_SCHEDULING = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"}
    | {"ATTENDEE", "ORGANIZER", "STATUS"}
)
# Meetings do not repeat by the hour; such rules would also expand into thousands of events.
_TOO_FREQUENT = frozenset({"SECONDLY", "MINUTELY", "HOURLY"})
_VIDEO = re.compile(
    r"zoom\.(?:us|com)|meet\.google\.com|teams\.(?:microsoft|live)\.com|microsoft teams meeting"
    r"|webex\.com|whereby\.com|meet\.jit\.si|gotomeet|bluejeans\.com|chime\.aws",
    re.IGNORECASE,
)
# Where calendars put the call link; DESCRIPTION is left out, it often holds a fallback link.
_VIDEO_PROPERTIES = ["LOCATION", "URL", "CONFERENCE", "X-GOOGLE-CONFERENCE"]
_VIDEO_PROPERTIES += ["X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK"]
_NOT_A_CALENDAR = "is not an iCalendar file: it has no BEGIN:VCALENDAR"
_BROKEN_LINE = re.compile(r"parts: '([A-Za-z-]+)")

Located = tuple[Component, int]  # an event and the line of its BEGIN:VEVENT


@dataclass(frozen=True)
class _Meeting:
    """What one VEVENT says, read once and shared by all its occurrences."""

    line: int
    uid: str
    people: tuple[tuple[str, str | None], ...]  # (address, name): organiser first
    organizer: str | None
    kind: str
    note: str | None


def parse_ics(
    path: Path, *, now: datetime, window: Window | None = None, window_days: int = 730
) -> Batch:
    """Parse a calendar into meetings, their people and co-attendance ties.

    `window` is `--since`/`--until`; `window_days` how far back series are expanded without it.
    Raises: MalformedFile when the file is not a calendar icalendar can read.
    """
    text = read_text(path, save_as="UTF-8", allow_nul=True)
    given = window or Window()
    history = timedelta(days=max(window_days, 0))
    importer = _Importer(given.closed(now, history=None), given.closed(now, history=history))
    with warnings.catch_warnings():
        # icalendar warns about guessed time zones; the guess is what we want, silently.
        warnings.simplefilter("ignore")
        for calendar, events in _calendars(path, text):
            cancelled = str(calendar.get("METHOD", "")).strip().upper() == "CANCEL"
            for series in _series(events):
                importer.add_series(series, calendar, cancelled=cancelled)
    importer.people.fill(importer.batch)
    return importer.batch


def _calendars(path: Path, text: str) -> list[tuple[Component, list[Located]]]:
    """Each VCALENDAR with its events, located by line.

    Raises: MalformedFile when icalendar cannot parse the text or it holds no VCALENDAR.
    """
    try:
        components = Calendar.from_ical(text, multiple=True)
        located = _locate(components, _vevent_lines(text))
    except Exception as exc:  # icalendar raises bare ValueErrors and worse on broken input
        if "BEGIN:VCALENDAR" not in text.upper():
            raise MalformedFile(path, 1, _NOT_A_CALENDAR) from None
        problem = f"is not a readable calendar: {exc}"
        raise MalformedFile(path, _line_of(text, str(exc)), problem) from None
    calendars = [(c, events) for c, events in located if c.name == "VCALENDAR"]
    if not calendars:
        line, problem = _why_no_calendar(text, components)
        raise MalformedFile(path, line, problem)
    # icalendar drops a last calendar that never ends; importing the rest would half-import.
    starts = [
        n for n, line in enumerate(text.split("\n"), 1) if line.strip().upper() == "BEGIN:VCALENDAR"
    ]
    if len(starts) > len(calendars):
        problem = "BEGIN:VCALENDAR is never closed by END:VCALENDAR; the file looks truncated"
        raise MalformedFile(path, starts[len(calendars)], problem)
    return calendars


def _vevent_lines(text: str) -> list[int]:
    return [
        number
        for number, line in enumerate(text.split("\n"), 1)
        if line.rstrip("\r").upper() == "BEGIN:VEVENT"
    ]


def _locate(
    components: Sequence[Component], lines: list[int]
) -> list[tuple[Component, list[Located]]]:
    """Pair the n-th VEVENT icalendar found with the n-th BEGIN:VEVENT line of the text."""
    located: list[tuple[Component, list[Located]]] = []
    count = 0
    for component in components:
        events: list[Located] = []
        for event in component.walk("VEVENT"):
            events.append((event, lines[min(count, len(lines) - 1)] if lines else 1))
            count += 1
        located.append((component, events))
    return located


def _line_of(text: str, message: str) -> int | None:
    """Best guess at the line an icalendar error is about: it quotes the value, not the line."""
    candidates = re.findall(r"'([^']+)'", message) + re.findall(r"(?:: |was )(\S+)$", message)
    if "TZID" in message:  # an empty TZID, as Exchange 2010 writes: the message names no value
        candidates += ["TZID:", "TZID=:"]
    logical = _logical_lines(text)
    for candidate in (c.removesuffix(" [...]").strip() for c in candidates):
        if not candidate:
            continue
        for test in (str.__eq__, str.__contains__):
            for number, line in logical:
                if test(line.strip(), candidate):
                    return number
    return None


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Unfolded content lines with the number of the physical line each starts on."""
    logical: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), 1):
        line = line.rstrip("\r")
        if line[:1] in (" ", "\t") and logical:
            logical[-1] = (logical[-1][0], logical[-1][1] + line[1:])
        else:
            logical.append((number, line))
    return logical


def _why_no_calendar(text: str, components: Sequence[Component]) -> tuple[int | None, str]:
    if components:
        names = ", ".join(sorted({str(c.name) for c in components}))
        return 1, f"is not a calendar: it holds {names} but no VCALENDAR"
    open_: list[tuple[str, int]] = []
    for number, line in _logical_lines(text):
        keyword, _, name = line.strip().upper().partition(":")
        if keyword == "BEGIN":
            open_.append((name, number))
        elif keyword == "END" and open_ and open_[-1][0] == name:
            open_.pop()
    if open_:
        name, number = open_[0]
        shown = name if name.isprintable() and name.strip() else repr(name)
        return number, f"BEGIN:{shown} is never closed by END:{shown}; the file looks truncated"
    if not text.strip():
        return None, "is empty"
    return 1, _NOT_A_CALENDAR


def _series(events: list[Located]) -> list[list[Located]]:
    """Events grouped by UID, so a recurring master and its changed occurrences expand together."""
    groups: dict[str, list[Located]] = {}
    for index, (event, line) in enumerate(events):
        uid = str(event.get("UID", "")).strip()
        groups.setdefault(uid or f"\0{index}", []).append((event, line))
    return list(groups.values())


class _Importer:
    """The batch being built from one file, with what dedupes it across the file."""

    def __init__(self, single: Window, recurring: Window) -> None:
        self.single = single
        self.recurring = recurring
        self.batch = Batch()
        self.people = Acquaintances()
        self._ids: set[str] = set()

    def add_series(self, series: list[Located], calendar: Component, *, cancelled: bool) -> None:
        """Import a series' occurrences; skip its events that are no meetings, with why."""
        meetings: dict[int, _Meeting] = {}
        for index, (event, line) in enumerate(series):
            found = "cancelled (METHOD:CANCEL)" if cancelled else _read_meeting(event, line)
            if isinstance(found, str):
                self.batch.skipped.append(Skip(line, found))
            else:
                meetings[index] = found
        if not meetings:
            return
        recurs = any("RRULE" in event or "RDATE" in event for event, _ in series)
        window = self.recurring if recurs else self.single
        try:
            occurrences = _expand(series, calendar, window)
        except Exception as exc:  # recurring_ical_events fails on rules it cannot follow
            skips = (Skip(m.line, f"cannot expand: {exc}") for m in meetings.values())
            self.batch.skipped.extend(skips)
            return
        used: set[int] = set()
        for occurrence in occurrences:
            if (index := _source(series, occurrence)) in meetings:
                used.add(index)
                self._add(meetings[index], occurrence)
        outside = f"outside the import window ({window.describe()})"
        self.batch.skipped.extend(
            Skip(m.line, outside) for i, m in meetings.items() if i not in used
        )

    def _add(self, meeting: _Meeting, occurrence: Component) -> None:
        start = _when(occurrence.get("DTSTART"))
        if start is None:  # the expansion always sets one; this keeps the types honest
            return
        stamp = _stamp(_when(occurrence.get("RECURRENCE-ID")) or start)
        external_id = f"ics:{meeting.uid}:{stamp}"
        if external_id in self._ids:  # the same event twice in a file is one meeting
            return
        self._ids.add(external_id)
        keys = self.people.gather(dict(meeting.people), meeting.line, tie_limit=TIE_MEETING_SIZE)
        self.batch.interactions.append(
            InteractionRecord(
                kind=meeting.kind,
                at=_instant(start),
                participants=keys,
                line=meeting.line,
                initiated_by=meeting.organizer,
                note=meeting.note,
                external_id=external_id,
            )
        )


def _expand(series: list[Located], calendar: Component, window: Window) -> list[Component]:
    """The series' occurrences in the window; unreadable events are left out of the expansion."""
    single = Calendar()
    if "X-WR-TIMEZONE" in calendar:  # Google's calendar-wide zone for floating times
        single["X-WR-TIMEZONE"] = calendar["X-WR-TIMEZONE"]
    for event, _ in series:
        if _unreadable(event) is None and _unplaceable(event) is None:
            single.add_component(event)
    start, end = window.since or _DAWN, window.until or _DUSK
    return list(recurring_ical_events.of(single).between(start, end))


def _source(series: list[Located], occurrence: Component) -> int:
    """Which event of the series an occurrence comes from: its override, else the master."""
    rid = _moment(occurrence.get("RECURRENCE-ID"))
    master: int | None = None
    for index, (event, _) in enumerate(series):
        own = _moment(event.get("RECURRENCE-ID"))
        if own is None:
            master = index if master is None else master
        elif own == rid:
            return index
    return 0 if master is None else master


def _read_meeting(event: Component, line: int) -> _Meeting | str:
    """The meeting an event describes, or why it is not one."""
    if (problem := _unreadable(event)) is not None:
        return problem
    if str(event.get("STATUS", "")).strip().upper() == "CANCELLED":
        return "cancelled"
    if not _as_list(event.get("ATTENDEE")):
        return "no attendees"
    organizer = _person(event.get("ORGANIZER"))
    invited = _attendees(event)
    if not invited:
        return "no attendees with an e-mail address"
    others = [a for a in invited if organizer is None or a[0] != organizer[0]]
    if not others:
        return "no attendees besides the organiser"
    present: dict[str, str | None] = dict([organizer] if organizer else [])
    for address, name, partstat in others:
        if partstat != "DECLINED":
            present[address] = present.get(address) or name
    if len(present) == (1 if organizer else 0):
        return "declined by every attendee"
    if (problem := _unplaceable(event)) is not None:
        return problem
    summary = str(event.get("SUMMARY", "")).strip()
    uid = str(event.get("UID", "")).strip() or _content_id(event, present)
    host = organizer[0] if organizer else None
    return _Meeting(line, uid, tuple(present.items()), host, _kind(event), summary or None)


def _unreadable(event: Component) -> str | None:
    """The scheduling property icalendar could not read, if any."""
    for name, message in getattr(event, "errors", []):
        if name is None and (match := _BROKEN_LINE.search(message)) is not None:
            name = match.group(1)
        if name is not None and name.upper() in _SCHEDULING:
            return f"unreadable {name.upper()}: {message[:120]}"
    return None


def _unplaceable(event: Component) -> str | None:
    """Why an event cannot be placed in time, if it cannot."""
    if _when(event.get("DTSTART")) is None:
        return "no start time (DTSTART)"
    rules = [r for r in _as_list(event.get("RRULE")) if isinstance(r, dict)]
    frequencies = [str(f).upper() for r in rules for f in _as_list(r.get("FREQ"))]
    if _TOO_FREQUENT.intersection(frequencies):
        return f"repeats {frequencies[0].lower()}, too often for a meeting"
    return None


def _attendees(event: Component) -> list[tuple[str, str | None, str]]:
    """(address, name, PARTSTAT) of invited people; rooms, groups and address-less are left out."""
    found: list[tuple[str, str | None, str]] = []
    for value in _as_list(event.get("ATTENDEE")):
        if _param(value, "CUTYPE").upper() in _NOT_PEOPLE:
            continue
        person = _person(value)
        # Google lists meeting rooms and shared calendars under these domains.
        if person is not None and not person[0].endswith("calendar.google.com"):
            found.append((*person, _param(value, "PARTSTAT").upper()))
    return found


def _person(value: Any) -> tuple[str, str | None] | None:
    """(lower-cased address, CN) for a `mailto:` address (or an EMAIL parameter)."""
    if value is None:
        return None
    text = str(value).strip()
    if text.lower().startswith("mailto:"):
        address = plain_address(text[7:])
    else:
        address = plain_address(_param(value, "EMAIL")) if _param(value, "EMAIL") else None
    if address is None:
        return None
    return address, display_name(_param(value, "CN"))


def _param(value: Any, name: str) -> str:
    params = getattr(value, "params", None)
    found = params.get(name) if params is not None else None
    if isinstance(found, list | tuple):
        found = found[0] if found else None
    return str(found) if found else ""


def _kind(event: Component) -> str:
    """'video' when a video-call link or feature is on the event, else 'meeting'."""
    for name in _VIDEO_PROPERTIES:
        for value in _as_list(event.get(name)):
            if _VIDEO.search(str(value)) or "VIDEO" in _param(value, "FEATURE").upper():
                return "video"
    return "meeting"


def _content_id(event: Component, present: dict[str, str | None]) -> str:
    """A stable stand-in for a missing UID, so re-importing the file changes nothing."""
    key = f"{event.get('SUMMARY', '')}|{_when(event.get('DTSTART'))}|{','.join(sorted(present))}"
    return "sha256-" + hashlib.sha256(key.encode()).hexdigest()[:24]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _when(value: object) -> date | None:
    """The date or date-time of a property; None when absent, unreadable or of another kind
    (a period). icalendar keeps an unreadable value and raises only when it is read."""
    try:
        found = getattr(value, "dt", None)
    except ValueError:  # icalendar 7's BrokenCalendarProperty
        return None
    return found if isinstance(found, date) else None


def _moment(value: object) -> datetime | None:
    return _instant(found) if (found := _when(value)) is not None else None


def _instant(value: date) -> datetime:
    """Aware UTC: floating times are taken as UTC, all-day events as midday UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time(12), UTC)


def _stamp(value: date) -> str:
    return _instant(value).isoformat() if isinstance(value, datetime) else value.isoformat()
