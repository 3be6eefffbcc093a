"""Immutable records: the objects careerfit is made of, typed like dataclasses, cheaper to make.

A dataclass writes and compiles its methods (``__init__``, ``__setattr__``, ``__eq__`` ...)
when its module is imported: about half a millisecond per class, which across the 40-odd
classes a command imports came to 20 ms of every run, more than the run's own work. A
:class:`Record` shares one set of methods, written once here, and gets its fields (slots,
in order) from the class's annotations when it is made. :func:`record` is declared a
``dataclass_transform``, so type checkers see each record's constructor and read-only
fields exactly as they would a frozen dataclass's.

A record is created positionally or by keyword, checks that every field without a default
is given, calls ``__post_init__`` (where cross-field rules raise ValueError), and refuses
to be changed afterwards. Knowledge-base records are also validated with pydantic; that
part lives with them, in :mod:`careerfit.kb.validation`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform, overload

T = TypeVar("T")


class _Factory:
    """A default made afresh for each object (a new list, say)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


def field(*, default_factory: Callable[[], T]) -> T:
    """A field whose default is made afresh for each object, as ``dataclasses.field``."""
    return _Factory(default_factory)  # type: ignore[return-value]  # resolved by record()


class Record:
    """Base of all records; compared by identity (see :class:`ValueRecord`)."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()
    _defaults: ClassVar[dict[str, Any]] = {}
    _factories: ClassVar[dict[str, Callable[[], Any]]] = {}

    def __init__(self, *args: Any, **values: Any) -> None:
        if not values and len(args) == len(self._fields):  # every field, in order: the usual
            for field_name, value in zip(self._fields, args, strict=True):
                object.__setattr__(self, field_name, value)
            self.__post_init__()
            return
        name = type(self).__name__
        if len(args) > len(self._fields):
            raise TypeError(f"{name}() takes {len(self._fields)} fields, not {len(args)}")
        for field_name, value in zip(self._fields, args, strict=False):
            if field_name in values:
                raise TypeError(f"{name}() got {field_name!r} twice")
            values[field_name] = value
        for field_name in self._fields:
            if field_name in values:
                value = values.pop(field_name)
            elif field_name in self._factories:
                value = self._factories[field_name]()
            elif field_name in self._defaults:
                value = self._defaults[field_name]
            else:
                raise TypeError(f"{name}() needs the field {field_name!r}")
            object.__setattr__(self, field_name, value)
        if values:
            raise TypeError(f"{name}() has no field {next(iter(values))!r}")
        self.__post_init__()

    def __post_init__(self) -> None:
        """Checks that involve several fields; subclasses raise ValueError to refuse."""

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only; cannot delete {name!r}")

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self._fields)
        return f"{type(self).__name__}({shown})"

    def as_dict(self) -> dict[str, Any]:
        """The fields and their values (not recursively), e.g. for JSON."""
        return {name: getattr(self, name) for name in self._fields}

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self._fields)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(self._fields, state, strict=True):
            object.__setattr__(self, name, value)


class ValueRecord(Record):
    """A record equal to another of its class with equal fields, and hashed by them."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__getstate__() == other.__getstate__()

    def __hash__(self) -> int:
        return hash(self.__getstate__())


@overload
def record(cls: type[T], /, *, eq: bool = True) -> type[T]: ...
@overload
def record(*, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(eq_default=True, frozen_default=True, field_specifiers=(field,))
def record(cls: type[T] | None = None, /, *, eq: bool = True) -> Any:
    """Make a class a record: its annotated names become its fields, in order.

    Defaults are plain values or ``field(default_factory=...)``, as in a dataclass; a
    subclass of a record adds its fields after those it inherits. ``eq=False`` compares
    by identity. Usable as ``@record`` or ``@record(eq=False)``.
    """
    if cls is None:
        return lambda later: record(later, eq=eq)
    own = tuple(n for n in inspect.get_annotations(cls) if not n.startswith("_"))
    base = next((b for b in cls.__bases__ if issubclass(b, Record)), ValueRecord if eq else Record)
    namespace = {k: v for k, v in cls.__dict__.items() if k not in own}
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    defaults = dict(base._defaults)
    factories = dict(base._factories)
    for name in own:
        value = cls.__dict__.get(name, _Factory)
        if isinstance(value, _Factory):
            factories[name] = value.make
        elif value is not _Factory:
            defaults[name] = value
    namespace.update(
        __slots__=own, _fields=base._fields + own, _defaults=defaults, _factories=factories
    )
    return type(cls.__name__, (base,), namespace)


def replace(obj: T, **changes: Any) -> T:
    """A copy of a record with some fields changed, as ``dataclasses.replace``."""
    return type(obj)(**{**obj.as_dict(), **changes})  # type: ignore[attr-defined]


def as_dict(obj: object) -> dict[str, Any]:
    """A record's fields and their values (not recursively), e.g. for JSON."""
    assert isinstance(obj, Record)
    return obj.as_dict()
