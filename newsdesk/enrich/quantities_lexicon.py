"""The words :mod:`newsdesk.enrich.quantities` reads figures with: scales, currencies, measures, markers.

Kept apart from the finder so that the rules read as rules and the vocabulary as vocabulary. These are
closed lists on purpose: a figure's unit, currency or scale is one of a few hundred words in English
news, and a dictionary lookup costs nothing next to a statistical tagger (the enrichment budget without
spaCy is a few milliseconds per article).

>>> SCALES["bn"], CURRENCY_SYMBOLS["£"], MEASURES["km"]
(1000000000, 'GBP', 'km')
"""

from __future__ import annotations

#: Multipliers written after a figure ("1.2 million", "£30m", "Rs 300 crore").
SCALES: dict[str, int] = {
    "thousand": 1_000, "k": 1_000,
    "million": 1_000_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000, "b": 1_000_000_000, "bln": 1_000_000_000,
    "trillion": 1_000_000_000_000, "tn": 1_000_000_000_000, "tr": 1_000_000_000_000,
    "lakh": 100_000, "lakhs": 100_000, "crore": 10_000_000, "crores": 10_000_000,
}
#: Scales that are also measures when no currency is near ("30m" is thirty metres on its own).
AMBIGUOUS_SCALES = frozenset({"m", "b", "k"})

#: Symbols and prefixes written before an amount, with their ISO 4217 code.
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "HK$": "HKD",
    "NZ$": "NZD", "S$": "SGD", "NT$": "TWD", "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY",
    "₹": "INR", "R": "ZAR", "Rs": "INR", "Rs.": "INR", "₩": "KRW", "₺": "TRY", "₽": "RUB", "₪": "ILS", "₦": "NGN",
    "USD": "USD", "EUR": "EUR", "GBP": "GBP", "JPY": "JPY", "CNY": "CNY", "INR": "INR", "CHF": "CHF",
    "AUD": "AUD", "CAD": "CAD", "RMB": "CNY", "TRY": "TRY", "RUB": "RUB",
}
#: Currency names written after an amount ("5 million euros"). "pounds" is here only after a scale word
#: or before "sterling"; on its own it is a weight (see the finder).
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "lira": "TRY", "liras": "TRY",
    "riyal": "SAR", "riyals": "SAR", "dirham": "AED", "dirhams": "AED", "shekel": "ILS", "shekels": "ILS",
    "naira": "NGN", "rand": "ZAR", "won": "KRW", "francs": "CHF", "swiss francs": "CHF",
    "usd": "USD", "eur": "EUR", "gbp": "GBP",
}

#: Measures, as written (lower-cased) -> the unit reported: the symbol where one is usual.
MEASURES: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm", "millimetres": "mm", "millimeters": "mm",
    "mile": "mi", "miles": "mi", "mi": "mi", "ft": "ft", "feet": "ft", "foot": "ft", "inch": "in",
    "inches": "in", "yards": "yd", "yard": "yd", "nautical miles": "nmi",
    "kg": "kg", "kgs": "kg", "kilogram": "kg", "kilograms": "kg", "kilo": "kg", "kilos": "kg",
    "g": "g", "grams": "g", "gram": "g", "mg": "mg", "milligrams": "mg",
    "t": "t", "tonne": "t", "tonnes": "t", "ton": "t", "tons": "t", "metric tons": "t", "lb": "lb",
    "lbs": "lb", "pound": "lb", "pounds": "lb", "ounces": "oz", "oz": "oz",
    "barrel": "bbl", "barrels": "bbl", "bpd": "bbl/d", "litre": "l", "litres": "l", "liter": "l",
    "liters": "l", "gallons": "gal", "gallon": "gal", "cubic metres": "m3", "cubic meters": "m3",
    "hectare": "ha", "hectares": "ha", "ha": "ha", "acre": "acre", "acres": "acre",
    "sq km": "km2", "square kilometres": "km2", "square kilometers": "km2", "square miles": "mi2",
    "square metres": "m2", "square meters": "m2", "square feet": "ft2", "sq ft": "ft2",
    "km/h": "km/h", "kph": "km/h", "mph": "mph", "knots": "kn",
    "degrees": "°", "°c": "°C", "°f": "°F", "degrees celsius": "°C", "degrees fahrenheit": "°F",
    "mw": "MW", "gw": "GW", "kw": "kW", "kwh": "kWh", "mwh": "MWh", "gwh": "GWh", "twh": "TWh",
    "megawatts": "MW", "gigawatts": "GW", "kilowatts": "kW",
    "gb": "GB", "tb": "TB", "mb": "MB",
    "cup": "cup", "cups": "cup", "tsp": "tsp", "teaspoon": "tsp", "teaspoons": "tsp", "tbsp": "tbsp",
    "tablespoon": "tbsp", "tablespoons": "tbsp",
}
#: Multi-word measures, longest first, so that "square kilometres" wins over "square".
MULTIWORD_MEASURES = tuple(sorted((m for m in MEASURES if " " in m), key=len, reverse=True))

