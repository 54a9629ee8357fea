"""LocalStorage: whole-or-nothing writes, size limits, checksums and keys that stay inside."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator

import pytest

from matbank.errors import InvalidRequest, PayloadTooLarge
from matbank.storage import (
    LocalStorage,
    ObjectNotFound,
    Storage,
    StorageConfigurationError,
    storage_from_url,
)


@pytest.fixture
def storage(tmp_path) -> LocalStorage:
    return LocalStorage(tmp_path / "root")


def _leftovers(storage: LocalStorage) -> list[str]:
    if not storage.root.exists():
        return []
    return sorted(str(p.relative_to(storage.root)) for p in storage.root.rglob("*") if p.is_file())


def test_a_stream_round_trips_with_its_size_and_checksum(storage):
    chunks = [b"IFC" * 1000, b"", b"end"]
    stored = storage.write_stream("files/a1/original.ifc", chunks)
    data = b"".join(chunks)
    assert (stored.key, stored.size, stored.sha256) == (
        "files/a1/original.ifc",
        len(data),
        hashlib.sha256(data).hexdigest(),
    )
    assert storage.read_bytes("files/a1/original.ifc") == data
    assert storage.exists("files/a1/original.ifc") and storage.size("files/a1/original.ifc") == 3003
    with storage.open_read("files/a1/original.ifc") as stream:
        assert stream.read(3) == b"IFC"
    assert isinstance(storage, Storage)


def test_writing_again_replaces_and_delete_removes(storage):
    storage.write_bytes("k", b"one")
    storage.write_bytes("k", b"two")
    assert storage.read_bytes("k") == b"two"
    assert storage.delete("k") and not storage.delete("k")
    assert not storage.exists("k")
    with pytest.raises(ObjectNotFound):
        storage.read_bytes("k")
    with pytest.raises(ObjectNotFound):
        storage.size("k")


def test_going_over_the_size_limit_leaves_nothing_behind(storage):
    storage.write_bytes("uploads/kept", b"previous")
    with pytest.raises(PayloadTooLarge) as failure:
        storage.write_stream("uploads/big", [b"x" * 600, b"x" * 600], max_bytes=1000)
    assert failure.value.status == 413
    with pytest.raises(PayloadTooLarge):
        storage.write_stream("uploads/kept", [b"y" * 2000], max_bytes=1000)
    assert _leftovers(storage) == ["uploads/kept"]
    assert storage.read_bytes("uploads/kept") == b"previous"
    assert storage.write_stream("uploads/exact", [b"z" * 1000], max_bytes=1000).size == 1000


def test_a_failing_source_leaves_nothing_behind(storage):
    def source():
        yield b"half"
        raise ConnectionError("the client went away")

    with pytest.raises(ConnectionError):
        storage.write_stream("uploads/partial", source())
    assert _leftovers(storage) == []


def test_an_async_stream_is_stored_and_limited(storage):
    async def body(parts: int) -> AsyncIterator[bytes]:
        for _ in range(parts):
            yield b"a" * 700_000

    stored = asyncio.run(storage.write_stream_async("up/async", body(3)))
    assert stored.size == 2_100_000
    assert stored.sha256 == hashlib.sha256(b"a" * 2_100_000).hexdigest()
    with pytest.raises(PayloadTooLarge):
        asyncio.run(storage.write_stream_async("up/too-big", body(3), max_bytes=1_000_000))
    assert _leftovers(storage) == ["up/async"]


@pytest.mark.parametrize(
    "key",
    [
        "",
        "../outside",
        "a/../../outside",
        "/etc/passwd",
        "a//b",
        "a/./b",
        ".hidden",
        "a/.partial",
        "a\\b",
        "c:/windows",
        "bad\x00name",
        "x" * 600,
    ],
)
def test_keys_that_could_escape_the_root_are_refused(storage, key):
    with pytest.raises(InvalidRequest):
        storage.write_bytes(key, b"x")
    with pytest.raises(InvalidRequest):
        storage.exists(key)
    assert _leftovers(storage) == []


def test_a_symlink_out_of_the_root_is_not_followed(storage, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    storage.root.mkdir(parents=True)
    (storage.root / "link").symlink_to(outside)
    with pytest.raises(InvalidRequest):
        storage.write_bytes("link/file", b"x")
    assert list(outside.iterdir()) == []


def test_storage_urls_pick_the_implementation(tmp_path):
    local = storage_from_url(f"file://{tmp_path}/store")
    assert isinstance(local, LocalStorage) and local.root == (tmp_path / "store").resolve()
    assert isinstance(storage_from_url("file://var/storage"), LocalStorage)
    with pytest.raises(StorageConfigurationError, match="unsupported"):
        storage_from_url("ftp://example.org/files")
    with pytest.raises(StorageConfigurationError):
        storage_from_url("file://")


def test_s3_without_boto3_is_a_clear_startup_error():
    try:
        import boto3  # noqa: F401
    except ImportError:
        with pytest.raises(StorageConfigurationError, match="boto3 is not installed"):
            storage_from_url("s3://bucket/prefix")
    else:
        pytest.skip("boto3 is installed")
