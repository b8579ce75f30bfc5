"""Downloading a base map into the project: plan first (how many tiles, how many MB),
then fetch with a bounded pool of connections, writing complete tiles in batches.

Each batch is one transaction of complete, decoded-and-checked tiles, so a kill -9 or a
power cut leaves a sound project with the batches so far, and running again fetches only
what is missing. No Qt: the app calls :func:`plan` and :func:`fetch` from a worker thread.

Example::

    p = plan(project, "brt-grijs", levels=(8, 12), margin=250)
    print(p.tile_count, p.estimated_bytes)
    result = fetch(project, p, progress=lambda done, total, size, left: None)
"""

import time
from collections import OrderedDict
from dataclasses import dataclass, field

from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.io import basemap_tiling as tiling
from workbench.io.basemap_http import FetchError, TileClient
from workbench.io.basemap_image import encode
from workbench.io.basemap_sources import Source, resolve
from workbench.io.basemap_workers import TileWriter, run_pool
from workbench.store.tiles import RD_MAX_ZOOM, basemaps_of

LIMIT_TILES = 5000             # above this the CLI asks for --yes and the app asks first
LIMIT_BYTES = 150 * 1024 ** 2
HARD_LIMIT_TILES = 250_000     # refused outright: a typo in --levels, not a base map
MERCATOR_CHUNK = 32            # RD tiles resampled per round of web-mercator downloads
MERCATOR_CACHE = 192           # decoded web-mercator tiles kept for the next round
DEFAULT_MARGIN = 250.0
DEFAULT_CONNECTIONS = 4
NOTHING_THERE = 50             # this many 404s before the first tile: the source is wrong


def no_tiles_message():
    return _("De server heeft geen tegels voor dit gebied op deze niveaus (HTTP 404). Controleer de bron en de "
             "niveaus.")


@dataclass(frozen=True)
class FetchPlan:
    source: Source
    bounds: tuple              # the area plus margin, EPSG:28992
    levels: tuple              # RD levels stored
    cells: tuple = field(repr=False)   # ((zoom, ((col, row), ...)), ...): the missing tiles
    tile_count: int = 0        # tiles still to fetch
    stored_count: int = 0      # tiles already in the project
    estimated_bytes: int = 0
    request_count: int = 0     # requests to the server (differs for web-mercator sources)
    connections: int = DEFAULT_CONNECTIONS

    @property
    def needs_confirmation(self) -> bool:
        return self.tile_count > LIMIT_TILES or self.estimated_bytes > LIMIT_BYTES


@dataclass(frozen=True)
class FetchResult:
    name: str                  # the tiles table
    stored: int                # tiles written this run
    missing: int               # tiles the server does not have (404)
    bytes: int
    cancelled: bool = False


def parse_levels(text) -> tuple:
    """"8-13" or "12" -> (8, 13) / (12, 12)."""
    try:
        first, _sep, last = str(text).partition("-")
        levels = (int(first), int(last or first))
    except ValueError:
        raise ValidationError(_("Ongeldige niveaus '{text}'; schrijf bijvoorbeeld 8-13.").format(text=text)) from None
    if levels[0] > levels[1] or levels[0] < 0:
        raise ValidationError(_("Ongeldige niveaus '{text}'; schrijf bijvoorbeeld 8-13.").format(text=text))
    return levels


def plan(project, source, levels=None, margin=DEFAULT_MARGIN, connections=DEFAULT_CONNECTIONS) -> FetchPlan:
    """What a fetch of ``source`` (a Source, a name or a URL template) over the project's
    area plus ``margin`` metres at RD ``levels`` (first, last) would download."""
    if not isinstance(source, Source):
        source = resolve(source)
    levels = tuple(levels or source.default_levels)
    if source.tiling == "rd" and (levels[0] < source.levels[0] or levels[1] > source.levels[1]):
        raise ValidationError(_("{title} heeft niveaus {first} tot en met {last}; kies niveaus daarbinnen.")
                              .format(title=source.title, first=source.levels[0], last=source.levels[1]))
    if levels[1] > RD_MAX_ZOOM:
        raise ValidationError(_("Niveau {level} is te fijn; het fijnste niveau is {last}.")
                              .format(level=levels[1], last=RD_MAX_ZOOM))
    area = project.area
    if area is None or area.geometry is None or area.geometry.is_empty:
        raise ValidationError(_("Het project heeft nog geen gebied; teken of importeer eerst de grens."))
    if margin != margin or margin in (float("inf"), float("-inf")):  # --margin nan / inf
        raise ValidationError(_("De marge is een getal in meters, bijvoorbeeld 250."))
    if margin < 0:
        raise ValidationError(_("De marge kan niet negatief zijn."))
    min_x, min_y, max_x, max_y = area.geometry.bounds
    bounds = (min_x - margin, min_y - margin, max_x + margin, max_y + margin)
    maps = basemaps_of(project)
    cells, missing_count, stored_count = [], 0, 0
    for zoom in range(levels[0], levels[1] + 1):
        col_min, col_max, row_min, row_max = tiling.tile_range_of(bounds, zoom)
        total = max(0, col_max - col_min + 1) * max(0, row_max - row_min + 1)
        if missing_count + total > HARD_LIMIT_TILES:
            raise ValidationError(_("Dat zijn meer dan {count} tegels; kies minder of grovere niveaus, of een "
                                    "kleinere marge.").format(count=f"{HARD_LIMIT_TILES:,}".replace(",", ".")))
        stored = maps.stored(source.table, zoom, col_min, col_max, row_min, row_max)
        todo = tuple(cell for cell in tiling.rd_tiles(bounds, zoom) if cell not in stored)
        stored_count += len(stored)
        missing_count += len(todo)
        if todo:
            cells.append((zoom, todo))
    requests = missing_count
    if source.tiling == "webmercator":  # the mercator tiles under the missing tiles' box (cheap: the app asks often)
        requests = sum(tiling.source_tile_count(tiling.WEBMERCATOR, tiling.source_level(
            tiling.WEBMERCATOR, zoom, bounds, source.levels), zoom, todo) for zoom, todo in cells)
    return FetchPlan(source, bounds, levels, tuple(cells), missing_count, stored_count,
                     missing_count * source.typical_tile_bytes, requests, connections)


