"""Demo articles, part two (format: see articles_1)."""

ARTICLES = [
    {
        "slug": "breakfast-is-not-magic",
        "title": "Breakfast is not magic (and neither is skipping it)",
        "excerpt": "The most important meal of the day turns out to be whichever one suits you. What the studies "
        "on breakfast actually found.",
        "authors": ["ruth-ellingham"],
        "tags": ["nutrition"],
        "body": [
            "For decades breakfast was sold as the meal that made everything else work: better concentration, "
            "steadier weight, a healthier heart. Then came a wave of enthusiasm for skipping it altogether.",
            "When researchers compared the two in controlled trials, the differences were small in both "
            "directions. People who ate breakfast ate a little more over the day; people who skipped it were a "
            "little hungrier at lunch. Neither group was transformed.",
            "## What matters more",
            "What you eat across a week, and whether it keeps you comfortable and well fed, matters far more "
            "than the hour at which you start. If you are hungry in the morning, eat. If you are not, you have "
            "not failed at anything.",
            "> Rules about timing are easy to follow and easy to sell. Rules about quality are harder and more useful.",
        ],
    },
    {
        "slug": "handover-is-a-clinical-skill",
        "title": "Handover is a clinical skill. Teach it like one.",
        "excerpt": "Every shift ends with a conversation that decides what the next team knows. Most of us learned "
        "it by copying whoever stood next to us.",
        "authors": ["helen-achterberg"],
        "tags": ["nursing", "medical education"],
        "image": True,
        "body": [
            "Twice a day on every ward, the care of dozens of patients passes from one group of people to "
            "another in a few minutes of talk. Information lost in that conversation can take hours to "
            "rediscover, and sometimes it is never rediscovered at all.",
            "Yet handover is rarely taught. Students pick it up on placement, absorbing the habits of the ward "
            "they happen to land on, good or bad.",
            "## A structure helps, but is not enough",
            "Structured formats give handover a shape: situation, background, assessment, recommendation. They "
            "reduce omissions. What they cannot do is teach judgement about what matters most tonight for this "
            "patient.",
            [
                "Practise handover in simulation, with feedback, like any other skill.",
                "Protect the time: no phones, no drug rounds, no interruptions.",
                "Ask the receiving nurse to repeat back the one thing they must not miss.",
            ],
        ],
    },
    {
        "slug": "alert-fatigue-is-a-design-problem",
        "title": "Alert fatigue is a design problem",
        "excerpt": "When software warns about everything, people learn to click through warnings. Blaming staff for "
        "that is blaming them for being human.",
        "authors": ["samir-qureshi", "helen-achterberg"],
        "tags": ["digital health", "nursing"],
        "source": "bedside-data",
        "body": [
            "Electronic prescribing systems are full of alerts: interactions, allergies, doses outside the usual "
            "range. Each one was added for a good reason, usually after something went wrong somewhere.",
            "The result, on a busy ward, is a system that interrupts so often that staff override almost every "
            "warning without reading it. The one alert that matters arrives looking exactly like the hundred "
            "that did not.",
            "## Fewer, louder, better",
            "The hospitals that have reduced alert fatigue did it by switching alerts off, carefully and with "
            "evidence, until the remaining ones were worth reading. It is unglamorous work, and it needs "
            "clinicians and software teams in the same room.",
            "> An alert that is always ignored is not a safety feature. It is noise with a liability attached.",
        ],
    },
    {
        "slug": "the-case-for-boring-prevention",
        "title": "The case for boring prevention",
        "excerpt": "Vaccination reminders, blood-pressure checks and stop-smoking clinics will never trend. They "
        "quietly save more lives than almost anything else we fund.",
        "authors": ["tomas-reyes"],
        "tags": ["public health", "health costs"],
        "body": [
            "Prevention has a presentation problem. Its successes are invisible: the heart attack that did not "
            "happen, the outbreak that never started. Nobody holds a press conference for an ordinary Tuesday.",
            "Budgets follow visibility, so prevention is usually the first thing trimmed when money is short. "
            "The savings appear at once; the costs arrive years later, on someone else's watch.",
            "## Counting what did not happen",
            "Economists can estimate the value of prevention, and the estimates are often startling. The "
            "difficulty is political rather than technical: it takes patience to fund something whose reward is "
            "an absence.",
            "If we want more of it, we need to get better at telling its story, and at protecting its budget "
            "from the next urgent thing.",
        ],
    },
    {
        "slug": "notes-from-a-falls-clinic",
        "title": "Notes from a falls clinic",
        "excerpt": "A fall is rarely just a fall. Behind most of them is a story about medicines, eyesight, loose "
        "rugs and the fear of falling again.",
        "authors": ["helen-achterberg"],
        "tags": ["ageing", "patient experience"],
        "image": True,
        "body": [
            "The people referred to our falls clinic often apologise for wasting our time. They tripped, they "
            "say, it was silly, it could happen to anyone. Sometimes that is true. More often, a careful hour "
            "turns up several reasons that added together.",
            [
                "A blood-pressure tablet that makes them dizzy when they stand.",
                "Glasses that have not been updated in years.",
                "A dark landing, a loose rug, a pet that sleeps on the stairs.",
            ],
            "## The fear is the hardest part",
            "After a fall, many people start doing less, which weakens their legs, which makes the next fall "
            "more likely. Strength and balance classes break that cycle better than any warning leaflet.",
            "We measure our success in falls prevented. Our patients measure it in trips to the shops they feel "
            "able to make again.",
        ],
    },
    {
        "slug": "when-the-guideline-and-the-patient-disagree",
        "title": "When the guideline and the patient disagree",
        "excerpt": "Guidelines describe the average patient. The person in front of you is never quite average.",
        "authors": ["miriam-okafor"],
        "tags": ["clinical evidence", "primary care"],
        "body": [
            "Clinical guidelines are one of the great achievements of modern medicine. They distil a mountain of "
            "research into advice that a busy clinician can use, and they reduce the lottery of care depending "
            "on which doctor you happen to see.",
            "But a guideline is written for a population. When a patient in their nineties with five other "
            "conditions declines a medicine that the guideline recommends, they are not being irrational. They "
            "may be weighing things the guideline never considered.",
            "## Departing well",
            "Departing from a guideline is sometimes the right call. The test is whether the reasons are "
            "discussed, agreed and written down, so that the next clinician understands the choice rather than "
            "quietly reversing it.",
            "> Evidence tells us what usually happens. The patient tells us what matters.",
        ],
    },
    {
        "slug": "wearable-data-nobody-asked-for",
        "title": "Wearable data nobody asked for",
        "excerpt": "Patients arrive with months of heart-rate graphs from their watches. What should a clinician do "
        "with them?",
        "authors": ["samir-qureshi"],
        "tags": ["digital health", "clinical evidence"],
        "source": "the-waiting-room-review",
        "image": True,
        "body": [
            "Consumer wearables now record heart rhythm, sleep, steps and blood oxygen, continuously and for "
            "years. Some of that data is genuinely useful: an irregular rhythm caught early can prevent a "
            "stroke. Much of it is noise, and the devices rarely say which is which.",
            "Clinicians are left in an awkward position. Ignoring the data seems dismissive. Acting on all of it "
            "leads to tests, referrals and worry for people who were perfectly well.",
            "## A few working rules",
            [
                "Treat an alert from a device as a reason to check, not as a diagnosis.",
                "Ask what prompted the patient to bring the data today.",
                "Be honest that normal bodies produce strange-looking graphs.",
            ],
            "The devices will keep getting better. Our habits for interpreting them need to keep up.",
        ],
    },
    {
        "slug": "burnout-is-not-a-personal-failing",
        "title": "Burnout is not a personal failing",
        "excerpt": "Resilience training has its place. It is not a substitute for rotas that let people sleep.",
        "authors": ["helen-achterberg", "miriam-okafor"],
        "tags": ["mental health", "medical education", "nursing"],
        "body": [
            "When staff burn out, organisations often respond by offering courses in resilience, mindfulness or "
            "time management. The message, however kindly meant, is that the problem lies in the individual and "
            "the fix is for them to cope better.",
            "Most of the staff I know are extraordinarily resilient already. What wears them down is chronic "
            "understaffing, missed breaks, moral distress at care they cannot give, and rotas published too late "
            "to plan a life around.",
            "## Fix the work first",
            "Wellbeing programmes work best alongside changes to the work itself: safe staffing, protected breaks "
            "and a manager who notices. Without those, they can feel like an insult.",
            "> You cannot meditate your way out of a twelve-hour shift with no lunch.",
        ],
    },
    {
        "slug": "hospital-car-parks-and-the-cost-of-getting-there",
        "title": "Hospital car parks and the hidden cost of getting there",
        "excerpt": "Parking charges, bus routes and time off work are part of the price of care, even when the care "
        "itself is free.",
        "authors": ["tomas-reyes"],
        "tags": ["health costs", "patient experience"],
        "body": [
            "Ask patients what makes hospital visits hard and the answer is often not the treatment but the "
            "journey. Two buses each way, a car park that charges by the hour, a day's wages lost for a "
            "fifteen-minute review.",
            "These costs fall hardest on those with the least, and they show up in the data as missed "
            "appointments, which are then blamed on the patients who missed them.",
            "## Small changes, measurable effects",
            "Moving routine follow-ups closer to home, or online where that is safe, reduces the burden. So do "
            "parking concessions for frequent attenders and clinics that run outside working hours.",
            "The cheapest appointment for the health service is not always the cheapest for the patient. Both "
            "columns belong in the same ledger.",
        ],
    },
    {
        "slug": "fibre-the-unglamorous-nutrient",
        "title": "Fibre, the unglamorous nutrient",
        "excerpt": "It will never be fashionable, and most of us eat too little of it. A short defence of beans, "
        "oats and the humble lentil.",
        "authors": ["ruth-ellingham"],
        "tags": ["nutrition", "public health"],
        "image": True,
        "body": [
            "Fibre has no marketing department. It does not promise to melt fat or sharpen the mind. It simply "
            "turns up, decade after decade, in the research on heart disease, bowel health and diabetes, "
            "associated with better outcomes.",
            "Most adults eat well below the recommended amount. The gap is not hard to close, but it does "
            "require eating foods that are cheap, filling and a little unfashionable.",
            "## Easy additions",
            [
                "A tin of beans or lentils stirred into soups and stews.",
                "Oats rather than a sugary cereal.",
                "Keeping the skins on potatoes, and a piece of fruit with lunch.",
            ],
            "Increase it gradually, drink enough water, and your gut will thank you, eventually, after "
            "registering a brief complaint.",
        ],
    },
]
