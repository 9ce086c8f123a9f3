"""Gold graph for the sample corpus in corpus/, in the shape of shared/CONTRACT.md.

Run it to (re)write corpus_gold.json next to this file. Document ids are the corpus file
names without extension. Every piece of evidence is checked against its article.

Optional items are neither required (recall) nor penalised (precision): they mark judgement
calls. A node is optional when it is marked so, or when no required edge touches it (a node
counts as required only if it takes part in at least one required fact), unless it is forced
required with required=True.

Statuses are those known at the end of the corpus (November 2025).
"""

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "corpus"

N = {}
FORCED = set()


def node(id, type, name, aliases=(), optional=False, required=False, **attrs):
    assert id not in N, id
    N[id] = {"id": id, "type": type, "name": name, "aliases": list(aliases), "attributes": attrs}
    if optional:
        N[id]["optional"] = True
    if required:
        FORCED.add(id)


E = {}


def edge(src, type, dst, doc, text, optional=False, **attrs):
    """One fact; the same (source, type, target) read again adds evidence. It is optional
    only if every reading of it is."""
    key = (src, type, dst)
    if key not in E:
        E[key] = {
            "source": src,
            "type": type,
            "target": dst,
            "attributes": dict(attrs),
            "evidence": [],
            "optional": True,
        }
    e = E[key]
    for k, v in attrs.items():
        assert e["attributes"].get(k, v) == v, (key, k, v)
        e["attributes"][k] = v
    e["evidence"].append({"document": doc, "text": text})
    e["optional"] = e["optional"] and optional


# ---------------------------------------------------------------- documents
D_GA = "2024-12-04-gallium-germanium-antimony-ban"
D_APR = "2025-04-04-rare-earth-countermeasures"
D_AN = "2025-04-17-analysis-licence-not-ban"
D_GEN = "2025-05-12-geneva-tariff-truce"
D_SUS = "2025-05-14-mofcom-pauses-entity-measures"
D_PAR = "2025-06-07-wang-wentao-sefcovic-green-channel"
D_LON = "2025-06-11-london-talks-briefing"
D_SUM = "2025-07-25-eu-china-summit-analysis"
D_OCT = "2025-10-09-extraterritorial-rare-earth-rules"
D_BUS = "2025-10-30-trump-xi-busan"
D_NOV = "2025-11-10-mofcom-suspends-gallium-ban"
D_NOTE = "undated-note"

# ---------------------------------------------------------------- shared nodes
# Ministries and other bodies
node(
    "ministry/mofcom",
    "Ministry",
    "Ministry of Commerce",
    [
        "MOFCOM",
        "MofCom",
        "commerce ministry",
        "Commerce Ministry",
        "Ministry of Commerce of the People's Republic of China",
    ],
)
node(
    "ministry/gac", "Ministry", "General Administration of Customs", ["GAC", "China Customs", "customs administration"]
)
node(
    "ministry/customs-tariff-commission",
    "Ministry",
    "Customs Tariff Commission of the State Council",
    ["Customs Tariff Commission", "Tariff Commission"],
)
node("ministry/state-council", "Ministry", "State Council", ["State Council of China"])
node(
    "ministry/us-commerce",
    "Ministry",
    "U.S. Department of Commerce",
    ["US Commerce Department", "Commerce Department", "Department of Commerce"],
)
node(
    "ministry/us-treasury",
    "Ministry",
    "U.S. Department of the Treasury",
    ["US Treasury", "Treasury", "Treasury Department"],
)
node(
    "ministry/ustr", "Ministry", "Office of the United States Trade Representative", ["USTR", "US Trade Representative"]
)
node("ministry/european-commission", "Ministry", "European Commission", ["Commission"])
node("ministry/european-council", "Ministry", "European Council", [])
node("ministry/white-house", "Ministry", "White House", [], optional=True)

# States, blocs, groups, media, forums
node("entity/china", "Entity", "China", ["Beijing", "PRC", "People's Republic of China"], kind="state")
node(
    "entity/united-states",
    "Entity",
    "United States",
    ["US", "U.S.", "USA", "Washington", "United States of America"],
    kind="state",
)
node("entity/european-union", "Entity", "European Union", ["EU", "Brussels"], kind="bloc")
node("entity/16-us-entities", "Entity", "16 US entities", ["16 U.S. entities"], kind="group")
node("entity/11-us-companies", "Entity", "11 US companies", ["11 U.S. companies", "11 US entities"], kind="group")
node("entity/28-us-entities", "Entity", "28 U.S. entities", ["28 US entities"], kind="group")
node("entity/17-us-entities", "Entity", "17 US entities", ["17 U.S. entities"], kind="group")
node("entity/140-companies", "Entity", "About 140 companies", ["140 companies"], kind="group")
node("entity/xinhua", "Entity", "Xinhua", ["Xinhua News Agency"], kind="media")
node("entity/oecd", "Entity", "OECD", ["Organisation for Economic Co-operation and Development"], kind="forum")
node("entity/apec", "Entity", "Asia-Pacific Economic Cooperation", ["APEC"], kind="forum")
node("entity/russia", "Entity", "Russia", [], kind="state")
node("entity/ukraine", "Entity", "Ukraine", [], kind="state")

# Officials
node("official/wang-wentao", "Official", "Wang Wentao", [])
node("official/maros-sefcovic", "Official", "Maroš Šefčovič", ["Maros Sefcovic", "Šefčovič", "Sefcovic"])
node("official/he-lifeng", "Official", "He Lifeng", [])
node("official/scott-bessent", "Official", "Scott Bessent", ["Bessent"])
node("official/jamieson-greer", "Official", "Jamieson Greer", ["Greer"])
node("official/howard-lutnick", "Official", "Howard Lutnick", ["Lutnick"])
node("official/li-chenggang", "Official", "Li Chenggang", [])
node("official/xi-jinping", "Official", "Xi Jinping", ["Xi"])
node("official/donald-trump", "Official", "Donald Trump", ["Trump"])
node("official/ursula-von-der-leyen", "Official", "Ursula von der Leyen", ["von der Leyen", "Von der Leyen"])
node("official/antonio-costa", "Official", "António Costa", ["Antonio Costa", "Costa"])
node("official/li-qiang", "Official", "Li Qiang", [])

# Elements
for sym, name, z in [
    ("Sm", "samarium", 62),
    ("Gd", "gadolinium", 64),
    ("Tb", "terbium", 65),
    ("Dy", "dysprosium", 66),
    ("Lu", "lutetium", 71),
    ("Sc", "scandium", 21),
    ("Y", "yttrium", 39),
    ("Ho", "holmium", 67),
    ("Er", "erbium", 68),
    ("Tm", "thulium", 69),
    ("Eu", "europium", 63),
    ("Yb", "ytterbium", 70),
    ("Ga", "gallium", 31),
    ("Ge", "germanium", 32),
    ("Sb", "antimony", 51),
]:
    node(f"element/{name}", "Element", name.capitalize(), [], symbol=sym, atomic_number=z)
SEVEN = ["samarium", "gadolinium", "terbium", "dysprosium", "lutetium", "scandium", "yttrium"]
FIVE = ["holmium", "erbium", "thulium", "europium", "ytterbium"]

# Materials
node("material/superhard-materials", "Material", "Superhard materials", ["superhard material"])
node("material/graphite", "Material", "Graphite", ["graphite items"])
node(
    "material/chipmaking-tools",
    "Material",
    "Chipmaking tools",
    ["chipmaking equipment", "semiconductor manufacturing equipment"],
)
node("material/hbm", "Material", "High-bandwidth memory", ["HBM", "high-bandwidth memory chips"])
node(
    "material/rare-earth-magnets",
    "Material",
    "Rare-earth magnets",
    ["magnets", "permanent magnets", "rare-earth permanent magnets"],
)
node("material/ndfeb", "Material", "NdFeB magnets", ["neodymium-iron-boron magnets", "NdFeB"])
node("material/smco", "Material", "SmCo magnets", ["samarium-cobalt magnets", "SmCo"])
node(
    "material/rare-earth-technologies",
    "Material",
    "Rare-earth technologies",
    [
        "rare-earth technology",
        "technologies for rare-earth mining, smelting and separation, magnet manufacturing and recycling",
        "know-how used to mine and process rare earths",
    ],
)
node(
    "material/rare-earth-production-equipment",
    "Material",
    "Rare-earth production equipment",
    ["equipment for rare-earth production"],
)
node("material/lithium-battery-materials", "Material", "Lithium-battery materials", ["lithium battery materials"])

