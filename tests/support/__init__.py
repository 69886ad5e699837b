"""Shared test harness."""
