"""Plan execution: fetches, merging, error re-pathing, response shaping."""
