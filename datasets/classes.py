"""The detector's class list, read from ``classes.yaml`` (the single source of truth)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class ClassList:
    """The ordered class names and which of them are Janji Layanan media.

    Attributes:
        names: Class names; the index of a name is its class id.
        janji: Names of the classes that carry Janji Layanan JKN content.
    """

    names: tuple[str, ...]
    janji: frozenset[str]

    def id_of(self, name: str) -> int:
        """Return the class id of ``name``; raises ``KeyError`` for an unknown name."""
        try:
            return self.names.index(name)
        except ValueError:
            raise KeyError(f"unknown class {name!r}; known: {', '.join(self.names)}") from None

    def is_janji(self, class_id: int) -> bool:
        """Whether ``class_id`` is one of the Janji Layanan classes."""
        return self.names[class_id] in self.janji


@cache
def load_classes() -> ClassList:
    """Load and validate ``datasets/classes.yaml``.

    Returns:
        The class list.

    Raises:
        ValueError: If the file is malformed.
    """
    text = resources.files("datasets").joinpath("classes.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    names = tuple(str(n) for n in data["names"])
    janji = frozenset(str(n) for n in data["janji_classes"])
    if len(set(names)) != len(names) or not janji <= set(names):
        raise ValueError("classes.yaml: names must be unique and janji_classes a subset of names")
    return ClassList(names=names, janji=janji)


JANJI_POSTER = "janji_poster"
JANJI_BANNER = "janji_banner"
JANJI_SPANDUK = "janji_spanduk"
OTHER_SIGN = "other_sign"
