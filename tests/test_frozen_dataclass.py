"""``@frozen_dataclass`` (core/frozen.py) makes the entities cheaper to create at every
start (issue 14); each class must still behave exactly as ``@dataclass(frozen=True)``
made it: the whole model, undo and merges rely on equality, hashing, ``replace`` and
immutability. Each class is compared with its twin made by the standard library."""

import copy
import dataclasses
import inspect
import pickle

import pytest
from shapely.geometry import Point

from workbench.core import events, layer_style, model, project
from workbench.core.frozen import frozen_dataclass
from workbench.store import tiles

CLASSES = [*model.ENTITY_KINDS.values(), model.ProjectInfo, model.ReferenceFeature, events.Event, project.Change,
           layer_style.LayerStyle, tiles.TileLevel, tiles.BaseMapInfo, tiles.BaseMapDisplay, tiles.NewBaseMap]


def twin(cls):
    """The same class made by ``@dataclass(frozen=True)``."""
    spec = [(f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)]
    made = dataclasses.make_dataclass(cls.__name__, spec, frozen=True, namespace={"__doc__": cls.__doc__})
    made.__qualname__ = cls.__qualname__
    return made


def arguments(cls) -> dict:
    """Values for the fields without a default, of a type each could hold."""
    samples = {"geometry": Point(1, 2), "image": b"\x89PNG", "number": 7, "count": 3, "zoom": 5}
    return {f.name: samples.get(f.name, f"{f.name}-1") for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING}


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_an_entity_behaves_as_a_frozen_dataclass(cls):
    standard = twin(cls)
    assert dataclasses.is_dataclass(cls)
    assert str(inspect.signature(cls)) == str(inspect.signature(standard))
    assert cls.__match_args__ == standard.__match_args__
    ours, theirs = cls(**arguments(cls)), standard(**arguments(cls))
    assert repr(ours) == repr(theirs)
    assert hash(ours) == hash(theirs)
    assert ours == cls(**arguments(cls)) and not ours != cls(**arguments(cls))
    assert ours != theirs  # another class, equal fields: not equal, as between two dataclasses
    assert ours.__eq__(object()) is NotImplemented
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    first = dataclasses.fields(cls)[0].name
    changed = dataclasses.replace(ours, **{first: "changed"})
    assert getattr(changed, first) == "changed" and changed != ours and getattr(ours, first) != "changed"
    assert {ours, changed, cls(**arguments(cls))} == {ours, changed}
    assert copy.deepcopy(ours) == ours
    for change in (lambda: setattr(ours, first, "x"), lambda: delattr(ours, first),
                   lambda: setattr(ours, "new_attribute", 1)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            change()
    with pytest.raises(TypeError):
        cls(**arguments(cls), not_a_field=1)


def test_an_entity_survives_pickling():
    idea = model.Intervention("u-1", 1, "Bankje", Point(1, 2), theme_uuids=("t",))
    assert pickle.loads(pickle.dumps(idea)) == idea


def test_an_undocumented_class_is_documented_by_its_signature_as_dataclass_does():
    assert model.ReferenceFeature.__doc__ == twin(model.ReferenceFeature).__doc__ == (
        "ReferenceFeature(uuid: str, label: str, geometry: shapely.geometry.base.BaseGeometry, properties: tuple = ())")


def test_what_it_cannot_copy_from_dataclass_is_refused():
    with pytest.raises(TypeError, match="dataclass\\(frozen=True\\)"):
        @frozen_dataclass
        class WithFactory:
            items: list = dataclasses.field(default_factory=list)
    with pytest.raises(TypeError, match="dataclass\\(frozen=True\\)"):
        @frozen_dataclass
        class WithPostInit:
            value: int

            def __post_init__(self):
                pass
