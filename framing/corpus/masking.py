"""Mask outlet identity in a news text, for blind human coding and for scoring the same text.

``mask(text)`` returns the text with every outlet name, outlet self-reference, byline line,
URL and e-mail address replaced by ``[OUTLET]``, and a few lines of outlet web-page furniture
(share buttons, "Slideshow (5 Images)", RT's "Also on rt.com ..." links, cookie and copyright
notices, BBC "Image copyright" labels ...) removed. Datelines keep their city and date and
lose the agency:
``"BEIJING, Jan. 16 (Xinhua) --"`` becomes ``"BEIJING, Jan. 16 ([OUTLET]) --"`` and
``"NEW YORK (Reuters) -"`` becomes ``"NEW YORK ([OUTLET]) -"``.

The validation coders see only masked texts, so that they code the tone and the framing of a
text and not what they believe about its publisher. ``framing sample`` masks every sheet it
writes with this module, and so does ``benchmarks/validation/sample.py`` (the coded set); a
scorer that is compared with their codes should score the same masked text. Standard library
only.

What is masked:

* the outlets of the sampled data sets: China Daily, The New York Times, Reuters, Associated
  Press, Bloomberg, BBC, Al Jazeera, RT, Sputnik, Press TV, Pravda Report, Tehran Times,
  rrn.media (RRN, "Reliable Recent News"), War on Fakes, and the ReCOVery mainstream outlets
  (Chicago Sun-Times, Business Insider, The Verge, USA Today, NPR, CBS, Politico, CNBC,
  Yahoo News, The Washington Post, The Detroit News, Slate, Los Angeles Daily News, ABC News,
  The Mercury News, The Atlantic, The New Yorker, PBS NewsHour, Washington Monthly,
  FiveThirtyEight), with their web domains and common short forms (NYT, AP, "The Times",
  "The Post", "Insider");
* news agencies that identify a text's origin when they appear as a credit or a source:
  Xinhua, TASS, RIA Novosti, CGTN, Global Times, People's Daily, IRNA, Mehr, Tasnim, ISNA,
  Fars, IRIB, ILNA, AFP;
* byline and credit lines ("Editor: ...", "Reporting by ...; Editing by ...", "By Jane Doe",
  "... contributed to this report", "Follow X on Twitter", "To contact the reporter ...",
  "(HK Edition 09/12/2014 page10)"), replaced whole by ``[OUTLET]``;
* URLs (``http(s)://``, ``www.``, bare domains with a path) and e-mail addresses.

Ambiguous names are masked only where they name the outlet: "Bloomberg" is kept after
Michael/Mike/Mr./Mayor (and in texts about the person only its outlet forms are masked),
"RT" is kept in "RT-PCR", "Sputnik" in "Sputnik V", "AP" in "AP exams", "The Atlantic" when
it is the ocean ("across the Atlantic", "The Atlantic Ocean"), "the verge" in lower case,
"Mehr" and "Fars" unless followed by "News", "CCTV" is not masked (camera footage).
Masking is not perfect: a name in an unusual form can survive, and cited outlets are masked
like the publisher (``"told [OUTLET]"``). ``leaks(text)`` lists outlet-like names still
present, for checking.
"""

# ruff: noqa: E501  (the pattern tables read best one rule per line)
from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[OUTLET]"

_I = re.IGNORECASE
_M = re.MULTILINE

# --- 1. page furniture: removed (these lines carry no content, only the outlet's template) ---
_FURNITURE = [
    re.compile(p, f)
    for p, f in [
        (r"^[ \t]*Slideshow \(\d+ Images?\)[ \t]*$", _M),
        (r"^[ \t]*(?:LISTEN TO ARTICLE[ \t]*\d+:\d+[ \t]*)?SHARE THIS ARTICLE[^\n]*$", _M),
        (r"^[ \t]*(?:Think your friends would be interested\? Share this story!|"
         r"Like this story\? Share it with a friend!|Read or Share this story:[^\n]*)[ \t]*$", _M),
        (r"^[ \t]*(?:Previous Page|(?:\d+[ \t]+)*Next Page(?:[ \t]*>>\|)?|ADVERTISEMENT|Advertisement"
         r"|Loading\.\.\.|<!--|-->|_{2,}|Related readings:|Full Coverage:[^\n]*)[ \t]*$", _M),
        (r"^[ \t]*function turnpage\([^\n]*$", _M),
        (r"Image copyright\s.*?(?:Image caption\s+|$)", _M),
        (r"Media playback is unsupported on your device(?:\s+Media caption\s+)?", 0),
        (r"^[ \t]*Image caption\s+", _M),
        (r"^[ \t]*Enlarge this image[ \t]*", _M),
        (r"^[ \t]*toggle caption[ \t]*", _M),
        (r"^[ \t]*(?:Copyright[ \t]*©?|\(c\))[ \t]*(?:19|20)\d\d\b[^\n]{0,150}$", _M),
        (r"^[ \t]*©[^\n]{0,150}$", _M),
        (r"^[ \t]*[^\n]{0,40}\bAll rights reserved\.?[^\n]{0,200}$", _M),
        (r"^[ \t]*Our Standards:[^\n]*$", _M),
        (r"^[ \t]*Also on rt\.com\b[^\n]*$", _M | _I),  # RT's links to other articles
        (r"^[ \t]*(?:Get news from the BBC in your inbox|Visit Business Insider's homepage)[^\n]*$", _M),
        (r"^[ \t]*(?:You can withdraw your consent|To improve the performance of our website"
         r"|By clicking on the \"Accept & Close\" button)[^\n]*$", _M),
    ]
]  # fmt: skip

