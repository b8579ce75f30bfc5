"""Goal progress: the sum of a goal's quantity over the interventions linked to it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class GoalProgress:
    goal: object
    interventions: tuple       # linked interventions, by number
    total: float | None        # None when the goal has no quantity to add up
    target: float | None

    @property
    def fraction(self) -> float | None:
        """total / target, or None when either is missing or the target is zero."""
        if self.total is None or not self.target:
            return None
        return self.total / self.target


def goal_progress(project) -> list:
    """[GoalProgress] for every goal, in the project's goal order."""
    rows = []
    items = project.interventions()
    for goal in project.goals():
        linked = tuple(item for item in items if goal.uuid in item.goal_uuids)
        total = None
        if goal.quantity_key:
            total = sum(item.quantity(goal.quantity_key) or 0.0 for item in linked)
        rows.append(GoalProgress(goal, linked, total, goal.target))
    return rows
