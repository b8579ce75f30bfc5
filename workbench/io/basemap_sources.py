"""Where base maps come from: named sources in ``resources/basemaps.json`` (plus a file
named by ``WORKBENCH_BASEMAP_SOURCES``, whose entries add to or replace the bundled
ones), or a URL template a user types.

Example::

    source = resolve("brt-grijs")
    source.tile_url(10, 530, 650)
    # 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:28992/10/530/650.png'
"""

import json
import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from workbench.errors import ValidationError
from workbench.i18n import _
from workbench.paths import resource
from workbench.store.tiles import table_name

TILINGS = ("rd", "webmercator")
# WMTS RESTful templates (a capabilities document's ResourceURL) name the same things.
WMTS_NAMES = {"{TileMatrix}": "{z}", "{TileCol}": "{x}", "{TileRow}": "{y}"}
ENVIRONMENT_FILE = "WORKBENCH_BASEMAP_SOURCES"


@dataclass(frozen=True)
class Source:
    name: str           # what --source takes
    title: str
    url: str            # template with {z}, {x}, {y}
    tiling: str         # "rd" or "webmercator"
    levels: tuple       # (first, last) level the server has
    default_levels: tuple
    attribution: str
    licence: str = ""
    format: str = "png"
    typical_tile_bytes: int = 20000

    @property
    def table(self) -> str:
        """The tiles table this source is stored in."""
        return table_name(self.name)

    def tile_url(self, zoom, col, row) -> str:
        url = self.url.replace("{z}", str(zoom)).replace("{x}", str(col)).replace("{y}", str(row))
        if "{-y}" in url:  # TMS servers count rows from the bottom
            url = url.replace("{-y}", str(2 ** zoom - 1 - row))
        if "{s}" in url:  # OSM-style subdomains a, b, c, spread over the tiles
            url = url.replace("{s}", "abc"[(col + row) % 3])
        return url


def _from_json(entry) -> Source:
    return Source(
        name=str(entry["name"]), title=str(entry.get("title") or entry["name"]), url=str(entry["url"]),
        tiling=str(entry.get("tiling", "rd")), levels=tuple(int(v) for v in entry.get("levels", (0, 16))),
        default_levels=tuple(int(v) for v in entry.get("default_levels", entry.get("levels", (6, 13)))),
        attribution=str(entry.get("attribution", "")), licence=str(entry.get("licence", "")),
        format=str(entry.get("format", "png")), typical_tile_bytes=int(entry.get("typical_tile_bytes", 20000)))


def _read(path) -> list:
    try:
        data = json.loads(open(path, encoding="utf-8").read())
        return [_from_json(entry) for entry in data["sources"]]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValidationError(_("Het bronnenbestand voor basiskaarten {path} is onbruikbaar: {error}")
                              .format(path=path, error=error)) from None


def available() -> dict:
    """name -> Source, the bundled ones first, then those of WORKBENCH_BASEMAP_SOURCES."""
    sources = {source.name: source for source in _read(resource("basemaps.json"))}
    extra = os.environ.get(ENVIRONMENT_FILE)
    if extra:
        sources.update({source.name: source for source in _read(extra)})
    return sources


def from_template(url, tiling="rd", attribution=None, levels=None) -> Source:
    """A source for a URL template a user typed: XYZ (``{z}/{x}/{y}``, ``{-y}`` for TMS
    rows, ``{s}`` for a/b/c subdomains) or a WMTS REST template (``{TileMatrix}``,
    ``{TileCol}``, ``{TileRow}``)."""
    import hashlib

    if tiling not in TILINGS:
        raise ValidationError(_("Onbekende tegelindeling '{tiling}'; kies rd of webmercator.").format(tiling=tiling))
    for wmts, xyz in WMTS_NAMES.items():
        url = url.replace(wmts, xyz)
    parts = urlsplit(url.replace("{s}.", ""))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("'{url}' is geen webadres (http:// of https://).").format(url=url))
    missing = [key for key in ("{z}", "{x}", "{y}") if key not in url.replace("{-y}", "{y}")]
    if missing:
        raise ValidationError(_("Het webadres mist {keys}; een tegeladres bevat {{z}}, {{x}} en {{y}}.")
                              .format(keys=", ".join(missing)))
    unknown = sorted(set(re.findall(r"\{[^}]*\}", url)) - {"{z}", "{x}", "{y}", "{-y}", "{s}"})
    if unknown:
        raise ValidationError(_("Het webadres bevat {keys}; vul die zelf in (alleen {{z}}, {{x}}, {{y}}, {{-y}} en "
                                "{{s}} worden ingevuld).").format(keys=", ".join(unknown)))
    image_format = "jpeg" if parts.path.lower().endswith((".jpg", ".jpeg")) else "png"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:6]
    name = re.sub(r"[^a-z0-9]+", "-", parts.hostname.lower()).strip("-")[:40] + "-" + digest
    default = (6, 13) if tiling == "rd" else (8, 13)
    # the layer list and `basemap list` show the title: the user's own credit line reads
    # better there than a web address
    title = attribution or _("Eigen kaart ({host})").format(host=parts.hostname)
    return Source(name=name, title=title, url=url, tiling=tiling,
                  levels=levels or (0, 20), default_levels=levels or default,
                  attribution=attribution or _("Kaart: {host}").format(host=parts.hostname), format=image_format)


def resolve(name_or_url, tiling=None, attribution=None) -> Source:
    """A named source, or a source for a typed URL template; ``tiling`` and
    ``attribution`` override a named source's when given."""
    from dataclasses import replace

    if "{" in name_or_url or "://" in name_or_url:
        return from_template(name_or_url, tiling or "rd", attribution)
    sources = available()
    if name_or_url not in sources:
        raise ValidationError(_("Onbekende bron '{name}'. Kies uit: {names}, of geef een webadres met {{z}}/{{x}}/{{y}}.")
                              .format(name=name_or_url, names=", ".join(sources)))
    source = sources[name_or_url]
    if tiling and tiling != source.tiling:
        if tiling not in TILINGS:
            raise ValidationError(_("Onbekende tegelindeling '{tiling}'; kies rd of webmercator.").format(
                tiling=tiling))
        source = replace(source, tiling=tiling)
    if attribution:
        source = replace(source, attribution=attribution)
    return source
