"""Precision and recall of `wcograph ingest`, drafted against curated by hand (issue 14).

    .venv/bin/python -m benchmarks.ingest_eval --seeds             # the seed news articles
    .venv/bin/python -m benchmarks.ingest_eval TEXT_DIR [--json]   # <source-id>.txt files

The seed articles sit beside the checkout (../shared/seeds); the web articles' texts are not
redistributed, so a curator who wants to re-measure saves each page's text as
``<source-id>.txt`` (the id it has in data/sources.yaml) in a folder of their own.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from wcograph.assets import DATA_DIR
from wcograph.errors import WcographError
from wcograph.ingest.evaluate import evaluate
from wcograph.records.load import load_data
from wcograph.records.sources import sources_dir
from wcograph.validate.citations import source_documents


def seed_articles(data_dir: Path) -> list[tuple[str, Path]]:
    documents = source_documents(data_dir)
    return [
        (doc.id, sources_dir() / doc.file)
        for doc in documents.values()
        if doc.kind == "news-article" and doc.file and (sources_dir() / doc.file).exists()
    ]


def folder_articles(folder: Path) -> list[tuple[str, Path]]:
    return [(path.stem, path) for path in sorted(folder.glob("*.txt"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--seeds", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA_DIR)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = seed_articles(args.data) if args.seeds else folder_articles(args.folder)
    try:
        result = evaluate(texts, load_data(args.data))
    except WcographError as err:
        raise SystemExit(f"error: {err}") from None
    if args.json:
        print(json.dumps({"articles": result.articles, "fields": result.rows()}, indent=2))
        return
    print(f"{len(result.articles)} articles: {', '.join(result.articles)}")
    print(f"{'field':<16}{'drafted':>8}{'curated':>8}{'right':>7}{'precision':>11}{'recall':>8}")
    for row in result.rows():
        p = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        r = "-" if row["recall"] is None else f"{row['recall']:.2f}"
        print(
            f"{row['field']:<16}{row['drafted']:>8}{row['curated']:>8}{row['right']:>7}{p:>11}{r:>8}"
        )


if __name__ == "__main__":
    main()
