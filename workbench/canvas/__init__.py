"""The map canvas (Qt): the scene that mirrors the project, the view and its tools."""
