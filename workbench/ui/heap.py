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

# Whether a project was let go since the last settle(): only then can a full collection
# find much to free (the closed project's cycles).
_released = False


def settle() -> None:
    """What exists now lives as long as the project: leave it out of collections.

    After a project was released, garbage is collected first: frozen, a cycle left by
    the project just closed would not be freed until the next switch, and each switch
    would keep the previous project. Otherwise (the first project of the session, the
    docks built after it) the full collection is skipped: it walks every object of
    Qt, numpy and the project (25-40 ms before the first painted map, issue 14) and
    found nothing to free at the start; a cycle frozen now is freed at the next
    release() like the project's own."""
    global _released
    if _released:
        gc.collect()
        _released = False
    gc.freeze()


def release() -> None:
    """The project is being replaced: its objects may be collected again."""
    global _released
    gc.unfreeze()
    _released = True
