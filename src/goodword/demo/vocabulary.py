"""The words the demo network is made of: names, places, industries, titles, event kinds.

Lists are long enough that a few thousand people rarely share a full name, and spread
across cultures because a real professional network is.
"""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES: tuple[str, ...] = _words(
    """
    Aaliyah Aaron Abigail Adaeze Aditi Adrian Ahmed Aiko Aisha Alejandro Alex Alice Amara
    Amir Ana Andre Andrea Anika Anthony Arjun Astrid Ayesha Beatriz Ben Bianca Bilal Brandon
    Bridget Camila Carlos Caroline Chen Chidi Chloe Chris Claire Daniel Darius David Deepa
    Diego Dmitri Elena Eli Elif Emeka Emily Emma Eric Esther Ethan Fatima Felix Fernanda
    Fiona Gabriel Grace Hannah Haruto Hassan Hector Helen Hiroshi Ian Ifeoma Ines Ingrid
    Isaac Isabel Ivan Jack Jamal James Jasmine Javier Jenna Jin Joao Jonah Jordan Jose Julia
    Julian Kai Kamala Karim Kate Kenji Kevin Kwame Lakshmi Laura Leah Lena Leo Liam Lina
    Lucas Lucia Luis Maya Malik Marco Maria Mariam Mark Mateo Mei Mia Michael Miguel Mina
    Mohammed Nadia Naomi Nathan Nia Nikhil Noah Nora Olivia Omar Oscar Owen Pablo Paula
    Priya Rafael Rahul Rania Raquel Rebecca Ricardo Rohan Rosa Ryan Sakura Samuel Sana Sara
    Sean Sofia Sophie Stefan Sunil Tariq Tessa Thomas Tomas Valentina Victor Vikram Wei
    Xavier Yara Yasmin Yuki Yusuf Zainab Zara Zoe Zoë Søren Björn Chloé Renée João José
    """
)

LAST_NAMES: tuple[str, ...] = _words(
    """
    Abara Abbott Adeyemi Agarwal Ahmed Alvarez Andersen Anderson Araujo Bailey Baker
    Banerjee Barnes Bauer Becker Bennett Bergstrom Bhatt Brooks Brown Campbell Castillo
    Chang Chen Cho Clarke Cohen Collins Cruz Das Davies Delgado Diaz Dubois Edwards Eriksson
    Evans Fischer Fitzgerald Flores Foster Garcia Gomez Gonzalez Gupta Haddad Hall Hansen
    Harris Hayes Hernandez Hill Hoffman Hughes Ibrahim Ito Iyer Jackson Jensen Johansson
    Johnson Jones Kapoor Kaur Kelly Khan Kim Klein Kowalski Kumar Larsen Lee Lewis Li Lim
    Lopez Martin Martinez Mehta Meyer Miller Mitchell Moreno Morgan Murphy Mwangi Nakamura
    Nguyen Novak Nwosu Obi Okafor Oliveira Olsen Ortiz Park Patel Perez Petrov Phillips Pham
    Quinn Ramirez Rao Reddy Reyes Richter Rivera Roberts Robinson Rodriguez Rossi Russo
    Saito Sanchez Santos Schmidt Schneider Shah Sharma Silva Singh Sokolov Sullivan Suzuki
    Takahashi Tanaka Taylor Thompson Torres Tran Turner Vargas Walker Wang Ward Weber
    Williams Wilson Wong Wu Yamamoto Yang Young Zhang Zhou
    O'Brien Nuñez Müller Sørensen D'Souza Gómez Nowak Mbeki
    """
)

MIDDLE_INITIALS = "ABCDEFGHJKLMNPRSTVW"


@dataclass(frozen=True)
class City:
    name: str
    country: str
    weight: float
    # E.164 prefix of the fictional 555 range (or the UK drama range), None when none exists.
    phone_prefix: str | None
    phone_digits: int = 4


CITIES: tuple[City, ...] = (
    City("San Francisco", "United States", 26, "+1415555"),
    City("Oakland", "United States", 5, "+1510555"),
    City("San Jose", "United States", 5, "+1408555"),
    City("Palo Alto", "United States", 6, "+1650555"),
    City("Los Angeles", "United States", 7, "+1213555"),
    City("Seattle", "United States", 6, "+1206555"),
    City("Austin", "United States", 6, "+1512555"),
    City("Denver", "United States", 4, "+1303555"),
    City("Chicago", "United States", 5, "+1312555"),
    City("New York", "United States", 10, "+1212555"),
    City("Boston", "United States", 5, "+1617555"),
    City("Miami", "United States", 3, "+1305555"),
    City("Atlanta", "United States", 3, "+1404555"),
    City("Toronto", "Canada", 3, "+1416555"),
    City("London", "United Kingdom", 4, "+447700900", 3),
    City("Dublin", "Ireland", 1, None),
    City("Berlin", "Germany", 1, None),
    City("Singapore", "Singapore", 1, None),
)

OWNER_CITY = 0  # San Francisco: most of the owner's direct contacts live there too
# Street names common enough to exist in many cities; house numbers make them fictional.
STREETS = _words("Market Main Oak Pine Maple Cedar Elm Mill Church Park Lake Hill Station Bridge")


@dataclass(frozen=True)
class Industry:
    name: str
    weight: float
    suffixes: tuple[str, ...]
    titles: tuple[str, ...]
    head: str  # the title of whoever runs an organisation in this industry


def _industry(name: str, weight: float, suffixes: str, titles: str, head: str) -> Industry:
    return Industry(name, weight, tuple(suffixes.split("|")), tuple(titles.split("|")), head)