class _Progress:
    def __init__(self, total, callback):
        self.total, self.callback = total, callback
        self.done, self.bytes, self.start = 0, 0, time.monotonic()

    def step(self, size) -> None:
        self.done += 1
        self.bytes += size
        if self.callback:
            elapsed = time.monotonic() - self.start
            left = elapsed / self.done * (self.total - self.done)
            self.callback(self.done, self.total, self.bytes, left)


def fetch(project, plan: FetchPlan, progress=None, cancelled=None, client=None) -> FetchResult:
    """Download the plan's tiles into the project. ``progress(done, total, bytes,
    seconds_left)`` after each tile; ``cancelled()`` is asked between tiles. Raises
    FetchError (one Dutch sentence, saying how many tiles were kept) when it cannot go on."""
    client = client or TileClient()
    cancelled = cancelled or (lambda: False)
    writer = TileWriter(project, plan)
    counter = _Progress(plan.tile_count, progress)
    missing = [0]
    try:
        if plan.source.tiling == "webmercator":
            stopped = _fetch_reprojected(plan, client, writer, counter, missing, cancelled)
        else:
            stopped = _fetch_rd(plan, client, writer, counter, missing, cancelled)
        writer.finish()
    except FetchError as error:
        writer.flush()
        kept = writer.stored
        if kept:
            raise FetchError(_("{error} {count} tegels zijn bewaard; voer de download opnieuw uit om de rest op "
                               "te halen.").format(error=error, count=kept)) from None
        raise
    finally:
        client.stop()
        client.close()
        writer.close()
    if not stopped and writer.stored == 0 and missing[0] and missing[0] == plan.tile_count:
        raise FetchError(no_tiles_message())
    return FetchResult(plan.source.table, writer.stored, missing[0], counter.bytes, cancelled=stopped)


def _fetch_rd(plan, client, writer, counter, missing, cancelled) -> bool:
    """RD sources: one request per stored tile, bytes stored as the server sent them."""
    jobs = iter([(zoom, col, row) for zoom, cells in plan.cells for col, row in cells])
    source = plan.source

    def one(job):
        zoom, col, row = job
        return job, client.get(source.tile_url(zoom, col, row))

    return run_pool(plan.connections, jobs, one, client, cancelled, lambda job, got: _stored_rd(
        job, got, writer, counter, missing))


def _stored_rd(job, got, writer, counter, missing):
    if got is None:
        missing[0] += 1
        counter.step(0)
        if missing[0] >= NOTHING_THERE and writer.added == 0:
            raise FetchError(no_tiles_message())
        return
    data, _image = got
    writer.add(*job, data)
    counter.step(len(data))


def _fetch_reprojected(plan, client, writer, counter, missing, cancelled) -> bool:
    """Web-mercator sources: the mercator tiles under a batch of RD tiles are fetched in
    parallel, then each RD tile is resampled from them (see basemap_tiling)."""
    grid, source = tiling.WEBMERCATOR, plan.source
    cache = OrderedDict()  # (zoom, col, row) -> decoded image; recent tiles, rows share them
    for zoom, cells in plan.cells:
        source_zoom = tiling.source_level(grid, zoom, plan.bounds, source.levels)
        for start in range(0, len(cells), MERCATOR_CHUNK):
            batch = cells[start:start + MERCATOR_CHUNK]
            needed = [t for t in sorted(tiling.source_tiles_for(grid, source_zoom, zoom, batch))
                      if (source_zoom, *t) not in cache]

            def one(tile):
                return tile, client.get(source.tile_url(source_zoom, *tile), decoded=True)

            def keep(tile, got):
                cache[(source_zoom, *tile)] = None if got is None else got[1]

            if run_pool(plan.connections, iter(needed), one, client, cancelled, keep):
                return True
            for col, row in batch:
                image = tiling.render_from_grid(grid, source_zoom, tiling.RD.tile_bounds(zoom, col, row),
                                                lambda c, r: cache.get((source_zoom, c, r)))
                if image is None:
                    missing[0] += 1
                    counter.step(0)
                    continue
                data = encode(image, source.format)
                writer.add(zoom, col, row, data)
                counter.step(len(data))
            while len(cache) > MERCATOR_CACHE:
                cache.popitem(last=False)
            if missing[0] >= NOTHING_THERE and writer.added == 0:
                raise FetchError(no_tiles_message())
            if cancelled():
                return True
    return False
