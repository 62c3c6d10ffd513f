"""Benchmarks for issue 7: wcograph's engines against the reference baselines at 1x, 10x, 100x.

``python -m benchmarks.run`` runs them; ``benchmarks/scale.py`` scales the real curated graph.
"""
