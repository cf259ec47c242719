"""The words of the demo pair's eight sessions (kept apart from the code that builds them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SessionScript:
    """What happened in one sample session."""

    lesson: str
    shared: str
    private_mentor: str
    private_mentee: str
    actions: tuple[tuple[str, str], ...]
    ratings: tuple[int, int]
    worked: tuple[str, str]
    adjust: tuple[str, str]
    skills: tuple[str, ...]


SCRIPTS: tuple[SessionScript, ...] = (
    SessionScript(
        "first-meeting",
        "Swapped career stories. Richard started in audit in 1996; Aisha joined from a data "
        "apprenticeship two years ago.\nAgreed the purpose: Richard wants to stop feeling "
        "outside the conversation when the team talks about social channels; Aisha wants to "
        "understand how the finance side makes decisions.",
        "He was more nervous than I expected. Start next time with something practical.",
        "Aisha explains things without jargon. I should ask more questions and talk less.",
        (("mentee", "Write down three digital tasks that currently get delegated"),),
        (4, 4),
        ("Hearing each other's first jobs", "Good, honest start"),
        ("Bring a laptop that is already charged", "Less of me talking"),
        ("listening", "explaining"),
    ),
    SessionScript(
        "our-agreement",
        "Agreed: fortnightly, 60 minutes, Tuesday 8:30 in the small meeting room. Chat "
        "between sessions is fine for quick questions. What we say stays between us unless "
        "we both agree to share it. If one of us is 15 minutes late we reschedule.",
        "Felt bold asking for the confidentiality rule, but he welcomed it.",
        "The no-show rule is sensible. I will block the slot in my diary as fixed.",
        (("shared", "Put the fortnightly slot in both calendars until June"),),
        (5, 4),
        ("Writing the rules down together", "Clarity on how we work"),
        ("Less time on the logistics next time", "Keep to the hour"),
        ("planning",),
    ),
    SessionScript(
        "objectives-both-ways",
        "Richard's goals: a LinkedIn post every fortnight, and using an AI assistant for "
        "first drafts without putting company data at risk. Aisha's goals: present the Q3 "
        "campaign results to the leadership team, and be able to read a P&L.",
        "Pushing him to make the LinkedIn goal measurable worked.",
        "Her goal to present to the leadership team is a good stretch. I can open that door.",
        (
            ("mentor", "Draft the outline of the Q3 results presentation"),
            ("mentee", "Update the LinkedIn headline and photo"),
        ),
        (4, 5),
        ("Clear goals on both sides", "SMART goals made it concrete"),
        ("Check progress on goals every session", "Revisit the AI goal in a month"),
        ("coaching", "planning"),
    ),
    SessionScript(
        "linkedin-presence",
        "Rewrote the headline together, added a summary in Richard's own voice, and drafted "
        "a first post about the apprenticeship scheme. Talked about why comments matter "
        "more than likes.",
        "He wanted to write like a press release. Suggested one personal sentence per post.",
        "I had no idea how much a photo and headline change who sees my posts.",
        (("mentee", "Publish the apprenticeship post and reply to every comment"),),
        (5, 5),
        ("Doing it live on his profile", "Practical and immediate"),
        ("More time for the post itself", "Short example posts beforehand would help"),
        ("explaining", "feedback"),
    ),
    SessionScript(
        "reading-a-pnl",
        "Richard walked through last year's divisional P&L: revenue, cost of sales, gross "
        "margin, operating costs, EBITDA. Aisha spotted that marketing spend sits in "
        "operating costs, which explains the budget conversations.",
        "Finally get what EBITDA is for. Ask about capex next time.",
        "She asks sharp questions. Let her present the numbers back to me next time.",
        (("mentor", "Explain our division's gross margin to a colleague in two minutes"),),
        (5, 4),
        ("Real numbers, not a textbook", "Her questions about marketing spend"),
        ("Slow down on the acronyms", "I rushed the operating costs part"),
        ("listening",),
    ),
    SessionScript(
        "ai-assistants",
        "Tried the approved AI assistant on a board summary using only public information. "
        "Compared a vague prompt with one that gave role, audience, length and format. "
        "Agreed what never goes into the tool: names, figures before release, HR matters.",
        "Good that he asked about data care first. Show him how to check facts next time.",
        "The better prompt saved twenty minutes. The invented statistic was a warning.",
        (("mentee", "Use the assistant for one first draft this week and note the time saved"),),
        (4, 5),
        ("Comparing the two prompts side by side", "Seeing the mistake it made"),
        ("Prepare a safe example document in advance", "Fifteen more minutes would have helped"),
        ("explaining", "patience"),
    ),
    SessionScript(
        "stakeholders-and-influence",
        "Mapped the stakeholders for Aisha's Q3 presentation: who decides, who advises, who "
        "needs a pre-wire. Richard suggested a one-page summary to the sales director before "
        "the meeting.",
        "The pre-wire idea is new to me. Nervous about emailing a director.",
        "She has the content; the work is on the room. I will introduce her to Dana.",
        (
            ("mentor", "Send the one-page summary to the sales director"),
            ("mentee", "Introduce Aisha to Dana in sales"),
        ),
        (5, 4),
        ("The stakeholder map", "Practical plan for her presentation"),
        ("Role-play the meeting next time", "More on how to handle pushback"),
        ("planning", "influencing"),
    ),
    SessionScript(
        "security-habits",
        "Set up the password manager the company approves, moved three accounts into it, "
        "and turned on the authenticator app for work email. Looked at two real phishing "
        "emails from the security team's examples.",
        "He reuses one password everywhere. Did not say that out loud; the manager fixes it.",
        "Slightly embarrassed by my old habits. Glad we did it together rather than alone.",
        (("mentee", "Move five more accounts into the password manager"),),
        (4, 4),
        ("Doing the setup rather than talking about it", "Very practical"),
        ("Check in on the remaining accounts", "Keep each session to one tool"),
        ("explaining", "patience"),
    ),
)
"""The eight demo sessions, in order."""
