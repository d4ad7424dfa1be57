"""Calendars → meetings: real calendars import or are rejected by name; meetings, people, ties.

The real calendars are tests/data/ics (icalendar's and ical4j's test calendars, see its
PROVENANCE.md); the behaviour tests use a calendar written here, so every number is checkable.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodword.io.errors import MalformedFile
from goodword.io.ics import parse_ics
from goodword.io.records import Batch, InteractionRecord, Skip
from goodword.io.window import Window

CALENDARS = Path(__file__).parents[1] / "data" / "ics"
ALL_FILES = sorted(p.relative_to(CALENDARS).as_posix() for p in CALENDARS.glob("*/*.ics"))
# A "now" and window that cover every fixture's meetings (1998 to 2023).
FIXTURE_NOW = datetime(2023, 1, 1, tzinfo=UTC)
FIXTURE_WINDOW = 25 * 365

# Every calendar that is refused, with the (line, words of the reason) the user is shown.
REJECTED: dict[str, tuple[int | None, str]] = {
    "ical4j/blankTzid.ics": (6, "mandatory TZID not found"),  # Exchange 2010: `TZID:` empty
    "ical4j/twinkle.ics": (107, "Wrong datetime format: -0011130T100000"),
    "icalendar/big_bad_calendar.ics": (1, "BEGIN:VCALENDAR is never closed"),
    "icalendar/small_bad_calendar.ics": (1, "BEGIN:VCALENDAR is never closed"),
    "icalendar/pr_480_summary_with_colon.ics": (1, "BEGIN:VCALENDAR is never closed"),
    "icalendar/fuzz_testcase_0_char_in_component_name.ics": (1, "is never closed"),
    "icalendar/fuzz_testcase_invalid_month.ics": (1, "no BEGIN:VCALENDAR"),  # `BEGIN:V`
    "icalendar/fuzz_testcase_vtimezone_lone_cr.ics": (1, "no BEGIN:VCALENDAR"),
    "icalendar/issue_104_broken_calendar.ics": (13, "Content line could not be parsed"),
    "icalendar/parsing_error_in_UTC_offset.ics": (7, "Offset must be less than 24 hours"),
    "icalendar/issue_178_component_with_invalid_name_represented.ics": (1, "no VCALENDAR"),
    "icalendar/issue_178_custom_component_contains_other.ics": (1, "no VCALENDAR"),
    "icalendar/issue_82_expected_output.ics": (1, "holds VEVENT but no VCALENDAR"),
}
# Calendars that hold meetings (events with attendees), and how many occurrences they yield.
MEETINGS = {
    "ical4j/calconnect.ics": 5,  # Lotus Notes request, daily, COUNT=5
    "ical4j/calconnect3.ics": 5,
    "ical4j/calconnect7.ics": 1,  # one rescheduled instance of a series
    "ical4j/tmeher.ics": 1,  # Exchange (CDO) request
    "icalendar/property_params.ics": 1,  # BlackBerry request, all-day
    "icalendar/issue_156_RDATE_with_PERIOD_TZID_khal.ics": 1,
    # A RECURRENCE-ID with RDATE periods: recurring_ical_events reads it as one instance.
    "icalendar/issue_156_RDATE_with_PERIOD_TZID_khal_2.ics": 1,
}
# Events read but left out because a scheduling property is broken: skipped, not fatal.
UNREADABLE_EVENTS = {
    "icalendar/broken_ical.ics": "unreadable DTSTART",  # `DTSTART;;VALUE=…`
    "icalendar/broken_dtstart.ics": "unreadable DTSTART",
    "icalendar/issue_1081_invalid_start_and_end.ics": "unreadable DTSTART",
    "icalendar/issue_1081_invalid_start_valid_end.ics": "unreadable DTSTART",
    "icalendar/issue_1081_invalid_rrule_freq.ics": "unreadable RRULE",
    "icalendar/issue_165_missing_event.ics": "unreadable RRULE",
    "icalendar/invalid_duration.ics": "unreadable DURATION",
    "icalendar/parsing_error.ics": "unreadable EXDATE",
}


def fixture(name: str) -> Path:
    return CALENDARS / name


def parse_fixture(name: str) -> Batch:
    return parse_ics(fixture(name), now=FIXTURE_NOW, window_days=FIXTURE_WINDOW)


def test_the_expectations_name_real_files() -> None:
    assert len(ALL_FILES) == 137  # 21 from ical4j, 116 from icalendar
    assert set(REJECTED) | set(MEETINGS) | set(UNREADABLE_EVENTS) <= set(ALL_FILES)


@pytest.mark.parametrize("name", ALL_FILES)
def test_every_real_calendar_imports_or_is_rejected_with_a_reason(name: str) -> None:
    if name in REJECTED:
        line, words = REJECTED[name]
        with pytest.raises(MalformedFile) as caught:
            parse_fixture(name)
        assert caught.value.line == line
        assert words in caught.value.problem
        assert Path(name).name in caught.value.message
        return
    batch = parse_fixture(name)
    assert len(batch.interactions) == MEETINGS.get(name, 0)
    assert_consistent(batch)
    if name in UNREADABLE_EVENTS:
        assert any(UNREADABLE_EVENTS[name] in s.reason for s in batch.skipped)


def assert_consistent(batch: Batch) -> None:
    """What the writer relies on: known keys, aware UTC times, lines, reasons."""
    keys = {p.key for p in batch.people}
    assert len(keys) == len(batch.people)
    for meeting in batch.interactions:
        assert set(meeting.participants) <= keys
        assert meeting.initiated_by is None or meeting.initiated_by in meeting.participants
        assert meeting.at.utcoffset() is not None
        assert meeting.at.tzinfo == UTC
        assert meeting.external_id
        assert meeting.external_id.startswith("ics:")
        assert meeting.line >= 1
    assert len({m.external_id for m in batch.interactions}) == len(batch.interactions)
    for tie in batch.ties:
        assert {tie.a, tie.b} <= keys
        assert tie.a < tie.b
        assert tie.source == "inferred"
    assert all(s.reason and s.line >= 1 for s in batch.skipped)


def test_exchange_meeting_request_yields_a_meeting_with_its_attendees() -> None:
    batch = parse_fixture("ical4j/tmeher.ics")
    (meeting,) = batch.interactions
    organiser = "meher.tendjoukian@verdisoft.com"
    assert meeting.participants == [organiser, "tendjoukian@yahoo.de", "meher.t@gmail.com"]
    assert meeting.initiated_by == organiser
    assert meeting.kind == "meeting"
    assert meeting.note == "Now with descriptoin"
    # 22:30 Pacific daylight time, from the calendar's own VTIMEZONE.
    assert meeting.at == datetime(2004, 10, 12, 5, 30, tzinfo=UTC)
    assert meeting.line == 21
    names = {p.key: p.name for p in batch.people}
    # The attendees' CN is their quoted address, so the name comes from the address.
    assert names == {
        organiser: "Meher Tendjoukian",
        "tendjoukian@yahoo.de": "Tendjoukian",
        "meher.t@gmail.com": "Meher T",
    }
    assert all(p.handles[0].kind == "email" and p.handles[0].value == p.key for p in batch.people)
    assert len(batch.ties) == 3


def test_lotus_notes_daily_request_expands_to_five_meetings() -> None:
    batch = parse_fixture("ical4j/calconnect.ics")
    chair, participant = "icalchair@coffeebean.com", "icalparticipant@coffeebean.com"
    assert {tuple(m.participants) for m in batch.interactions} == {(chair, participant)}
    assert {m.initiated_by for m in batch.interactions} == {chair}
    # 09:00 Eastern daylight time, 11 to 15 April 2005.
    assert [m.at.day for m in batch.interactions] == [11, 12, 13, 14, 15]
    assert {m.at.hour for m in batch.interactions} == {13}
    assert [(t.a, t.b) for t in batch.ties] == [(chair, participant)]


def test_rescheduled_instance_keeps_its_recurrence_id() -> None:
    (meeting,) = parse_fixture("ical4j/calconnect7.ics").interactions
    assert meeting.at == datetime(2005, 4, 28, 15, 0, tzinfo=UTC)
    uid = "6BA1ECA4D58B306C85256FDB0071B664-Lotus_Notes_Generated"
    assert meeting.external_id == f"ics:{uid}:2005-04-28T13:00:00+00:00"


def test_blackberry_all_day_request_is_at_midday_utc() -> None:
    (meeting,) = parse_fixture("icalendar/property_params.ics").interactions
    assert meeting.at == datetime(2012, 8, 14, 12, 0, tzinfo=UTC)
    assert meeting.initiated_by == "rembrand@daxlab.com"
    assert sorted(meeting.participants) == [
        "rembrand@daxlab.com",
        "rembrand@xs4all.nl",
        "rembspam@xs4all.nl",
    ]


# A calendar written for these tests. Lines matter: the tests name where each event begins.
NOW = datetime(2024, 6, 30, 12, 0, tzinfo=UTC)
WEEKLY = "weekly-sync@test"
CALENDAR = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//goodword//tests//EN
METHOD:REQUEST
BEGIN:VEVENT
UID:weekly-sync@test
SUMMARY:Weekly sync
DTSTART;TZID=Europe/Berlin:20240101T100000
DTEND;TZID=Europe/Berlin:20240101T103000
RRULE:FREQ=WEEKLY
EXDATE;TZID=Europe/Berlin:20240506T100000
ORGANIZER;CN=Ann Lee:mailto:Ann@Example.com
ATTENDEE;CN=Ann Lee;PARTSTAT=ACCEPTED:mailto:ann@example.com
ATTENDEE;CN=Bob Stone;PARTSTAT=ACCEPTED:mailto:bob@example.com
ATTENDEE;CN=Carol Diaz;PARTSTAT=DECLINED:mailto:carol@example.com
ATTENDEE;CN=Room 4;CUTYPE=ROOM:mailto:room4@example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly-sync@test
RECURRENCE-ID;TZID=Europe/Berlin:20240513T100000
SUMMARY:Weekly sync (moved)
DTSTART;TZID=Europe/Berlin:20240514T150000
DTEND;TZID=Europe/Berlin:20240514T153000
ORGANIZER;CN=Ann Lee:mailto:ann@example.com
ATTENDEE;PARTSTAT=ACCEPTED:mailto:bob@example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly-sync@test
RECURRENCE-ID;TZID=Europe/Berlin:20240520T100000
STATUS:CANCELLED
DTSTART;TZID=Europe/Berlin:20240520T100000
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
END:VEVENT
BEGIN:VEVENT
UID:cancelled@test
STATUS:CANCELLED
SUMMARY:Lunch
DTSTART:20240610T110000Z
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:dan@example.com
END:VEVENT
BEGIN:VEVENT
UID:declined@test
SUMMARY:Pitch
DTSTART:20240611T110000Z
ORGANIZER:mailto:ann@example.com
ATTENDEE;PARTSTAT=DECLINED:mailto:erin@example.com
ATTENDEE;PARTSTAT=DECLINED:mailto:frank@example.com
END:VEVENT
BEGIN:VEVENT
UID:alone@test
SUMMARY:Focus time
DTSTART:20240612T080000Z
END:VEVENT
BEGIN:VEVENT
UID:far-ahead@test
SUMMARY:Offsite
DTSTART:20241001T080000Z
ORGANIZER:mailto:ann@example.com
ATTENDEE:mailto:bob@example.com
END:VEVENT
BEGIN:VEVENT
UID:video@test
SUMMARY:Intro call
DTSTART:20240613T160000Z
LOCATION:https://us02web.zoom.us/j/123456
ORGANIZER;CN=Gina Ho:mailto:gina@example.org
ATTENDEE;CN="Bob Stone":mailto:bob@example.com
ATTENDEE:mailto:hal.jordan@example.org
END:VEVENT
BEGIN:VEVENT
UID:all-hands@test
SUMMARY:All hands
DTSTART;VALUE=DATE:20240614
ORGANIZER:mailto:p1@big.example
ATTENDEE:mailto:p2@big.example
ATTENDEE:mailto:p3@big.example
ATTENDEE:mailto:p4@big.example
ATTENDEE:mailto:p5@big.example
ATTENDEE:mailto:p6@big.example
ATTENDEE:mailto:p7@big.example
ATTENDEE:mailto:p8@big.example
ATTENDEE:mailto:p9@big.example
END:VEVENT
BEGIN:VEVENT
SUMMARY:Coffee without a UID
DTSTART:20240615T090000
ATTENDEE:mailto:ivy@example.net
END:VEVENT
END:VCALENDAR
"""
LINES = {"weekly": 5, "moved": 18, "cancelled-once": 27, "cancelled": 35, "declined": 43}
LINES |= {"alone": 51, "far-ahead": 56, "video": 63, "all-hands": 72, "no-uid": 86}


