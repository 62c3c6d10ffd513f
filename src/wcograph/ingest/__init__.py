"""Drafting curated records from a new article or report (``wcograph ingest``)."""
