"""lp_tui/code_cache.py: while a process of lp-tui starts, the methods dataclasses writes run
code kept from an earlier start instead of being compiled again. A class is made exactly as
dataclasses makes it; the file is written only when something new was compiled, never where
Python writes no bytecode, and a file that is torn, foreign or cannot be written is no error."""

from __future__ import annotations

import dataclasses
import errno
import inspect
import os
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lp_tui import code_cache

FAULTS = [errno.ENOSPC, errno.EACCES, errno.EROFS]


@pytest.fixture
def cache_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The cache file in a folder of the test's; the cache stopped again after the test."""
    path = tmp_path / "pycache" / "dataclass-code.bin"
    monkeypatch.setattr(code_cache, "cache_file", lambda: path)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    yield path
    code_cache.stop()
    assert not hasattr(dataclasses, "exec")


# ---------------------------------------------------------------- classes made alike
def shapes() -> st.SearchStrategy[dict]:
    names = st.lists(
        st.sampled_from(["id", "name", "day", "note", "at", "x", "by_", "cohort"]),
        min_size=0,
        max_size=5,
        unique=True,
    )
    return st.fixed_dictionaries(
        {
            "names": names,
            "defaults": st.integers(min_value=0, max_value=5),
            "frozen": st.booleans(),
            "slots": st.booleans(),
            "eq": st.booleans(),
            "order": st.booleans(),
            "unsafe_hash": st.booleans(),
            "kw_only": st.booleans(),
        }
    )


def make(shape: dict) -> type:
    names = shape["names"]
    plain = len(names) - min(shape["defaults"], len(names))
    fields: list = []
    for n, name in enumerate(names):
        if n < plain:
            fields.append((name, int))
        elif n % 2:
            fields.append((name, list, dataclasses.field(default_factory=list)))
        else:
            fields.append((name, int, dataclasses.field(default=n)))
    order = shape["order"] and shape["eq"]
    return dataclasses.make_dataclass(
        "Record",
        fields,
        frozen=shape["frozen"],
        slots=shape["slots"],
        eq=shape["eq"],
        order=order,
        unsafe_hash=shape["unsafe_hash"],
        kw_only=shape["kw_only"],
    )


def methods(cls: type) -> dict[str, Any]:
    return {
        name: value
        for name, value in vars(cls).items()
        if callable(value)
        and hasattr(value, "__code__")
        and value.__code__.co_filename == "<string>"
    }


def made_alike(method: Any) -> tuple:
    """What decides how a generated method behaves and what it says of itself: its code and
    flags (a __future__ flag would make its annotations strings), its annotations, defaults
    and names."""
    code = method.__code__
    return (
        code.co_code,
        code.co_names,
        code.co_consts,
        code.co_varnames,
        code.co_flags,
        code.co_qualname,
        method.__annotations__,
        method.__defaults__,
        method.__kwdefaults__,
        method.__qualname__,
    )


def behaviour(cls: type, shape: dict) -> tuple:
    """What a caller sees of ``cls``: its methods' code and annotations, its signature, an
    instance's repr, equality, order, hashing and whether it can be changed."""
    names = shape["names"]
    plain = len(names) - min(shape["defaults"], len(names))
    values = {name: n for n, name in enumerate(names[:plain])}
    one, two = cls(**values), cls(**values)
    try:
        setattr(one, names[0] if names else "x", 9)
        changed = "changed"
    except (dataclasses.FrozenInstanceError, AttributeError, TypeError) as error:
        changed = type(error).__name__  # (TypeError: Python 3.11, frozen and slots)
    ordered = None
    if shape["order"] and shape["eq"]:
        ordered = (one <= two, one < two)
    hashed: object
    if cls.__hash__ is None:
        hashed = "unhashable"
    elif cls.__hash__ is object.__hash__:
        # by identity: two instances made one after the other may or may not share an
        # address, so their hashes say nothing; that the hash is object's is what counts
        hashed = "by identity"
    else:
        try:
            hashed = hash(cls(**values)) == hash(cls(**values))
        except TypeError as error:  # a list among the fields hashed
            hashed = str(error)
    return (
        {name: made_alike(method) for name, method in methods(cls).items()},
        str(inspect.signature(cls)),
        typing.get_type_hints(cls.__init__),
        repr(cls(**values)),
        cls(**values) == cls(**values),
        ordered,
        hashed,
        changed,
    )


