"""Stage 2, triples: records -> triples (build.py, the only place that mints IRIs), the facts
derived from them (derive.py, timeline.py: what holds when), the store (store.py) and its
serialisations (serialize.py)."""
