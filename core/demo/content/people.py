"""Demo authors, syndication partners and tags. Every name here is invented; every address is a reserved example
domain."""

AUTHORS = [
    {
        "slug": "miriam-okafor",
        "name": "Dr Miriam Okafor",
        "bio": "A general practitioner in a market town for fifteen years, Miriam writes about what happens in the "
        "consulting room between the guidelines and the clock.",
        "photo": True,
    },
    {
        "slug": "tomas-reyes",
        "name": "Tomás Reyes",
        "bio": "A former hospital operations manager turned health-policy analyst. Tomás follows the money, the "
        "beds and the rules that decide who waits.",
        "photo": True,
    },
    {
        "slug": "helen-achterberg",
        "name": "Helen Achterberg",
        "bio": "Helen has worked as a ward nurse, a night-shift coordinator and a nurse educator. She writes about "
        "the work that keeps hospitals running when nobody is watching.",
    },
    {
        "slug": "samir-qureshi",
        "name": "Samir Qureshi",
        "bio": "A clinical informatician who has built, fixed and occasionally switched off hospital software. "
        "Samir writes about digital health and how to read the evidence behind it.",
    },
    {
        "slug": "ruth-ellingham",
        "name": "Ruth Ellingham",
        "bio": "A registered dietitian and science writer who is patient with questions about food and impatient "
        "with headlines about it.",
    },
]

SOURCES = [
    {
        "slug": "the-waiting-room-review",
        "name": "The Waiting Room Review",
        "home_url": "https://waitingroom.example.org/",
        "description": "A patient-led blog about access, waiting and being heard in health care.",
    },
    {
        "slug": "bedside-data",
        "name": "Bedside Data",
        "home_url": "https://bedsidedata.example.net/",
        "description": "Plain-language notes on clinical trials, statistics and what the numbers can and cannot say.",
    },
    {
        "slug": "small-print-medicine",
        "name": "Small Print Medicine",
        "home_url": "https://smallprint.example.com/",
        "description": "Health policy, budgets and the rules behind the headlines.",
    },
]

# The shared vocabulary: most items carry two or three of these, so related-item lists have something to show.
TAGS = [
    "patient experience",
    "clinical evidence",
    "hospital policy",
    "digital health",
    "nutrition",
    "mental health",
    "primary care",
    "public health",
    "medical education",
    "health costs",
    "ageing",
    "nursing",
]

# The item with nothing related: its only tag is used nowhere else.
LONELY_ARTICLE_SLUG = "a-letter-from-the-night-shift"
LONELY_TAG = "letters"
