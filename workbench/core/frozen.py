"""``@frozen_dataclass``: ``@dataclass(frozen=True)`` for the project's entities, made
cheaper to create.

Python's dataclass writes ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` of a frozen class as source text and compiles each
one (3.10-3.12): six compiles, 0.4-2 ms a class, and 16 entity classes plus a few more
are made before the first painted map (issue 14). Here only ``__init__`` is compiled (its
signature and its speed must be the dataclass's); the other five are the same small
functions for every class, over its field names.

To its users the class is what ``@dataclass(frozen=True)`` makes: ``fields()``,
``replace()``, ``asdict()``, ``is_dataclass()`` and ``__match_args__`` are dataclass's own;
instances are equal when of the same class with equal fields, hash as the tuple of their
fields, show as ``Name(field=value, ...)`` and raise ``FrozenInstanceError`` on assignment
or deletion. Only ``__dataclass_params__`` tells: it names the methods dataclass did not
write (init, repr, eq and frozen are False there).

Plain fields only (a default value or none); anything else (``field(...)``, ``ClassVar``,
``InitVar``, ``__post_init__``, a base class) is refused: use ``@dataclass(frozen=True)``.
"""

import dataclasses
import inspect
from dataclasses import FrozenInstanceError
from operator import attrgetter
from reprlib import recursive_repr

try:
    from typing import dataclass_transform
except ImportError:  # pragma: no cover - Python 3.10
    def dataclass_transform(**_):
        return lambda decorator: decorator


@dataclass_transform(frozen_default=True)
def frozen_dataclass(cls):
    annotations = cls.__dict__.get("__annotations__", {})
    if cls.__bases__ != (object,) or hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: use @dataclass(frozen=True)")
    documented = bool(cls.__dict__.get("__doc__"))
    if not documented:  # documented below, once __init__ exists (dataclass would now read object's)
        cls.__doc__ = cls.__name__
    cls = dataclasses.dataclass(init=False, repr=False, eq=False)(cls)  # the fields only: no code written
    fields = dataclasses.fields(cls)
    if len(fields) != len(annotations) or not all(_plain(f) for f in fields):
        raise TypeError(f"{cls.__name__}: use @dataclass(frozen=True) for fields other than plain ones")
    names = tuple(f.name for f in fields)
    values = attrgetter(*names) if len(names) > 1 else (lambda self: tuple(getattr(self, n) for n in names))
    names_set = frozenset(names)

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self):
        return hash(values(self))

    @recursive_repr()
    def __repr__(self):
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"

    def __setattr__(self, name, value):
        if type(self) is cls or name in names_set:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names_set:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    for method in (_init(fields), __eq__, __hash__, __repr__, __setattr__, __delattr__):
        method.__qualname__ = f"{cls.__qualname__}.{method.__name__}"
        setattr(cls, method.__name__, method)
    if not documented:  # as dataclass documents a class without a docstring: its signature
        cls.__doc__ = cls.__name__ + str(inspect.signature(cls)).replace(" -> None", "")
    return cls


def _plain(field) -> bool:
    return (field.init and field.repr and field.compare and field.hash is None and not field.kw_only
            and field.default_factory is dataclasses.MISSING)


def _init(fields):
    """``__init__`` as dataclass writes it for a frozen class: each field set through
    ``object.__setattr__``, defaults as default values, annotated like the fields."""
    scope = {"__set": object.__setattr__}
    parameters, body = [], []
    for field in fields:
        if field.default is dataclasses.MISSING:
            parameters.append(field.name)
        else:
            scope[f"__default_{field.name}"] = field.default
            parameters.append(f"{field.name}=__default_{field.name}")
        body.append(f"    __set(self, {field.name!r}, {field.name})")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)  # noqa: S102 - our own field names, as dataclass does
    init = scope["__init__"]
    init.__annotations__ = {**{field.name: field.type for field in fields}, "return": None}
    return init