@pytest.fixture
def calendar(tmp_path: Path) -> Batch:
    path = tmp_path / "work.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    return parse_ics(path, now=NOW, window_days=70)


def meetings_of(batch: Batch, uid: str) -> list[InteractionRecord]:
    return [m for m in batch.interactions if (m.external_id or "").startswith(f"ics:{uid}:")]


def test_the_line_table_matches_the_calendar() -> None:
    begins = [n for n, line in enumerate(CALENDAR.split("\n"), 1) if line == "BEGIN:VEVENT"]
    assert begins == sorted(LINES.values())


def test_weekly_meeting_expands_to_its_occurrences_within_the_window(calendar: Batch) -> None:
    weekly = meetings_of(calendar, WEEKLY)
    # The window is 21 April – 30 July: 15 Mondays, less the excluded 6 May and the
    # cancelled 20 May; the 13 May meeting moved to Tuesday 14 May at 15:00.
    assert len(weekly) == 13
    days = [m.at.date().isoformat() for m in weekly]
    assert "2024-05-06" not in days
    assert "2024-05-20" not in days
    assert days[0] == "2024-04-22"
    assert days[-1] == "2024-07-29"
    moved = next(m for m in weekly if m.note == "Weekly sync (moved)")
    assert moved.at == datetime(2024, 5, 14, 13, 0, tzinfo=UTC)
    assert moved.external_id == f"ics:{WEEKLY}:2024-05-13T08:00:00+00:00"
    assert moved.line == LINES["moved"]
    assert {m.line for m in weekly} == {LINES["weekly"], LINES["moved"]}
    # 10:00 in Berlin is 08:00 UTC in summer.
    assert all(m.at.hour == 8 for m in weekly if m is not moved)


