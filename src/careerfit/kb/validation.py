"""Validating knowledge-base records with pydantic, paid for only when something is validated.

Why pydantic: the knowledge base is written by people (us, or a career centre maintaining its
own), so every typo must be caught with a precise location. Pydantic validates the raw YAML
data into the records of :mod:`careerfit.kb.facts`, :mod:`careerfit.kb.roles` and
:mod:`careerfit.kb.questions`, and reports error locations (``loc``) that the loader maps
back to YAML line numbers; unknown keys are errors, so a misspelt field is never ignored.

Why records rather than pydantic models: a knowledge base that validated once is cached
(:mod:`careerfit.kb.cache`), and loading the cache must not pay for importing pydantic and
building validators, which was most of a command's start-up time. So the records' field
types name the constrained types below (``Id``, ``Text``, ``Cites`` ...) as strings, and
:func:`annotation_names` supplies their pydantic definitions only when a record is
validated. Type checkers see them as the plain types they hold.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, dataclass_transform

from careerfit.kb.citations import CITE_RE, Cite
from careerfit.records import Record, field, record
from careerfit.safetext import CONTROL

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter

    Id = str
    Text = str
    ShortText = str
    IsoDate = str
    Url = str
    Cites = list[Cite]

T = TypeVar("T")


def _no_control(value: str) -> str:
    """Refuse control characters: in a knowledge base they can only be terminal escapes."""
    found = CONTROL.search(value)
    if found:
        code = f"\\x{ord(found.group()):02x}"
        raise ValueError(
            f"contains the control character {code} (a terminal escape sequence?) at "
            f"position {found.start()}; remove it"
        )
    return value


def _is_id(value: str) -> str:
    """Ids are what people type on the command line: lower-case words joined by hyphens."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError(
            f"{value!r} is not a valid id; use lower-case letters and digits in words joined "
            "by hyphens, e.g. legal-secretary"
        )
    return value


_ISO_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")


def _is_iso_date(value: str) -> str:
    """A source's date as an ISO partial date, so every date reads one way."""
    if not _ISO_DATE.fullmatch(value):
        raise ValueError(
            f"{value!r} is not an ISO date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-03-05"
        )
    return value


def _is_url(value: str) -> str:
    """A source's address: a web address a reader can open, nothing else."""
    if not re.fullmatch(r"https?://\S+", value):
        raise ValueError(
            f"{value!r} is not a web address; write the page's full address starting with "
            "http:// or https://"
        )
    return value


def _parse_cite(value: str) -> Cite:
    """Turn a validated string into a :class:`Cite`, rejecting malformed or reversed ranges."""
    if not CITE_RE.match(value):
        raise ValueError(
            f"{value!r} is not a citation; write SOURCE:LINE or SOURCE:FIRST-LAST, e.g. s001:57-60"
        )
    cite = Cite(value)
    first, last = cite.lines
    if last < first:
        raise ValueError(f"citation {value!r} ends before it starts")
    return cite


@cache
def annotation_names() -> Mapping[str, Any]:
    """The constrained types the records' annotations name, as pydantic understands them."""
    from typing import Annotated

    from pydantic import AfterValidator, Field, StringConstraints

    return {
        "Field": Field,
        "Id": Annotated[str, StringConstraints(max_length=60), AfterValidator(_is_id)],
        "Text": Annotated[
            str, StringConstraints(min_length=1, max_length=4000), AfterValidator(_no_control)
        ],
        "ShortText": Annotated[
            str, StringConstraints(min_length=1, max_length=300), AfterValidator(_no_control)
        ],
        "IsoDate": Annotated[str, AfterValidator(_is_iso_date)],
        "Url": Annotated[str, StringConstraints(max_length=300), AfterValidator(_is_url)],
        "Cites": Annotated[list[Annotated[str, AfterValidator(_parse_cite)]], Field(min_length=1)],
    }


@cache
def validation_adapter(kind: type) -> TypeAdapter[Any]:
    """A pydantic validator for a knowledge-base record class."""
    from pydantic import TypeAdapter

    return TypeAdapter(kind)


# Keyword-only for type checkers: records are built from validated mappings, and a field
# without a default may follow one with a default, as the YAML reads best.
@dataclass_transform(
    eq_default=False, frozen_default=True, kw_only_default=True, field_specifiers=(field,)
)
def model(cls: type[T]) -> type[T]:
    """Make a class a knowledge-base record: immutable, slotted, compared by identity.

    Identity, because two roles are never the same role by value, and records holding
    lists could not be hashed by value anyway.
    """
    cls.__get_pydantic_core_schema__ = classmethod(_core_schema)  # type: ignore[attr-defined]
    return record(cls, eq=False)


def _core_schema(cls: type[Record], source: Any, handler: GetCoreSchemaHandler) -> Any:
    """Validate a mapping field by field (unknown keys refused), then build the record.

    A ValueError from ``__post_init__`` becomes a validation error at the record's
    location, so cross-field rules are reported like any other.
    """
    from typing import get_type_hints

    from pydantic_core import core_schema

    hints = get_type_hints(cls, localns=dict(annotation_names()), include_extras=True)
    optional = cls._defaults.keys() | cls._factories.keys()
    fields = {
        name: core_schema.typed_dict_field(
            handler.generate_schema(hints[name]), required=name not in optional
        )
        for name in cls._fields
    }
    return core_schema.no_info_after_validator_function(
        lambda values: cls(**values),
        core_schema.typed_dict_schema(
            fields,
            extra_behavior="forbid",
            config=core_schema.CoreConfig(str_strip_whitespace=True),
        ),
    )
