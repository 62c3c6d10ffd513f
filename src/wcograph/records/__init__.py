"""Stage 1, records: the curated YAML read and checked against the schema (model.py, load.py,
references.py) and the source texts the records cite (sources.py)."""