# Sectors
node("sector/semiconductors", "Sector", "Semiconductors", ["semiconductor", "chips", "advanced chips", "chipmaking"])
node("sector/defense", "Sector", "Defense", ["defence", "military", "weapons"])
node("sector/electric-vehicles", "Sector", "Electric vehicles", ["EVs", "electric-vehicle motors", "electric motors"])
node("sector/wind-power", "Sector", "Wind power", ["wind turbines"])
node("sector/aerospace", "Sector", "Aerospace", [])
node("sector/medical-imaging", "Sector", "Medical imaging", ["medical scanners", "MRI", "PET scanners"])
node("sector/automotive", "Sector", "Automotive industry", ["carmakers", "car industry", "car-parts suppliers"])

# ---------------------------------------------------------------- measures
A46 = "measure/mofcom-announcement-46-2024"
node(
    A46,
    "Measure",
    "Ban on exports of gallium, germanium and antimony to the United States",
    [
        "Announcement No. 46",
        "Announcement No. 46 of 2024",
        "ban on gallium, germanium and antimony exports to the United States",
        "December 2024 ban on exports of gallium, germanium and antimony to the United States",
    ],
    kind="export_control",
    instrument="Announcement No. 46 of 2024",
    announced="2024-12-03",
    effective="2024-12-03",
    status="suspended",
)
GAGE23 = "measure/china-gallium-germanium-licensing-2023"
node(
    GAGE23,
    "Measure",
    "Licence requirement for gallium and germanium exports",
    ["gallium and germanium licences", "licensing of gallium and germanium exports"],
    kind="licensing",
    effective="2023-08",
    status="in_force",
)
SB24 = "measure/china-antimony-licensing-2024"
node(
    SB24,
    "Measure",
    "Licence requirement for antimony exports",
    ["antimony licensing regime"],
    kind="licensing",
    effective="2024-09",
    status="in_force",
)
USCHIP = "measure/us-chip-export-controls-2024-12"
node(
    USCHIP,
    "Measure",
    "US export controls on chipmaking tools and high-bandwidth memory",
    ["US chip export curbs", "curbs on chip sales to Chinese firms", "December 2024 US chip export controls"],
    kind="export_control",
    announced="2024-12-02",
)
USLIST140 = "measure/us-entity-listing-140-2024-12"
node(
    USLIST140,
    "Measure",
    "US listing of about 140 companies",
    ["trade blacklist listing"],
    # audit: no longer optional; CONTRACT Reading rules, each listing action is a `listing` Measure,
    # and CONVENTIONS Optional items, stated facts never are optional
    kind="listing",
    announced="2024-12-02",
)

A18 = "measure/mofcom-gac-announcement-18-2025"
node(
    A18,
    "Measure",
    "Export controls on seven medium and heavy rare earths",
    [
        "Announcement No. 18 of 2025",
        "Announcement No. 18",
        "licence requirement for seven rare earths",
        "licence requirement for seven rare-earth elements",
        "licensing system for seven heavy rare earths",
        "licence requirement for seven medium and heavy rare earths",
        "rare-earth export licences",
        "export controls on seven REEs",
        "REE export controls",
    ],
    kind="export_control",
    instrument="Announcement No. 18 of 2025",
    announced="2025-04-04",
    effective="2025-04-04",
    status="in_force",
)
USRECIP = "measure/us-reciprocal-tariffs-2025"
node(
    USRECIP,
    "Measure",
    "US reciprocal tariffs",
    ["reciprocal tariffs", '"reciprocal" tariffs', "tariffs unveiled by US President Donald Trump", "reciprocal rate"],
    kind="tariff",
    announced="2025-04-02",
)
USTARIFFS = "measure/us-tariffs-2025"  # generic "US tariffs", as in the seeds gold
node(
    USTARIFFS,
    "Measure",
    "US tariffs",
    ["tariffs", "US duties on Chinese goods", "additional levies on Chinese imports"],
    kind="tariff",
)
CN34 = "measure/china-34pct-tariff-2025-04"
node(
    CN34,
    "Measure",
    "Additional 34% tariff on US goods",
    ["34% levy", "additional 34% duty", "extra duty", "34% tariff on all goods imported from the United States"],
    kind="tariff",
    announced="2025-04-04",
    effective="2025-04-10",
)
CNRETAL = "measure/china-retaliatory-tariffs-2025"
node(
    CNRETAL,
    "Measure",
    "China's retaliatory tariffs on US goods",
    ["retaliatory duties on American goods"],
    # audit: no longer optional; CONVENTIONS Node typing, a generic reference the text ties down
    # (rate stated, said to be reduced from 125% to 10%) is required
    kind="tariff",
)
LIST16 = "measure/export-control-listing-16-us-entities-2025-04-04"
node(
    LIST16,
    "Measure",
    "Export control listing of 16 US entities",
    ["16 US entities added to the export control list"],
    kind="listing",
    announced="2025-04-04",
)
UEL11 = "measure/uel-listing-11-us-companies-2025-04-04"
node(
    UEL11,
    "Measure",
    "Unreliable entity listing of 11 US companies",
    ["11 US companies put on the unreliable entity list"],
    kind="listing",
    announced="2025-04-04",
)
ECLAW = "measure/prc-export-control-law"
node(
    ECLAW,
    "Measure",
    "Export Control Law of the People's Republic of China",
    ["Export Control Law", "China's Export Control Law", "PRC's Export Control Law"],
    kind="law",
    effective="2020-12",
    status="in_force",  # audit: CONVENTIONS Attributes, `in_force` supported ("in force since December 2020")
)
DUREG = "measure/dual-use-export-control-regulations"
node(
    DUREG,
    "Measure",
    "Regulations on the Export Control of Dual-Use Items",
    ["regulations for dual-use items", "dual-use export control regulations", "dual-use regulations"],
    kind="law",
    effective="2024-12",
)

TRUCE = "measure/us-china-tariff-truce-2025"
node(
    TRUCE,
    "Measure",
    "90-day tariff truce",
    [
        "tariff truce",
        "joint statement",
        "Geneva joint statement",
        "90-day tariff cut",
        "tariff cuts agreed in Geneva",
        "consensus from the Geneva talks",
    ],
    kind="truce",
    duration_days=90,
    announced="2025-05-12",
    effective="2025-05-14",
)
CNNTM = "measure/china-non-tariff-countermeasures-2025"
node(
    CNNTM,
    "Measure",
    "China's non-tariff countermeasures against the United States since April 2",
    ["non-tariff countermeasures"],
    optional=True,
    kind="other",
)
LIST28 = "measure/export-control-listing-28-us-entities-2025-04"
node(
    LIST28,
    "Measure",
    "April 2025 export control listings of 28 US entities",
    ["export control measures on 28 US entities", "export control measures imposed in April on 28 US entities"],
    kind="listing",
    announced="2025-04",
    status="suspended",  # audit: CONVENTIONS Attributes, `status` when supported ("The ministry suspended")
)
SUS28 = "measure/suspension-28-us-entities-2025"
node(
    SUS28,
    "Measure",
    "90-day suspension of export controls on 28 U.S. entities",
    ["suspension of export control measures on 28 US entities"],
    kind="suspension",
    duration_days=90,
    announced="2025-05-14",
    status="in_force",
)
UEL17 = "measure/uel-listing-17-us-entities-2025-04"
node(
    UEL17,
    "Measure",
    "April 2025 unreliable entity listings of 17 US entities",
    ["unreliable entity list measures on 17 US entities"],
    kind="listing",
    announced="2025-04",
    status="suspended",  # audit: CONVENTIONS Attributes, `status` when supported ("were suspended")
)
SUS17 = "measure/suspension-17-us-entities-uel-2025"
node(
    SUS17,
    "Measure",
    "90-day suspension of unreliable entity list measures on 17 US entities",
    ["suspension of measures on 17 US entities"],
    kind="suspension",
    duration_days=90,
    announced="2025-05-14",
    status="in_force",
)

GREEN = "measure/eu-green-channel"
node(
    GREEN,
    "Measure",
    "Green channel for eligible export licence applications",
    ["green channel", "green channel for eligible applications"],
    kind="licensing",
    status="in_force",
)
LONFW = "measure/london-framework-2025"
node(
    LONFW,
    "Measure",
    "Framework for implementing the Geneva consensus and the leaders' call",
    ["framework", "London framework", "framework agreed in London"],
    kind="truce",  # audit: CONVENTIONS Attributes, bilateral trade agreements are kind `truce` (was `other`)
    status="proposed",
)
USRECENT = "measure/us-export-restrictions-2025-05"
node(
    USRECENT,
    "Measure",
    "US export restrictions adopted after the Geneva talks",
    ["export restrictions Washington had adopted in recent weeks"],
    optional=True,
    kind="export_control",
)
MECH = "measure/eu-china-export-supply-mechanism-2025"
node(
    MECH,
    "Measure",
    "Upgraded export supply mechanism",
    ["upgraded export supply mechanism", "rare-earth mechanism", "export supply mechanism"],
    kind="other",
    announced="2025-07-24",  # audit: CONVENTIONS Attributes, relative date ("Thursday's summit") resolved
)
CLIMATE = "measure/eu-china-climate-statement-2025"
node(
    CLIMATE,
    "Measure",
    "EU-China joint statement on climate change",
    ["joint statement on climate change"],
    optional=True,
    kind="other",
)