def test_declined_attendees_and_rooms_are_not_participants(calendar: Batch) -> None:
    first = meetings_of(calendar, WEEKLY)[0]
    assert first.participants == ["ann@example.com", "bob@example.com"]
    assert first.initiated_by == "ann@example.com"
    keys = {p.key for p in calendar.people}
    assert "carol@example.com" not in keys
    assert "room4@example.com" not in keys


def test_cancelled_events_and_occurrences_are_skipped(calendar: Batch) -> None:
    skipped = {(s.line, s.reason) for s in calendar.skipped}
    assert (LINES["cancelled"], "cancelled") in skipped
    assert (LINES["cancelled-once"], "cancelled") in skipped
    assert not meetings_of(calendar, "cancelled@test")


def test_meeting_every_attendee_declined_is_skipped(calendar: Batch) -> None:
    assert (LINES["declined"], "declined by every attendee") in {
        (s.line, s.reason) for s in calendar.skipped
    }
    assert "erin@example.com" not in {p.key for p in calendar.people}


def test_events_without_attendees_are_skipped(calendar: Batch) -> None:
    assert (LINES["alone"], "no attendees") in {(s.line, s.reason) for s in calendar.skipped}


def test_meetings_beyond_a_month_ahead_are_not_imported(calendar: Batch) -> None:
    assert not meetings_of(calendar, "far-ahead@test")
    (skip,) = [s for s in calendar.skipped if s.line == LINES["far-ahead"]]
    assert skip.reason == "outside the import window (up to 2024-07-30)"


