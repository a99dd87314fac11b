"""A per-user cache of parsed questionnaires, so a command does not parse YAML at every start.

Parsing and checking a questionnaire version (eleven YAML files, a few hundred models) takes
about 0.2 s, a third of ``sfa assess``. The checked :class:`~assessment.engine.models.Questionnaire`
is kept as a pickle under ``$SFA_CACHE_DIR/questionnaires`` (else ``$XDG_CACHE_HOME/sfa`` or
``~/.cache/sfa``, beside the PDF fonts) and named by a hash of everything the result depends
on: the text of every file read, the engine's source code, and the Python and pydantic
versions. A changed file, engine or library therefore never meets a stale entry; nothing has to
be invalidated by hand.

The cache is an optimisation only: a missing, unreadable or corrupt entry is parsed again, a
directory that cannot be written is ignored, and ``SFA_COMPILED_CACHE=0`` turns it off. Pickles
run code when loaded, so entries are read only from a directory owned by the current user and
writable by nobody else; the directory is created with mode 0700.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

FORMAT = b"sfa-compiled-1"


def cache_root() -> Path:
    """The per-user cache directory of the product (not created here)."""
    env = os.environ.get("SFA_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "sfa"


def enabled() -> bool:
    return os.environ.get("SFA_COMPILED_CACHE", "1") != "0"


@lru_cache(maxsize=1)
def _engine_fingerprint() -> bytes:
    """What the pickled objects depend on besides the files: engine code and library versions."""
    import pydantic

    h = hashlib.sha256(FORMAT)
    h.update(sys.version.encode())
    h.update(pydantic.VERSION.encode())
    engine = Path(__file__).resolve().parent / "engine"
    for p in sorted(engine.glob("*.py")):
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.digest()


def key(kind: str, parts: Iterable[tuple[str, str]]) -> str:
    """The entry name for an object of ``kind`` built from ``parts`` (name, text) alone."""
    h = hashlib.sha256(_engine_fingerprint())
    h.update(kind.encode())
    for name, text in parts:
        for piece in (name, text):
            data = piece.encode("utf-8", "surrogatepass")
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
    return f"{kind}-{h.hexdigest()[:40]}"


def _directory(create: bool) -> Path | None:
    d = cache_root() / "compiled"
    try:
        if create:
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = d.stat()
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return None
    return d


def load(name: str, cls: type[T]) -> T | None:
    """The cached object ``name`` if there is a trustworthy, readable one of type ``cls``."""
    if not enabled():
        return None
    d = _directory(create=False)
    if d is None:
        return None
    try:
        with open(d / f"{name}.pickle", "rb") as f:
            obj = pickle.load(f)  # noqa: S301 — only from a directory the user alone can write (see _directory)
    except FileNotFoundError:
        return None
    except Exception:  # a corrupt or foreign entry is rebuilt, never fatal
        return None
    return obj if isinstance(obj, cls) else None


def store(name: str, obj: object) -> None:
    """Keep ``obj`` as entry ``name`` (atomically; silently skipped where it cannot be written)."""
    if not enabled():
        return
    d = _directory(create=True)
    if d is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, d / f"{name}.pickle")
        except BaseException:
            os.unlink(tmp)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