A61 = "measure/mofcom-announcement-61-2025"
node(
    A61,
    "Measure",
    "Export controls on foreign-made items containing Chinese-origin rare earths",
    [
        "Announcement No. 61",
        "Announcement No. 61 of 2025",
        "extraterritorial rule",
        "rule on foreign-made items with Chinese rare-earth content",
    ],
    kind="export_control",
    instrument="Announcement No. 61",
    announced="2025-10-09",
    effective="2025-12-01",
    status="suspended",
)
A62 = "measure/mofcom-announcement-62-2025"
node(
    A62,
    "Measure",
    "Export controls on rare-earth technologies",
    ["Announcement No. 62", "Announcement No. 62 of 2025", "controls on rare-earth technologies"],
    kind="export_control",
    instrument="Announcement No. 62",
    announced="2025-10-09",
    effective="2025-10-09",
    status="suspended",
)
FIVE_RE = "measure/controls-five-rare-earths-2025-10"
node(
    FIVE_RE,
    "Measure",
    "Export controls on five additional medium and heavy rare earths",
    ["controls on holmium, erbium, thulium, europium and ytterbium", "controls on five additional rare earths"],
    kind="export_control",
    announced="2025-10-09",
    effective="2025-11-08",
    status="suspended",
)
EQUIP = "measure/controls-rare-earth-equipment-2025-10"
node(
    EQUIP,
    "Measure",
    "Export controls on rare-earth production equipment",
    [],
    optional=True,
    kind="export_control",
    announced="2025-10-09",
    status="suspended",
)
LIB = "measure/controls-lithium-battery-materials-2025-10"
node(
    LIB,
    "Measure",
    "Export controls on lithium-battery materials",
    [],
    optional=True,
    kind="export_control",
    announced="2025-10-09",
    status="suspended",
)
SUPERHARD = "measure/controls-superhard-materials-2025-10"
node(
    SUPERHARD,
    "Measure",
    "Export controls on superhard materials",
    [],
    optional=True,
    kind="export_control",
    announced="2025-10-09",
    status="suspended",
)
OCT9 = "measure/october-9-export-controls-2025"
node(
    OCT9,
    "Measure",
    "Export control measures announced on 9 October 2025",
    [
        "October 9 measures",
        "export control measures announced on October 9",
        "package announced on 9 October 2025",
        "export controls announced on 9 October",
    ],
    kind="export_control",
    announced="2025-10-09",
    status="suspended",
)

THREAT100 = "measure/us-100pct-tariff-threat-2025"
node(
    THREAT100,
    "Measure",
    "Additional 100% tariff on Chinese goods (threatened)",
    ["additional 100% tariff", "100% tariff"],
    kind="tariff",
    status="proposed",
    date_text="from November 1",
)
FENT = "measure/us-fentanyl-tariff"
node(
    FENT,
    "Measure",
    "US fentanyl-related tariff on Chinese goods",
    ["fentanyl tariff", "tariff he imposed over fentanyl flows"],
    kind="tariff",
)
FENTCUT = "measure/us-fentanyl-tariff-cut-2025"
node(
    FENTCUT,
    "Measure",
    "Cut of the fentanyl-related tariff to 10%",
    ["fentanyl tariff cut"],
    kind="tariff",
    announced="2025-10-30",  # audit: CONVENTIONS Attributes, relative date resolved (said on the flight home Thursday)
    status="in_force",
)
USAFF = "measure/us-affiliates-rule-2025"
node(
    USAFF,
    "Measure",
    "US affiliates rule",
    ["50% rule", "affiliates rule", "rule extending export restrictions to affiliates of listed companies"],
    kind="export_control",
    status="suspended",
)
SUSAFF = "measure/suspension-us-affiliates-rule-2025"
node(
    SUSAFF,
    "Measure",
    "One-year suspension of the US affiliates rule",
    ["suspension of the affiliates rule"],
    kind="suspension",
    status="in_force",
)
SUSOCT9 = "measure/suspension-october-9-controls-2025"
node(
    SUSOCT9,
    "Measure",
    "One-year suspension of the 9 October export control measures",
    ["suspension of the October 9 measures", "announced suspension"],
    kind="suspension",
    expires="2026-11-10",
    status="in_force",
)
SUS46 = "measure/suspension-announcement-46-2025"
node(
    SUS46,
    "Measure",
    "Suspension of the ban on gallium, germanium and antimony exports to the United States",
    ["suspension of the gallium, germanium and antimony ban"],
    kind="suspension",
    announced="2025-11-09",
    effective="2025-11-09",
    expires="2026-11-27",
    status="in_force",
)
BUSANDEAL = "measure/busan-agreement-2025"
node(
    BUSANDEAL,
    "Measure",
    "Busan de-escalation agreement",
    ["agreement reached in Busan", "de-escalation agreed in Busan"],
    optional=True,
    kind="truce",
)
GENLIC = "measure/china-general-licences-2025"
node(
    GENLIC,
    "Measure",
    "General licences for rare-earth exports",
    ["general licences"],
    optional=True,
    kind="licensing",
    status="reported",
)

# ---------------------------------------------------------------- meetings
GENEVA = "meeting/geneva-trade-talks-2025"
node(
    GENEVA,
    "Meeting",
    "China-U.S. trade talks in Geneva",
    ["Geneva talks", "Geneva trade talks", "China-US economic and trade talks in Geneva", "Geneva trade negotiations"],
    kind="talks",
    date="2025-05-10",
    end_date="2025-05-11",
    location="Geneva",
)
PARIS = "meeting/2025-06-03-wang-wentao-sefcovic"
node(
    PARIS,
    "Meeting",
    "Wang Wentao meets Maroš Šefčovič",
    ["Paris meeting"],
    kind="meeting",
    date="2025-06-03",
    location="Paris",
)
OECDMIN = "meeting/2025-06-oecd-ministerial"
node(
    OECDMIN,
    "Meeting",
    "OECD ministerial meeting",
    ["OECD Ministerial Council Meeting"],
    optional=True,
    kind="meeting",
    location="Paris",
)
CALL = "meeting/2025-06-05-us-china-leaders-call"
node(
    CALL,
    "Meeting",
    "Phone call between Xi Jinping and Donald Trump",
    ["June 5 call", "phone call between the two presidents", "call between the two heads of state"],
    kind="call",
    date="2025-06-05",
)
LONDON = "meeting/london-trade-talks-2025"
node(
    LONDON,
    "Meeting",
    "China-U.S. trade talks in London",
    ["London talks", "London round", "talks at Lancaster House"],
    kind="talks",
    date="2025-06-09",
    end_date="2025-06-10",
    location="London",
)
LONBRIEF = "meeting/2025-06-10-london-press-encounters"
node(
    LONBRIEF,
    "Meeting",
    "Press encounters after the London talks",
    ["briefing at Lancaster House"],
    optional=True,
    kind="briefing",
    date="2025-06-10",
    location="London",
)
SUMMIT = "meeting/2025-07-24-eu-china-summit"
node(
    SUMMIT,
    "Meeting",
    "EU-China summit in Beijing",
    ["EU-China summit", "summit", "Beijing summit"],
    kind="meeting",
    date="2025-07-24",
    location="Beijing",
)
APECSUM = "meeting/apec-summit-2025"
node(
    APECSUM,
    "Meeting",
    "APEC summit in South Korea",
    ["APEC summit", "Asia-Pacific Economic Cooperation summit"],
    optional=True,
    kind="meeting",
    location="South Korea",
)
KL = "meeting/kuala-lumpur-talks-2025"
node(
    KL,
    "Meeting",
    "US-China preparatory talks in Kuala Lumpur",
    ["Kuala Lumpur talks", "preparatory talks in Kuala Lumpur"],
    required=True,
    kind="talks",
    date="2025-10-25",
    end_date="2025-10-26",
    location="Kuala Lumpur",
)
BUSAN = "meeting/2025-10-30-trump-xi-busan"
node(
    BUSAN,
    "Meeting",
    "Trump-Xi meeting in Busan",
    ["Busan meeting", "meeting in Busan"],
    kind="meeting",
    date="2025-10-30",
    location="Busan",
)