@settings(max_examples=60, deadline=None)
@given(shape=shapes())
def test_a_class_is_made_as_dataclasses_makes_it_with_code_compiled_or_kept(shape: dict) -> None:
    made_plain = behaviour(make(shape), shape)
    code_cache._cache = code_cache.CodeCache({})
    dataclasses.exec = code_cache._cache.exec  # type: ignore[attr-defined]
    try:
        made_compiled = behaviour(make(shape), shape)  # compiled, and kept
        made_kept = behaviour(make(shape), shape)  # the kept code
        assert code_cache._cache.compiled == len(code_cache._cache.codes)
    finally:
        code_cache._cache = None
        del dataclasses.exec  # type: ignore[attr-defined]
    assert made_plain == made_compiled == made_kept


# ---------------------------------------------------------------- kept from start to start
@dataclasses.dataclass(frozen=True, slots=True)
class _Shape:
    name: str
    day: int = 1


def test_a_start_keeps_what_it_compiled_and_the_next_compiles_nothing(cache_at: Path) -> None:
    code_cache.start()
    dataclasses.make_dataclass("A", [("name", str), ("day", int, 1)], frozen=True, slots=True)
    first = code_cache._cache
    assert first is not None and first.compiled > 0
    code_cache.stop()
    assert not hasattr(dataclasses, "exec")  # dataclasses compiles as before
    kept = code_cache.read(cache_at)
    assert set(kept) == set(first.codes)

    code_cache.start()
    again = dataclasses.make_dataclass(
        "A", [("name", str), ("day", int, 1)], frozen=True, slots=True
    )
    second = code_cache._cache
    assert second is not None and second.compiled == 0 and second.used == set(kept)
    when = cache_at.stat().st_mtime_ns
    code_cache.stop()
    assert cache_at.stat().st_mtime_ns == when  # nothing new: not written again
    assert repr(again("x")) == "A(name='x', day=1)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        again("x").day = 2  # type: ignore[misc]


def test_a_second_start_while_started_changes_nothing(cache_at: Path) -> None:
    code_cache.start()
    cache = code_cache._cache
    code_cache.start()
    assert code_cache._cache is cache
    code_cache.stop()
    code_cache.stop()  # a second stop does nothing
    assert not code_cache.running()


def test_no_file_where_python_writes_no_bytecode(
    cache_at: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    code_cache.start()
    dataclasses.make_dataclass("B", [("note", str)])
    code_cache.stop()
    assert not cache_at.exists()


def test_past_the_limit_a_write_keeps_only_this_starts_texts(
    cache_at: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = {f"# old {n}\n": compile(f"# old {n}\n", "<string>", "exec") for n in range(5)}
    assert code_cache.write(cache_at, old)
    monkeypatch.setattr(code_cache, "LIMIT", 6)
    code_cache.start()
    dataclasses.make_dataclass("C", [("at", str)], frozen=True)
    used = set(code_cache._cache.used)  # type: ignore[union-attr]
    code_cache.stop()
    assert set(code_cache.read(cache_at)) == used
    assert not set(old) & used


# ---------------------------------------------------------------- files not to be used
def good_file(path: Path) -> bytes:
    codes = {"x = 1\n": compile("x = 1\n", "<string>", "exec")}
    assert code_cache.write(path, codes)
    return path.read_bytes()


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda data: data[:-7], id="torn"),
        pytest.param(lambda data: data[: data.index(b"\n") + 1], id="header alone"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(
            lambda data: data.replace(sys.version.encode(), b"3.99.0 (other)", 1),
            id="another Python",
        ),
        pytest.param(lambda data: data[:-3] + bytes([data[-3] ^ 0x55]) + data[-2:], id="flipped"),
        pytest.param(lambda data: b"\x00\xff" * 40, id="not ours"),
    ],
)
def test_a_file_torn_foreign_or_spoilt_is_not_used(tmp_path: Path, spoil) -> None:
    path = tmp_path / "code.bin"
    path.write_bytes(spoil(good_file(path)))
    assert code_cache.read(path) == {}


def test_a_file_with_other_than_texts_and_code_keeps_only_those(tmp_path: Path) -> None:
    import marshal

    payload = marshal.dumps({"y = 2\n": compile("y = 2\n", "<s>", "exec"), "z": 3, 4: "w"})
    path = tmp_path / "code.bin"
    path.write_bytes(code_cache._header(payload) + payload)
    assert list(code_cache.read(path)) == ["y = 2\n"]
    payload = marshal.dumps(["a list"])
    path.write_bytes(code_cache._header(payload) + payload)
    assert code_cache.read(path) == {}


def test_a_missing_or_unreadable_file_is_no_code(tmp_path: Path) -> None:
    assert code_cache.read(tmp_path / "none.bin") == {}
    assert code_cache.read(tmp_path) == {}  # a folder where the file would be
    fifo = tmp_path / "fifo.bin"
    os.mkfifo(fifo)
    assert code_cache.read(fifo) == {}  # at once: a FIFO with no writer would block a read


