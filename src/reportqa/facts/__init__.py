"""Figures as data: every figure of a passage as a fact row, and the diff of two editions."""
