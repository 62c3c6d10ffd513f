"""ISO 3166-1 codes for WCO Members, from pycountry's copy of the ISO tables.

A Member is a customs administration, named after its country or territory. The code comes from
the curated ``country`` field when there is one, else from an exact match of the Member's label
against ISO's names (never a fuzzy one: "Korea" matches two countries and must be said).
"""

from __future__ import annotations

from dataclasses import dataclass

import pycountry

EU_COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"
"""The EU Publications Office's authority table: one IRI per ISO 3166-1 alpha-3 code."""


@dataclass(frozen=True)
class Country:
    alpha_2: str
    alpha_3: str
    name: str

    @property
    def iri(self) -> str:
        return EU_COUNTRY_AUTHORITY + self.alpha_3


def by_code(alpha_2: str) -> Country:
    """The country with this ISO 3166-1 alpha-2 code; ValueError if ISO has none."""
    found = pycountry.countries.get(alpha_2=alpha_2.upper())
    if found is None:
        raise ValueError(f"{alpha_2!r} is not an ISO 3166-1 alpha-2 country code")
    return Country(found.alpha_2, found.alpha_3, found.name)


def by_name(name: str) -> Country | None:
    """The country whose ISO name, official name or common name is exactly ``name``."""
    try:
        found = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return Country(found.alpha_2, found.alpha_3, found.name)