# --- 2. bylines and credit lines: the whole line becomes [OUTLET] ---
_BYLINES = [
    re.compile(p, f)
    for p, f in [
        # "Editor: Li Yan", "Photographer: ...", "Contact: ..." (a label and a colon)
        (r"^[ \t]*[-—–]*[ \t]*(?:Editors?|Reporters?|Writers?|Authors?|Photographers?|Credits?|"
         r"Contact)[ \t]*:[^\n]{0,200}$", _M | _I),
        # "Reporting by X; Editing by Y", "Edited by ...", "— With assistance by ..." (a line)
        (r"^[ \t]*[-—–(]*[ \t]*(?:Additional |Further )?(?:Reporting|Edited|Editing|Writing|Written|"
         r"Compiled|Reported|Produced|Translated|Photos?|Video|Graphics?) by\b[^\n]{0,250}$", _M | _I),
        (r"^[ \t]*[-—–]*[ \t]*With (?:assistance|reporting) (?:by|from)\b[^\n]{0,250}$", _M | _I),
        # "By Jane Doe", "By Zhao Huanxin in Washington (China Daily USA)" (a short line, no sentence)
        (r"^[ \t]*By[ \t]+(?:[A-Z][\w.'’-]*[ \t,|&]*|and[ \t]+|in[ \t]+|[()/\[\]][ \t]*)"
         r"{1,14}[ \t]*$", _M),
        # "Xinhua contributed to this story.", "Associated Press writer X contributed.",
        # "Reuters and AFP contributed."
        (r"^[^\n]{0,200}\bcontributed (?:reporting|to this (?:report|story|article))[^\n]{0,80}$", _M),
        (r"^[^\n]{0,150}\b(?:[Ww]riters?|[Rr]eporters?|[Cc]orrespondents?|[Ss]taff)\b[^\n]{0,150}"
         r"\bcontributed\.?[ \t]*$", _M),
        (r"^[ \t]*[A-Z][\w.-]*(?:[ \t]+(?:and|&)?[ \t]*[A-Z][\w.-]*){0,4}[ \t]+contributed\.?[ \t]*$",
         _M),
        (r"^[ \t]*(?:To contact the (?:reporters?|editors?|authors?)|Follow\b[^\n]{0,80}\bon Twitter"
         r"|Twitter:[ \t]*@)[^\n]*$", _M),
        (r"^[ \t]*The views and opinions expressed in (?:the|this) article do not necessarily[^\n]*$",
         _M),
        (r"^[ \t]*We'd love to get your feedback at[^\n]*$", _M),
        # China Daily print references: "(HK Edition 09/12/2014 page10)", "(China Daily USA 01/02/2014 page12)"
        (r"\((?:[A-Za-z ]{0,40}(?:Edition|Weekly)|China Daily[A-Za-z ]{0,30})[ \t]*\d{1,2}/\d{1,2}/\d{2,4}"
         r"[ \t]*page[ \t]*\d+\)", _I),
        # wire tails inside a one-line text: "... Reporting by X; Editing by Y" to the end of line
        (r"(?<=[.!?”\"])[ \t]*(?:\(?(?:Additional )?(?:Reporting|Writing|Editing) by\b)[^\n]{0,300}$", _M),
    ]
]  # fmt: skip

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"”)\]]+"
    r"|\b(?:[a-z0-9-]+\.)+(?:com|org|net|ir|ru|cn|uk|media|info|io|gov|edu|me|tv|news)/[^\s<>\"”)\]]*",
    _I,
)

