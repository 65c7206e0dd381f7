"""Crosswalk: what each professional body, law or guidance says about the six guardrails.

Kept deliberately high-level. Each source is named with its date; standard numbers are
given only where the course is confident of them. Professional codes and guidance are
revised: learners are told to read the current versions.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["GUARDRAILS", "SOURCES", "Source", "CROSSWALK", "LEVELS", "SHORT", "crosswalk", "coverage", "plot_coverage", "source_table"]

#: The six guardrails (id -> label), in course order (modules 01-06).
GUARDRAILS: dict[str, str] = {
    "privacy": "Privacy and data security",
    "consent": "Informed consent",
    "oversight": "Human oversight",
    "fairness": "Bias and fairness",
    "guidelines": "Ethical guidelines (policy, transparency, review)",
    "professional": "Competence and professional engagement",
}

#: How directly a source addresses a guardrail.
LEVELS = {2: "addresses technology or AI explicitly", 1: "a general principle that applies", 0: "not addressed directly"}


@dataclass(frozen=True)
class Source:
    """One professional code, guidance document or body of law."""

    id: str
    organisation: str
    title: str
    date: str
    kind: str  # "ethics code", "guidance", "standards", "law"
    note: str


SOURCES: list[Source] = [
    Source("apa_code", "American Psychological Association (APA)",
           "Ethical Principles of Psychologists and Code of Conduct", "2002, amended effective June 1, 2010, and January 1, 2017",
           "ethics code", "Binding on APA members; many state boards adopt it. Predates generative AI, but its standards apply to any tool."),
    Source("apa_ai_2025", "American Psychological Association (APA)",
           "Ethical guidance on artificial intelligence in health service psychology", "2025",
           "guidance", "Guidance, not an enforceable standard. Described here only at a high level: read the current version."),
    Source("apa_advisory_2025", "American Psychological Association (APA)",
           "Health Advisory on the Use of Generative AI Chatbots and Wellness Applications for Mental Health", "November 2025",
           "guidance", "A health advisory about consumer chatbots and wellness apps, with recommendations for the public, clinicians, technology companies and policymakers. Read the current version."),
    Source("aca_code", "American Counseling Association (ACA)",
           "ACA Code of Ethics, Section H: distance counseling, technology and social media", "2014",
           "ethics code", "Section H covers knowledge and legal considerations, informed consent and security, client verification, records and social media. ACA is revising the 2014 Code: check for a newer version."),
    Source("aca_ai_2024", "American Counseling Association (ACA)",
           "Recommendations on the use of artificial intelligence in counseling", "2024",
           "guidance", "Recommendations from ACA's AI work, for counsellors and for clients. Described at a high level: read the current version."),
    Source("nasw_code", "National Association of Social Workers (NASW)",
           "NASW Code of Ethics", "revised 2017 (technology standards), amended 2021",
           "ethics code", "The 2017 revision added technology to informed consent, competence and confidentiality; the 2021 amendment added self-care and cultural competence."),
    Source("nasw_ai", "National Association of Social Workers (NASW)",
           "AI and Social Work: NASW AI resources (ethics tip sheet, legal resource on AI and client privacy, CE discussions)", "web page, checked December 2026",
           "guidance", "Resources rather than a code: an ethics tip sheet, a legal resource on client privacy and recorded continuing education. Read the current page."),
    Source("sw_tech_standards", "NASW, ASWB, CSWE and CSWA",
           "Standards for Technology in Social Work Practice", "2017",
           "standards", "Joint standards of the four social-work bodies on using technology with clients, in supervision and education."),
    Source("aamft_code", "American Association for Marriage and Family Therapy (AAMFT)",
           "AAMFT Code of Ethics", "2015",
           "ethics code", "Standard VI covers technology-assisted professional services."),
    Source("ama_2023", "American Medical Association (AMA)",
           "Principles for augmented intelligence development, deployment and use", "November 2023",
           "guidance", "Policy principles for physicians (relevant to psychiatry and integrated care); the AMA says 'augmented' intelligence to stress that AI supports clinicians."),
    Source("who_2021", "World Health Organization (WHO)",
           "Ethics and governance of artificial intelligence for health", "June 2021",
           "guidance", "International guidance with six principles: autonomy; well-being, safety and the public interest; transparency, explainability and intelligibility; responsibility and accountability; inclusiveness and equity; responsive and sustainable AI."),
    Source("who_2024", "World Health Organization (WHO)",
           "Ethics and governance of artificial intelligence for health: Guidance on large multi-modal models", "January 2024",
           "guidance", "Builds on the 2021 guidance for generative AI: more than 40 recommendations for governments, technology companies and health-care providers."),
    Source("hipaa", "US Department of Health and Human Services (HHS)",
           "HIPAA Privacy, Security and Breach Notification Rules (45 CFR Parts 160 and 164)", "as amended (Omnibus Rule 2013)",
           "law", "US federal law for covered entities and their business associates."),
    Source("state_ai_2025", "State legislatures of Illinois, Nevada and Utah",
           "State laws on AI in mental-health care: Illinois Public Act 104-0054 (HB 1806), Nevada AB 406, Utah HB 452", "2025",
           "law", "Illinois (in effect 1 August 2025) and Nevada (1 July 2025) limit what AI may do in therapy; Utah (7 May 2025) regulates mental-health chatbots without requiring a licensed professional. Other states have bills: check yours."),
    Source("state_law", "State licensing boards and legislatures",
           "State licensing rules, confidentiality and health-privacy laws, and new state AI laws", "varies by state; check yours",
           "law", "Rules differ by state and change quickly; your board's current rules govern your licence."),
]

_SOURCE_IDS = [s.id for s in SOURCES]

#: Short labels (with dates) for tables, plots and quiz options.
SHORT: dict[str, str] = {
    "apa_code": "APA Ethics Code (2002; amended effective 2010, 2017)",
    "apa_ai_2025": "APA guidance on AI in health service psychology (2025)",
    "apa_advisory_2025": "APA health advisory on AI chatbots and wellness apps (2025)",
    "aca_code": "ACA Code of Ethics, Section H (2014)",
    "aca_ai_2024": "ACA recommendations on AI (2024)",
    "nasw_code": "NASW Code of Ethics (2017 revision; 2021 amendment)",
    "nasw_ai": "NASW AI resources for social workers (web page, 2026)",
    "sw_tech_standards": "NASW/ASWB/CSWE/CSWA Technology Standards (2017)",
    "aamft_code": "AAMFT Code of Ethics (2015)",
    "ama_2023": "AMA augmented intelligence principles (2023)",
    "who_2021": "WHO Ethics and governance of AI for health (2021)",
    "who_2024": "WHO guidance on large multi-modal models (2024)",
    "hipaa": "HIPAA rules (45 CFR Parts 160, 164)",
    "state_ai_2025": "State AI laws: Illinois, Nevada, Utah (2025)",
    "state_law": "State licensing board rules and state law",
}

#: (source id, guardrail id) -> (level, what it says, in plain words).
CROSSWALK: dict[tuple[str, str], tuple[int, str]] = {
    # APA Ethics Code
    ("apa_code", "privacy"): (1, "Standard 4: maintain confidentiality (4.01) and discuss its limits, including for services delivered electronically (4.02)."),
    ("apa_code", "consent"): (1, "Informed consent (3.10) and informed consent to therapy (10.01), in language the client understands."),
    ("apa_code", "oversight"): (1, "Psychologists keep responsibility for assessment interpretation even when they use automated services (9.09)."),
    ("apa_code", "fairness"): (1, "Principle E (respect for people's rights and dignity) and the standard on unfair discrimination (3.01)."),
    ("apa_code", "guidelines"): (1, "Principles B (fidelity and responsibility) and C (integrity); no specific requirement for a practice AI policy."),
    ("apa_code", "professional"): (1, "Boundaries of competence (2.01) and maintaining competence (2.03) apply to new tools."),
    # APA 2025 guidance (high level)
    ("apa_ai_2025", "privacy"): (2, "Protect client data when using AI tools and understand how vendors handle it."),
    ("apa_ai_2025", "consent"): (2, "Be transparent with clients about AI use and obtain informed consent."),
    ("apa_ai_2025", "oversight"): (2, "The psychologist stays responsible: AI supports, and does not replace, professional judgement."),
    ("apa_ai_2025", "fairness"): (2, "Evaluate AI tools for accuracy and bias before and during use."),
    ("apa_ai_2025", "guidelines"): (1, "Treats adopting AI as a deliberate, documented ethical decision; read the current text for specifics."),
    ("apa_ai_2025", "professional"): (2, "Build competence with an AI tool before using it in practice."),
    # APA health advisory, November 2025 (high level)
    ("apa_advisory_2025", "privacy"): (1, "Written about consumer chatbots and wellness apps, which often sit outside HIPAA; read it for what it says on data."),
    ("apa_advisory_2025", "consent"): (1, "Helps clinicians and the public understand what these tools are and are not before relying on them."),
    ("apa_advisory_2025", "oversight"): (2, "Do not use chatbots or wellness apps as a substitute for care from a qualified professional; their ability to guide someone in crisis is limited and unpredictable."),
    ("apa_advisory_2025", "fairness"): (1, "Calls for specific safeguards for children, teens and other vulnerable people."),
    ("apa_advisory_2025", "guidelines"): (1, "Asks policymakers and technology companies for rules and safeguards; not a practice policy."),
    ("apa_advisory_2025", "professional"): (2, "Includes recommendations addressed to clinicians, among others; read the current text."),
    # ACA 2014 Code
    ("aca_code", "privacy"): (2, "Section H: protect the confidentiality and security of electronic communication and records (for example with encryption)."),
    ("aca_code", "consent"): (2, "Section H: consent covers the benefits and risks of technology, including limits of confidentiality."),
    ("aca_code", "oversight"): (1, "Counsellors remain responsible for the services they provide; Section E covers assessment and its interpretation."),
    ("aca_code", "fairness"): (1, "Respect for diversity, nondiscrimination, and culturally sensitive assessment (Sections A, C and E)."),
    ("aca_code", "guidelines"): (1, "Section H expects counsellors to know the laws and regulations that govern their use of technology."),
    ("aca_code", "professional"): (2, "Section H: develop the knowledge and skills needed for the technology you use."),
    # ACA 2024 recommendations (high level)
    ("aca_ai_2024", "privacy"): (2, "Be careful what client information goes into AI tools; protect confidentiality."),
    ("aca_ai_2024", "consent"): (2, "Tell clients about AI use and obtain their informed consent."),
    ("aca_ai_2024", "oversight"): (2, "AI should support, not replace, the counsellor; do not rely on it alone for diagnosis or crisis response."),
    ("aca_ai_2024", "fairness"): (2, "Be alert to bias in AI tools and its effect on diverse clients."),
    ("aca_ai_2024", "guidelines"): (1, "Evaluate tools before adopting them; read the current text for specifics."),
    ("aca_ai_2024", "professional"): (2, "Seek training on AI; ACA also wrote guidance addressed to clients."),
    # NASW Code
    ("nasw_code", "privacy"): (2, "Privacy and confidentiality (1.07), including electronic communication and records (2017 revision)."),
    ("nasw_code", "consent"): (2, "Informed consent (1.03), including technology used to provide services (2017 revision)."),
    ("nasw_code", "oversight"): (1, "Competence (1.04) and accountability for services, including those delivered with technology."),
    ("nasw_code", "fairness"): (1, "Cultural competence (1.05, retitled in the 2021 amendment) and social justice."),
    ("nasw_code", "guidelines"): (1, "Ethical responsibilities in practice settings (section 3) shape agency policy."),
    ("nasw_code", "professional"): (2, "Competence with technology (1.04, 2017 revision)."),
    # NASW AI resources (web page)
    ("nasw_ai", "privacy"): (2, "Legal resource on AI and client privacy: vet vendors, share as few identifiers as possible, follow HIPAA and the Code."),
    ("nasw_ai", "consent"): (1, "Ties AI use to the Code's standards, including informed consent; read the tip sheet."),
    ("nasw_ai", "oversight"): (1, "Treats AI as a tool the social worker stays accountable for; read the current resources."),
    ("nasw_ai", "fairness"): (2, "Points to NASW clinical standards on technology that address algorithmic bias."),
    ("nasw_ai", "guidelines"): (1, "Resources to inform agency and practice decisions, not a required policy."),
    ("nasw_ai", "professional"): (2, "Ethics tip sheet and recorded continuing-education discussions on AI."),
    # Social-work technology standards
    ("sw_tech_standards", "privacy"): (2, "Detailed standards on protecting client information when using technology."),
    ("sw_tech_standards", "consent"): (2, "Inform clients about the technology used, its benefits and risks."),
    ("sw_tech_standards", "oversight"): (1, "Use technology in ways that keep professional judgement and boundaries."),
    ("sw_tech_standards", "fairness"): (1, "Attention to clients' access to technology and to cultural competence."),
    ("sw_tech_standards", "guidelines"): (1, "Agencies and practitioners set policies for technology use."),
    ("sw_tech_standards", "professional"): (2, "Competence with technology in practice, supervision and social-work education."),
    # AAMFT Code
    ("aamft_code", "privacy"): (2, "Standard II (confidentiality) and Standard VI: confidentiality and security of technology-assisted services."),
    ("aamft_code", "consent"): (2, "Standard VI: inform clients of the risks and benefits of technology-assisted services."),
    ("aamft_code", "oversight"): (1, "Standard I (responsibility to clients): the therapist keeps clinical responsibility."),
    ("aamft_code", "fairness"): (1, "Standard I: non-discrimination."),
    ("aamft_code", "guidelines"): (0, "No specific requirement for a practice AI policy."),
    ("aamft_code", "professional"): (2, "Standard VI and Standard III: competence in the technology used."),
    # AMA 2023
    ("ama_2023", "privacy"): (2, "Privacy and security of patient data used by AI."),
    ("ama_2023", "consent"): (2, "Transparency and disclosure to patients when AI is used in their care or communication."),
    ("ama_2023", "oversight"): (2, "Clinical oversight: AI augments, and does not replace, the clinician."),
    ("ama_2023", "fairness"): (2, "Identify and mitigate bias."),
    ("ama_2023", "guidelines"): (2, "Governance of AI deployment, documentation, and clarity about liability."),
    ("ama_2023", "professional"): (1, "Calls for physicians to be involved in how AI is developed and deployed; read the current text."),
    # WHO 2021
    ("who_2021", "privacy"): (2, "Principle 1 (protect human autonomy) includes privacy and confidentiality."),
    ("who_2021", "consent"): (2, "Principle 1 includes valid informed consent."),
    ("who_2021", "oversight"): (2, "Principle 1: humans stay in control of health-care systems and medical decisions."),
    ("who_2021", "fairness"): (2, "Principle 5: ensure inclusiveness and equity."),
    ("who_2021", "guidelines"): (2, "Principles 3 and 4: transparency, explainability and intelligibility; responsibility and accountability."),
    ("who_2021", "professional"): (1, "Principle 6 (responsive and sustainable AI) includes preparing health workers, through training, for AI in their work."),
    # WHO 2024 guidance on large multi-modal models
    ("who_2024", "privacy"): (2, "Developers and deployers should protect personal data used by large multi-modal models."),
    ("who_2024", "consent"): (1, "Builds on the 2021 principle of autonomy, which includes informed consent."),
    ("who_2024", "oversight"): (2, "Warns that people may over-rely on these models (automation bias) and keeps humans responsible for decisions."),
    ("who_2024", "fairness"): (2, "Warns of biased or incomplete outputs and unequal access to the best-performing models."),
    ("who_2024", "guidelines"): (2, "More than 40 recommendations on governance by governments, companies and health-care providers."),
    ("who_2024", "professional"): (1, "Includes education and training of health workers; read the current text."),
    # HIPAA
    ("hipaa", "privacy"): (2, "Minimum necessary, Security Rule safeguards, business associate agreements (45 CFR 164.502(e) and 164.504(e)), breach notice by business associates (164.410)."),
    ("hipaa", "consent"): (1, "Notice of privacy practices (164.520); authorisation for uses beyond treatment, payment and operations (164.508). Codes often ask for more than HIPAA."),
    ("hipaa", "oversight"): (0, "Not addressed."),
    ("hipaa", "fairness"): (0, "Not addressed by HIPAA (see state and other federal law)."),
    ("hipaa", "guidelines"): (1, "Written security policies and procedures and a risk analysis (164.308, 164.316)."),
    ("hipaa", "professional"): (1, "Workforce privacy training (164.530(b)) and security awareness training (164.308(a)(5))."),
    # State AI laws, 2025 (Illinois, Nevada, Utah)
    ("state_ai_2025", "privacy"): (1, "Utah limits how chatbot suppliers share users' health information; Nevada requires administrative AI use to follow HIPAA."),
    ("state_ai_2025", "consent"): (2, "Illinois requires written, revocable consent before AI supports a recorded or transcribed session; Utah requires chatbots to say they are AI."),
    ("state_ai_2025", "oversight"): (2, "Illinois bars AI from therapeutic communication, independent decisions and unreviewed treatment plans; Nevada bars AI from providing care directly."),
    ("state_ai_2025", "fairness"): (0, "Not addressed directly."),
    ("state_ai_2025", "guidelines"): (1, "A practice policy must list the clinical uses of AI these laws permit and prohibit."),
    ("state_ai_2025", "professional"): (2, "Enforced through licensing: the Illinois regulator can fine, and in Nevada a violation is unprofessional conduct."),
    # State law and boards
    ("state_law", "privacy"): (1, "State confidentiality and health-privacy laws can be stricter than HIPAA."),
    ("state_law", "consent"): (1, "State rules on consent, recording and telehealth; for the new state AI laws see their own row."),
    ("state_law", "oversight"): (1, "The licensee is responsible for the care given; some states restrict AI from providing therapy on its own."),
    ("state_law", "fairness"): (1, "State anti-discrimination law; federally, HHS's 2024 Section 1557 rule covers decision-support tools (45 CFR 92.210)."),
    ("state_law", "guidelines"): (1, "Board rules on records, supervision and telehealth shape a practice's policy."),
    ("state_law", "professional"): (2, "Licensure, continuing-education requirements and complaints; boards take public comment on proposed rules."),
}


def source_table() -> pd.DataFrame:
    """The sources with organisation, title, date, kind and a note (one row each)."""
    return pd.DataFrame([s.__dict__ for s in SOURCES]).set_index("id")


def crosswalk(guardrails: list[str] | None = None) -> pd.DataFrame:
    """The crosswalk as text: one row per source, one column per guardrail.

    Parameters
    ----------
    guardrails : list of str, optional
        Guardrail ids to include (default: all six, in course order).

    """
    cols = guardrails or list(GUARDRAILS)
    bad = [g for g in cols if g not in GUARDRAILS]
    if bad:
        raise ValueError(f"unknown guardrail(s) {bad}; use {list(GUARDRAILS)}")
    table = pd.DataFrame({GUARDRAILS[g]: [CROSSWALK[(s, g)][1] for s in _SOURCE_IDS] for g in cols}, index=_SOURCE_IDS)
    table.index.name = "source"
    return table


def coverage() -> pd.DataFrame:
    """The crosswalk as levels (2 explicit, 1 general principle, 0 not addressed)."""
    table = pd.DataFrame({GUARDRAILS[g]: [CROSSWALK[(s, g)][0] for s in _SOURCE_IDS] for g in GUARDRAILS}, index=_SOURCE_IDS)
    table.index.name = "source"
    return table


def plot_coverage(ax=None):
    """A heat map of :func:`coverage`. Returns the matplotlib Axes."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap

    cov = coverage()
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 1.5 + 0.4 * len(cov)))
    ax.imshow(cov.values, cmap=ListedColormap(["#f1f3f4", "#aecbfa", "#1a73e8"]), vmin=0, vmax=2, aspect="auto")
    ax.set_xticks(range(cov.shape[1]), [c.split(" (")[0] for c in cov.columns], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(cov.shape[0]), [SHORT[s] for s in cov.index], fontsize=8)
    for i in range(cov.shape[0]):
        for j in range(cov.shape[1]):
            ax.text(j, i, "●●"[: cov.values[i, j]] or "–", ha="center", va="center", color="white" if cov.values[i, j] == 2 else "#202124")
    ax.set_title("Which guidance speaks to which guardrail (●● explicit, ● general principle, – not directly)", fontsize=10)
    return ax