HISTORY = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VEVENT
UID:old-lunch@test
SUMMARY:Lunch with Ann
DTSTART:20190612T110000Z
ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:ann@example.com
END:VEVENT
BEGIN:VEVENT
UID:standup@test
SUMMARY:Standup
DTSTART:20190603T090000Z
RRULE:FREQ=WEEKLY;COUNT=300
ORGANIZER:mailto:me@example.com
ATTENDEE:mailto:bob@example.com
END:VEVENT
END:VCALENDAR
"""


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A lunch five years before NOW, and a weekly standup from then to 2025."""
    path = tmp_path / "history.ics"
    path.write_text(HISTORY, encoding="utf-8")
    return path


def test_a_single_meeting_is_imported_however_old(history: Path) -> None:
    (lunch,) = meetings_of(parse_ics(history, now=NOW), "old-lunch@test")
    assert lunch.at == datetime(2019, 6, 12, 11, tzinfo=UTC)


def test_a_recurring_series_is_expanded_from_two_years_back_to_a_month_ahead(
    history: Path,
) -> None:
    standups = meetings_of(parse_ics(history, now=NOW), "standup@test")
    days = [m.at.date() for m in standups]
    assert (days[0], days[-1]) == (date(2022, 7, 4), date(2024, 7, 29))
    assert len(days) == 109  # every Monday from 4 July 2022 to 29 July 2024