# --- 3. names: each match becomes [OUTLET] (longer forms first) ---
_NAMES_I = [  # case-insensitive, unambiguous
    r"Thomson Reuters(?: Foundation)?", r"Reuters",
    r"(?:The )?Associated Press",
    r"Al[- ]?Jazeera(?:\.com| English| America| Arabic| Media Network)?",
    r"China Daily(?: USA| Asia| Europe| Africa| Global| Hong Kong(?: Edition)?| European Weekly| Africa Weekly)?",
    r"chinadaily\w*(?:\.com(?:\.cn)?)?",
    r"Xinhua(?:net| News Agency)?",
    r"(?:The )?New York Times", r"nytimes(?:\.com)?",
    r"Tehran Times", r"tehrantimes(?:\.com)?",
    r"Press ?TV(?:\.ir|\.com)?",
    r"Russia Today", r"ITAR-TASS", r"TASS", r"RIA Novosti", r"RIA FAN",
    r"(?:Ukrainska|Komsomolskaya) Pravda", r"Pravda(?: Report|\.ru)?", r"PravdaReport",
    r"Reliable Recent News", r"rrn\.(?:media|world)", r"War ?on ?Fakes(?:\.com)?",
    r"Global Times", r"People[’']s Daily(?: Online)?", r"CGTN", r"China Central Television",
    r"China Radio International",
    r"Islamic Republic News Agency", r"IRNA", r"Mehr ?News(?: Agency)?", r"Tasnim(?: ?News(?: Agency)?)?",
    r"ISNA", r"Fars ?News(?: Agency)?", r"IRIB(?: News)?", r"ILNA",
    r"Agence France[- ]Presse", r"AFP",
    r"(?:The )?Chicago Sun-Times", r"Sun-Times", r"suntimes(?:\.com)?",
    r"Business Insider", r"insider\.com",
    r"theverge\.com", r"USA Today", r"usatoday(?:\.com)?",
    r"National Public Radio", r"NPR(?:\.org)?",
    r"CBS(?:N| News| This Morning| Evening News)?", r"cbsnews\.com",
    r"CNBC(?:\.com)?",
    r"Yahoo!?(?: News| Finance)?",
    r"(?:The )?Washington Post", r"WaPo",
    r"(?:The )?Detroit News", r"detroitnews(?:\.com)?",
    r"(?:The |San Jose )?Mercury News", r"Bay Area News Group", r"mercurynews(?:\.com)?",
    r"(?:The )?(?:Los Angeles|LA|L\.A\.) Daily News", r"Southern California News Group", r"SCNG",
    r"dailynews\.com",
    r"PBS(?: NewsHour)?", r"NewsHour",
    r"theatlantic(?:\.com)?", r"newyorker(?:\.com)?",
    r"Washington Monthly", r"FiveThirtyEight", r"fivethirtyeight\.com",
    r"ABC News", r"abcnews(?:\.go)?(?:\.com)?",
    r"BBC(?:\.com|\.co\.uk| News(?: Online)?| World(?: Service| News)?| Radio ?\d?| Persian| Monitoring"
    r"| Sport| Breakfast| Newsnight| One| Two| Four| North America| Washington)?",
    r"Bloomberg(?: News| L\.?P\.?| Businessweek| Opinion| Television| TV| Law| Economics| Intelligence"
    r"| Markets| Government| Terminal| Billionaires Index| Quint| Green| Tax| Surveillance)",
    r"bloomberg\.(?:com|net)", r"sputniknews(?:\.com)?", r"presstv\w*",
    r"rt\.com", r"(?:farsnews|mehrnews|tasnimnews|isna|irna|ilna|iribnews)\.(?:com|ir)",
]  # fmt: skip


def _after(*words: str) -> str:
    """A look-behind for "one of ``words`` and a space" (re needs fixed-width look-behinds)."""
    return "(?:" + "|".join(f"(?<={w} )" for w in words) + ")"