def test_a_file_of_another_form_or_too_big_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "code.bin"
    good_file(path)
    assert code_cache.read(path) != {}
    monkeypatch.setattr(code_cache, "FORM", code_cache.FORM + 1)
    assert code_cache.read(path) == {}  # an older lp-tui's file
    monkeypatch.undo()
    monkeypatch.setattr(code_cache, "MOST_BYTES", path.stat().st_size - 1)
    assert code_cache.read(path) == {}


# ---------------------------------------------------------------- writes that fail
@pytest.mark.parametrize("code", FAULTS, ids=errno.errorcode.get)
@pytest.mark.parametrize("where", ["mkdir", "open", "write", "replace"])
def test_a_write_that_fails_leaves_the_file_as_it_was_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, where: str
) -> None:
    path = tmp_path / "pycache" / "code.bin"
    before = good_file(path)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    target = {"mkdir": (Path, "mkdir"), "open": (os, "open"), "write": (os, "write")}
    target["replace"] = (os, "replace")
    monkeypatch.setattr(*target[where], fail)
    assert code_cache.write(path, {"q = 1\n": compile("q = 1\n", "<string>", "exec")}) is False
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["code.bin"]


def test_a_short_write_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "code.bin"
    before = good_file(path)
    write = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: write(fd, data[: len(data) // 2]))
    assert code_cache.write(path, {"r = 1\n": compile("r = 1\n", "<string>", "exec")}) is False
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["code.bin"]


def test_a_temp_file_of_another_process_with_this_pid_is_left_to_it(tmp_path: Path) -> None:
    path = tmp_path / "code.bin"
    theirs = tmp_path / f".code.bin.{os.getpid()}.tmp"
    theirs.write_bytes(b"another's")
    assert code_cache.write(path, {}) is False
    assert theirs.read_bytes() == b"another's" and not path.exists()


def test_stop_gives_dataclasses_back_what_it_had(cache_at: Path) -> None:
    def own(*args: Any) -> None:
        raise AssertionError("not called while started")

    dataclasses.exec = own  # type: ignore[attr-defined]
    try:
        code_cache.start()
        dataclasses.make_dataclass("E", [("x", int)])
        code_cache.stop()
        assert vars(dataclasses)["exec"] is own
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]


@pytest.mark.parametrize("code", FAULTS, ids=errno.errorcode.get)
def test_a_start_whose_file_cannot_be_written_goes_on(
    cache_at: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "replace", fail)
    code_cache.start()
    made = dataclasses.make_dataclass("D", [("by", str)], frozen=True)
    code_cache.stop()
    assert not cache_at.exists()
    assert made("coach") == made("coach")


# ---------------------------------------------------------------- where the file is
def python_says(code: str, env: dict[str, str]) -> str:
    """What a new Python process running ``code`` prints, with ``env`` set."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
        timeout=60,
    )
    return done.stdout.strip()


def where_run(env: dict[str, str]) -> str:
    return python_says("from lp_tui import code_cache; print(code_cache.cache_file())", env)


def where_python_puts(env: dict[str, str]) -> str:
    """The folder of the .pyc importlib writes for lp_tui/code_cache.py."""
    code = (
        "import importlib.util, os\n"
        "from lp_tui import code_cache\n"
        "print(os.path.dirname(importlib.util.cache_from_source(code_cache.__file__)))"
    )
    return python_says(code, env)


@pytest.mark.parametrize("prefix", [False, True], ids=["__pycache__", "PYTHONPYCACHEPREFIX"])
def test_the_file_is_where_python_keeps_lp_tuis_bytecode(tmp_path: Path, prefix: bool) -> None:
    env = {"PYTHONPYCACHEPREFIX": str(tmp_path) if prefix else ""}
    name = f"dataclass-code.{sys.implementation.cache_tag}.bin"
    assert where_run(env) == os.path.join(where_python_puts(env), name)
    assert where_run(env).startswith(str(tmp_path)) == prefix


def test_a_process_that_starts_as_lp_tui_does_keeps_its_code_for_the_next(
    tmp_path: Path, db_path: Path, demo
) -> None:
    """Two real processes, each starting as lp-tui's entry point does (lp_tui/startup.py's
    hold, the records' modules imported, release)."""
    code = (
        "from lp_tui import code_cache, startup\n"
        "startup.hold()\n"
        "import lp_tui.store.repo, lp_tui.domain.timers\n"
        "compiled = code_cache._cache.compiled\n"
        "startup.release()\n"
        "import dataclasses\n"
        "print(compiled, code_cache.running(), hasattr(dataclasses, 'exec'))\n"
    )
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path), "PYTHONDONTWRITEBYTECODE": ""}

    def start() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        return done.stdout.split()

    compiled, running, patched = start()
    assert int(compiled) > 20 and running == patched == "False"
    assert start() == ["0", "False", "False"]
