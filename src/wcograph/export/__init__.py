"""Exports of the graph, one module per family of formats."""