#: Words before a figure that make it approximate or a bound; the figure's span starts at them.
APPROX_MARKERS = (
    "an estimated", "approximately", "approx.", "about", "around", "roughly", "nearly", "almost",
    "some", "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "as much as", "as few as", "close to", "upwards of", "in excess of", "just over", "just under",
    "well over", "over", "under", "estimated", "an approximate", "no fewer than", "no more than",
    "in the region of", "circa", "c.",
)

#: Cardinal number words and their values.
UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}
#: Scales spelt out in words ("three hundred", "two dozen", "half a million").
WORD_SCALES: dict[str, int] = {
    "dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "lakh": 100_000, "crore": 10_000_000,
}

#: Plural nouns that do not end in -s, and collective nouns counted without a plural ("2,500 personnel").
IRREGULAR_PLURALS = frozenset({
    "people", "personnel", "children", "men", "women", "police", "staff", "cattle", "livestock", "crew",
    "feet", "teeth", "mice", "geese", "sheep", "deer", "fish", "aircraft", "troops", "militia", "clergy",
    "youth", "offspring", "data", "media", "infantry", "folk", "cavalry", "artillery",
})
#: Words ending in -s that are not plurals of counted nouns.
FALSE_PLURALS = frozenset({
    "is", "was", "has", "does", "as", "this", "its", "his", "hers", "ours", "theirs", "yours", "us", "thus",
    "plus", "minus", "less", "unless", "across", "always", "perhaps", "news", "series", "various",
    "previous", "serious", "famous", "numerous", "jobless", "homeless", "says", "gets", "goes", "makes",
    "takes", "comes", "means", "seems", "remains", "includes", "becomes", "shows", "rises", "falls",
    "whereas", "besides", "afterwards", "towards", "upwards", "downwards", "overseas", "nationwide",
    "whilst", "sometimes", "nevertheless", "regardless", "alas", "yes", "gas", "bus", "focus",
    "status", "census", "bonus", "virus", "campus", "consensus", "crisis", "basis", "analysis",
})
#: Words that end the noun phrase after a figure: it has no counted noun past them.
NP_STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "from", "by", "for",
    "with", "without", "into", "onto", "over", "under", "about", "after", "before", "since", "until",
    "than", "that", "which", "who", "whom", "whose", "what", "when", "where", "while", "as", "per",
    "is", "are", "was", "were", "be", "been", "being", "will", "would", "shall", "should", "can",
    "could", "may", "might", "must", "do", "does", "did", "have", "has", "had", "not", "no", "if",
    "so", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "its", "my",
    "this", "these", "those", "there", "here", "also", "then", "each", "every", "all", "more", "less",
    "said", "says", "say", "told", "against", "between", "among", "during", "through", "across",
    "out", "up", "down", "off", "away", "back", "only", "just", "even", "still", "yet", "ago",
    "times", "percent", "cent", "once", "twice", "again", "too", "very", "most", "some", "any", "such",
})
#: Words before a figure that make it a label, not a quantity ("page 3", "No. 10", "Article 5").
LABEL_WORDS = frozenset({
    "page", "pages", "pp", "p", "ch", "section", "article", "chapter", "number", "no", "nos", "room", "flight",
    "route", "line", "item", "paragraph", "para", "clause", "verse", "episode", "season", "level",
    "phase", "stage", "round", "version", "model", "category", "grade", "gate", "platform", "terminal",
    "district", "ward", "block", "lot", "unit", "vol", "volume", "issue", "figure", "fig", "table",
    "rule", "resolution", "amendment", "highway", "road", "street", "avenue", "apartment", "suite",
    "floor", "channel", "code", "ref", "id", "tel", "phone", "fax", "game", "match", "week", "day",
    "class", "term", "part", "step", "act", "scene", "track", "exit", "bus", "train", "squad", "top",
})
#: Words after a figure that make it a time of day ("10 am", "9 o'clock").
CLOCK_WORDS = frozenset({"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "o'clock", "gmt", "utc", "bst", "et",
                         "est", "edt", "pt", "pst", "cet", "cest", "hrs", "h", "uhr"})
#: Fraction words: after a number word they make a share ("one third"), not a count.
FRACTIONS = frozenset({
    "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "sixth", "sixths",
    "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths", "tenth", "tenths",
})
