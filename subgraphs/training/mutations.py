"""training has no mutations yet."""