_NAMES_CS = [  # case-sensitive, or with exclusions
    r"NYT",
    r"AP(?![-–]?(?:\s+(?:exams?|tests?|class(?:es)?|courses?|credits?|scores?|students?|Calculus|Biology|"
    r"Chemistry|History|English|Physics|Government|Psychology|Statistics)\b))",
    r"RT(?:\.com| News| America| Arabic| International| UK| Deutsch| France| en Español)?(?![-–]?q?PCR|-LAMP| @)",
    r"(?:[Ss]putnik|SPUTNIK)(?: News| International| [Rr]adio)?(?!\s*[-–]?\s*(?:V\b|Light|vaccine|jab|shot))",
    r"(?:Politico|POLITICO)(?:\.com| Europe| Magazine)?"
    r"(?!-(?:economic|religious|military|social|cultural|legal|security|diplomatic|strategic))",
    r"RRN", r"WarOnFakes", r"(?<!Association \()MNA",
    r"[Tt]he Verge(?! [Oo]f\b)",
    r"(?<![.!?] )(?<![.!?][\"”’] )The Atlantic(?!\s+(?:Ocean|ocean|coast|Coast|Council|Charter|seaboard|"
    r"Alliance|alliance|City|Canada|provinces|hurricane|basin))",
    _after("told", "wrote", "with", "from", "said", "cited", "to", "in", "for", "by") + r"the Atlantic(?!\s+(?:Ocean|ocean|coast|Council))"
    r"(?=[ ,.;:]\s*(?:that|in|on|last|this|magazine|reported|article|piece|interview)\b)",
    r"(?<!fellow )(?<!native )(?<![Aa] )[Tt]he New Yorker(?!s)",
    r"New Yorker(?= (?:magazine|writer|weekly|staff|reporter|article|piece|cartoon|editor))",
    r"Slate(?:\.com)?(?!\s+of\b)(?!\s+(?:roof|tiles?|gray|grey|blue)\b)",
    r"(?:Insider|INSIDER)(?!\s+(?:trading|traders?|threats?|information|dealing|knowledge|attacks?)\b)",
    r"ABC",
    r"[Tt]he Times(?!\s+(?:of|Square|Higher|Literary|Educational|Union|Picayune|Herald|Free|Colonist)\b)"
    r"(?!-)",
    r"(?<=a )Times(?= (?:reporter|analysis|review|survey|investigation|photographer|correspondent|"
    r"columnist|editorial|article|interview|report|poll|database|count|tally)\b)",
    r"Times/Siena",
    r"(?<![Nn]ew York )(?<!Jerusalem )(?<!Denver )(?<!Huffington )(?<!Jakarta )[Tt]he Post(?!\s+Office)(?!-)"
    r"(?=[ ,.;:’'])",
    _after("told", "to", "by", "with", "for") + r"The News(?=[,.;:’']|\s+[a-z])",
    r"60 Minutes",
]  # fmt: skip

_PERSON_BLOOMBERG = re.compile(
    r"\b(?:Michael|Mike|Mr\.?|Mayor|Bloomberg Philanthropies|Bloomberg campaign|Bloomberg School"
    r"|Bloomberg’s campaign|Bloomberg's campaign)\s*(?:R\.\s*)?Bloomberg|Bloomberg (?:Philanthropies|School)",
)
_BLOOMBERG_BARE = re.compile(
    r"(?<!Michael )(?<!Mike )(?<!Mr\. )(?<!Mr )(?<!Mayor )(?<!R\. )\bBloomberg\b"
    r"(?!\s+(?:Philanthropies|School|campaign|2020|administration|era|years|team|aides?)\b)"
)

# Boundaries: not inside a word or a handle; a hyphen or a full stop may touch a name
# ("Reuters-AP", "Washington Post-ABC News poll", "...on bail.Al Jazeera said" in NYT texts).
_NAME_RE = re.compile(r"(?<![\w@])(?:" + "|".join(_NAMES_I) + r")(?!\w)", _I)
_NAME_CS_RE = re.compile(r"(?<![\w@])(?:" + "|".join(_NAMES_CS) + r")(?!\w)")
_HANDLE = re.compile(
    r"@\w*(?:Reuters|PressTV|RT_com|XHNews|ChinaDaily|AJEnglish|AJArabic|BBC|nytimes|NYT|AP\b|APFactCheck"
    r"|Sputnik|tehrantimes|TASS|IRNA|CGTN|globaltimes|business\b|politico|NPR|CBS|CNBC|USATODAY|washingtonpost"
    r"|detroitnews|mercnews|suntimes|theverge|Slate|BusinessInsider|PBS|FiveThirtyEight|ABC)\w*",
    _I,
)
_COLLAPSE = re.compile(r"\[OUTLET\](?:[ \t]*[/|,&+-]?[ \t]*\[OUTLET\])+")
_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