# ================================================================ 2024-12-04 gallium/germanium/antimony ban
d = D_GA
s = "China has banned shipments of gallium, germanium and antimony to the United States, its commerce ministry said on Tuesday"
edge("entity/china", "ISSUED", A46, d, s)
edge("ministry/mofcom", "ISSUED", A46, d, s)
# audit: required (was optional); CONVENTIONS Edges, PART_OF ministry -> state where attached ("its commerce ministry")
edge("ministry/mofcom", "PART_OF", "entity/china", d, s)
for el in ["gallium", "germanium", "antimony"]:
    edge(A46, "COVERS", f"element/{el}", d, s)
edge(A46, "TARGETS", "entity/united-states", d, s)
# audit: added; CONTRACT Reading rules ISSUED, and CONVENTIONS Edges, a possessive on the measure counts
# ("Washington tightened its own curbs on chip sales to Chinese firms")
edge(
    "entity/united-states",
    "ISSUED",
    USCHIP,
    d,
    "China has banned shipments of gallium, germanium and antimony to the United States, its commerce ministry said on Tuesday, widening a contest over technology a day after Washington tightened its own curbs on chip sales to Chinese firms.",
)
s = "Under Announcement No. 46, the Ministry of Commerce said exports of the three metals and of superhard materials to the United States would in principle no longer be approved."
edge("ministry/mofcom", "ISSUED", A46, d, s)
edge(A46, "COVERS", "material/superhard-materials", d, s)
edge(
    A46,
    "COVERS",
    "material/graphite",
    d,
    "Shipments of graphite to American buyers will face stricter reviews of end users and end uses",
)
s = "The decision was widely seen as retaliation for a package the US Commerce Department unveiled on Monday, which restricted sales of chipmaking tools and high-bandwidth memory to China and put about 140 companies on a trade blacklist."
edge(A46, "RESPONDS_TO", USCHIP, d, s)
edge("ministry/us-commerce", "ISSUED", USCHIP, d, s)
edge("ministry/us-commerce", "PART_OF", "entity/united-states", d, "the US Commerce Department")
edge(USCHIP, "COVERS", "material/chipmaking-tools", d, s)
edge(USCHIP, "COVERS", "material/hbm", d, s)
edge(USCHIP, "TARGETS", "entity/china", d, s)
edge(USCHIP, "AFFECTS", "sector/semiconductors", d, s, optional=True)
# audit: the next three required (were optional); CONTRACT Reading rules, a listing action is a Measure;
# CONVENTIONS Edges, PART_OF Measure -> Measure required where the text states the package ("a package ... which ...")
edge(USLIST140, "PART_OF", USCHIP, d, s)
edge("ministry/us-commerce", "ISSUED", USLIST140, d, s)
edge(USLIST140, "TARGETS", "entity/140-companies", d, s)
s = "Beijing had already made exporters of gallium and germanium apply for licences since August 2023"
edge("entity/china", "ISSUED", GAGE23, d, s)
edge(GAGE23, "COVERS", "element/gallium", d, s)
edge(GAGE23, "COVERS", "element/germanium", d, s)
s = "brought antimony under a similar regime in September"
edge(
    "entity/china",
    "ISSUED",
    SB24,
    d,
    "Beijing had already made exporters of gallium and germanium apply for licences since August 2023 and brought antimony under a similar regime in September.",
)
edge(SB24, "COVERS", "element/antimony", d, s)
s = "Tuesday's step goes further by singling out one destination."
edge(A46, "MODIFIES", GAGE23, d, s, optional=True)
edge(A46, "MODIFIES", SB24, d, s, optional=True)
s = "Gallium is used in compound semiconductors and radar, germanium in infrared optics and fibre-optic cables, and antimony in ammunition, flame retardants and batteries."
edge(A46, "AFFECTS", "sector/semiconductors", d, s, optional=True)
edge(A46, "AFFECTS", "sector/defense", d, s, optional=True)

# ================================================================ 2025-04-04 countermeasures
d = D_APR
s = "China struck back on Friday at the tariffs unveiled by US President Donald Trump, announcing an additional 34% duty on all goods imported from the United States and a licence requirement for seven rare-earth elements"
edge("entity/china", "ISSUED", CN34, d, s)
edge("entity/china", "ISSUED", A18, d, s)
edge(CN34, "RESPONDS_TO", USRECIP, d, s)
edge(A18, "RESPONDS_TO", USRECIP, d, s)
edge(CN34, "TARGETS", "entity/united-states", d, "an additional 34% duty on all goods imported from the United States")
edge("official/donald-trump", "ISSUED", USRECIP, d, "the tariffs unveiled by US President Donald Trump")
edge("official/donald-trump", "HOLDS_POST", "entity/united-states", d, "US President Donald Trump", title="President")
s = 'The Customs Tariff Commission of the State Council said the extra duty would be collected from April 10 and matched the "reciprocal" rate Washington set for Chinese goods on Wednesday.'
edge("ministry/customs-tariff-commission", "ISSUED", CN34, d, s)
edge(
    "ministry/customs-tariff-commission",
    "PART_OF",
    "ministry/state-council",
    d,
    "The Customs Tariff Commission of the State Council",
)
edge(
    "entity/united-states", "ISSUED", USRECIP, d, 'the "reciprocal" rate Washington set for Chinese goods on Wednesday'
)
edge(
    USRECIP,
    "TARGETS",
    "entity/china",
    d,
    'the "reciprocal" rate Washington set for Chinese goods on Wednesday',
    optional=True,
)
s = "At the same time the Ministry of Commerce and the General Administration of Customs issued Announcement No. 18 of 2025, placing dysprosium, terbium, samarium, gadolinium, lutetium, scandium and yttrium, along with their oxides, alloys, compounds and certain magnets, under export control with immediate effect."
edge("ministry/mofcom", "ISSUED", A18, d, s)
edge("ministry/gac", "ISSUED", A18, d, s)
for el in SEVEN:
    edge(A18, "COVERS", f"element/{el}", d, s)
edge(A18, "COVERS", "material/rare-earth-magnets", d, s, optional=True)
s = "a licence requirement for seven rare-earth elements used in electric motors, medical scanners and missiles"
edge(A18, "AFFECTS", "sector/electric-vehicles", d, s, optional=True)
edge(A18, "AFFECTS", "sector/medical-imaging", d, s, optional=True)
edge(A18, "AFFECTS", "sector/defense", d, s, optional=True)
s = "In separate notices the commerce ministry added 16 US entities to its export control list, which bars Chinese suppliers from selling them dual-use items, and put 11 US companies, mostly defence-related, on its unreliable entity list."
edge("ministry/mofcom", "ISSUED", LIST16, d, s)
edge(LIST16, "TARGETS", "entity/16-us-entities", d, s)
edge("ministry/mofcom", "ISSUED", UEL11, d, s)
edge(UEL11, "TARGETS", "entity/11-us-companies", d, s)
edge(
    LIST16,
    "RESPONDS_TO",
    USRECIP,
    d,
    "Share prices in Europe and on Wall Street fell sharply after the announcements.",
    optional=True,
)
edge(
    UEL11,
    "RESPONDS_TO",
    USRECIP,
    d,
    "Share prices in Europe and on Wall Street fell sharply after the announcements.",
    optional=True,
)

# ================================================================ 2025-04-17 analysis
d = D_AN
edge(
    "entity/china",
    "ISSUED",
    A18,
    d,
    "When Beijing placed seven medium and heavy rare earths under export control earlier this month",
)
s = "The rule, set out by the commerce ministry and the customs administration on April 4"
edge("ministry/mofcom", "ISSUED", A18, d, s)
edge("ministry/gac", "ISSUED", A18, d, s)
s = "It rests on China's Export Control Law, in force since December 2020, and on the regulations for dual-use items that followed in December 2024."
edge(A18, "BASED_ON", ECLAW, d, s)
edge(A18, "BASED_ON", DUREG, d, s)
# audit: evidence added; CONVENTIONS Edges, evidence is the sentence plus an adjacent antecedent when needed ("It")
s = "The rule, set out by the commerce ministry and the customs administration on April 4, requires a licence for every shipment of the listed elements and of many products that contain them."
edge(A18, "BASED_ON", ECLAW, d, s)
edge(A18, "BASED_ON", DUREG, d, s)
# audit: optional (was required); CONVENTIONS Node typing: "US tariffs" here is a generic reference that
# identifies no measure, so this reading of it as the US tariffs node cannot be required
edge(
    A18,
    "RESPONDS_TO",
    USTARIFFS,
    d,
    "The controls were announced as one of several countermeasures against US tariffs",
    optional=True,
)
edge("entity/united-states", "ISSUED", USTARIFFS, d, "countermeasures against US tariffs", optional=True)
s = "Dysprosium and terbium are added to neodymium-iron-boron magnets so that they keep their strength when hot, which makes them hard to replace in electric-vehicle motors, wind turbines and many weapons."
edge(A18, "COVERS", "material/ndfeb", d, s, optional=True)
edge(A18, "AFFECTS", "sector/electric-vehicles", d, s, optional=True)
edge(A18, "AFFECTS", "sector/wind-power", d, s, optional=True)
edge(A18, "AFFECTS", "sector/defense", d, s, optional=True)
s = "Samarium is the basis of samarium-cobalt magnets used in defence systems."
edge(A18, "COVERS", "material/smco", d, s, optional=True)
s = "Scandium strengthens aluminium alloys for aerospace, gadolinium is used in MRI contrast agents, lutetium in detectors for PET scanners and yttrium in coatings and lasers."
edge(A18, "AFFECTS", "sector/aerospace", d, s, optional=True)
edge(A18, "AFFECTS", "sector/medical-imaging", d, s, optional=True)

