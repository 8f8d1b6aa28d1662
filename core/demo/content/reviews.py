"""Demo book reviews of invented books (format: see articles_1). "isbn_stem" is the first twelve digits of an
ISBN-13; the seeder computes the check digit."""

REVIEWS = [
    {
        "slug": "the-quiet-ward",
        "title": "Review: The Quiet Ward",
        "excerpt": "A nurse's account of twenty years of night shifts, tender without being sentimental.",
        "authors": ["helen-achterberg"],
        "tags": ["nursing", "patient experience"],
        "book": {
            "title": "The Quiet Ward",
            "authors": "Elinor Vasquez-Hale",
            "publisher": "Harrow & Finch",
            "year": 2023,
            "isbn_stem": "979888412031",
            "rating": 4,
        },
        "body": [
            "Books by nurses about nursing risk two failures: sainthood or grievance. Vasquez-Hale avoids both. "
            "Her chapters, each built around a single night, are full of small practical detail and dry humour.",
            "The best chapter follows a confused patient from midnight to dawn and shows how much skill lies in "
            "keeping someone calm without restraint or sedation.",
            "The final section, on leaving the profession, is weaker and a little rushed. Still, this is the "
            "book I would give to anyone who wonders what happens on a ward after the visitors go home.",
        ],
    },
    {
        "slug": "numbers-at-the-bedside",
        "title": "Review: Numbers at the Bedside",
        "excerpt": "The clearest guide to risk and probability for clinicians we have read, with exercises that "
        "actually help.",
        "authors": ["samir-qureshi"],
        "tags": ["clinical evidence", "medical education"],
        "book": {
            "title": "Numbers at the Bedside: A Clinician's Guide to Risk",
            "authors": "Oren Castellane",
            "publisher": "Meridian Medical Press",
            "year": 2022,
            "isbn_stem": "979888412048",
            "rating": 5,
        },
        "body": [
            "Castellane sets out to teach busy clinicians to think in natural frequencies, and he succeeds. "
            "Each chapter opens with a realistic consultation and ends with a short set of exercises.",
            "## Why it works",
            "The book never asks for more mathematics than a secondary-school student would know. What it asks "
            "for is patience, and it rewards it.",
            "Students, trainees and anyone who has ever nodded through a statistics lecture should read it.",
        ],
    },
    {
        "slug": "the-plate-problem",
        "title": "Review: The Plate Problem",
        "excerpt": "A lively argument that food policy fails because it talks to individuals. Persuasive, if "
        "sometimes one-sided.",
        "authors": ["ruth-ellingham"],
        "tags": ["nutrition", "public health"],
        "book": {
            "title": "The Plate Problem",
            "authors": "Juniper Adeyemi",
            "publisher": "Larchmont Books",
            "year": 2024,
            "isbn_stem": "979888412055",
            "rating": 3,
        },
        "body": [
            "Adeyemi's case is that we have spent decades telling people to eat better while arranging towns, "
            "shops and working hours to make that hard. It is a strong case, and she makes it with energy.",
            "Where the book falters is in its treatment of evidence it dislikes, which is dismissed rather than "
            "engaged with. Readers who already agree will be cheered; sceptics may not be moved.",
        ],
    },
    {
        "slug": "wired-for-care",
        "title": "Review: Wired for Care",
        "excerpt": "Two insiders weigh the promise of digital medicine against its record. Balanced, detailed and "
        "slightly too long.",
        "authors": ["samir-qureshi"],
        "tags": ["digital health", "hospital policy"],
        "book": {
            "title": "Wired for Care: Promise and Peril in Digital Medicine",
            "authors": "Hugo Tremaine and Saskia Loh",
            "publisher": "Northgate University Press",
            "year": 2023,
            "isbn_stem": "979888412062",
            "rating": 3,
        },
        "body": [
            "Tremaine and Loh have both led large hospital software projects, and it shows. Their account of a "
            "records system going live is the most vivid thing in the book.",
            [
                "Strong on procurement, training and what happens when systems fail.",
                "Weaker on patients' own experience of digital services.",
                "An appendix of questions to ask vendors is worth the price alone.",
            ],
            "At five hundred pages it could lose a hundred, but anyone about to buy hospital software should read "
            "it first.",
        ],
    },
    {
        "slug": "long-afternoons",
        "title": "Review: Long Afternoons",
        "excerpt": "Essays on growing old, by a writer in her eighties who has no patience for either gloom or "
        "cheerleading.",
        "authors": ["miriam-okafor"],
        "tags": ["ageing", "mental health"],
        "book": {
            "title": "Long Afternoons: Notes on Ageing Well",
            "authors": "Margarethe Quill",
            "publisher": "Fernhill Press",
            "year": 2021,
            "isbn_stem": "979888412079",
        },
        "body": [
            "Quill writes about hearing aids, friendships, stairs and the indignity of being spoken to slowly. "
            "She is funny, unsentimental and precise.",
            "> Old age is not a disease, she writes, but it does make appointments.",
            "Not a book to rate so much as to recommend, to patients, to their children and to anyone who treats them.",
        ],
    },
    {
        "slug": "the-bill-comes-later",
        "title": "Review: The Bill Comes Later",
        "excerpt": "An investigation into surprise medical bills that reads like a thriller and ends with practical "
        "reforms.",
        "authors": ["tomas-reyes"],
        "tags": ["health costs", "hospital policy"],
        "book": {
            "title": "The Bill Comes Later",
            "authors": "Casimir Dunmore",
            "publisher": "Brackwater",
            "year": 2024,
            "isbn_stem": "979888412086",
            "rating": 4,
        },
        "body": [
            "Dunmore follows a handful of families through the months after an emergency, as bills arrive from "
            "providers they never knew had treated them.",
            "The reporting is careful and the anger is controlled. The closing chapter, setting out reforms "
            "that have worked elsewhere, lifts the book from complaint to argument.",
        ],
    },
]
