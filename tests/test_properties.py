"""Property tests: whatever text or shape users produce, storing it is safe and exact."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, Point

from workbench.core.commands import AddIntervention, EditIntervention
from workbench.core.text import clean_text
from workbench.store import gpkg_blob, open_project

coordinates = st.floats(min_value=-7000, max_value=300000, allow_nan=False, allow_infinity=False)


@given(st.text())
def test_clean_text_leaves_no_control_characters(text):
    cleaned = clean_text(text, multiline=False)
    assert "\n" not in cleaned and cleaned == cleaned.strip()
    assert not any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in cleaned)


@given(st.lists(st.tuples(coordinates, coordinates), min_size=2, max_size=50))
def test_blobs_round_trip_exactly(points):
    line = LineString(points)
    assert gpkg_blob.decode(gpkg_blob.encode(line)).equals_exact(line, 0)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(title=st.text(min_size=1, max_size=300).filter(lambda t: clean_text(t, multiline=False)),
       description=st.text(max_size=500))
def test_any_title_and_description_is_stored_exactly_as_cleaned(empty_project, title, description):
    command = empty_project.execute(AddIntervention(title, Point(195000, 325000), description=description))
    stored = open_project(empty_project.path, read_only=True)
    try:
        item = stored.get("intervention", command.uuid)
        assert item.title == clean_text(title, multiline=False)
        assert item.description == clean_text(description)
    finally:
        stored.close()
    empty_project.execute(EditIntervention(command.uuid, title="x"))