# ================================================================ 2025-05-12 Geneva
d = D_GEN
s = "The United States and China will cut the steep tariffs they imposed on each other's goods for 90 days, according to a joint statement released on Monday after two days of negotiations in Switzerland."
edge("entity/united-states", "ISSUED", TRUCE, d, s)
edge("entity/china", "ISSUED", TRUCE, d, s)
# audit: optional (was required); CONVENTIONS Edges, RESPONDS_TO for sequence with implied cause is optional ("after")
edge(TRUCE, "RESPONDS_TO", GENEVA, d, s, optional=True)
edge("entity/united-states", "PARTICIPATED_IN", GENEVA, d, s)
edge("entity/china", "PARTICIPATED_IN", GENEVA, d, s)
edge(
    TRUCE,
    "MODIFIES",
    USTARIFFS,
    d,
    "Washington will lower its additional levies on Chinese imports from 145% to 30%",
    optional=True,
)
edge(
    TRUCE,
    "MODIFIES",
    CNRETAL,
    d,
    "Beijing will reduce its retaliatory duties on American goods from 125% to 10%",
    optional=True,
)
# audit: the next two required (were optional or absent); CONVENTIONS Edges, a possessive on the measure
# counts ("its retaliatory duties", "its additional levies"); both tied down by rate and cut
edge(
    "entity/china",
    "ISSUED",
    CNRETAL,
    d,
    "Beijing will reduce its retaliatory duties on American goods from 125% to 10%",
)
edge(
    "entity/united-states",
    "ISSUED",
    USTARIFFS,
    d,
    "Washington will lower its additional levies on Chinese imports from 145% to 30%",
)
s = "The talks on Saturday and Sunday brought together Chinese Vice Premier He Lifeng with US Treasury Secretary Scott Bessent and US Trade Representative Jamieson Greer."
for o in ["he-lifeng", "scott-bessent", "jamieson-greer"]:
    edge(f"official/{o}", "PARTICIPATED_IN", GENEVA, d, s)
edge("official/he-lifeng", "HOLDS_POST", "entity/china", d, "Chinese Vice Premier He Lifeng", title="Vice Premier")
edge(
    "official/scott-bessent",
    "HOLDS_POST",
    "ministry/us-treasury",
    d,
    "US Treasury Secretary Scott Bessent",
    title="Treasury Secretary",
)
edge(
    "official/jamieson-greer",
    "HOLDS_POST",
    "ministry/ustr",
    d,
    "US Trade Representative Jamieson Greer",
    optional=True,  # audit: optional (was required); CONVENTIONS Edges, title that is its office's name: office optional
    title="Trade Representative",
)
edge("ministry/us-treasury", "PART_OF", "entity/united-states", d, "US Treasury Secretary Scott Bessent", optional=True)
s = "Under the statement, China also undertook to take the administrative steps needed to suspend or remove the non-tariff countermeasures it had adopted against the United States since April 2."
edge("entity/china", "ISSUED", CNNTM, d, s, optional=True)
edge(CNNTM, "TARGETS", "entity/united-states", d, s, optional=True)
edge(TRUCE, "MODIFIES", CNNTM, d, s, optional=True)
s = "The text did not name the licence requirement for seven rare earths that Beijing introduced on April 4, leaving open whether exporters of dysprosium, terbium and the other controlled elements would see faster approvals."
edge("entity/china", "ISSUED", A18, d, s)
edge(A18, "COVERS", "element/dysprosium", d, s)
edge(A18, "COVERS", "element/terbium", d, s)

# ================================================================ 2025-05-14 MOFCOM suspensions
d = D_SUS
edge(
    "ministry/mofcom",
    "PART_OF",
    "entity/china",
    d,
    "Summary of statements published by China's Ministry of Commerce on Wednesday.",
)
s = "The ministry suspended for 90 days the export control measures it imposed in April on 28 US entities that it had placed on its export control list."
edge("ministry/mofcom", "ISSUED", SUS28, d, s)
edge(SUS28, "SUSPENDS", LIST28, d, s)
edge("ministry/mofcom", "ISSUED", LIST28, d, s)
edge(LIST28, "TARGETS", "entity/28-us-entities", d, s)
s = "For 17 US entities added to the unreliable entity list in April, the measures were suspended for 90 days as well."
edge("ministry/mofcom", "ISSUED", SUS17, d, s)
edge(SUS17, "SUSPENDS", UEL17, d, s)
edge(UEL17, "TARGETS", "entity/17-us-entities", d, s)
s = "The ministry presented both steps as carrying out the consensus reached at the China-US economic and trade talks in Geneva last weekend, as set out in Monday's joint statement."
for m in [SUS28, SUS17]:
    # audit: optional (was required); CONVENTIONS Edges, implementing only a general consensus: optional, with optional RESPONDS_TO
    edge(m, "RESPONDS_TO", GENEVA, d, s, optional=True)
    # audit: optional (was required); same rule ("carrying out the consensus")
    edge(m, "MODIFIES", TRUCE, d, s, optional=True)
edge("entity/china", "PARTICIPATED_IN", GENEVA, d, "the China-US economic and trade talks in Geneva last weekend")
edge(
    "entity/united-states", "PARTICIPATED_IN", GENEVA, d, "the China-US economic and trade talks in Geneva last weekend"
)
s = "The state news agency Xinhua carried the ministry's remarks on both suspensions."
edge("entity/xinhua", "REPORTED", SUS28, d, s)
edge("entity/xinhua", "REPORTED", SUS17, d, s)
s = "The tariff cuts agreed in Geneva also took effect on Wednesday, bringing the extra US duties on Chinese goods down to 30% and China's duties on US goods to 10% for 90 days."
edge(TRUCE, "MODIFIES", USTARIFFS, d, s, optional=True)
edge(TRUCE, "MODIFIES", CNRETAL, d, s, optional=True)

# ================================================================ 2025-06-07 Wang Wentao - Šefčovič
d = D_PAR
s = "China's Ministry of Commerce said on Saturday that Minister of Commerce Wang Wentao had offered to set up a green channel for eligible export licence applications when he met European Commissioner for Trade and Economic Security Maroš Šefčovič in Paris on Tuesday."
edge("ministry/mofcom", "PART_OF", "entity/china", d, "China's Ministry of Commerce said on Saturday")
edge(
    "official/wang-wentao",
    "HOLDS_POST",
    "ministry/mofcom",
    d,
    "Minister of Commerce Wang Wentao",
    title="Minister of Commerce",
)
edge(
    "official/maros-sefcovic",
    "HOLDS_POST",
    "ministry/european-commission",
    d,
    "European Commissioner for Trade and Economic Security Maroš Šefčovič",
    title="European Commissioner for Trade and Economic Security",
)
edge(
    "ministry/european-commission",
    "PART_OF",
    "entity/european-union",
    d,
    "European Commissioner for Trade and Economic Security",
    optional=True,
)
edge("official/wang-wentao", "PARTICIPATED_IN", PARIS, d, s)
edge("official/maros-sefcovic", "PARTICIPATED_IN", PARIS, d, s)
edge("official/wang-wentao", "PROPOSED", GREEN, d, s)
edge(PARIS, "DISCUSSED", GREEN, d, s, optional=True)
s = "The two met on the sidelines of the OECD ministerial meeting."
edge("entity/oecd", "PARTICIPATED_IN", OECDMIN, d, s, optional=True, role="host")
edge("official/wang-wentao", "PARTICIPATED_IN", OECDMIN, d, s, optional=True)
edge("official/maros-sefcovic", "PARTICIPATED_IN", OECDMIN, d, s, optional=True)
edge(
    PARIS,
    "DISCUSSED",
    A18,
    d,
    "Wang told Šefčovič that China's export controls on rare-earth items are consistent with common international practice",
    optional=True,
)
s = "He said China was willing to create the green channel so that compliant applications could be approved more quickly."
# audit: required (was optional); CONTRACT Reading rules, a state and its minister both where both are stated
edge("entity/china", "PROPOSED", GREEN, d, s)
edge(GREEN, "MODIFIES", A18, d, s, optional=True)
edge(GREEN, "TARGETS", "entity/european-union", d, s, optional=True)
edge(GREEN, "AFFECTS", "entity/european-union", d, s, optional=True)
s = "European companies have complained since April that the licensing regime for seven medium and heavy rare earths left them waiting weeks for permission to import materials needed for magnets and other components, and several car-parts suppliers warned of production stoppages."
edge(A18, "AFFECTS", "sector/automotive", d, s, optional=True)

