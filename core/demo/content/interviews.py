"""Demo interviews (format: see articles_1; a "? " block is the interviewer's question, set in bold)."""

INTERVIEWS = [
    {
        "slug": "designing-a-hospital-for-frightened-people",
        "title": "Designing a hospital for people who are frightened",
        "excerpt": "An architect on daylight, corridors and why the route to the front door matters more than the "
        "front door.",
        "authors": ["tomas-reyes"],
        "tags": ["hospital policy", "patient experience"],
        "interviewees": [("Agnieszka Marlow", "Hospital architect")],
        "image": True,
        "body": [
            "? Where do you start when you design a hospital?",
            "With the arrival. Someone walking in is often anxious, in pain or with a relative who is. If they "
            "cannot find their way in the first minute, everything afterwards starts on the wrong foot.",
            "? What do people get wrong?",
            "Corridors. We treat them as leftover space, but patients and staff spend hours in them. A corridor "
            "with daylight, somewhere to sit and a view of something alive changes how a building feels.",
            "? Does any of this show up in outcomes?",
            "Some of it does: quieter wards help people sleep, and single rooms reduce some infections. The rest "
            "shows up in how staff feel at the end of a shift, which matters just as much.",
        ],
    },
    {
        "slug": "the-pharmacist-will-see-you-now",
        "title": "The pharmacist will see you now",
        "excerpt": "A community pharmacist on taking on minor illness, the limits of the counter and what patients "
        "still do not know they can ask.",
        "authors": ["miriam-okafor"],
        "tags": ["primary care", "health costs"],
        "interviewees": [("Dev Raghunathan", "Community pharmacist")],
        "body": [
            "? Pharmacies now handle many minor illnesses. How has your day changed?",
            "I spend far more time in the consultation room and far less behind the counter. Sore throats, "
            "urinary infections, rashes: a lot of people who would have waited for a doctor now come to us.",
            "? Where are the limits?",
            "We cannot examine everything, and we do not have the full record. The skill is knowing quickly "
            "when something is not minor and getting that person to the right place the same day.",
            "? What do you wish patients knew?",
            "That they can ask us about their medicines at any time. Many people take tablets for years without "
            "anyone explaining what each one is for.",
        ],
    },
    {
        "slug": "what-a-patient-advisory-board-actually-changes",
        "title": "What a patient advisory board actually changes",
        "excerpt": "A patient advocate and a hospital director on two years of meeting every month, and the "
        "decisions that went differently.",
        "authors": ["tomas-reyes"],
        "tags": ["patient experience", "hospital policy"],
        "interviewees": [
            ("Colette Brannagh", "Patient advocate and board member"),
            ("Idris Falconer", "Director of operations at a regional hospital"),
        ],
        "body": [
            "? Be honest: is the board listened to?",
            "Colette: Not at first. In the early meetings we were shown decisions that had already been made. We "
            "said so, politely, every month, until the papers started arriving before the decisions.",
            "Idris: That is fair. The turning point was the outpatient letters. The board rewrote them, and "
            "the number of missed appointments fell within a quarter.",
            "? What has the board not managed to change?",
            "Colette: Waiting times. We can make waiting less miserable, but we cannot add surgeons.",
            "Idris: And parking, which is the complaint I hear most and can do least about.",
        ],
    },
    {
        "slug": "running-a-trial-in-ten-rural-clinics",
        "title": "Running a trial in ten rural clinics",
        "excerpt": "A trialist and a research nurse on recruiting patients far from teaching hospitals, and why it "
        "matters who takes part in research.",
        "authors": ["samir-qureshi"],
        "tags": ["clinical evidence", "nursing"],
        "interviewees": [
            ("Dr Yusuf Haddad-Lind", "Clinical trialist"),
            ("Marta Oyelaran", "Research nurse"),
        ],
        "image": True,
        "body": [
            "? Why run a trial in rural clinics at all?",
            "Yusuf: Because the people who will use the treatment live there. Trials recruited only in city "
            "hospitals tell us how a treatment works for people who live near city hospitals.",
            "? What was hardest?",
            "Marta: Distance. Every follow-up visit was a long drive for someone. We moved as much as we could to "
            "phone calls and home visits, and we paid travel costs up front rather than by reimbursement.",
            "? Did it change the results?",
            "Yusuf: The treatment worked, a little less well than in earlier trials, which is probably the more "
            "honest estimate.",
        ],
    },
    {
        "slug": "building-a-mental-health-app-that-knows-its-limits",
        "title": "Building a mental-health app that knows its limits",
        "excerpt": "A product lead on crisis pathways, engagement metrics and deciding what an app should never try "
        "to do.",
        "authors": ["samir-qureshi"],
        "tags": ["digital health", "mental health"],
        "interviewees": [("Priya Castellanos", "Product lead at a digital mental-health service")],
        "body": [
            "? What should a mental-health app not do?",
            "Pretend to be a therapist. We offer structured exercises and a way to track mood. When someone "
            "describes a crisis, the app's job is to connect them with a person, quickly and clearly.",
            "? How do you measure success?",
            "Not by time spent in the app. An app that keeps you scrolling is not helping you. We look at "
            "whether people report feeling better and whether they stop needing us.",
            "? What would you tell a clinician who is sceptical?",
            "Stay sceptical, and ask for the evidence. Good services will have it and will be glad you asked.",
        ],
    },
    {
        "slug": "school-meals-one-kitchen-at-a-time",
        "title": "School meals, one kitchen at a time",
        "excerpt": "A school catering manager on cooking from scratch on a tight budget, and what children will "
        "actually eat.",
        "authors": ["ruth-ellingham"],
        "tags": ["nutrition", "public health"],
        "interviewees": [("Bernard Ansah", "School catering manager")],
        "body": [
            "? What changed when your kitchens started cooking from scratch?",
            "The smell, first of all. Children notice when lunch is being cooked. More of them started eating "
            "school meals, which made the numbers work.",
            "? And the cost?",
            "Fresh ingredients cost more, but we waste less and buy in season. The real cost is staff time and "
            "training, and that is where most of the budget goes.",
            "? Will children eat vegetables?",
            "If they help grow them, cook them or name the dish, absolutely. If the vegetables arrive as a "
            "lecture, no.",
        ],
    },
]
