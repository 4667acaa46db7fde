"""The incident record: one schema, its validation, and loading from files."""