# ================================================================ 2025-06-11 London briefing
d = D_LON
s = "The London round opened on Monday, four days after a phone call between Chinese President Xi Jinping and US President Donald Trump on Thursday, June 5, in which the two leaders agreed that their teams should meet again."
edge("official/xi-jinping", "PARTICIPATED_IN", CALL, d, s)
edge("official/donald-trump", "PARTICIPATED_IN", CALL, d, s)
edge("entity/china", "PARTICIPATED_IN", CALL, d, s, optional=True)
edge("entity/united-states", "PARTICIPATED_IN", CALL, d, s, optional=True)
edge("official/xi-jinping", "HOLDS_POST", "entity/china", d, "Chinese President Xi Jinping", title="President")
edge("official/donald-trump", "HOLDS_POST", "entity/united-states", d, "US President Donald Trump", title="President")
s = "The Chinese delegation was led by Vice Premier He Lifeng."
edge("official/he-lifeng", "PARTICIPATED_IN", LONDON, d, s)
edge("entity/china", "PARTICIPATED_IN", LONDON, d, s)
edge("official/he-lifeng", "HOLDS_POST", "entity/china", d, "Vice Premier He Lifeng", title="Vice Premier")
s = "The US side was made up of Treasury Secretary Scott Bessent, Commerce Secretary Howard Lutnick and Trade Representative Jamieson Greer."
for o in ["scott-bessent", "howard-lutnick", "jamieson-greer"]:
    edge(f"official/{o}", "PARTICIPATED_IN", LONDON, d, s)
edge("entity/united-states", "PARTICIPATED_IN", LONDON, d, s)
edge(
    "official/scott-bessent",
    "HOLDS_POST",
    "ministry/us-treasury",
    d,
    "Treasury Secretary Scott Bessent",
    title="Treasury Secretary",
)
edge(
    "official/howard-lutnick",
    "HOLDS_POST",
    "ministry/us-commerce",
    d,
    "Commerce Secretary Howard Lutnick",
    title="Commerce Secretary",
)
edge(
    "official/jamieson-greer",
    "HOLDS_POST",
    "ministry/ustr",
    d,
    "Trade Representative Jamieson Greer",
    optional=True,  # audit: optional (was required); CONVENTIONS Edges, title that is its office's name: office optional
    title="Trade Representative",
)
s = "Li Chenggang, China International Trade Representative and Vice Minister of Commerce"
edge("official/li-chenggang", "HOLDS_POST", "ministry/mofcom", d, s, title="Vice Minister of Commerce")
edge(
    "official/li-chenggang",
    "HOLDS_POST",
    "entity/china",
    d,
    s,
    optional=True,
    title="China International Trade Representative",
)
edge(
    "official/li-chenggang",
    "PARTICIPATED_IN",
    LONDON,
    d,
    "What the delegations told reporters at Lancaster House late on Tuesday, after two days of talks.",
    optional=True,
)
edge(
    "official/howard-lutnick",
    "HOLDS_POST",
    "ministry/us-commerce",
    d,
    "Howard Lutnick, US Commerce Secretary",
    title="Commerce Secretary",
)
s = "What the delegations told reporters at Lancaster House late on Tuesday, after two days of talks."
edge("official/li-chenggang", "PARTICIPATED_IN", LONBRIEF, d, s, optional=True)
edge("official/howard-lutnick", "PARTICIPATED_IN", LONBRIEF, d, s, optional=True)
s = "The two sides agreed in principle on a framework for implementing the consensus reached by the two presidents in their call and the consensus from the Geneva talks in May."
edge("entity/china", "PROPOSED", LONFW, d, s)
edge("entity/united-states", "PROPOSED", LONFW, d, s)
# audit: optional (was required); CONVENTIONS Edges, implementing only a general consensus: optional, with optional RESPONDS_TO
edge(LONFW, "MODIFIES", TRUCE, d, s, optional=True)
edge(LONFW, "RESPONDS_TO", LONDON, d, s)
# audit: optional (was required); CONVENTIONS Edges, implementing only a general consensus: optional, with optional RESPONDS_TO
edge(LONFW, "RESPONDS_TO", CALL, d, s, optional=True)
edge(LONFW, "RESPONDS_TO", GENEVA, d, s, optional=True)
edge(LONDON, "DISCUSSED", LONFW, d, s, optional=True)
edge("official/li-chenggang", "PROPOSED", LONFW, d, s, optional=True)
edge(
    LONFW,
    "COVERS",
    "material/rare-earth-magnets",
    d,
    "He expected the framework to resolve the dispute over supplies of rare earths and magnets.",
    optional=True,
)
edge(
    LONDON,
    "DISCUSSED",
    "material/rare-earth-magnets",
    d,
    "He expected the framework to resolve the dispute over supplies of rare earths and magnets.",
    optional=True,
)
s = "He indicated that export restrictions Washington had adopted in recent weeks could be eased as those supplies resumed, and said the deal still needed the approval of both presidents."
edge("entity/united-states", "ISSUED", USRECENT, d, s, optional=True)
edge(LONDON, "DISCUSSED", USRECENT, d, s, optional=True)
edge(
    LONBRIEF,
    "DISCUSSED",
    A18,
    d,
    "Reporters asked whether China would issue rare-earth licences faster or change its licensing regime; the negotiators gave no details.",
    optional=True,
)

# ================================================================ 2025-07-25 EU-China summit
d = D_SUM
s = "At Thursday's summit, held in the 50th year of diplomatic relations, European Commission President Ursula von der Leyen and European Council President António Costa met President Xi Jinping and then Premier Li Qiang."
for o in ["ursula-von-der-leyen", "antonio-costa", "xi-jinping", "li-qiang"]:
    edge(f"official/{o}", "PARTICIPATED_IN", SUMMIT, d, s)
edge("entity/european-union", "PARTICIPATED_IN", SUMMIT, d, s, optional=True)
edge("entity/china", "PARTICIPATED_IN", SUMMIT, d, s, optional=True)
edge(
    "official/ursula-von-der-leyen",
    "HOLDS_POST",
    "ministry/european-commission",
    d,
    "European Commission President Ursula von der Leyen",
    title="President",
)
edge(
    "official/antonio-costa",
    "HOLDS_POST",
    "ministry/european-council",
    d,
    "European Council President António Costa",
    title="President",
)
edge("official/xi-jinping", "HOLDS_POST", "entity/china", d, "President Xi Jinping", title="President")
edge("official/li-qiang", "HOLDS_POST", "entity/china", d, "Premier Li Qiang", title="Premier")
edge("ministry/european-commission", "PART_OF", "entity/european-union", d, s, optional=True)
edge("ministry/european-council", "PART_OF", "entity/european-union", d, s, optional=True)
s = "Von der Leyen told a press conference afterwards that the two sides had agreed on an upgraded export supply mechanism, which is meant to identify bottlenecks in rare-earth deliveries and resolve them quickly."
edge("entity/european-union", "ISSUED", MECH, d, s)
edge("entity/china", "ISSUED", MECH, d, s)
edge(MECH, "RESPONDS_TO", SUMMIT, d, s)
edge(SUMMIT, "DISCUSSED", MECH, d, s, optional=True)
edge("official/ursula-von-der-leyen", "ISSUED", MECH, d, s, optional=True)
edge(MECH, "MODIFIES", A18, d, s, optional=True)
s = "Brussels has complained since April that China's licensing system for seven heavy rare earths left carmakers and their suppliers waiting for weeks."
# audit: required (was optional); CONVENTIONS Edges, a possessive on the measure counts
edge("entity/china", "ISSUED", A18, d, s)
edge(A18, "AFFECTS", "sector/automotive", d, s, optional=True)
s = "The green channel that Commerce Minister Wang Wentao offered the EU in June brought some relief"
edge("official/wang-wentao", "PROPOSED", GREEN, d, s)
edge(
    "official/wang-wentao",
    "HOLDS_POST",
    "ministry/mofcom",
    d,
    "Commerce Minister Wang Wentao",
    title="Minister of Commerce",
)
# audit: required (was optional); CONVENTIONS Edges, TARGETS covers beneficiaries ("offered the EU")
edge(GREEN, "TARGETS", "entity/european-union", d, s)
edge(GREEN, "MODIFIES", A18, d, s, optional=True)
s = "The two sides issued a joint statement on climate change."
edge("entity/european-union", "ISSUED", CLIMATE, d, s, optional=True)
edge("entity/china", "ISSUED", CLIMATE, d, s, optional=True)
edge(CLIMATE, "RESPONDS_TO", SUMMIT, d, s, optional=True)
s = "on Russia's war in Ukraine she urged China to use its influence to bring about a ceasefire"
edge(SUMMIT, "DISCUSSED", "entity/russia", d, s, optional=True)
edge(SUMMIT, "DISCUSSED", "entity/ukraine", d, s, optional=True)

