"""How fast imports run end to end, against a bare parsing loop with the same parser.

Run:  .venv/bin/python bench/import.py [--contacts 100000] [--messages 50000]
          [--ties 1000000] [--people 100000] [--runs 1] [--only FORMAT]

It writes a 100,000-contact vCard file and Google Contacts CSV and a 50,000-message mbox
(200 MB: each message quotes the thread) into a temporary folder, then for each runs, in a
fresh subprocess (so peak memory is that run's alone):
- the baseline: the same parser in a bare loop (vobject.readComponents over the cards;
  csv.reader over the rows; email's BytesHeaderParser over each message's headers), and
- the import: what `goodword import FORMAT FILE` does (parse, match, write, commit), timed
  against a SQLite database created (with the owner's address) before the clock starts.
The relationships list is imported into a 100,000-person demo network instead (`goodword
demo`, made once and copied for each run): a 1,000,000-row `a,b,strength,kind,note` file
naming people by e-mail, by name as stored or in lower case, and `me`; one row in ten restates
a tie the network already has, so both new and updated ties are timed.
It prints records/s, peak memory and the ratio import time / baseline time (a line per
import with `--runs N`, as a shared machine's speed varies), and checks the
goals: CSV ≥ 20,000 contacts/s, vCard within 1.5× of the bare vobject parse, mbox ≥ 5,000
messages/s, relationships ≥ 20,000 ties/s (the rate over the goal is printed too), peak
memory < 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goodword.workspace import Workspace

GOALS = {
    "google": ("contacts/s", 20_000.0),
    "mbox": ("messages/s", 5_000.0),
    "relationships": ("ties/s", 20_000.0),
}
VCARD_RATIO_GOAL = 1.5
MEMORY_LIMIT_MB = 500.0
FIRST = ["Ann", "Bob", "Chen", "Dara", "Eli", "Fatima", "Gita", "Hugo", "Ines", "Jon", "Kemi"]
LAST = ["Lee", "Stone", "Wu", "Okafor", "Silva", "Khan", "Novak", "Diaz", "Park", "Rossi"]
# Address books name many organisations, a handful of people each.
ORGS = [f"{a} {b}" for a in ("Acme", "Globex", "Initech", "Hooli", "Stark") for b in range(2000)]


def person(n: int, rng: random.Random) -> tuple[str, str, str, str, str]:
    first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{n}"
    email = f"{first}.{last}@example.com".lower()
    return first, last, email, f"+1415{2000000 + n:07d}", rng.choice(ORGS)


def write_vcards(path: Path, count: int) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8", newline="") as out:
        for n in range(count):
            first, last, email, phone, org = person(n, rng)
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"N:{last};{first};;;\r\nFN:{first} {last}\r\nORG:{org}\r\nTITLE:Founder\r\n"
                f"EMAIL;TYPE=INTERNET,WORK:{email}\r\nTEL;TYPE=CELL:{phone}\r\n"
                "CATEGORIES:clients,founders\r\nEND:VCARD\r\n"
            )


def write_google_csv(path: Path, count: int) -> None:
    rng = random.Random(2)
    header = [
        "First Name",
        "Middle Name",
        "Last Name",
        "Organization Name",
        "Organization Title",
        "Labels",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        for n in range(count):
            first, last, email, phone, org = person(n, rng)
            writer.writerow(
                [
                    first,
                    "",
                    last,
                    org,
                    "CFO",
                    "* myContacts ::: Clients",
                    "Work",
                    email,
                    "Mobile",
                    phone,
                ]
            )


# A reply quoting the thread: about 4 KB, so 50,000 messages make a 200 MB mailbox.
QUOTED = "> On the plan we discussed: numbers, dates and who does what next.\n"
BODY = "Thanks, talk soon.\n\n" + QUOTED * 60


def write_mbox(path: Path, count: int) -> None:
    rng = random.Random(3)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    people = [person(n, rng)[2] for n in range(2000)]
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for n in range(count):
            sender = "dana@example.com" if n % 2 else rng.choice(people)
            to = rng.choice(people) if n % 2 else "dana@example.com"
            when = (start + timedelta(minutes=7 * n)).strftime("%a, %d %b %Y %H:%M:%S +0000")
            out.write(
                f"From {sender} {when}\nFrom: {sender}\nTo: {to}\nCc: {rng.choice(people)}\n"
                f"Subject: Re: plan {n % 500}\nDate: {when}\nMessage-ID: <m{n}@example.com>\n\n"
                f"{BODY}\n"
            )


def demo_network(path: Path, people: int) -> None:
    """The database a relationships list is imported into: a demo network of `people`."""
    from goodword.demo import fill_demo
    from goodword.workspace import open_workspace

    workspace = open_workspace(str(path))
    fill_demo(workspace, people=people, seed=42, now=datetime(2026, 11, 1, tzinfo=UTC))
    workspace.close()


def write_relationships(path: Path, count: int, network: Path) -> None:
    """Ties between the network's people, each end named as a spreadsheet would name it."""
    from goodword.text import fold

    rng = random.Random(4)
    db = sqlite3.connect(network)
    names: dict[int, str] = dict(db.execute("SELECT id, name FROM person"))
    emails: dict[int, str] = dict(
        db.execute("SELECT person_id, value FROM handle WHERE kind = 'email'")
    )
    owner = db.execute("SELECT id FROM person WHERE is_me").fetchone()[0]
    stored = db.execute("SELECT person_a_id, person_b_id FROM relationship").fetchall()
    db.close()
    namesakes: dict[str, int] = {}
    for name in names.values():
        namesakes[fold(name)] = namesakes.get(fold(name), 0) + 1
    unique = {pid for pid, name in names.items() if namesakes[fold(name)] == 1}
    named = [pid for pid in names if pid in unique or pid in emails]
    nameable = {owner, *named}

    def ref(pid: int) -> str:
        if pid == owner:
            return "me"
        if pid in emails and (pid not in unique or rng.random() < 0.4):
            return emails[pid]
        return names[pid] if rng.random() < 0.8 else names[pid].lower()

    kinds = ["knows"] * 6 + ["colleague", "friend", "client", "mentor", "supplier"]
    notes = ["", "", "", "", "Met at the summit", "Worked together at Acme", "Old friends"]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["a", "b", "strength", "kind", "note"])
        written = 0
        while written < count:
            a, b = rng.choice(stored) if written % 10 == 0 else rng.sample(named, 2)
            if a not in nameable or b not in nameable:
                continue  # named neither by a unique name nor by an e-mail
            strength = f"{rng.randint(1, 9) / 10}" if rng.random() < 0.6 else ""
            writer.writerow([ref(a), ref(b), strength, rng.choice(kinds), rng.choice(notes)])
            written += 1


