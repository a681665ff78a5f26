"""Synthetic two-pole texts (written for the tests, not from any outlet) shared by the
model tests."""

THREAT = [
    "Officials warned of espionage and a national security threat from the app.",
    "Lawmakers moved to ban the company over surveillance and data harvesting.",
    "The agency said spies posed a threat to national security, officials said.",
    "Regulators cited censorship and surveillance risks in the ban.",
    "A security review found the adversary could harvest user data.",
    "Senators called the platform a national security threat and urged a ban.",
]
EXCHANGE = [
    "Young people welcomed new friends and learned each other's language.",
    "The festival celebrated cultural exchange and friendship between communities.",
    "Students shared songs and recipes, a warm welcome across cultures.",
    "Curious users made friends abroad and learned about daily life there.",
    "People-to-people connection grew as communities welcomed newcomers.",
    "A cultural exchange brought friendship, curiosity and shared language.",
]
TEXTS = THREAT + EXCHANGE
LABELS = ["threat"] * 6 + ["exchange"] * 6
