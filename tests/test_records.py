"""Records: the immutable objects every part of careerfit is built from."""

from __future__ import annotations

import pickle

import pytest

from careerfit.records import field, record


@record
class Point:
    x: int
    y: int = 0
    tags: list = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.x < 0:
            raise ValueError("x must not be negative")


@record
class Labelled(Point):
    label: str = ""


@record
class Pair:
    a: int
    b: int


@record(eq=False)
class Thing:
    name: str


def test_made_by_position_or_keyword_with_defaults_made_afresh():
    a, b = Point(1), Point(x=1)
    assert (a.x, a.y, a.tags) == (1, 0, [])
    assert a == b and a.tags is not b.tags
    assert {Pair(1, 2), Pair(1, 2)} == {Pair(1, 2)}  # hashed by value, like the fields
    assert Labelled(2, 3, [], "p").label == "p" and Labelled(x=2).y == 0


@pytest.mark.parametrize(
    ("make", "complaint"),
    [
        (lambda: Point(), "needs the field 'x'"),
        (lambda: Point(1, 2, [], 4), "takes 3 fields"),
        (lambda: Point(1, x=2), "got 'x' twice"),
        (lambda: Point(1, z=2), "has no field 'z'"),
    ],
)
def test_wrong_arguments_say_what_is_wrong(make, complaint):
    with pytest.raises(TypeError, match=complaint):
        make()


def test_rules_run_after_the_fields_are_set():
    with pytest.raises(ValueError, match="negative"):
        Point(-1)


def test_read_only_and_compared_by_identity_when_asked():
    point = Point(1)
    with pytest.raises(AttributeError, match="read-only"):
        point.x = 2
    with pytest.raises(AttributeError, match="read-only"):
        del point.y
    assert Thing("a") != Thing("a") and len({Thing("a"), Thing("a")}) == 2
    assert Point(1) != Labelled(1)  # another class is never equal


def test_pickles_and_shows_its_fields():
    point = Labelled(1, 2, ["t"], "p")
    again = pickle.loads(pickle.dumps(point))
    assert again == point and again.as_dict() == {"x": 1, "y": 2, "tags": ["t"], "label": "p"}
    assert repr(point) == "Labelled(x=1, y=2, tags=['t'], label='p')"
