"""training has no input types yet (it has no mutations)."""
