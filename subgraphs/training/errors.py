"""training has no error codes yet: it has no mutations, so no payload errors."""
