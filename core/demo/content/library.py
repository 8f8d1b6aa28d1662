"""The demo image library, and an article that shows two of its pictures as figures in its body.

A body block {"figure": key} is the library picture of that key, as the editor's figure dialog inserts it.
"""

LIBRARY = [
    {
        "key": "night-ward-beds",
        "drawing": "ward_plan",
        "alt": "A plan of a ward seen from above: twelve beds along two walls, the nurses' station in the middle.",
        "caption": "Twelve beds, one station: every bed can be seen from the desk",
        "credit": "Drawing: The Second Opinion",
    },
    {
        "key": "calls-by-hour",
        "drawing": "bar_chart",
        "alt": "A bar chart of call bells answered each hour of a night shift, highest at two and at six.",
        "caption": "Call bells answered per hour, one night on a surgical ward",
        "credit": "Chart: The Second Opinion",
    },
]

FIGURE_ARTICLE = {
    "slug": "what-a-ward-looks-like-at-night",
    "title": "What a ward looks like at night",
    "excerpt": "Fewer staff, the same patients, and a building designed for daylight. Two pictures of where the "
    "night shift's hours go.",
    "authors": ["miriam-okafor"],
    "tags": ["nursing", "hospital policy"],
    "days_ago": 3,
    "body": [
        "By ten in the evening most of a hospital has gone quiet, but the wards have not. The same patients are "
        "there, fewer people look after them, and the building around them was drawn for the day shift.",
        "## Seeing every bed",
        "The oldest rule of ward design is that the nurse at the desk should be able to see every bed. It is "
        "also the rule most often broken when a ward is split into bays and single rooms for good reasons of "
        "privacy and infection control.",
        {"figure": "night-ward-beds"},
        "At night the trade-off shows. A nurse checking on one bay cannot see the other, and the call bell "
        "becomes the only window into the rooms she is not standing in.",
        "## Where the hours go",
        "Counting the calls answered in each hour of one night tells a plain story: a rush after the last "
        "medicines round, a lull after three, and a second rush as patients wake and the early bloods begin.",
        {"figure": "calls-by-hour"},
        "None of this is news to the people who work those hours. It is worth drawing all the same, because "
        "rotas are usually planned by the hour of the day shift, and the night's two peaks fall between them.",
    ],
}
