"""Hostile input and load: nothing crashes, nothing leaks, nothing executes."""
