"""Demo articles, part three, with the draft and the scheduled article (format: see articles_1)."""

from core.demo.content.people import LONELY_ARTICLE_SLUG, LONELY_TAG

ARTICLES = [
    {
        "slug": "teaching-medical-students-to-say-not-yet",
        "title": "Teaching medical students to say “I don't know yet”",
        "excerpt": "Medicine is taught as a body of answers. Much of practice is managing the questions that have "
        "none so far.",
        "authors": ["miriam-okafor"],
        "tags": ["medical education", "clinical evidence"],
        "body": [
            "Medical students are selected for being good at exams, and exams reward certainty. Then they "
            "arrive on the wards, where a large share of patients have symptoms that do not yet add up to any "
            "diagnosis at all.",
            "The honest response, I don't know yet, but here is what we will do to find out, is a clinical "
            "skill. It has to be modelled by senior staff, or students will learn to hide their uncertainty "
            "instead of managing it.",
            "## Safety-netting as a habit",
            "Saying what would change the plan, and when the patient should come back, turns uncertainty into "
            "something shared and safe. It is one of the most useful things we can teach, and one of the least "
            "examined.",
        ],
    },
    {
        "slug": "bed-occupancy-and-the-ninety-five-per-cent-problem",
        "title": "Bed occupancy and the ninety-five per cent problem",
        "excerpt": "A hospital that is always nearly full looks efficient on paper. In practice it has no room for "
        "the next emergency.",
        "authors": ["tomas-reyes", "helen-achterberg"],
        "tags": ["hospital policy", "health costs"],
        "image": True,
        "body": [
            "An empty bed looks like waste to anyone reading a spreadsheet. So hospitals are pushed to run as "
            "close to full as possible, and many now operate above ninety per cent occupancy for most of the "
            "year.",
            "The mathematics of queues is unforgiving. As occupancy approaches its limit, small surges in demand "
            "produce long delays, because there is nowhere for the surge to go. Patients wait on trolleys, "
            "operations are cancelled and ambulances queue outside.",
            "## Spare capacity is not idle capacity",
            "A hospital with some beds free on a normal day is not inefficient. It is ready. Planning for that "
            "headroom costs money up front and saves a great deal of it, and of suffering, on the bad days.",
            "> Run a system at its limit and every ordinary fluctuation becomes a crisis.",
        ],
    },
    {
        "slug": "video-consultations-after-the-rush",
        "title": "Video consultations after the rush",
        "excerpt": "Remote appointments arrived overnight out of necessity. Now that the emergency has passed, "
        "which ones should stay?",
        "authors": ["samir-qureshi", "miriam-okafor"],
        "tags": ["digital health", "primary care"],
        "body": [
            "Almost overnight, a large share of appointments moved to the phone and the screen. Some of that "
            "shift was a relief: reviews of stable conditions, test results and repeat prescriptions rarely need "
            "a journey.",
            "Other things suffered. Examinations cannot be done by video. Subtle signs, a patient's gait or the "
            "smell of a room, are lost. And people without a quiet space or a reliable connection were "
            "quietly left behind.",
            "## Let patients choose, with guidance",
            "The best arrangements we have seen offer a choice, explain which problems need a face-to-face "
            "visit, and make switching easy when a call turns out to need one.",
        ],
    },
    {
        "slug": "is-ultra-processed-a-useful-label",
        "title": "Is “ultra-processed” a useful label?",
        "excerpt": "The term groups fizzy drinks with wholemeal bread. It has caught on anyway, and it may be "
        "pointing at something real.",
        "authors": ["ruth-ellingham"],
        "tags": ["nutrition", "clinical evidence"],
        "body": [
            "The category of ultra-processed food is defined by how a food is made rather than what it "
            "contains. That makes it broad: sweets and sugary drinks sit alongside some breads, yoghurts and "
            "plant-based milks.",
            "Critics argue the label is too blunt to guide choices. Supporters point to studies linking diets "
            "high in these foods to poorer health, and to one small but careful trial in which people ate more "
            "when given ultra-processed meals.",
            "## A practical middle way",
            "Rather than sorting every item into good and bad, it may be more useful to notice how much of a "
            "week's eating comes from foods that are designed to be eaten quickly and in quantity, and to cook "
            "from simple ingredients when time allows.",
        ],
    },
    {
        "slug": "making-room-for-grief",
        "title": "Making room for grief in a fifteen-minute slot",
        "excerpt": "Grief is not an illness, yet bereaved people come to the surgery. What they need is rarely a "
        "prescription.",
        "authors": ["miriam-okafor"],
        "tags": ["mental health", "primary care"],
        "body": [
            "Bereaved patients often book an appointment for something else: poor sleep, a cough that will not "
            "go, a pain in the chest. Somewhere in the conversation the real reason appears, usually with an "
            "apology for taking up time.",
            "Grief is not a disorder to be treated, and most people come through it with the support of those "
            "around them. But the surgery can help, by naming what is happening and by noticing the minority "
            "for whom grief has become stuck.",
            "> Sometimes the most useful thing in a consultation is to stop typing and listen.",
            "A follow-up call a few weeks later, simply to ask how things are, costs little and is remembered "
            "for a long time.",
        ],
    },
    {
        "slug": "deprescribing-in-later-life",
        "title": "Deprescribing in later life: the conversation we avoid",
        "excerpt": "Medicines are easy to start and hard to stop. For many older patients, fewer tablets would mean "
        "better health.",
        "authors": ["miriam-okafor", "helen-achterberg"],
        "tags": ["ageing", "clinical evidence"],
        "image": True,
        "body": [
            "Each new medicine is usually added for a good reason, by a clinician looking at one condition. "
            "Over the years the reasons pile up, and an older patient may be taking ten or more tablets a day "
            "whose combined effects nobody has studied.",
            "Stopping a medicine feels riskier than continuing it, even when the evidence says otherwise. "
            "Patients may worry that they are being given up on; clinicians may worry about undoing a "
            "colleague's decision.",
            "## Doing it well",
            [
                "Review the whole list at least once a year, with the patient.",
                "Stop one thing at a time and agree what to watch for.",
                "Frame it as tailoring treatment, not withdrawing care.",
            ],
        ],
    },
    {
        "slug": "the-waiting-list-is-a-ward",
        "title": "The waiting list is a ward without beds",
        "excerpt": "Patients waiting for treatment are still patients. Most lists have nobody looking after them.",
        "authors": ["tomas-reyes"],
        "tags": ["hospital policy", "patient experience"],
        "body": [
            "A waiting list is usually managed as a queue of referrals: dates, codes and targets. But each line "
            "is a person whose condition may be getting worse while they wait, often with no one checking.",
            "Some hospitals have begun treating the list like a ward. Patients are contacted, their needs "
            "reviewed and their place adjusted if things change. Those who deteriorate are spotted sooner.",
            "## The cost of looking",
            "This takes staff, and staff are scarce. But the alternative is to discover deterioration only when "
            "it arrives in the emergency department, which is the most expensive way of finding out.",
        ],
    },
    {
        "slug": "water-jugs-straws-and-hydration",
        "title": "Water jugs, straws and the quiet work of hydration",
        "excerpt": "Older patients in hospital often drink too little. The fixes are simple and depend on someone "
        "having the time.",
        "authors": ["helen-achterberg", "ruth-ellingham"],
        "tags": ["nursing", "nutrition", "ageing"],
        "body": [
            "A full water jug placed just out of reach is one of the small tragedies of hospital care. Older "
            "patients, especially those who are frail or confused, can become dehydrated on a ward surrounded "
            "by water.",
            "Dehydration brings confusion, falls, infections and longer stays. Preventing it needs no technology, "
            "only attention: cups that are easy to hold, drinks offered at every contact, and a simple chart.",
            "## Everyone's job",
            "On the wards that do this best, volunteers, housekeepers and visitors all offer drinks, not only "
            "the nurses. Hydration becomes part of the ward's culture rather than one more task on a list.",
        ],
    },
    {
        "slug": "screening-is-a-trade-off",
        "title": "Screening is a trade-off, not a gift",
        "excerpt": "Screening finds disease early. It also finds things that would never have caused harm, and "
        "treating those has a cost.",
        "authors": ["samir-qureshi"],
        "tags": ["public health", "clinical evidence"],
        "image": True,
        "body": [
            "Screening programmes are often presented as simple good news: come in, get checked, catch it "
            "early. For some conditions, that is roughly right. For others, the balance is finer.",
            "Every screening test produces false alarms, which lead to further tests and anxiety. Some find "
            "abnormalities that would never have grown or spread, and treating them brings risks with no "
            "benefit. This is called overdiagnosis, and it is invisible to the individual patient.",
            "## Informed, not persuaded",
            "Invitations to screening should explain both the benefits and the harms, in numbers people can "
            "use. Choosing not to be screened, after understanding the trade-off, is a reasonable decision.",
        ],
    },
    {
        "slug": LONELY_ARTICLE_SLUG,
        "title": "A letter from the night shift",
        "excerpt": "At three in the morning a hospital is a different place. A nurse writes to the patients who "
        "never see her face in daylight.",
        "authors": ["helen-achterberg"],
        "tags": [LONELY_TAG],
        "image": True,
        "body": [
            "Dear patient in bed four, you will not remember me. I was the torch at the end of your bed at two, "
            "and again at four, checking that your breathing had settled. You were asleep both times, which is "
            "what I had hoped.",
            "The night shift is mostly quiet work: observations, medicines, a hand held while someone waits for "
            "a painkiller to take effect. It is also the shift when people are most frightened, because the "
            "dark makes every worry louder.",
            "> If you woke and found someone there, that was the point.",
            "In the morning you will tell the day team that you slept badly, and you will be right. I hope you "
            "also remember that you were not alone.",
            "With best wishes for your recovery, the night nurse.",
        ],
    },
]