# ================================================================ 2025-10-09 extraterritorial rules
d = D_OCT
s = "China on Thursday sharply widened its export controls on rare earths, requiring foreign companies to seek Beijing's approval before exporting products that contain even small amounts of Chinese-origin rare earths, and placing the know-how used to mine and process them under licence."
edge("entity/china", "ISSUED", A61, d, s)
edge("entity/china", "ISSUED", A62, d, s)
edge(A61, "MODIFIES", A18, d, s, optional=True)
edge(FIVE_RE, "MODIFIES", A18, d, s, optional=True)
s = "In Announcement No. 61, the Ministry of Commerce said that magnets and other items made outside China will need a Chinese export licence if Chinese-origin rare-earth materials account for 0.1% or more of their value."
edge("ministry/mofcom", "ISSUED", A61, d, s)
edge(A61, "COVERS", "material/rare-earth-magnets", d, s)
edge(
    A61,
    "AFFECTS",
    "sector/defense",
    d,
    "Applications from military end users abroad will in principle be refused",
    optional=True,
)
edge(
    A61,
    "AFFECTS",
    "sector/semiconductors",
    d,
    "those linked to the development of advanced chips, such as logic at 14 nanometres or below and memory with 256 or more layers, will be examined case by case",
    optional=True,  # audit: optional (was required); CONVENTIONS Edges, AFFECTS only for stated side effects (this is an end-use test)
)
s = "Announcement No. 62 put technologies for rare-earth mining, smelting and separation, magnet manufacturing and the recycling of rare-earth materials under export control, effective immediately."
edge(A62, "COVERS", "material/rare-earth-technologies", d, s)
edge("ministry/mofcom", "ISSUED", A62, d, s, optional=True)
s = "A separate notice issued the same day by the ministry and the General Administration of Customs added holmium, erbium, thulium, europium and ytterbium to the list of controlled medium and heavy rare earths from November 8."
edge("ministry/mofcom", "ISSUED", FIVE_RE, d, s)
edge("ministry/gac", "ISSUED", FIVE_RE, d, s)
for el in FIVE:
    edge(FIVE_RE, "COVERS", f"element/{el}", d, s)
s = "Further notices covered equipment for rare-earth production, lithium-battery materials and superhard materials."
for m, mat in [
    (EQUIP, "material/rare-earth-production-equipment"),
    (LIB, "material/lithium-battery-materials"),
    (SUPERHARD, "material/superhard-materials"),
]:
    edge(m, "COVERS", mat, d, s, optional=True)
    edge("ministry/mofcom", "ISSUED", m, d, s, optional=True)
    edge("ministry/gac", "ISSUED", m, d, s, optional=True)
s = "They come three weeks before President Xi Jinping and President Donald Trump are expected to meet on the sidelines of the APEC summit in South Korea."
edge("entity/apec", "PARTICIPATED_IN", APECSUM, d, s, optional=True, role="host")

# ================================================================ 2025-10-30 Busan
d = D_BUS
s = "US President Donald Trump and Chinese President Xi Jinping met for about 100 minutes in Busan on Thursday"
edge("official/donald-trump", "PARTICIPATED_IN", BUSAN, d, s)
edge("official/xi-jinping", "PARTICIPATED_IN", BUSAN, d, s)
edge("entity/united-states", "PARTICIPATED_IN", BUSAN, d, s, optional=True)
edge("entity/china", "PARTICIPATED_IN", BUSAN, d, s, optional=True)
edge("official/donald-trump", "HOLDS_POST", "entity/united-states", d, "US President Donald Trump", title="President")
edge("official/xi-jinping", "HOLDS_POST", "entity/china", d, "Chinese President Xi Jinping", title="President")
s = "agreed to step back from the escalation of recent weeks"
edge("entity/united-states", "ISSUED", BUSANDEAL, d, s, optional=True)
edge("entity/china", "ISSUED", BUSANDEAL, d, s, optional=True)
edge(BUSANDEAL, "RESPONDS_TO", BUSAN, d, s, optional=True)
s = "He said he would cut the tariff he imposed over fentanyl flows to 10% from 20%."
edge("official/donald-trump", "ISSUED", FENTCUT, d, s)
edge("official/donald-trump", "ISSUED", FENT, d, s)
edge(FENTCUT, "MODIFIES", FENT, d, s)
# audit: optional (was required); CONVENTIONS Edges, RESPONDS_TO for sequence with implied cause is optional
edge(FENTCUT, "RESPONDS_TO", BUSAN, d, s, optional=True)
edge(FENT, "TARGETS", "entity/china", d, s, optional=True)
edge(BUSAN, "DISCUSSED", FENT, d, s, optional=True)
s = "China's Ministry of Commerce said after the meeting that China would suspend for one year the export control measures it announced on October 9 and would study and refine specific plans."
edge("ministry/mofcom", "PART_OF", "entity/china", d, "China's Ministry of Commerce said after the meeting")
edge("ministry/mofcom", "ISSUED", SUSOCT9, d, s)
edge("entity/china", "ISSUED", SUSOCT9, d, s)
edge(SUSOCT9, "SUSPENDS", OCT9, d, s)
# audit: optional (was required); CONVENTIONS Edges, RESPONDS_TO for sequence with implied cause is optional ("after the meeting")
edge(SUSOCT9, "RESPONDS_TO", BUSAN, d, s, optional=True)
edge("entity/china", "ISSUED", OCT9, d, s)
edge(BUSAN, "DISCUSSED", OCT9, d, s, optional=True)
s = "The United States, it said, would suspend for one year its rule extending export restrictions to affiliates that are at least 50% owned by companies on its Entity List."
edge("entity/united-states", "ISSUED", SUSAFF, d, s)
edge(SUSAFF, "SUSPENDS", USAFF, d, s)
edge("entity/united-states", "ISSUED", USAFF, d, s)
# audit: optional (was required); CONVENTIONS Edges, RESPONDS_TO for sequence with implied cause is optional
edge(SUSAFF, "RESPONDS_TO", BUSAN, d, s, optional=True)
s = "The October 9 measures, which extended Beijing's controls to foreign-made products with small amounts of Chinese rare earths and to five more elements, had prompted Trump to threaten on October 10 an additional 100% tariff on Chinese goods from November 1."
# audit: required (was optional); CONVENTIONS Edges, possessive ("Beijing's controls")
edge("entity/china", "ISSUED", OCT9, d, s)
edge(A61, "PART_OF", OCT9, d, s, optional=True)
edge(FIVE_RE, "PART_OF", OCT9, d, s, optional=True)
edge("official/donald-trump", "PROPOSED", THREAT100, d, s)
edge(THREAT100, "RESPONDS_TO", OCT9, d, s)
edge(THREAT100, "TARGETS", "entity/china", d, s, optional=True)
s = "US officials said after preparatory talks in Kuala Lumpur last weekend that the threat was no longer on the table."
edge("entity/united-states", "PARTICIPATED_IN", KL, d, s, optional=True)
edge("entity/china", "PARTICIPATED_IN", KL, d, s, optional=True)
edge(KL, "DISCUSSED", THREAT100, d, s, optional=True)
s = "The meeting took place on the sidelines of the Asia-Pacific Economic Cooperation summit."
edge("entity/apec", "PARTICIPATED_IN", APECSUM, d, s, optional=True, role="host")
edge(
    "entity/china",
    "ISSUED",
    A18,
    d,
    "The licence requirement for seven rare earths that China introduced in April was not part of the announced suspension.",
)

# ================================================================ 2025-11-10 Ga/Ge/Sb suspension
d = D_NOV
s = "The Ministry of Commerce suspended the ban on exports of gallium, germanium, antimony and superhard materials to the United States that it imposed in December last year under Announcement No. 46 of 2024."
edge("ministry/mofcom", "ISSUED", SUS46, d, s)
edge(SUS46, "SUSPENDS", A46, d, s)
edge("ministry/mofcom", "ISSUED", A46, d, s)
for el in ["gallium", "germanium", "antimony"]:
    edge(A46, "COVERS", f"element/{el}", d, s)
    edge(SUS46, "COVERS", f"element/{el}", d, s, optional=True)
