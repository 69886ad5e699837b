"""training has no mutation payloads yet (it has no mutations)."""
