"""Demo articles, part one. Body blocks: a string is a paragraph, "## " a heading, "> " a quotation, a list a
bulleted list (see core.demo.seed.body_html). "image": True draws a lead image; "featured": True makes the item
the front page's lead story."""

ARTICLES = [
    {
        "slug": "why-waiting-rooms-need-clocks",
        "title": "Why every waiting room needs a clock that tells the truth",
        "excerpt": "Patients can bear a long wait far better than an unexplained one. Telling people where they stand "
        "costs almost nothing.",
        "authors": ["miriam-okafor"],
        "tags": ["patient experience", "hospital policy"],
        "source": "the-waiting-room-review",
        "image": True,
        "featured": True,
        "body": [
            "Sit in any clinic waiting room for an hour and you will notice that people rarely complain about the "
            "length of the wait itself. What wears them down is not knowing: whether they have been forgotten, "
            "whether the doctor is running late, whether it is safe to go and buy a sandwich.",
            "## Uncertainty is the real burden",
            "A wait of forty minutes that was announced at the desk feels shorter than a wait of twenty that was "
            "not. Staff know this instinctively, yet most clinics still treat delay as something slightly "
            "embarrassing, best not mentioned.",
            "> A waiting room is the first room of the consultation. What happens there shapes what is said later.",
            "The fixes are modest. A screen that shows how far behind each clinician is running. A receptionist "
            "empowered to say so out loud. A text message when the list slips by more than half an hour.",
            "None of this shortens a single appointment. It simply treats patients as adults who can plan their "
            "own afternoon, which is the least we can offer people who have come to us for help.",
        ],
        # Corrections and updates: (kind, days after publishing, text); see core.models.Correction.
        "notes": [
            (
                "update",
                9,
                "Since this piece appeared, two of the clinics it describes have put up screens showing "
                "how late each list is running. We will report on how patients find them.",
            ),
        ],
    },
    {
        "slug": "the-trouble-with-surrogate-endpoints",
        "title": "The trouble with surrogate endpoints",
        "excerpt": "A drug that improves a blood test does not always help the patient who gave the blood. Why "
        "trials measure stand-ins, and when to be wary.",
        "authors": ["samir-qureshi", "miriam-okafor"],
        "tags": ["clinical evidence"],
        "source": "bedside-data",
        "body": [
            "Most of the outcomes patients care about are slow to arrive and expensive to count: living longer, "
            "avoiding a stroke, staying out of hospital. So trials often measure something quicker instead, such "
            "as a cholesterol level, a tumour's size on a scan or a number on a blood-pressure cuff.",
            "These stand-ins are called surrogate endpoints, and they are not a trick. Used well, they let good "
            "treatments reach people years earlier than they otherwise would.",
            "## When the stand-in wanders off",
            "The difficulty is that a surrogate is only as good as its link to the outcome that matters. History "
            "has several examples of medicines that moved the number in the right direction while doing nothing "
            "for patients, or even harming them.",
            [
                "Ask whether the surrogate has predicted real outcomes for other drugs of the same kind.",
                "Check whether the trial was long enough to see any harms.",
                "Look for the follow-up study that measured what patients experience.",
            ],
            "A better number is a promise. It is worth asking, politely and persistently, whether anyone has "
            "checked that the promise was kept.",
        ],
        "notes": [
            (
                "correction",
                2,
                "An earlier version of this article called a tumour's size on a scan a “hard” "
                "outcome. It is a surrogate endpoint, as the rest of the article explains.",
            ),
        ],
    },
    {
        "slug": "patients-are-reading-their-notes",
        "title": "Patients are reading their notes now. Good.",
        "excerpt": "Open records make some clinicians nervous. The early experience suggests the nerves were "
        "misplaced, and the notes got better.",
        "authors": ["samir-qureshi"],
        "tags": ["digital health", "patient experience"],
        "image": True,
        "body": [
            "When our hospital first let patients read their clinical notes online, the worry in the staff room "
            "was that people would be confused, frightened or offended. A few were. Far more were reassured, "
            "and some spotted mistakes that nobody else had noticed.",
            "Writing for a reader who might be the patient changes the writing. Abbreviations get spelled out. "
            "Speculation is labelled as such. Words that sound like judgements quietly disappear.",
            "## What still needs work",
            "Results that arrive in the portal before a clinician has explained them remain a real problem, "
            "especially for serious diagnoses. A short delay for certain tests, agreed with patients rather "
            "than imposed on them, seems a fair compromise.",
            "The notes are about the patient. It was always a little strange that they were the one person not "
            "expected to read them.",
        ],
    },
    {
        "slug": "salt-sugar-and-the-headline-cycle",
        "title": "Salt, sugar and the headline cycle",
        "excerpt": "One week a food is a villain, the next a superfood. A dietitian's guide to reading nutrition news "
        "without whiplash.",
        "authors": ["ruth-ellingham"],
        "tags": ["nutrition", "clinical evidence"],
        "source": "bedside-data",
        "image": True,
        "body": [
            "Nutrition research is hard. People do not eat single nutrients, they eat meals, and they change what "
            "they eat for reasons that also affect their health. Most studies can therefore show associations "
            "rather than causes, and headlines tend to forget the difference.",
            "## Three questions before you change your shopping",
            [
                "Was this a study of people, or of cells and animals?",
                "How big was the difference, in plain numbers rather than percentages?",
                "Does it agree with the larger body of research, or contradict all of it?",
            ],
            "If a single study overturns decades of consistent findings, it is more likely to be wrong than "
            "revolutionary. That is not cynicism; it is how evidence accumulates.",
            "The dull advice survives every news cycle for a reason: mostly plants, not too much salt, enough "
            "fibre, and meals you actually enjoy and can afford.",
        ],
    },
    {
        "slug": "discharge-before-noon-revisited",
        "title": "The discharge-before-noon target, revisited",
        "excerpt": "Sending patients home by midday frees beds for the afternoon rush. It can also mean a rushed "
        "goodbye. Both things are true.",
        "authors": ["helen-achterberg", "tomas-reyes"],
        "tags": ["hospital policy", "nursing"],
        "body": [
            "Bed managers love a morning discharge. A bed that empties at ten can be cleaned and filled by lunch, "
            "and the queue in the emergency department moves. A bed that empties at six in the evening helps "
            "nobody until the next day.",
            "On the ward, the target looks different. Medicines to take home must be ready, transport booked, "
            "families told, and the patient must actually be well enough to leave. Squeezing all of that into a "
            "morning round is possible only if the planning started days earlier.",
            "> Targets change behaviour. The question is always which behaviour.",
            "## Planning, not pressure",
            "The wards that meet the target without cutting corners share one habit: they talk about the day of "
            "discharge from the day of admission. The time is a consequence of good planning, not a substitute "
            "for it.",
        ],
    },
    {
        "slug": "what-a-ten-minute-appointment-can-hold",
        "title": "What a ten-minute appointment can hold",
        "excerpt": "A short consultation cannot do everything. It can still do the most important thing, if both "
        "people agree what that is.",
        "authors": ["miriam-okafor"],
        "tags": ["primary care", "patient experience"],
        "image": True,
        "body": [
            "Ten minutes is not long. By the time a patient has sat down and explained why they have come, a "
            "third of it may have gone. Many arrive with a list, and the item that worries them most is often "
            "the last one, mentioned with a hand already on the door.",
            "I have started asking at the beginning: what would make today worthwhile for you? It is not a "
            "magic question, but it brings the important thing forward and lets us agree what can wait.",
            "## Saying what comes next",
            "The second habit is to end by naming the plan out loud, including what to do if things get worse. "
            "It takes thirty seconds and saves a surprising number of return visits.",
            "Longer appointments would be better. Until we have them, a short one can still be a good one.",
        ],
    },
    {
        "slug": "symptom-checkers-and-the-worried-well",
        "title": "Symptom checkers and the worried well",
        "excerpt": "Online symptom checkers are built to be cautious. That caution has a cost, paid mostly in "
        "anxiety and unnecessary visits.",
        "authors": ["samir-qureshi"],
        "tags": ["digital health", "mental health"],
        "source": "the-waiting-room-review",
        "body": [
            "A symptom checker that tells a healthy person to see a doctor urgently has failed in a way that no "
            "complaint form will capture. The person worries, books an appointment, perhaps visits an emergency "
            "department, and is sent home reassured but a day poorer.",
            "Designers choose caution for understandable reasons. Missing a serious illness is a disaster; "
            "over-referral is merely inefficient. But inefficiency at the scale of millions of users is not small.",
            "## What good tools do differently",
            [
                "They explain why they are suggesting each next step.",
                "They offer a safe option to watch and wait, with clear warning signs.",
                "They publish how often their advice matched a clinician's.",
            ],
            "For people prone to health anxiety, the checkers can become part of the problem. That deserves more "
            "attention than it gets in the product brochures.",
        ],
    },
    {
        "slug": "relative-risk-absolute-sense",
        "title": "Relative risk, absolute sense",
        "excerpt": "Halving a risk sounds dramatic. Whether it matters depends entirely on how big the risk was to "
        "begin with.",
        "authors": ["miriam-okafor", "samir-qureshi"],
        "tags": ["clinical evidence", "public health"],
        "image": True,
        "body": [
            "Imagine a treatment that cuts the risk of an illness by half. Now imagine the illness affects two "
            "people in a thousand each year. Half of two is one, so a thousand people take the treatment for a "
            "year to spare one of them.",
            "That may still be worthwhile. But it is a very different conversation from the one that begins with "
            "the word half.",
            "## Put both numbers on the table",
            "Good patient leaflets now show the absolute numbers alongside the relative ones, often as a grid of "
            "a hundred small figures. Patients understand them well, and so, it turns out, do clinicians who had "
            "been quoting the relative figure for years.",
            "> The same result can be told to sound exciting or modest. Honesty means telling it both ways.",
        ],
    },
    {
        "slug": "loneliness-is-a-clinical-problem",
        "title": "Loneliness is a clinical problem, whether or not we code it",
        "excerpt": "There is no blood test for loneliness, yet it shapes how often people visit, how they recover "
        "and how long they live.",
        "authors": ["miriam-okafor"],
        "tags": ["mental health", "ageing", "primary care"],
        "source": "small-print-medicine",
        "body": [
            "Some of my most frequent visitors are not very ill. They are alone, and the surgery is one of the "
            "few places where someone will listen to them for a few minutes without being paid by the hour.",
            "It is tempting to see these visits as a misuse of the service. I have come to think of them as a "
            "symptom, one that our systems have no box to tick for.",
            "## Referral to what?",
            "Social prescribing, linking patients to community groups, walking clubs and volunteers, is a good "
            "idea that depends entirely on those groups existing. Where they have been funded, the results are "
            "encouraging. Where they have not, a referral is just a leaflet.",
            "Loneliness will not appear on a death certificate. It is still worth treating.",
        ],
    },
    {
        "slug": "the-price-list-nobody-can-read",
        "title": "The price list nobody can read",
        "excerpt": "Publishing hospital prices was meant to help patients shop around. The lists are public, long "
        "and almost useless.",
        "authors": ["tomas-reyes"],
        "tags": ["health costs", "hospital policy"],
        "source": "small-print-medicine",
        "image": True,
        "body": [
            "Price transparency sounds like an unarguable good. If patients can see what a procedure costs, the "
            "argument goes, they will choose better value and hospitals will compete on price.",
            "In practice the published lists run to thousands of lines of billing codes, with separate prices "
            "for each insurer and each component of care. Few patients can find the line that applies to them, "
            "and fewer still can add up the lines that will.",
            "## What would actually help",
            [
                "A price for a whole episode of care, not its hundred parts.",
                "An estimate given before treatment, in writing, that the hospital must honour.",
                "A single place to compare those estimates.",
            ],
            "Information that cannot be used is not transparency. It is paperwork with good intentions.",
        ],
    },
]
