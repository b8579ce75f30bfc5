"""Keeping Python's cycle collector off the objects an open project keeps for its life.

With 10,000 ideas the process holds a few hundred thousand long-lived objects
(entities, geometries, scene items, rows of lists). Any code that makes many small
objects (a panel's refresh makes a tuple per idea) sets off a full collection now and
then, and a full collection walks all of them: 0.05-0.07 s in the middle of whatever
ran, on top of that work. ``gc.freeze()`` moves the objects alive now out of the
collector's generations, so later collections only walk what was made since. Objects
frozen are still freed by reference counting; only cycles among them wait until
``release()`` (another project opened) hands them back to the collector.
"""

import gc


def settle() -> None:
    """What exists now lives as long as the project: leave it out of collections.

    Garbage is collected first: frozen, a cycle left by the project just closed (or by
    building the window) would never be freed, and each switch of project would keep
    the previous one for the rest of the session."""
    gc.collect()
    gc.freeze()


def release() -> None:
    """The project is being replaced: its objects may be collected again."""
    gc.unfreeze()