def baseline(fmt: str, path: Path) -> int:
    """The bare loop: the parser alone, no goodword code, no database."""
    if fmt == "vcard":
        import vobject

        with path.open(encoding="utf-8") as handle:
            return sum(1 for _ in vobject.readComponents(handle))
    if fmt in ("google", "relationships"):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return sum(1 for _ in csv.reader(handle)) - 1
    from email.parser import BytesHeaderParser
    from email.policy import default

    parser, count, block = BytesHeaderParser(policy=default), 0, b""
    with path.open("rb") as handle:
        for line in handle:
            if line.startswith(b"From "):
                if block:
                    parser.parsebytes(block)["From"]
                    count += 1
                block = b""
            else:
                block += line
    if block:
        parser.parsebytes(block)["From"]
        count += 1
    return count


def prepare(fmt: str, db: Path) -> Workspace:
    """The user's database as it is before an import: created, with the owner's address."""
    from goodword.people.service import PersonFields, edit_person, get_owner
    from goodword.workspace import open_workspace

    workspace = open_workspace(str(db))
    if fmt == "relationships":
        return workspace  # a copy of the demo network, owner and all
    with workspace.transaction() as session:
        me = get_owner(session)
        edit_person(session, person=me, fields=PersonFields(emails=["dana@example.com"]))
    return workspace


