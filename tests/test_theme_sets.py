"""Theme sets: Heerlen's three pillars and eleven sub-themes, the six kernthema's, empty."""

import itertools

from workbench.core import theme_sets
from workbench.io.projects import new_project
from workbench.style import hex_to_rgb


def lab(color):
    """CIE L*a*b* of an sRGB colour (D65), to judge how different two colours look."""
    def linear(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in hex_to_rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a, b):
    return sum((p - q) ** 2 for p, q in zip(lab(a), lab(b))) ** 0.5


def test_heerlen_set_has_three_pillars_with_eleven_sub_themes(tmp_path):
    project = new_project(tmp_path / "p.gpkg", "Test", "heerlen-2050")
    pillars = [t for t in project.themes() if t.parent_uuid is None]
    subs = [t for t in project.themes() if t.parent_uuid is not None]
    assert [p.name for p in pillars] == ["Vitaal, leefbaar en gezond Heerlen", "Dé tuinstad van Parkstad",
                                         "Centrumstad en economische motor van Parkstad"]
    assert len(subs) == 11
    assert {"Groen verbindt", "Wonen als fundament", "Moderne mobiliteit", "Het kind voorop"} <= {s.name for s in subs}
    assert all(t.description for t in project.themes())
    project.close()


def test_sub_theme_colours_stay_distinguishable():
    data = theme_sets.load("heerlen-2050")
    colors = [child["color"] for pillar in data["themes"] for child in pillar["children"]]
    closest = min(delta_e(a, b) for a, b in itertools.combinations(colors, 2))
    assert closest > 20, closest  # clearly different, also on a cheap printer


def test_kernthemas_and_empty_set(tmp_path):
    project = new_project(tmp_path / "k.gpkg", "Test", "kernthemas")
    assert len(project.themes()) == 6
    project.close()
    empty = new_project(tmp_path / "l.gpkg", "Elders", "leeg", municipality="Sittard-Geleen")
    assert empty.themes() == [] and empty.reference_layers() == [] and empty.info.municipality == "Sittard-Geleen"
    empty.close()


def test_the_same_bundled_theme_has_the_same_uuid_in_every_project(tmp_path):
    a = new_project(tmp_path / "a.gpkg", "A", "heerlen-2050")
    b = new_project(tmp_path / "b.gpkg", "B", "heerlen-2050")
    assert {t.uuid for t in a.themes()} == {t.uuid for t in b.themes()}
    a.close()
    b.close()
