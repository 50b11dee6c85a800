import os
import stat
from pathlib import Path

import orjson
import pytest

from lp_tui.domain.model import Cohort, Observation
from lp_tui.store import storage
from lp_tui.store.repo import Repo
from lp_tui.store.storage import CorruptDatabase, Database, NewerSchema, StoreError

# Every record read is checked (lp_tui.store.validate): the records these tests append belong
# to a cohort that is in the file, on one of its days, at a real moment.
C1 = Cohort(
    "c1",
    "Store test",
    "effective-lay-partner",
    ("2017-11-23", "2017-11-24"),
    "2017-11-01T09:00:00+00:00",
)


@pytest.fixture
def repo(db_path: Path) -> Repo:
    """A database holding cohort c1, to which the tests append."""
    repo = Repo(db_path)
    repo.add_cohort(C1)
    return repo


def observation(n: int | str, cohort: str = "c1") -> Observation:
    moment = (
        f"2017-11-24T10:00:00.{n:0>6}+00:00" if isinstance(n, int) else "2017-11-24T11:00:00+00:00"
    )
    return Observation(
        id=f"obs-{n}",
        cohort=cohort,
        day=2,
        by="coach",
        about="p",
        behaviour="Listens",
        at=moment,
    )


def test_a_new_database_is_created_private(repo: Repo) -> None:
    repo.add_observation(observation(1))
    mode = stat.S_IMODE(os.stat(repo.path).st_mode)
    assert mode == 0o600
    assert [o.id for o in repo.snapshot().observations("c1")] == ["obs-1"]


def test_the_file_is_tinydb_json_with_a_schema_and_revision(repo: Repo) -> None:
    repo.add_observation(observation(1))
    repo.add_observation(observation(2))
    tables = orjson.loads(repo.path.read_bytes())
    assert tables["meta"]["1"]["schema"] == storage.SCHEMA_VERSION
    assert tables["meta"]["1"]["rev"] == 3  # the cohort, then two observations
    assert sorted(d["id"] for d in tables["observations"].values()) == ["obs-1", "obs-2"]


def test_a_group_shared_file_keeps_its_mode(repo: Repo) -> None:
    repo.add_observation(observation(1))
    os.chmod(repo.path, 0o660)
    repo.add_observation(observation(2))
    assert stat.S_IMODE(os.stat(repo.path).st_mode) == 0o660


def test_no_write_without_a_change_after_the_file_exists(repo: Repo) -> None:
    repo.add_observation(observation(1))
    before = repo.db.signature()
    with repo.db.transaction() as db:
        db.table("observations").all()
    assert repo.db.signature() == before


def test_a_failed_transaction_writes_nothing(repo: Repo) -> None:
    repo.add_observation(observation(1))
    before = repo.path.read_bytes()
    with pytest.raises(RuntimeError), repo.db.transaction() as db:
        db.table("observations").insert({"id": "x"})
        raise RuntimeError("boom")
    assert repo.path.read_bytes() == before


def test_the_signature_changes_on_every_write(db_path: Path) -> None:
    repo = Repo(db_path)
    assert repo.db.signature() is None
    repo.add_cohort(C1)
    assert repo.db.signature() is not None
    repo.add_observation(observation(1))
    first = repo.db.signature()
    repo.add_observation(observation(2))
    assert repo.db.signature() != first


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"", b"[1, 2]", b'{"people": [1]}', b'{"people": {"1": 5}}', b"\x00\x01garbage"],
)
def test_a_corrupt_file_is_refused_and_left_byte_for_byte(repo: Repo, content: bytes) -> None:
    repo.path.parent.mkdir(parents=True, exist_ok=True)
    repo.path.write_bytes(content)
    with pytest.raises(CorruptDatabase) as caught:
        repo.add_observation(observation(1))
    assert "\n" not in str(caught.value)
    assert "left untouched" in str(caught.value)
    assert repo.path.read_bytes() == content
    with pytest.raises(CorruptDatabase):
        repo.snapshot()


def test_the_corrupt_message_names_the_newest_good_backup(repo: Repo, monkeypatch) -> None:
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    for n in range(3):
        repo.add_observation(observation(n))
    repo.path.write_bytes(b"{broken")
    with pytest.raises(CorruptDatabase) as caught:
        repo.snapshot()
    newest = repo.db.good_backups()[0]
    assert f"newest good backup: {newest}" in str(caught.value)


def test_a_newer_schema_is_refused(repo: Repo) -> None:
    content = orjson.dumps({"meta": {"1": {"schema": storage.SCHEMA_VERSION + 1, "rev": 9}}})
    repo.path.write_bytes(content)
    with pytest.raises(NewerSchema, match="is newer than this lp-tui understands"):
        repo.add_observation(observation(1))
    assert repo.path.read_bytes() == content


def test_backups_roll_and_are_kept_to_a_limit(repo: Repo, monkeypatch) -> None:
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    monkeypatch.setattr(storage, "BACKUPS_KEPT", 3)
    for n in range(6):
        repo.add_observation(observation(n))
    backups = repo.db.backups()
    assert len(backups) == 3
    newest = orjson.loads(backups[0].read_bytes())
    assert len(newest["observations"]) == 5
    assert all(stat.S_IMODE(os.stat(b).st_mode) == 0o600 for b in backups)


def test_backups_are_rare_by_default(repo: Repo) -> None:
    for n in range(5):
        repo.add_observation(observation(n))
    assert len(repo.db.backups()) <= 1


def test_restore_puts_a_good_backup_back_and_keeps_the_damaged_file(
    repo: Repo, monkeypatch
) -> None:
    monkeypatch.setattr(storage, "BACKUP_EVERY_SECONDS", 0)
    for n in range(3):
        repo.add_observation(observation(n))
    repo.path.write_bytes(b"{broken")
    backup = repo.db.good_backups()[0]
    kept = repo.db.restore(backup)
    assert kept is not None and kept.read_bytes() == b"{broken"
    assert len(repo.snapshot().observations("c1")) == 2


def test_restore_refuses_a_corrupt_backup(repo: Repo, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"nope")
    with pytest.raises(StoreError, match="cannot restore: corrupt"):
        repo.db.restore(bad)


def test_stale_temp_files_are_removed_on_the_next_open(repo: Repo) -> None:
    repo.add_observation(observation(1))
    stale = repo.path.parent / f".{repo.path.name}.999.abcd.tmp"
    stale.write_bytes(b"half a wri")
    Repo(repo.path).add_observation(observation(2))
    assert not stale.exists()


def test_the_lock_is_taken_for_every_write(repo: Repo) -> None:
    from filelock import FileLock

    repo.add_observation(observation(1))
    holder = FileLock(repo.db.lock_path)
    with holder:
        db = Database(repo.path)
        db._lock.timeout = 0.2
        with pytest.raises(StoreError, match="held the lock"), db.transaction() as tiny:
            tiny.table("x").insert({"id": "y"})
