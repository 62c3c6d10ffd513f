"""Stage 3, questions: query headers (header.py), the library of .rq files (library.py), running
(run.py), binding parameters (binding.py) and names (resolve.py), answering (answer.py), answers
as text (tables.py) and full-text search (search.py)."""
