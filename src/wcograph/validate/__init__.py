"""Stage 3, checks: SHACL shapes read (shacl_shapes.py) and run by the fast engine (fast_shacl.py)
or the reference engines (reference_shacl.py), the check queries and findings' origins (run.py),
reports (findings.py), citations against the source texts (citations.py), notes (notes_lint.py)."""
