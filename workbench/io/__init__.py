"""Import, export, merging and the sample-project recipes. No Qt."""