def test_since_and_until_cut_series_and_single_meetings_alike(history: Path) -> None:
    january = Window.of_days(since=date(2024, 1, 1), until=date(2024, 1, 31))
    batch = parse_ics(history, now=NOW, window=january)
    days = [m.at.day for m in meetings_of(batch, "standup@test")]
    assert days == [1, 8, 15, 22, 29]
    assert not meetings_of(batch, "old-lunch@test")
    assert batch.skipped == [Skip(3, "outside the import window (2024-01-01 to 2024-01-31)")]
    older = parse_ics(history, now=NOW, window=Window.of_days(since=date(2015, 1, 1)))
    assert len(meetings_of(older, "standup@test")) == 270  # 3 June 2019 to 29 July 2024


def test_a_video_link_makes_a_video_call(calendar: Batch) -> None:
    (call,) = meetings_of(calendar, "video@test")
    assert call.kind == "video"
    assert call.participants == ["gina@example.org", "bob@example.com", "hal.jordan@example.org"]
    assert {m.kind for m in meetings_of(calendar, WEEKLY)} == {"meeting"}


def test_people_are_named_by_cn_else_by_their_address(calendar: Batch) -> None:
    people = {p.key: p for p in calendar.people}
    assert people["ann@example.com"].name == "Ann Lee"
    assert people["bob@example.com"].name == "Bob Stone"
    assert people["hal.jordan@example.org"].name == "Hal Jordan"
    # A person's line is the first event that mentions them.
    assert people["bob@example.com"].line == LINES["weekly"]
    assert people["gina@example.org"].line == LINES["video"]


def test_co_attendance_infers_one_tie_per_pair_in_small_meetings(calendar: Batch) -> None:
    pairs = {(t.a, t.b): t for t in calendar.ties}
    # Thirteen weekly meetings, one tie.
    assert pairs[("ann@example.com", "bob@example.com")].line == LINES["weekly"]
    video = ["bob@example.com", "gina@example.org", "hal.jordan@example.org"]
    assert {(video[0], video[1]), (video[0], video[2]), (video[1], video[2])} <= set(pairs)
    assert all(t.kind == "knows" and t.strength is None for t in calendar.ties)
    # Nine people at the all-hands: a meeting, but not evidence they know each other.
    (all_hands,) = meetings_of(calendar, "all-hands@test")
    assert len(all_hands.participants) == 9
    assert not any(a.endswith("big.example") for a, _ in pairs)
    assert_consistent(calendar)


def test_all_day_events_are_at_midday_and_floating_times_are_utc(calendar: Batch) -> None:
    (all_hands,) = meetings_of(calendar, "all-hands@test")
    assert all_hands.at == datetime(2024, 6, 14, 12, 0, tzinfo=UTC)
    assert all_hands.external_id == "ics:all-hands@test:2024-06-14"
    (coffee,) = [m for m in calendar.interactions if m.note == "Coffee without a UID"]
    assert coffee.at == datetime(2024, 6, 15, 9, 0, tzinfo=UTC)
    assert coffee.participants == ["ivy@example.net"]
    assert coffee.initiated_by is None


def test_an_event_without_uid_gets_a_stable_id(tmp_path: Path) -> None:
    path = tmp_path / "work.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    ids = [
        {m.external_id for m in parse_ics(path, now=NOW, window_days=70).interactions}
        for _ in range(2)
    ]
    assert ids[0] == ids[1]
    assert any((i or "").startswith("ics:sha256-") for i in ids[0])


def test_a_cancel_message_cancels_every_event(tmp_path: Path) -> None:
    path = tmp_path / "cancel.ics"
    path.write_text(CALENDAR.replace("METHOD:REQUEST", "METHOD:CANCEL"), encoding="utf-8")
    batch = parse_ics(path, now=NOW, window_days=70)
    assert batch.interactions == []
    assert batch.people == []
    assert batch.ties == []
    assert {s.reason for s in batch.skipped} == {"cancelled (METHOD:CANCEL)"}


