"""Reading a north-up GeoTIFF's placement from its GeoTIFF tags, with Pillow (no GDAL at
run time): ModelPixelScale + ModelTiepoint (or a ModelTransformation without rotation),
and the EPSG code from the GeoKey directory.
"""

import os
from dataclasses import dataclass

from workbench.errors import ValidationError
from workbench.i18n import _

MODEL_PIXEL_SCALE, MODEL_TIEPOINT, MODEL_TRANSFORMATION, GEO_KEY_DIRECTORY = 33550, 33922, 34264, 34735
GT_RASTER_TYPE, GEOGRAPHIC_TYPE, PROJECTED_TYPE = 1025, 2048, 3072
SUPPORTED = {28992: 28992, 4326: 4326, 3857: 3857, 3785: 3857, 900913: 3857, 102100: 3857}


@dataclass
class GeoTiff:
    image: object          # PIL image, RGBA
    epsg: int
    origin_x: float        # top-left corner of the top-left pixel
    origin_y: float
    pixel_size: float      # x size of a pixel (CRS units)
    pixel_size_y: float
    title: str
    photo: bool            # many colours: stored as JPEG


def _geo_keys(directory) -> dict:
    values = [int(v) for v in directory]
    keys = {}
    for index in range(4, 4 + 4 * values[3], 4):
        key, location, _count, value = values[index:index + 4]
        if location == 0:
            keys[key] = value
    return keys


def read_geotiff(path) -> GeoTiff:
    from PIL import Image

    name = os.path.basename(path)
    try:
        image = Image.open(path)
        tags = dict(image.tag_v2)
        image.load()
    except Image.DecompressionBombError:
        raise ValidationError(_("{name} is te groot om in te lezen; knip het eerst bij tot het gebied.").format(
            name=name)) from None
    except Exception as error:  # Pillow: OSError, SyntaxError, ValueError for damaged files
        raise ValidationError(_("{name} kan niet worden gelezen: {error}").format(name=name, error=error)) from None
    keys = _geo_keys(tags[GEO_KEY_DIRECTORY]) if GEO_KEY_DIRECTORY in tags else {}
    code = keys.get(PROJECTED_TYPE) or keys.get(GEOGRAPHIC_TYPE)
    if code not in SUPPORTED:
        raise ValidationError(_("{name} heeft geen (of een onbekend) coördinatenstelsel; alleen RD (EPSG:28992), "
                                "WGS84 (EPSG:4326) en web mercator (EPSG:3857) worden ondersteund.").format(name=name))
    if MODEL_PIXEL_SCALE in tags and MODEL_TIEPOINT in tags:
        scale_x, scale_y = (float(v) for v in tags[MODEL_PIXEL_SCALE][:2])
        i, j, _k, x, y = (float(v) for v in tags[MODEL_TIEPOINT][:5])
        origin_x, origin_y = x - i * scale_x, y + j * scale_y
    elif MODEL_TRANSFORMATION in tags:
        m = [float(v) for v in tags[MODEL_TRANSFORMATION]]
        if abs(m[1]) > 1e-12 or abs(m[4]) > 1e-12:
            raise ValidationError(_("{name} is gedraaid; alleen een noord-boven GeoTIFF kan een basiskaart zijn.")
                                  .format(name=name))
        scale_x, scale_y, origin_x, origin_y = m[0], -m[5], m[3], m[7]
    else:
        raise ValidationError(_("{name} heeft geen plaatsing (GeoTIFF-tags); maak het met QGIS of GDAL opnieuw.")
                              .format(name=name))
    if scale_x <= 0 or scale_y <= 0:
        raise ValidationError(_("{name} is gedraaid; alleen een noord-boven GeoTIFF kan een basiskaart zijn.")
                              .format(name=name))
    if keys.get(GT_RASTER_TYPE) == 2:  # PixelIsPoint: the tiepoint is a pixel's centre
        origin_x, origin_y = origin_x - scale_x / 2, origin_y + scale_y / 2
    epsg = SUPPORTED[code]
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    thumbnail = image.convert("RGB").resize((64, 64))
    photo = len(thumbnail.getcolors(64 * 64) or []) > 256
    return GeoTiff(image.convert("RGBA"), epsg, origin_x, origin_y, scale_x, scale_y,
                   os.path.splitext(name)[0], photo)
