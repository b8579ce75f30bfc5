"""Domain model, commands with do/undo, and events. No Qt, no SQL."""
