"""One root for every problem a user can act on, and one way a command fails."""

from __future__ import annotations

import inspect
import pkgutil
from importlib import import_module

import pytest

import dashboard
import engine
import geocoding
import ground
import incidents
import intake
from ground.commands import EXIT_UNWRITABLE, CommandError, run
from ground.errors import ProjectError

PACKAGES = (ground, geocoding, incidents, intake, engine, dashboard)


def _project_exceptions() -> list[type]:
    found = []
    for package in PACKAGES:
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or info.name.endswith("__main__"):
                continue
            module = import_module(info.name)
            found += [
                obj
                for _, obj in inspect.getmembers(module, inspect.isclass)
                if issubclass(obj, BaseException) and obj.__module__ == module.__name__
            ]
    return found


def test_every_exception_the_project_defines_is_a_project_error():
    classes = _project_exceptions()
    assert len(classes) >= 18
    assert [c.__qualname__ for c in classes if not issubclass(c, ProjectError)] == []


def test_a_command_says_a_project_error_in_one_line_with_its_code(capsys):
    def fails() -> str:
        raise CommandError("cannot write out.csv: folder x does not exist", EXIT_UNWRITABLE)

    assert run(fails) == EXIT_UNWRITABLE
    assert capsys.readouterr().err.strip() == "error: cannot write out.csv: folder x does not exist"

    from incidents.store.errors import StoreBusy

    def busy() -> str:
        raise StoreBusy("the store is busy")

    assert run(busy) == 2 and "error: the store is busy" in capsys.readouterr().err


def test_a_failure_that_is_not_the_users_is_not_hidden():
    def broken() -> str:
        raise KeyError("a bug")

    with pytest.raises(KeyError):
        run(broken)
