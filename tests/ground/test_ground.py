"""``ground.files.write_atomically``: whole or nothing, and never through a link."""

from __future__ import annotations

import os

import pytest

from ground.files import write_atomically


def test_a_file_is_replaced_whole_and_no_temporary_is_left(tmp_path):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")
    write_atomically(target, b"new contents")
    assert target.read_bytes() == b"new contents"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_a_link_in_the_target_s_place_is_refused_and_its_file_kept(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    link = tmp_path / "out.csv"
    link.symlink_to(victim)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(link, b"overwritten")
    assert victim.read_bytes() == b"keep me"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def broken(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.csv"]


def test_a_new_file_is_readable_by_others_and_a_replaced_one_keeps_its_mode(tmp_path):
    fresh = tmp_path / "brief.pptx"
    write_atomically(fresh, b"deck")
    assert fresh.stat().st_mode & 0o777 == 0o644
    private = tmp_path / "private.csv"
    private.write_bytes(b"old")
    private.chmod(0o600)
    write_atomically(private, b"new")
    assert private.stat().st_mode & 0o777 == 0o600


def test_a_private_file_is_the_owner_s_alone(tmp_path):
    cache = tmp_path / "online.json"
    write_atomically(cache, b"{}", private=True)
    assert cache.stat().st_mode & 0o777 == 0o600


def test_one_distance_for_numbers_and_arrays():
    import numpy as np

    from ground.distances import km_apart

    one_degree = km_apart(34.0, 69.0, 35.0, 69.0)
    assert isinstance(one_degree, float) and abs(one_degree - 111.19) < 0.01
    many = km_apart(np.array([34.0, 31.61]), np.array([69.0, 65.71]), 35.0, 69.0)
    assert abs(many[0] - one_degree) < 1e-9 and many[1] > 400
    assert km_apart(31.61, 65.71, 31.61, 65.71) == 0.0