edge(A46, "COVERS", "material/superhard-materials", d, s)
edge(A46, "TARGETS", "entity/united-states", d, s)
s = "The stricter end-user and end-use reviews for graphite exports to the United States, introduced in the same announcement, were also suspended."
edge(A46, "COVERS", "material/graphite", d, s)
edge(SUS46, "COVERS", "material/graphite", d, s, optional=True)
s = "The notice follows an announcement on Friday by the ministry and the General Administration of Customs that suspended, until 10 November 2026, the export controls announced on 9 October."
edge("ministry/mofcom", "ISSUED", SUSOCT9, d, s)
edge("ministry/gac", "ISSUED", SUSOCT9, d, s)
edge(SUSOCT9, "SUSPENDS", OCT9, d, s)
s = "Those included the rule on foreign-made items with Chinese rare-earth content (Announcement No. 61), the controls on rare-earth technologies (Announcement No. 62) and the controls on holmium, erbium, thulium, europium and ytterbium."
for m in [A61, A62, FIVE_RE]:
    edge(m, "PART_OF", OCT9, d, s)
    edge(SUSOCT9, "SUSPENDS", m, d, s)
for el in FIVE:
    edge(FIVE_RE, "COVERS", f"element/{el}", d, s)
edge(A62, "COVERS", "material/rare-earth-technologies", d, s)
s = "Both steps are part of the de-escalation agreed by Xi Jinping and Donald Trump when they met in Busan on 30 October."
edge("official/xi-jinping", "PARTICIPATED_IN", BUSAN, d, s)
edge("official/donald-trump", "PARTICIPATED_IN", BUSAN, d, s)
# audit: optional (was required); CONVENTIONS Edges, implementing only a general consensus: optional, with optional RESPONDS_TO
edge(SUS46, "RESPONDS_TO", BUSAN, d, s, optional=True)
# audit: optional (was required); CONVENTIONS Edges, implementing only a general consensus: optional, with optional RESPONDS_TO
edge(SUSOCT9, "RESPONDS_TO", BUSAN, d, s, optional=True)
edge(SUS46, "MODIFIES", BUSANDEAL, d, s, optional=True)
edge(SUSOCT9, "MODIFIES", BUSANDEAL, d, s, optional=True)
edge("official/xi-jinping", "ISSUED", BUSANDEAL, d, s, optional=True)
edge("official/donald-trump", "ISSUED", BUSANDEAL, d, s, optional=True)
s = "the licensing of gallium and germanium exports to all destinations, in place since 2023"
edge(GAGE23, "COVERS", "element/gallium", d, s)
edge(GAGE23, "COVERS", "element/germanium", d, s)

# ================================================================ undated note (12 November 2025)
d = D_NOTE
s = "In force: the licence requirement for dysprosium, terbium and five other medium and heavy rare earths, introduced in April 2025 as a countermeasure to US tariffs."
edge(A18, "COVERS", "element/dysprosium", d, s)
edge(A18, "COVERS", "element/terbium", d, s)
# audit: optional (was required); CONVENTIONS Node typing, generic reference ("US tariffs"), as in D_AN
edge(A18, "RESPONDS_TO", USTARIFFS, d, s, optional=True)
s = "Exporters still need licences, although the White House has said it expects Beijing to issue general licences that would ease the process."
edge("entity/china", "PROPOSED", GENLIC, d, s, optional=True)
edge(GENLIC, "MODIFIES", A18, d, s, optional=True)
edge("ministry/white-house", "PART_OF", "entity/united-states", d, s, optional=True)
s = "Suspended until 10 November 2026: the package announced on 9 October 2025, including the extraterritorial rule for foreign-made items with Chinese rare-earth content and the controls on five additional rare earths."
edge(SUSOCT9, "SUSPENDS", OCT9, d, s)
edge(A61, "PART_OF", OCT9, d, s)
edge(FIVE_RE, "PART_OF", OCT9, d, s)
edge(SUSOCT9, "SUSPENDS", A61, d, s, optional=True)
edge(SUSOCT9, "SUSPENDS", FIVE_RE, d, s, optional=True)
s = "Suspended until 27 November 2026: the December 2024 ban on exports of gallium, germanium and antimony to the United States."
edge(SUS46, "SUSPENDS", A46, d, s)
for el in ["gallium", "germanium", "antimony"]:
    edge(A46, "COVERS", f"element/{el}", d, s)
edge(A46, "TARGETS", "entity/united-states", d, s)
s = "On the US side, Washington has suspended for one year its rule extending export restrictions to affiliates of listed companies and has lowered the fentanyl-related tariff on Chinese goods to 10%."
edge("entity/united-states", "ISSUED", SUSAFF, d, s)
edge(SUSAFF, "SUSPENDS", USAFF, d, s)
edge("entity/united-states", "ISSUED", USAFF, d, s)
edge("entity/united-states", "ISSUED", FENTCUT, d, s)
edge(FENTCUT, "MODIFIES", FENT, d, s)
edge(FENT, "TARGETS", "entity/china", d, s, optional=True)
s = "Both governments describe these steps as carrying out the agreement their presidents reached in Busan on 30 October."
for m in [SUSOCT9, SUS46, SUSAFF, FENTCUT]:
    # audit: optional (was required); CONVENTIONS Edges, implementing only a general consensus: optional, with optional RESPONDS_TO
    edge(m, "RESPONDS_TO", BUSAN, d, s, optional=True)
    edge(m, "MODIFIES", BUSANDEAL, d, s, optional=True)
edge("entity/china", "ISSUED", BUSANDEAL, d, s, optional=True)
edge("entity/united-states", "ISSUED", BUSANDEAL, d, s, optional=True)

# ---------------------------------------------------------------- documents, checks, output
docs = []
manifest = {
    json.loads(line)["file"]: json.loads(line)
    for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    if line.strip()
}
texts = {}
for path in sorted(CORPUS.iterdir()):
    if path.suffix not in (".txt", ".md"):
        continue
    texts[path.stem] = path.read_text(encoding="utf-8")
    m = manifest.get(path.name)
    if m:
        docs.append({"id": path.stem, "title": m["title"], "published": m["published"]})
    else:  # the undated note: the date is the first line, the title the second
        first, second = texts[path.stem].splitlines()[:2]
        assert path.stem == D_NOTE and first == "12 November 2025", path
        docs.append({"id": path.stem, "title": second.lstrip("# ").strip(), "published": "2025-11-12"})

CONTRACT_EDGES = {
    "HOLDS_POST": ({"Official"}, {"Ministry", "Entity"}),
    "PART_OF": ({"Ministry", "Entity", "Measure"}, {"Ministry", "Entity", "Measure"}),
    "ISSUED": ({"Ministry", "Entity", "Official"}, {"Measure"}),
    "PROPOSED": ({"Ministry", "Entity", "Official"}, {"Measure"}),
    "COVERS": ({"Measure"}, {"Element", "Material"}),
    "TARGETS": ({"Measure"}, {"Entity", "Ministry"}),
    "AFFECTS": ({"Measure"}, {"Sector", "Entity"}),
    "SUSPENDS": ({"Measure"}, {"Measure"}),
    "MODIFIES": ({"Measure"}, {"Measure"}),
    "RESPONDS_TO": ({"Measure"}, {"Measure", "Meeting"}),
    "BASED_ON": ({"Measure"}, {"Measure"}),
    "PARTICIPATED_IN": ({"Official", "Ministry", "Entity"}, {"Meeting"}),
    "DISCUSSED": (
        {"Meeting"},
        {"Ministry", "Entity", "Official", "Measure", "Element", "Meeting", "Material", "Sector"},
    ),
    "REPORTED": ({"Entity"}, {"Measure", "Meeting"}),
}
edges = list(E.values())
for e in edges:
    src, dst = N[e["source"]], N[e["target"]]
    ok_src, ok_dst = CONTRACT_EDGES[e["type"]]
    assert src["type"] in ok_src and dst["type"] in ok_dst, e
    if e["type"] == "PART_OF" and "Measure" in (src["type"], dst["type"]):
        assert src["type"] == dst["type"] == "Measure", e
    if e["type"] == "REPORTED":
        assert src["attributes"].get("kind") == "media", e
    for ev in e["evidence"]:
        assert ev["text"] in texts[ev["document"]], ev
    if not e["optional"]:
        del e["optional"]

# a node is required only if a required fact touches it (or it is forced)
touched = {x for e in edges if not e.get("optional") for x in (e["source"], e["target"])}
for id, n in N.items():
    if id not in touched and id not in FORCED:
        n["optional"] = True
    if id in FORCED:
        n.pop("optional", None)

out = {"contract": 1, "documents": docs, "nodes": list(N.values()), "edges": edges}
(HERE / "corpus_gold.json").write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
req_n = sum(1 for n in N.values() if not n.get("optional"))
req_e = sum(1 for e in edges if not e.get("optional"))
print(f"documents {len(docs)}, nodes {len(N)} (required {req_n}), edges {len(edges)} (required {req_e})")