def full_import(fmt: str, path: Path, workspace: Workspace) -> int:
    """What `goodword import` does: parse the file, then match and write in one transaction."""
    from goodword.clock import utcnow
    from goodword.io.apply import import_batch
    from goodword.io.formats import ImportFormat, parse_file
    from goodword.io.report import ImportReport

    batch = parse_file(ImportFormat(fmt), path, now=utcnow())
    report = ImportReport(format=fmt, file=str(path))
    with workspace.transaction() as session:
        import_batch(session, batch=batch, report=report)
    if fmt == "relationships":
        return len(batch.ties)
    return report.created + report.merged + report.unchanged + report.interactions_created


def child(mode: str, fmt: str, path: str, db: str) -> None:
    # Libraries are loaded and the database created before the clock starts: an import runs
    # against a database that already exists.
    import goodword.io.apply
    import goodword.io.formats
    import goodword.workspace  # noqa: F401

    workspace = prepare(fmt, Path(db)) if mode == "import" else None
    started = time.perf_counter()
    if workspace is None:
        count = baseline(fmt, Path(path))
    else:
        count = full_import(fmt, Path(path), workspace)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "count": count, "peak_mb": peak}))


def run(mode: str, fmt: str, path: Path, folder: Path) -> dict[str, float]:
    db = folder / f"{fmt}-{mode}.db"
    for stale in (db, db.with_name(f"{db.name}-wal"), db.with_name(f"{db.name}-shm")):
        stale.unlink(missing_ok=True)  # a run's leftovers, its write-ahead log included
    if fmt == "relationships" and mode == "import":
        shutil.copyfile(folder / "network.db", db)
    command = [sys.executable, __file__, "--child", mode, fmt, str(path), str(db)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{mode} {fmt} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--ties", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=100_000, help="in the relationships' db")
    parser.add_argument("--runs", type=int, default=1, help="imports of each file")
    parser.add_argument(
        "--only", choices=("vcard", "google", "mbox", "relationships"), action="append"
    )
    parser.add_argument("--child", nargs=4, metavar=("MODE", "FORMAT", "FILE", "DB"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory(prefix="goodword-bench-") as name:
        folder = Path(name)
        files = {
            "vcard": (folder / "contacts.vcf", write_vcards, args.contacts),
            "google": (folder / "contacts.csv", write_google_csv, args.contacts),
            "mbox": (folder / "mail.mbox", write_mbox, args.messages),
            "relationships": (
                folder / "ties.csv",
                lambda path, count: write_relationships(path, count, folder / "network.db"),
                args.ties,
            ),
        }
        print(
            f"{'format':13} {'records':>9} {'bare s':>8} {'import s':>9} {'records/s':>10} "
            f"{'ratio':>6} {'peak MB':>8}  goal"
        )
        for fmt, (path, write, count) in files.items():
            if args.only and fmt not in args.only:
                continue
            if fmt == "relationships":
                demo_network(folder / "network.db", args.people)
            write(path, count)
            size = f"{path.stat().st_size / 1e6:,.0f} MB"
            bare = run("baseline", fmt, path, folder)
            for _ in range(args.runs):
                report(fmt, count, bare, run("import", fmt, path, folder), size)


def report(fmt: str, count: int, bare: dict[str, float], full: dict[str, float], size: str) -> None:
    rate = count / full["seconds"]
    ratio = full["seconds"] / bare["seconds"]
    if fmt == "vcard":
        verdict = "met" if ratio <= VCARD_RATIO_GOAL else "MISSED"
        goal = f"ratio ≤ {VCARD_RATIO_GOAL}: {verdict}"
    else:
        unit, target = GOALS[fmt]
        verdict = "met" if rate >= target else "MISSED"
        goal = f"≥ {target:,.0f} {unit}: {verdict} ({rate / target:.2f} of the goal)"
    memory = "met" if full["peak_mb"] < MEMORY_LIMIT_MB else "MISSED"
    print(
        f"{fmt:13} {count:>9,} {bare['seconds']:>8.2f} {full['seconds']:>9.2f} "
        f"{rate:>10,.0f} {ratio:>6.2f} {full['peak_mb']:>8.0f}  {goal}; "
        f"memory < {MEMORY_LIMIT_MB:.0f} MB: {memory}; file {size}",
        flush=True,
    )


if __name__ == "__main__":
    main()