def mask(text: str) -> str:
    """``text`` with outlet names, self-references, bylines, URLs and e-mails as ``[OUTLET]``.

    Page furniture lines are removed; runs of blank lines left by removals are collapsed.
    The function is pure and deterministic; ``mask(mask(t)) == mask(t)``.
    """
    if not text:
        return text
    for rx in _FURNITURE:
        text = rx.sub("", text)
    text = _EMAIL.sub(MASK, text)
    text = _URL.sub(MASK, text)
    for rx in _BYLINES:
        text = rx.sub(MASK, text)
    text = _HANDLE.sub(MASK, text)
    text = _NAME_RE.sub(MASK, text)
    text = _NAME_CS_RE.sub(MASK, text)
    if not _PERSON_BLOOMBERG.search(text):
        text = _BLOOMBERG_BARE.sub(MASK, text)
    else:  # a text about the person: only the outlet's own forms (already masked) and "(Bloomberg)"
        text = re.sub(r"\(Bloomberg\)|(?<=told )Bloomberg\b|(?<=to )Bloomberg(?= News| data)"
                      r"|(?<=compiled by )Bloomberg\b|(?<=according to )Bloomberg(?= (?:data|News))",
                      MASK, text)  # fmt: skip
    text = _COLLAPSE.sub(MASK, text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip()


# A deliberately broad list, independent of the masking rules, for checking what survived.
_LEAK_I = re.compile(
    r"\b(?:reuters|associated press|bloomberg|bbc|jazeera|china ?daily|xinhua|new york times|nytimes"
    r"|tehran ?times|press ?tv|sputnik|russia today|tass|pravda|sun-times|business insider|usa today"
    r"|cnbc|politico|yahoo|washington post|detroit news|mercury news|daily news|newshour|new yorker"
    r"|washington monthly|fivethirtyeight|rrn|war ?on ?fakes|irna|tasnim|global times|people.s daily|cgtn"
    r"|mehr news|fars news|afp|rt\.com|farsnews|mehrnews|tasnimnews|irna\.ir|presstv)\b",
    _I,
)
_LEAK_CS = re.compile(r"\b(?:AP|RT|NYT|NPR|CBS|ABC|PBS|BBC|The Verge|the Verge|The Atlantic|Insider|INSIDER|Slate"
                      r"|The Times|the Times|The Post|the Post)\b")  # fmt: skip


# Uses of those names that ``mask`` keeps on purpose (not the outlet), matched around a hit.
_KEPT = re.compile(
    r"(?:Michael|Mike|Mr\.?|Mayor|R\.)\s+Bloomberg"
    r"|Bloomberg\s+(?:Philanthropies|School|campaign|administration|era|years)"
    r"|RT[-–]?q?PCR|RT @|Sputnik\s*[-–]?\s*(?:V\b|Light|vaccine)"
    r"|(?:[Aa]|fellow|native|another)\s+New Yorker|New Yorkers"
    r"|daily news (?:conference|briefing)|Daily News-Miner|(?:Dayton|New York) Daily News"
    r"|[Tt]he Times(?: of|-| Union| Square| Higher| Literary)|[Tt]he Post-"
    r"|[Tt]he Atlantic(?: Ocean| Council| coast| powers)|[Pp]olitico-(?:economic|religious|military)"
    r"|[Tt]he [Vv]erge of"
)


def leaks(text: str, kept: bool = False) -> list[tuple[str, str]]:
    """Outlet-like names left in ``text``: ``(name, context)`` pairs, for checking ``mask``.

    A deliberately broad search, independent of the masking rules. Uses that ``mask`` keeps on
    purpose (Michael Bloomberg, RT-PCR, Sputnik V, "a New Yorker", "daily news conference",
    the Times of Israel, the Atlantic Council ...) are left out unless ``kept`` is true, in a
    text where the bare name "Bloomberg" occurs only beside the person, it counts as kept too.
    """
    person_bloomberg = bool(_PERSON_BLOOMBERG.search(text))
    out = []
    for rx in (_LEAK_I, _LEAK_CS):
        for m in rx.finditer(text):
            a, b = max(0, m.start() - 40), min(len(text), m.end() + 40)
            ctx = text[a:b].replace("\n", " ")
            near = text[max(0, m.start() - 12) : m.end() + 16]
            is_kept = bool(_KEPT.search(near)) or (person_bloomberg and m.group(0) == "Bloomberg")
            if kept or not is_kept:
                out.append((m.group(0), ctx))
    return out


def mask_names(text: str, names: Iterable[str]) -> str:
    """``text`` with each of ``names`` (the outlets of a corpus, as its metadata gives them)
    replaced by ``[OUTLET]`` too: case-insensitive, not inside a word. ``mask`` knows the
    outlets of the shared sets; this covers the ones it does not ("espeaks.co.uk").
    Names of fewer than 3 characters and ``unknown ...`` placeholders are left alone."""
    usable = sorted(
        {n.strip() for n in names if len(n.strip()) >= 3 and not n.lower().startswith("unknown")},
        key=len,
        reverse=True,
    )
    if not usable or not text:
        return text
    rx = re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(n) for n in usable) + r")(?!\w)", _I)
    return _COLLAPSE.sub(MASK, rx.sub(MASK, text))
