"""Review: any sequence of commands, undos and redos keeps memory and file equal."""

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from shapely.geometry import LineString, Point, Polygon

from tests.helpers import reopened_snapshot, snapshot
from workbench.core import commands as c
from workbench.core import setup_commands as s
from workbench.core import theme_commands as tc
from workbench.core.model import ReferenceFeature, ReferenceLayer, new_uuid
from workbench.errors import ValidationError
from workbench.store import open_project

SHAPES = st.sampled_from([Point(195000, 325000), LineString([(195000, 325000), (195100, 325050)]),
                          Polygon([(195000, 325000), (195100, 325000), (195100, 325100)])])
TEXT = st.text(max_size=20)


def make_machine(original):
    class Commands(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.folder = tempfile.mkdtemp()
            path = Path(self.folder) / "werk.gpkg"
            shutil.copy(original, path)
            self.project = open_project(path)

        def teardown(self):
            self.project.close()
            shutil.rmtree(self.folder, ignore_errors=True)

        def pick(self, data, kind):
            items = list(self.project.state.entities[kind])
            return data.draw(st.sampled_from(items)) if items else new_uuid()

        def run(self, command):
            before = snapshot(self.project)
            try:
                self.project.execute(command)
            except ValidationError:
                assert snapshot(self.project) == before

        @rule(data=st.data(), title=TEXT, shape=SHAPES)
        def add_idea(self, data, title, shape):
            themes = data.draw(st.lists(st.sampled_from(list(self.project.state.entities["theme"]) or ["x"]),
                                        max_size=2))
            self.run(c.AddIntervention(title or "Idee", shape, themes))

        @rule(data=st.data(), title=TEXT)
        def edit_idea(self, data, title):
            goals = data.draw(st.lists(st.sampled_from(list(self.project.state.entities["goal"]) or ["x"]),
                                       max_size=2))
            self.run(c.EditIntervention(self.pick(data, "intervention"), title=title, goal_uuids=goals,
                                        quantities={"homes": data.draw(st.integers(0, 5))}))

        @rule(data=st.data(), dx=st.floats(-50, 50))
        def move(self, data, dx):
            self.run(c.MoveInterventions([self.pick(data, "intervention")], dx, 1))

        @rule(data=st.data())
        def delete_ideas(self, data):
            self.run(c.DeleteInterventions([self.pick(data, "intervention"), self.pick(data, "intervention")]))

        @rule(data=st.data(), delta=st.integers(-3, 3))
        def votes(self, data, delta):
            self.run(c.AddVotes(self.pick(data, "intervention"), delta, self.pick(data, "session")))

        @rule(data=st.data(), text=TEXT)
        def quote(self, data, text):
            self.run(c.AddQuote(text or "Zin", "", self.pick(data, "intervention"), self.pick(data, "session")))

        @rule(data=st.data())
        def edit_quote(self, data):
            self.run(c.EditQuote(self.pick(data, "quote"), intervention_uuid=self.pick(data, "intervention"),
                                 session_uuid=self.pick(data, "session")))

        @rule(data=st.data())
        def delete_quote(self, data):
            self.run(c.DeleteQuote(self.pick(data, "quote")))

        @rule(name=TEXT)
        def add_theme(self, name):
            self.run(tc.AddTheme(name or "Thema"))

        @rule(data=st.data())
        def reparent_theme(self, data):
            self.run(tc.EditTheme(self.pick(data, "theme"), parent_uuid=self.pick(data, "theme")))

        @rule(data=st.data())
        def delete_theme(self, data):
            self.run(tc.DeleteTheme(self.pick(data, "theme")))

        @rule(data=st.data(), title=TEXT)
        def add_goal(self, data, title):
            self.run(tc.AddGoal(title or "Doel", theme_uuid=self.pick(data, "theme")))

        @rule(data=st.data())
        def delete_goal(self, data):
            self.run(tc.DeleteGoal(self.pick(data, "goal")))

        @rule(title=TEXT)
        def add_session(self, title):
            self.run(s.AddSession(title or "Avond"))

        @rule(data=st.data())
        def current_session(self, data):
            self.project.set_current_session(self.pick(data, "session"))

        @rule(data=st.data())
        def delete_session(self, data):
            self.run(s.DeleteSession(self.pick(data, "session")))

        @rule(size=st.integers(1, 3))
        def set_area(self, size):
            self.run(s.SetArea(Point(195000, 325000).buffer(size * 100)))

        @rule(name=TEXT)
        def add_layer(self, name):
            feature = ReferenceFeature(new_uuid(), "wijk", Point(195000, 325000).buffer(10), (("a", "1"),))
            self.run(s.AddReferenceLayer(ReferenceLayer(new_uuid(), name or "Laag", "", (feature,))))

        @rule(data=st.data())
        def delete_layer(self, data):
            self.run(s.DeleteReferenceLayer(self.pick(data, "reference_layer")))

        @rule(data=st.data(), fail=st.booleans())
        def batch(self, data, fail):
            uuid = new_uuid()
            parts = [c.AddIntervention("In batch", Point(195000, 325000), uuid=uuid),
                     c.AddVotes(uuid, 2, self.pick(data, "session")),
                     c.EditIntervention(uuid, title="Hernoemd")]
            if fail:
                parts.append(c.EditIntervention(uuid, status="onzin"))
            self.run(s.Batch("Samen", parts))

        @rule(number=st.integers(0, 3))
        def save_as(self, number):
            from workbench.io.save_as import save_as

            save_as(self.project, Path(self.folder) / f"kopie-{number}.gpkg")

        @precondition(lambda self: self.project.undo_stack.can_undo())
        @rule()
        def undo(self):
            self.project.undo_stack.undo()

        @precondition(lambda self: self.project.undo_stack.can_redo())
        @rule()
        def redo(self):
            self.project.undo_stack.redo()

        @invariant()
        def memory_is_the_file(self):
            assert snapshot(self.project) == reopened_snapshot(self.project.path)

    return Commands


def test_random_edits_undos_and_redos_keep_memory_and_file_equal(sample_path):
    machine = make_machine(sample_path)
    machine.TestCase.settings = settings(max_examples=25, stateful_step_count=30, deadline=None,
                                         suppress_health_check=list(HealthCheck))
    machine.TestCase().runTest()
