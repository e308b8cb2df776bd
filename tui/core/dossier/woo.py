"""The Woo's redaction grounds as the law words them (articles 5.1 and 5.2), for the ledger;
the old Wob's (articles 10 and 11) for releases decided under it.

Codes are kantlijn's short form (see :mod:`tui.core.anchoring.grounds`); each has the article
it stands for and the interest it protects, in the words of the Wet open overheid.
"""

from __future__ import annotations

from tui.core.anchoring.grounds import GROUND_LABELS

_LIDS = {"1": "eerste lid", "2": "tweede lid", "5": "vijfde lid"}

WORDING: dict[str, str] = {
    "5.1.1a": "de eenheid van de Kroon in gevaar kan brengen",
    "5.1.1b": "de veiligheid van de Staat kan schaden",
    "5.1.1c": "bedrijfs- en fabricagegegevens die door natuurlijke personen of rechtspersonen "
              "vertrouwelijk aan de overheid zijn meegedeeld",
    "5.1.1d": "persoonsgegevens als bedoeld in paragraaf 3.1 of 3.2 van de Uitvoeringswet "
              "Algemene verordening gegevensbescherming (bijzondere persoonsgegevens)",
    "5.1.1e": "nummers ter identificatie van personen (artikel 46 van de Uitvoeringswet "
              "Algemene verordening gegevensbescherming)",
    "5.1.2a": "de betrekkingen van Nederland met andere staten en met internationale "
              "organisaties",
    "5.1.2b": "de economische of financiële belangen van de Staat, andere publiekrechtelijke "
              "lichamen of bestuursorganen",
    "5.1.2c": "de opsporing en vervolging van strafbare feiten",
    "5.1.2d": "inspectie, controle en toezicht door bestuursorganen",
    "5.1.2e": "de eerbiediging van de persoonlijke levenssfeer",
    "5.1.2f": "de bescherming van andere dan in het eerste lid, onderdeel c, genoemde "
              "concurrentiegevoelige bedrijfs- en fabricagegegevens",
    "5.1.2g": "de bescherming van het milieu waarop deze informatie betrekking heeft",
    "5.1.2h": "de beveiliging van personen of bedrijven en het voorkomen van sabotage",
    "5.1.2i": "het goed functioneren van de Staat, andere publiekrechtelijke lichamen of "
              "bestuursorganen",
    "5.1.5": "onevenredige benadeling van een ander belang dan genoemd in het eerste of "
             "tweede lid",
    "5.2": "persoonlijke beleidsopvattingen in documenten opgesteld voor intern beraad",
    "5.4": "informatie waarvoor artikel 5.4 van de Woo een uitzondering maakt",
    "10.1a": "de eenheid van de Kroon in gevaar kan brengen",
    "10.1b": "de veiligheid van de Staat kan schaden",
    "10.1c": "bedrijfs- en fabricagegegevens die vertrouwelijk aan de overheid zijn "
             "meegedeeld",
    "10.1d": "bijzondere persoonsgegevens",
    "10.2a": "de betrekkingen van Nederland met andere staten en met internationale "
             "organisaties",
    "10.2b": "de economische of financiële belangen van de Staat, andere publiekrechtelijke "
             "lichamen of bestuursorganen",
    "10.2c": "de opsporing en vervolging van strafbare feiten",
    "10.2d": "inspectie, controle en toezicht door bestuursorganen",
    "10.2e": "de eerbiediging van de persoonlijke levenssfeer",
    "10.2f": "het belang dat de geadresseerde erbij heeft als eerste kennis te kunnen nemen "
             "van de informatie",
    "10.2g": "het voorkomen van onevenredige bevoordeling of benadeling",
    "11.1": "persoonlijke beleidsopvattingen in documenten opgesteld voor intern beraad",
}
"""Code -> what disclosure would harm, as the article words it (abridged)."""

CODES: tuple[str, ...] = tuple(GROUND_LABELS)
"""Every ground, in the order of the law."""


def article(code: str) -> str:
    """``"5.1.2a"`` -> ``"art. 5.1, tweede lid, onder a Woo"``; ``"10.2e"`` -> the Wob's."""
    if code in ("5.2", "5.4"):
        return f"art. {code} Woo"
    if code == "11.1":
        return "art. 11, eerste lid Wob"
    if code.startswith("10."):
        return f"art. 10, {_LIDS.get(code[3], code[3])}, onder {code[4:]} Wob"
    if code == "5.1.5":
        return "art. 5.1, vijfde lid Woo"
    lid, letter = code[4], code[5:]
    return f"art. 5.1, {_LIDS.get(lid, lid)}, onder {letter} Woo"


def absolute(code: str) -> bool:
    """True for the absolute grounds (Woo 5.1 and Wob 10 first lid): no weighing."""
    return code.startswith(("5.1.1", "10.1"))
