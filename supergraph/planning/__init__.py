"""Supergraph reading and query planning (plans are plain data, see ``plan.py``)."""
