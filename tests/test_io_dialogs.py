"""The import and merge dialogs, offscreen: what a user sees and what ends up in the project."""

import json
import shutil

from workbench.core.commands import AddIntervention
from tests.ui_fixtures import dialogs  # noqa: F401 (fixture)
from workbench.store import open_project


def write(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def point(props):
    return {"type": "Feature", "properties": props, "geometry": {"type": "Point", "coordinates": [5.97, 50.91]}}


def test_import_dialog_previews_guesses_and_imports(qtbot, project, tmp_path):
    from workbench.ui.import_dialog import ImportDialog

    path = write(tmp_path / "ideeen.geojson", [point({"kop": "<b>Eerste</b>", "thema": "Groen verbindt"}),
                                               point({"kop": "Tweede", "thema": "Nergens"}),
                                               {"type": "Feature", "properties": {"kop": "Leeg"}, "geometry": None}])
    dialog = ImportDialog(project, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 1).text() == "<b>Eerste</b>"
    assert dialog.preview.item(2, 0).text() == "geen plek"  # an idea without a place
    assert dialog.combos["theme"].currentData() == "thema"
    assert "3 bruikbare objecten van 3; 0 hersteld, 0 overgeslagen." in dialog.file_messages.text()
    dialog.combos["title"].setCurrentIndex(dialog.combos["title"].findData("kop"))
    before = len(project.all("intervention"))
    assert dialog.do_import()
    assert len(project.all("intervention")) == before + 3
    assert project.interventions()[-3].title == "<b>Eerste</b>"
    assert project.interventions()[-1].geometry is None
    assert "Thema 'Nergens' bestaat niet in het project" in dialog.result.toPlainText()


def test_import_dialog_shows_a_refusal_and_imports_nothing(qtbot, project, tmp_path):
    from workbench.ui.import_dialog import ImportDialog

    path = tmp_path / "kapot.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    dialog = ImportDialog(project, path)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "geen geldige JSON" in dialog.error.text(), timeout=10_000)
    assert dialog.source is None
    assert not dialog.ok_button.isEnabled()


def test_merge_dialog_merges_and_summarises(qtbot, sample_path, tmp_path):
    from shapely.geometry import Point

    from workbench.ui.merge_dialog import MergeDialog

    laptop = tmp_path / "laptop.gpkg"
    shutil.copy(sample_path, laptop)
    other = open_project(laptop)
    other.execute(AddIntervention("Van de laptop", Point(195000, 325500)))
    other.close()
    project = open_project(sample_path)
    try:
        dialog = MergeDialog(project)
        qtbot.addWidget(dialog)
        assert not dialog.do_merge()
        assert "Kies eerst de bestanden" in dialog.error.text()
        dialog.add_files([laptop, laptop])
        assert dialog.paths() == [str(laptop)]
        assert dialog.do_merge()
        assert [i.title for i in project.interventions()][-1] == "Van de laptop"
        assert "Toegevoegd: 1 idee." in dialog.result.toPlainText()
    finally:
        project.close()


def test_import_dialog_lets_the_user_choose_a_layer_and_import_as_reference(qtbot, project, tmp_path):
    import numpy as np
    import pyogrio
    import shapely
    from shapely.geometry import Point

    from workbench.ui.import_dialog import ImportDialog

    path = tmp_path / "lagen.gpkg"
    for layer, name in (("bomen", "Eik"), ("bankjes", "Bank")):
        pyogrio.raw.write(str(path), np.array([shapely.to_wkb(Point(195000, 325800))], dtype=object),
                          [np.array([name], dtype=object)], ["naam"], driver="GPKG", layer=layer,
                          crs="EPSG:28992", geometry_type="Point")
    dialog = ImportDialog(project, path)
    qtbot.addWidget(dialog)
    assert dialog.layer.isVisibleTo(dialog) and dialog.layer.count() == 2
    dialog.layer.setCurrentIndex(dialog.layer.findData("bomen"))
    qtbot.waitUntil(lambda: dialog.source is not None and "bomen" in dialog.source.name, timeout=10_000)
    assert dialog.preview.item(0, 1).text() == "Eik"
    dialog.as_reference.setChecked(True)
    assert not dialog.create_themes.isEnabled()
    dialog.layer_name.setText("Bomen uit QGIS")
    assert dialog.do_import()
    layer = next(r for r in project.reference_layers() if r.name == "Bomen uit QGIS")
    assert layer.features[0].label == "Eik"


def test_merge_dialog_asks_before_merging_another_project(qtbot, dialogs, sample_path, caumerbeekdal_path):
    from qtpy.QtWidgets import QMessageBox

    from workbench.ui.merge_dialog import MergeDialog

    project = open_project(sample_path)
    try:
        count = len(project.interventions())
        dialog = MergeDialog(project)
        qtbot.addWidget(dialog)
        dialog.add_files([caumerbeekdal_path])
        dialogs.answer = QMessageBox.StandardButton.No
        assert not dialog.do_merge()
        assert "ander project" in dialogs.texts()
        assert "niets samengevoegd" in dialog.error.text()
        assert len(project.interventions()) == count
        dialogs.answer = QMessageBox.StandardButton.Yes
        assert dialog.do_merge()
        assert len(project.interventions()) > count
    finally:
        project.close()


def combo_text_room(combo) -> int:
    """The width a combo has for its current text (the field left of its arrow)."""
    from qtpy.QtWidgets import QStyle, QStyleOptionComboBox

    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    return field.width()


def test_import_dialog_shows_each_mapping_whole_and_fits_a_1280x800_screen(qtbot, project, tmp_path):
    """"(niet gebruiken)" was cut to "(niet gebrui": the combos kept the width they had
    when still empty, before the file was read."""
    from workbench.ui.import_dialog import ImportDialog

    props = {"naam": "Groene verbinding langs de Caumerbeek", "thema": "Groen verbindt", "bijeenkomst": "Avond 1",
             "omschrijving": "Een wandelpad met bomen en bankjes langs de beek, om de honderd meter een bank",
             "stemmen": 4, "ingediend_door": "bewoner", "opmerking_van_de_gemeente": "nog bekijken"}
    path = write(tmp_path / "wijkavond.geojson", [point(dict(props, naam=f"Idee {n}")) for n in range(12)])
    dialog = ImportDialog(project, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    assert "(niet gebruiken)" in {combo.currentText() for combo in dialog.combos.values()}
    dialog.combos["votes"].setCurrentIndex(dialog.combos["votes"].findData("opmerking_van_de_gemeente"))
    for size in (dialog.size(), dialog.minimumSizeHint()):  # as opened, and made as small as it goes
        dialog.resize(size)
        qtbot.waitUntil(lambda: dialog.size() == size.expandedTo(dialog.minimumSize()))
        for key, combo in dialog.combos.items():
            text = combo.currentText()
            assert combo_text_room(combo) >= combo.fontMetrics().horizontalAdvance(text), (key, text, size)
        assert dialog.width() <= 1280 and dialog.height() <= 800
    assert dialog.preview.rowCount() == 12 and dialog.preview.item(0, 4).toolTip().startswith("Een wandelpad")


def test_import_dialog_with_a_very_long_property_name_stays_on_the_screen(qtbot, project, tmp_path):
    """A 300-character property name made the combos insist on 420 px each: the dialog
    grew past the screen's edge (the smallest screen here, offscreen's, is 800 px)."""
    from workbench.ui.import_dialog import ImportDialog

    long_name = "toelichting_" + "x" * 288
    path = write(tmp_path / "lang.geojson", [point({"naam": f"Idee {n}", long_name: "tekst"}) for n in range(3)])
    dialog = ImportDialog(project, path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.source is not None, timeout=10_000)
    dialog.combos["description"].setCurrentIndex(dialog.combos["description"].findData(long_name))
    qtbot.wait(50)
    screen = dialog.screen().availableGeometry()
    assert screen.contains(dialog.frameGeometry()), (screen, dialog.frameGeometry(), dialog.minimumSize())
    assert dialog.combos["description"].toolTip() == long_name or dialog.combos["description"].currentText() == long_name