INDUSTRIES: tuple[Industry, ...] = (
    _industry(
        "Software",
        14,
        "Software|Labs|Systems|Technologies|AI|Cloud",
        "Software Engineer|Engineering Manager|CTO|Product Manager|VP Sales|COO",
        "Founder & CEO",
    ),
    _industry(
        "SaaS",
        10,
        "HQ|Cloud|Platform|App|Hub",
        "Customer Success Lead|Head of Growth|Account Executive|VP Engineering|CFO",
        "Co-founder & CEO",
    ),
    _industry(
        "Fintech",
        8,
        "Pay|Capital|Finance|Ledger|Money",
        "Head of Risk|Compliance Officer|CFO|Product Lead|Head of Partnerships",
        "Founder & CEO",
    ),
    _industry(
        "Healthcare",
        6,
        "Health|Clinic|Medical Group|Care",
        "Practice Manager|Medical Director|Operations Manager|Nurse Lead",
        "Managing Director",
    ),
    _industry(
        "Legal",
        4,
        "LLP|Law Group|Legal|& Partners",
        "Associate|Senior Associate|Paralegal|General Counsel",
        "Managing Partner",
    ),
    _industry(
        "Banking",
        4,
        "Bank|Bancorp|Trust|Savings",
        "Relationship Manager|Branch Manager|Credit Analyst|VP Commercial Banking",
        "President",
    ),
    _industry(
        "Marketing",
        6,
        "Media|Creative|Agency|Studio|Digital",
        "Marketing Director|Brand Strategist|Content Lead|Account Director",
        "Founder & Creative Director",
    ),
    _industry(
        "Real Estate",
        4,
        "Properties|Realty|Estates|Spaces",
        "Broker|Leasing Manager|Property Manager|Agent",
        "Principal Broker",
    ),
    _industry(
        "Manufacturing",
        4,
        "Manufacturing|Industries|Works|Fabrication",
        "Plant Manager|Supply Chain Lead|Controller|Operations Director",
        "President",
    ),
    _industry(
        "Retail",
        4,
        "Goods|Market|Supply|Outfitters|Co",
        "Store Manager|Merchandising Lead|E-commerce Manager|Buyer",
        "Owner",
    ),
    _industry(
        "Nonprofit",
        3,
        "Foundation|Alliance|Network|Initiative",
        "Program Director|Development Director|Volunteer Coordinator|Board Member",
        "Executive Director",
    ),
    _industry(
        "Government",
        2,
        "Agency|Office|Department|Authority",
        "Policy Advisor|Economic Development Officer|Procurement Officer|Analyst",
        "Director",
    ),
    _industry(
        "Education",
        3,
        "Academy|Institute|Learning|School",
        "Professor|Program Manager|Career Services Lead|Dean",
        "Principal",
    ),
    _industry(
        "Insurance",
        3,
        "Insurance|Assurance|Underwriters|Mutual",
        "Broker|Underwriter|Account Manager|Claims Manager",
        "CEO",
    ),
    _industry(
        "Consulting",
        6,
        "Consulting|Advisors|Partners|Group|Strategy",
        "Consultant|Senior Consultant|Engagement Manager|Principal",
        "Managing Partner",
    ),
    _industry(
        "Venture Capital",
        2,
        "Ventures|Capital|Fund|Partners",
        "Associate|Principal|Platform Lead|Analyst",
        "General Partner",
    ),
    _industry(
        "Accounting",
        3,
        "CPAs|Accounting|Tax|Bookkeeping",
        "Staff Accountant|Tax Manager|Bookkeeper|Audit Senior",
        "Managing Partner",
    ),
    _industry(
        "Hospitality",
        3,
        "Hospitality|Hotels|Kitchen|Events",
        "General Manager|Events Manager|Sales Manager|Chef",
        "Owner",
    ),
    _industry(
        "Media",
        2,
        "Media|Press|Studios|Broadcasting",
        "Editor|Producer|Journalist|Head of Partnerships",
        "Publisher",
    ),
    _industry(
        "Biotech",
        3,
        "Bio|Therapeutics|Genomics|Biosciences",
        "Research Scientist|Lab Manager|Head of Finance|BD Director",
        "Founder & CEO",
    ),
)

TECH_INDUSTRIES = ("Software", "SaaS", "Fintech")
GENERIC_TITLES = (
    "Head of People",
    "Marketing Director",
    "CFO",
    "Office Manager",
    "Sales Director",
    "Operations Manager",
    "Business Development Manager",
    "Executive Assistant",
    "Controller",
)

NAME_STARTS = _words(
    """
    Blue North Silver Bright Iron Clear Golden Red Summit Harbor Cedar Maple Oak Pine River
    Stone Sky Sun Star Moon Bay Coast Lake Green Swift True Bold Prime Nova Apex Arc Beacon
    Canyon Copper Crescent Crystal Delta Ember Falcon Fern Granite Hawk Juniper Lantern
    Meadow Orchid
    """
)
NAME_ENDS = _words(
    """
    peak field stone wave bridge line path light works gate point ridge view side well brook
    forge mark spring crest wood shore vale haven way port land rock grove
    """
)

TAGS: tuple[str, ...] = (
    "founder",
    "funded",
    "investor",
    "banker",
    "chamber",
    "bni",
    "alumni",
    "client",
    "lawyer",
    "community",
    "speaker",
    "board",
)

TIE_NOTES = (
    "Sat next to each other at a chamber breakfast.",
    "Worked together on a fundraising round.",
    "Old university friends.",
    "Neighbours; kids go to the same school.",
    "Met through the founders' Slack.",
    "Served on a nonprofit board together.",
)
