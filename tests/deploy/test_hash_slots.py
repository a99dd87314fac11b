"""A burst of sign-ins runs at most SFA_HASH_CONCURRENCY argon2 computations at a time per
process (each takes a core and 64 MiB); the others wait their turn instead of all crawling."""

from __future__ import annotations

import threading
import time

import pytest

from assessment.services import security


class _SlowHasher:
    """Counts how many verifications run at the same moment."""

    def __init__(self) -> None:
        self.running = 0
        self.peak = 0
        self.lock = threading.Lock()

    def verify(self, stored: str, candidate: str) -> bool:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(0.02)
        with self.lock:
            self.running -= 1
        return True

    def check_needs_rehash(self, stored: str) -> bool:
        return False


def test_hash_slots__burst_of_verifications__never_more_than_the_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _SlowHasher()
    monkeypatch.setattr(security, "_hasher", fake)
    monkeypatch.setattr(security, "_HASH_SLOTS", threading.BoundedSemaphore(2))
    threads = [threading.Thread(target=security.verify_password, args=("$argon2id$x", "password 123")) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    assert fake.peak == 2


@pytest.mark.parametrize(("raw", "expected"), [("3", 3), ("0", None), ("many", None), ("", None)])
def test_hash_slots__from_the_environment_else_the_cores(monkeypatch: pytest.MonkeyPatch, raw: str, expected: int | None) -> None:
    monkeypatch.setenv("SFA_HASH_CONCURRENCY", raw)
    monkeypatch.setattr(security.os, "cpu_count", lambda: 7)
    assert security._hash_slots() == (expected or 7)
