"""Unreadable uploads raise IfcReadError with a message that says what is wrong."""

from __future__ import annotations

import zipfile

import pytest

from matbank.importers.ifc import IfcReadError, open_ifc
from matbank.importers.ifc_records import ZipLimits


@pytest.fixture(scope="module")
def valid_ifc(model_builder, tmp_path_factory):
    b = model_builder("IFC4", "MILLI")
    b.element("IfcWall", "Wall")
    return b.write(tmp_path_factory.mktemp("valid") / "valid.ifc")


def _message(path, **kwargs) -> str:
    with pytest.raises(IfcReadError) as raised:
        open_ifc(path, **kwargs)
    return str(raised.value)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.ifc"
    path.write_bytes(b"")
    assert _message(path) == "empty.ifc: empty file"


def test_png_renamed_to_ifc(tmp_path):
    path = tmp_path / "photo.ifc"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    assert "not an IFC file (starts with PNG signature)" in _message(path)


def test_unknown_content_is_quoted(tmp_path):
    path = tmp_path / "notes.ifc"
    path.write_text("hello world, no model here")
    assert "not an IFC file (starts with b'hello world, no '" in _message(path)


def test_truncated_file(valid_ifc, tmp_path):
    data = valid_ifc.read_bytes()
    path = tmp_path / "cut.ifc"
    path.write_bytes(data[: len(data) // 2])
    message = _message(path)
    assert message.startswith("cut.ifc: truncated:") and "END-ISO-10303-21;" in message


def test_broken_header_is_reported_as_unparseable(valid_ifc, tmp_path):
    path = tmp_path / "noheader.ifc"
    path.write_text(valid_ifc.read_text().replace("FILE_SCHEMA(('IFC4'));", ""))
    assert "could not be parsed as IFC (Unable to parse IFC SPF header)" in _message(path)


def test_unknown_schema_is_named(valid_ifc, tmp_path):
    path = tmp_path / "future.ifc"
    path.write_text(valid_ifc.read_text().replace("FILE_SCHEMA(('IFC4'))", "FILE_SCHEMA(('IFC9'))"))
    assert "Unsupported schema: IFC9" in _message(path)


def test_model_without_project_is_refused(valid_ifc, tmp_path):
    path = tmp_path / "noproject.ifc"
    lines = [line for line in valid_ifc.read_text().splitlines() if "IFCPROJECT(" not in line]
    path.write_text("\n".join(lines))
    assert "no IfcProject found" in _message(path)


def test_missing_file(tmp_path):
    assert _message(tmp_path / "absent.ifc") == "absent.ifc: file not found"


def test_zip_bomb_is_refused_by_ratio(tmp_path):
    path = tmp_path / "bomb.ifczip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("model.ifc", b"ISO-10303-21;" + b"\0" * 20_000_000)
    message = _message(path)
    assert "possible zip bomb" in message and "compressed" in message


def test_zip_larger_than_the_cap_is_refused(valid_ifc, tmp_path):
    path = tmp_path / "big.ifczip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(valid_ifc, "model.ifc")
    message = _message(path, limits=ZipLimits(max_uncompressed_bytes=1000))
    assert "above the limit of 1000 bytes" in message


def test_zip_lying_about_its_size_is_refused(valid_ifc, tmp_path):
    path = tmp_path / "liar.ifczip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.write(valid_ifc, "model.ifc")
    data = bytearray(path.read_bytes())
    # Shrink the declared size in the central directory; the stream still holds everything.
    marker = data.rfind(b"PK\x01\x02")
    data[marker + 24: marker + 28] = (10).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    assert "the archive is damaged (Bad CRC-32" in _message(path)


def test_zip_must_hold_exactly_one_model(valid_ifc, tmp_path):
    path = tmp_path / "two.ifczip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(valid_ifc, "a.ifc")
        archive.write(valid_ifc, "b.ifc")
    assert "must hold exactly one .ifc file, this one holds 2" in _message(path)


def test_ifczip_that_is_no_zip(tmp_path):
    path = tmp_path / "fake.ifczip"
    path.write_bytes(b"ISO-10303-21;\n")
    assert "not a valid zip archive" in _message(path)


def test_zip_content_is_recognised_whatever_the_suffix(valid_ifc, tmp_path):
    path = tmp_path / "zipped.ifc"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(valid_ifc, "model.ifc")
    assert open_ifc(path).count_elements() == 1