DRAFT_ARTICLE = {
    "slug": "reading-a-forest-plot-without-fear",
    "title": "Reading a forest plot without fear",
    "excerpt": "Draft: a gentle guide to the diagram at the heart of every meta-analysis.",
    "authors": ["samir-qureshi"],
    "tags": ["clinical evidence", "medical education"],
    "status": "draft",
    "body": [
        "A forest plot looks intimidating: rows of squares and whiskers lined up against a vertical line. "
        "Each row is a study; the square shows its result and the whiskers its uncertainty.",
        "## Still to write",
        "A worked example, and a note on what the diamond at the bottom means.",
    ],
}

SCHEDULED_ARTICLE = {
    "slug": "what-the-community-health-budget-might-change",
    "title": "What the new community health budget might change",
    "excerpt": "More money is promised for care outside hospitals. Where it goes first will decide whether anyone "
    "notices.",
    "authors": ["tomas-reyes"],
    "tags": ["hospital policy", "health costs"],
    "status": "scheduled",
    "body": [
        "Every few years a budget promises to shift care out of hospitals and into the community. The "
        "promise is sound: much of what keeps people well happens at home, in surgeries and in pharmacies.",
        "The difficulty is that hospitals are always full, so new money tends to be drawn back towards them. "
        "Protecting community funding for long enough to show results is the real test.",
    ],
}

# Published long ago: with COMMENTS_CLOSE_AFTER_DAYS on (as `make run` sets it), its thread has closed by itself.
ARCHIVE_ARTICLE = {
    "slug": "from-the-archive-the-last-paper-rota",
    "title": "From the archive: the last paper rota",
    "excerpt": "The ward swapped its paper rota for a screen. Something was lost along with the pencil marks.",
    "authors": ["helen-achterberg"],
    "tags": ["nursing", "digital health"],
    "days_ago": 400,
    "body": [
        "For twenty years the rota lived on a clipboard by the nurses' station. Swaps were pencilled in, "
        "initialled and, now and then, argued over in the margins.",
        "The new system is faster and never loses a page. It also hides who covered for whom, which was how "
        "a team used to know who owed a favour and who needed one.",
        "> A rota is a schedule, but it is also a record of kindness.",
        "None of this is an argument for paper. It is an argument for keeping the small signs of a team "
        "looking after itself somewhere people can see them.",
    ],
}