def test_google_calendar_zone_applies_to_floating_times(tmp_path: Path) -> None:
    path = tmp_path / "google.ics"
    text = CALENDAR.replace("METHOD:REQUEST", "X-WR-TIMEZONE:America/New_York")
    path.write_text(text, encoding="utf-8")
    batch = parse_ics(path, now=NOW, window_days=70)
    (coffee,) = [m for m in batch.interactions if m.note == "Coffee without a UID"]
    assert coffee.at == datetime(2024, 6, 15, 13, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        (b"", None, "is empty"),
        (b"Name,E-mail\nAnn,ann@example.com\n", 1, "no BEGIN:VCALENDAR"),
        (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:cut", 1, "never closed"),
        (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\nX\n", 5, "Content line"),
    ],
)
def test_files_that_are_not_calendars_are_rejected(
    tmp_path: Path, content: bytes, line: int | None, words: str
) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    with pytest.raises(MalformedFile) as caught:
        parse_ics(path, now=NOW)
    assert caught.value.line == line
    assert words in caught.value.problem


def test_a_missing_file_is_a_malformed_file(tmp_path: Path) -> None:
    with pytest.raises(MalformedFile, match="cannot be read"):
        parse_ics(tmp_path / "nope.ics", now=NOW)


SEEDS = [
    CALENDAR.encode(),
    *(fixture(name).read_bytes() for name in sorted(MEETINGS)),
    fixture("ical4j/blankTzid.ics").read_bytes(),
    fixture("icalendar/broken_ical.ics").read_bytes(),
    fixture("ical4j/Standup.ics").read_bytes(),
]


@st.composite
def damaged_calendars(draw: st.DrawFn) -> bytes:
    """A real calendar with what damage does: cut, bytes flipped, lines lost, doubled or spliced."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        damage = draw(st.sampled_from(["cut", "flip", "drop", "double", "splice"]))
        lines = bytes(data).split(b"\n")
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        row = draw(st.integers(0, len(lines) - 1))
        if damage == "cut":
            del data[at:]
        elif damage == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif damage == "drop":
            data = bytearray(b"\n".join(lines[:row] + lines[row + 1 :]))
        elif damage == "double":
            data = bytearray(b"\n".join(lines[: row + 1] + lines[row:]))
        else:
            junk = draw(st.sampled_from([b"RRULE:FREQ=MINUTELY", b";;", b"\x00", b":", b" "]))
            data[at:at] = junk
    return bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=damaged_calendars())
def test_damaged_calendars_import_or_are_rejected_never_crash(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "damaged.ics"
    path.write_bytes(content)
    try:
        batch = parse_ics(path, now=NOW, window_days=FIXTURE_WINDOW)
    except MalformedFile as error:
        problem = error.problem
    else:
        assert_consistent(batch)
        return
    assert problem


def test_an_unreadable_recurrence_id_is_an_override_that_matches_nothing(tmp_path: Path) -> None:
    # icalendar keeps the broken value and raises only when it is read.
    whole, broken = tmp_path / "whole.ics", tmp_path / "broken.ics"
    whole.write_bytes(CALENDAR.encode())
    broken.write_bytes(
        CALENDAR.encode().replace(
            b"RECURRENCE-ID;TZID=Europe/Berlin:2024", b"RECURRENCE-ID;TZID=Europe/Berlin:\x00024", 1
        )
    )
    expected = parse_ics(whole, now=NOW, window_days=FIXTURE_WINDOW)
    batch = parse_ics(broken, now=NOW, window_days=FIXTURE_WINDOW)
    assert_consistent(batch)
    assert len(batch.interactions) == len(expected.interactions)
    # The 13 May meeting was moved to the 14th by that override; unread, it stays put.
    moments = {i.at for i in batch.interactions}
    assert datetime(2024, 5, 13, 8, tzinfo=UTC) in moments
    assert datetime(2024, 5, 14, 13, tzinfo=UTC) not in moments


def test_a_utf16_calendar_reads_like_its_utf8_copy(tmp_path: Path) -> None:
    utf8, utf16 = tmp_path / "utf8.ics", tmp_path / "utf16.ics"
    utf8.write_bytes(CALENDAR.encode())
    utf16.write_bytes(CALENDAR.encode("utf-16"))  # with its byte-order mark, as Windows saves
    expected = parse_ics(utf8, now=NOW, window_days=FIXTURE_WINDOW)
    batch = parse_ics(utf16, now=NOW, window_days=FIXTURE_WINDOW)
    assert [(i.at, i.participants) for i in batch.interactions] == [
        (i.at, i.participants) for i in expected.interactions
    ]
