"""The visie-toets: rankings, theme coverage, goal progress. No Qt, no SQL."""
