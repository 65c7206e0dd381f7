"""The nine element rules: whether this sentence, under its heading, tells the client the element.

Each rule looks at one :class:`~course.consent.structure.Unit` (a sentence with its
heading and, for yes/no headings, the answer) and at the :class:`~course.consent.nlp.Clause`
list of that sentence, and returns a score from 0 (no) to 1 (clearly yes). Four ideas
carry most of the weight:

* **who does what to what** (from the dependency parse): the tool *drafts, translates,
  scores, flags* (what it does); the tool *reads, records, keeps* concrete client
  information such as messages, answers or audio (what it collects), not vague
  "information"; *staff* review, correct, sign or decide (oversight); the tool *does
  not decide* (oversight);
* **headings**: under "What does it collect?" a bare list of concrete information
  counts; "Do I have to use it?" answered "No" is voluntariness, "Can I stop?" answered
  "Yes" is withdrawal; a heading alone ("What are the risks?") is never evidence;
* **negation**: "it does not record video" collects nothing; "no risk" is not a risk;
* **contradiction** (:func:`vetoes`): "optional" and "required" in one text is not a free
  choice; "never shared" and "may share with partners" is not a clear statement of use;
  "the system decides, not a person" is not oversight.
"""

from __future__ import annotations

import functools
import re

from .nlp import Clause, Context
from .patterns import (
    DECIDE_VERBS,
    FUNCTION_VERBS,
    INFO_NOUNS,
    INTAKE_VERBS,
    MAKE_VERBS,
    MEDIA_NOUNS,
    OUTPUT_NOUNS,
    PARTICLE_VERBS,
    REVIEW_VERBS,
    SEE_VERBS,
)
from .structure import Unit

__all__ = ["RULES", "score", "vetoes", "NEEDS_PARSE"]

_STAFF = r"(?:i|we|clinicians?|therapists?|counsel+ors?|psychologists?|psychiatrists?|nurses?|doctors?|providers?|staff|(?:care|treatment|clinical) team|social workers?|supervisors?|coordinators?|people|a (?:person|human)|humans?)"
_TOOLW = r"(?:it|the (?:ai|app|tool|program(?:me)?|software|system|platform|assistant|bot|chatbot|scribe|model|algorithm|computer|features?|dashboard)|ai)"
#: Ways to stop a tool that need nothing more ("turn it off", "revoke", "reply STOP").
_ACTION = (
    r"turn\w* (?:[\w\"'-]+ ){0,4}off|switch\w* (?:[\w\"'-]+ ){0,4}off|toggl\w* (?:[\w\"'-]+ ){0,4}off|shut\w* (?:[\w\"'-]+ ){0,3}off|"
    r"disabl\w*|deactivat\w*|withdraw\w*|revok\w*|revocation|take (?:it|that|this|your \w+) back|"
    r"chang\w* (?:your|their|my|his|her) (?:mind|minds|answer|decision)|changes? of (?:mind|heart)|unsubscrib\w*|"
    r"no longer (?:be )?(?:use|used|using|record\w*|includ\w*|sen[dt]\w*)|uninstall\w*|(?:delete|remove|erase) (?:the|this) app|"
    r"reply \"?(?:stop|pause|end|quit|cancel|unsubscribe)\b|"
    r"text \"?(?:stop|pause|end|quit)\b|(?:go|goes|going) off|come off|take (?:you|yourself) off|"
    r"(?:pull|take back|withdraw|cancel|revoke|rescind) (?:your|their|my|his|her|the) (?:permission|consent|agreement|ok|okay|yes)|"
    r"(?:want|like|need|prefer|ask for) (?:it|this|that|the \w+) (?:off|gone|stopped|removed|out)\b|(?:switch|swap|change) (?:your|their|my) (?:answer|vote|choice)|"
    r"(?:remove|take) (?:you|yourself|your \w+|them) (?:from|off|out of) (?:the |this |our )?(?:\w+ )?(?:system|program(?:me)?|list|app|tool|service|platform|feature)"
)
#: Ways to stop that need to be about the tool or about later ("stop using it", "stop any time").
_WEAK_ACTION = r"stop\w*|quit\w*|paus\w*|end(?:s|ed|ing)?|cancel\w*|opt\w* out|opting out|leav\w*|log\w* out|skip\w*|declin\w*|say no|clos\w* (?:the|your) account|ditch\w*|drop\w*|pull\w* out|revisit\w*|reconsider\w*|rethink\w*"

_SOURCES: dict[str, str] = {
    "tool_word": r"\b(?:a\.?i\.?|artificial[- ]intelligence|machine[- ]learning|computer|software|program(?:me)?s?|apps?|application|tools?|technology|platform|system|assistant|chat ?bots?|bots?|scribe|note[- ]?takers?|model|algorithm|automated|features?|dashboard|helper)\b",
    # ai_description ------------------------------------------------------------------------
    "ai_function_noun": r"\b(?:a\.?i\.?|artificial[- ]intelligence|automated|machine|computer)[- ](?:powered |based )?(?:note[- ]?takers?|notetakers?|transcription|transcriber|dictation|note[- ]writing|writing|documentation|interpret\w*|translat\w*|summar\w*)\b"
    r"|\b(?:note[- ]?taking|note[- ]writing|dictation|transcription|speech[- ]to[- ]text|speech[- ]recognition|summari[sz]ation|translation|interpret(?:ing|ation)|scoring|triage|risk[- ]flagging) (?:tool|program(?:me)?|app|software|service|assistant|system|feature)s?\b"
    r"|\bturns? [^.?!]{1,50}\binto\b",
    "ai_helps": r"\bhelps? (?:me|us|you|him|her|them|your \w+|our \w+|the \w+) (?:to )?(?:write|draft|prepare|summari[sz]e|take notes|document|track|organi[sz]e|translate|plan|remember|fill in)\b",
    "ai_tell": r"\b(?:tries to|try to|trying to|can|could|is able to|helps? (?:to )?)\s*tell (?:if|whether|when|how)\b",
    "ai_exclude": r"^\W*like (?:any|all|every) (?:other )?(?:technology|tool|program|system|software)",
    # data_collected -------------------------------------------------------------------------
    "protect_qualifier": r"\b(?:secure\w*|encrypt\w*|safe\w*|protect\w*|delet\w*|eras\w*|destroy\w*|for \d+|until|days?|months?|years?|password|locked|only)\b",
    "idiom_object": r"\b(?:keep\w*|kept) (?:\w+ )?(?:appointments?|track|in touch|an eye|promises?|going)\b|\b(?:wrong|right|mixed up|confused|garbled)\b",
    "collected_phrase": r"\b(?:everything (?:that )?(?:is |gets )?(?:said|spoken)|what(?:ever)? (?:is|gets|'s) said|what(?:ever)? (?:we|you|i|people|anyone) (?:both )?(?:say|said|type|write|share|discuss|talk about|tell)|(?:transcripts?|recordings?|records?) of (?:the |your |our |each |every |all )?(?:\w+ )?(?:sessions?|visits?|conversations?|appointments?|calls?|encounters?|groups?))\b",
    "collected_heading": r"\b(?:what|which)\b(?!\s+to\b)(?![^?]*\bkeep in mind)[^?]{0,30}?\b(?:collect|gather|record|captur|take|taken|keep|kept|save|stor|hear|listen|read|see|get|receiv|ask|use|need|pick|process|track|log|know)\w*"
    r"|\b(?:information|data|details?|inputs?)\s+(?:(?:that|which)\s+)?(?:(?:we|it|they|the \w+|[A-Z]\w+)\s+)?(?:collect|process|use|record|receiv|gather|keep|kept|stor|captur|see|read|hear|take|get|need)\w*"
    r"|^\W*(?:we|it|they|the (?:app|tool|program|software|system|platform|ai)) (?:collect|gather|record|receive|process|keep|store|capture|take in|read|hear|save)s?\b"
    r"|\bdata elements?\b|\b(?:collected|recorded|processed) (?:information|data)\b|^\W*(?:what )?(?:the )?(?:information|data|inputs?)\W*$",
    # data_use -------------------------------------------------------------------------------
    "use_purpose": r"\b(?:is|are|will be|would be|gets?|shall be|may be|only be) (?:only |solely |just |also )?used\b|\b(?:used|use it|use them|uses it|uses them) (?:only |solely |just |exclusively )?(?:to|for|so|in)\b|\b(?:only|solely|just|exclusively) (?:used )?(?:for|to) (?:your|the|my|our|make|help|write|prepare|create|plan|track|improve)\b",
    "use_training": r"\b(?<!a )(?<!an )train(?:s|ed|ing)?\b(?! (?:human|person|counsel+or|clinician|staff|therapist|peer|professional|volunteer))[^.?!]{0,60}\b(?:ai|a\.i\.|models?|algorithms?|software|systems?|products?|tools?|programs?|computers?|machines?)\b|\bfor (?:model |ai )?training\b|\bai training\b|\b(?:improv\w*|develop\w*|build\w*) (?:its|their|the vendor's|the company's|our) (?:ai|models?|software|products?|services?|tools?|technology)\b|\bquality improvement\b|\b(?:help\w*|us\w*) (?:to )?(?:make|improve|train|teach|build)\b[^.?!]{0,30}\b(?:smarter|better|more accurate|models?|ai|algorithms?|products?)\b|\bimprov\w* (?:the|our|its|their) (?:service|product|tool|app|ai|model)s?\b",
    "use_selling": r"\b(?:sell|sells|sold|selling|rent\w*|advertis\w*|marketing|marketers?|third[- ]part\w*|affiliates|redisclos\w*|monetiz\w*|monetis\w*)\b",
    "use_sharing": r"\bpass\w* (?:it|them) (?:on|along)\b|\bmine (?:it|them|your (?:data|information|sessions?))\b|\b(?:shar\w*|disclos\w*|hand (?:it|them) on|pass\w* (?:it|them) (?:on|along)|give (?:it|them|copies)|given to|released? to|sent to (?:your )?(?:employer|insurer|school|court|police))\b[^.?!]{0,60}\b(?:with|to|outside)\b|\b(?:not|never|isn't|aren't|won't|cannot|can't) (?:be )?(?:shared|sold|disclosed|passed on|given|released)\b|\b(?:never|not|don't|do not|won't|will not|doesn't|does not) (?:ever )?(?:share|sell|disclose|rent|pass on|give away)\b",
    "use_only": r"\b(?:only|sole|single|no other) purpose\b|\bfor the (?:sole )?purpose\b|\b(?:used?|for|kept)\b[^.?!]{0,40}\bnothing (?:else|more)\b|\bonly (?:exists?|there|kept|made|used|recorded) (?:so|to|for)\b|\b(?:nobody|no one|no-one) else (?:gets to |can |will |may )?(?:use|have)\b|\bfor (?:one|a single|that one) (?:reason|purpose)\b|\b(?:that's|that is) (?:all|it)\b|\bfor anything (?:else|other than)\b|\bother than (?:your|the) (?:care|record|notes?|treatment)\b|\b(?:never|not) used (?:for|to|in)\b|\bpermitted uses?\b|\b(?:used|kept|only|just|solely) (?:\w+ ){0,3}for your (?:chart|record|file|care|treatment)\b",
    "share_outside": r"\b(?:may|might|can|will|could|sometimes|also) (?:also )?(?:share|disclose|sell|provide|give|pass|send)\b[^.?!]{0,60}\b(?:partners?|third[- ]part\w*|affiliates?|advertis\w*|marketers?|sponsors?|other compan\w*|researchers?)\b",
    "share_never": r"\b(?:never|not|don't|do not|won't|will not)\s+(?:ever\s+)?(?:share|shared|sell|sold|disclose|disclosed)\b",
    # data_protection --------------------------------------------------------------------------
    "protect_encrypt": r"\b(?:encrypt\w*|aes[- ]?\d+|password[- ]protected|passcode|locked|secure (?:server|system|storage|record|network|portal|platform|cloud|database)s?|access controls?|two[- ]factor|audited|audit logs?|firewall\w*)\b",
    "protect_delete": r"(?:(?:\bis|\bare|\bgets?|\bwill be|\bget|\bbe|\bbeen|'s|'re) (?:automatically |permanently |securely )?(?:deleted|erased|destroyed|wiped|purged|removed|discarded)|(?:delet|eras|destroy|purg|wip|discard)\w* (?:it|them|the|your|all|any|everything|after|within|each|every|such|this|that|these|those|client|patient|their|our|its|copies|audio|recordings?|transcripts?|data|information|entries|chats?|messages?|notes?|files?|records?|copies|its|their)|(?:never|not|isn't|aren't) (?:be )?(?:stored|kept|saved|retained)|nothing is (?:stored|kept|saved|retained)|keeps? nothing|stores? nothing)\b",
    "protect_keep": r"\b(?:retained|retention|retains? (?:it|them|data|records|recordings|transcripts|audio|notes|nothing)|kept (?:for|on|in|only|until|as|no longer|securely|with)|keeps? (?:it|them|\w+) (?:for|until)|stored (?:on|in|for|securely|within|inside|locally|only|in accordance)|saved (?:in|on|to) (?:your|our|the) (?:\w+ )?(?:record|chart|file|system|server)|where (?:it is kept|it lives|it's kept|it goes)|storage(?::| (?:in|on|location|period|limit))|stor(?:e|es|ing) (?:\w+ ){0,3}?(?:only )?(?:on|in|within|inside|locally)\b|data cent(?:re|er)s?|servers?\b[^.?!]{0,30}\b(?:in|located)|hosted (?:on|in|by)|(?:stays?|remains?) (?:on|in) (?:your|my|our|the) (?:\w+ )?(?:device|phone|laptop|tablet|computer|system|record|server))\b",
    "protect_access": r"\b(?:only|no one but|nobody but|just|no one (?:else|other than)|nobody (?:else|other than))\b[^.?!]{0,60}\b(?:can|will|may|has|have|could|is able to|are able to)\b[^.?!]{0,30}\b(?:see|access|open|read|view|watch|log in|look)\w*|\b(?:(?:limit|restrict)\w* access|accessible only|access(?:ible)? (?:is )?(?:only )?(?:limited|restricted) to|only accessible|access (?:to|is) (?:limited|restricted)|who can (?:see|access)|role-based|can(?:'t|not) (?:log in|see|access|read) (?:to see |them|it|your))\b",
    "protect_agreement": r"\b(?:business associate|b\.?a\.?a\.?\b|(?:data|student[- ]data|privacy|confidentiality|data[- ]protection|data[- ]processing|service organi[sz]ation) (?:\w+ )?agreements?|contract(?:ually)? (?:with|bound|requires|barred|prohibited)|hipaa security rule|42 cfr|bound by|legally bound|signed (?:a |an )?(?:\w+ ){0,2}(?:agreement|contract))\b",
    "protect_delete_app": r"\b(?:delete|remove|erase|uninstall) (?:it|the app|this app)\b(?![^.?!]*\b(?:data|entries|chats|messages|recordings?|information|history)\b)",
    # risks_limitations ------------------------------------------------------------------------
    "risk_error": r"\b(?:mistakes?|errors?|erroneous|inaccura\w*|incorrect\w*|mishears?|misheard|mishear\w*|misunderstand\w*|misinterpret\w*|misread\w*|misjudg\w*|misidentif\w*|mislead\w*|misclassif\w*|miss(?:es|ed)? (?:things|sarcasm|context|nuance|important|something|students|people|signs|words)|leave (?:\w+ ){0,2}out|leaves? out|incomplete|imperfect|(?:aren't|isn't|is not|are not|not|never) (?:always |completely |totally )?(?:perfect|flawless|foolproof|infallible)|overstat\w*|understat\w*|(?:aren't|isn't|not) (?:flawless|foolproof|always (?:right|accurate|correct))|garbl\w*|(?:get|gets|got|getting) (?:[\w']+ ){0,3}wrong|go(?:es)? wrong|can be wrong|could be wrong|may be wrong|might be wrong|less (?:well|accurate(?:ly)?|reliabl[ey]|precise)|accents?|dialects?|not (?:a hundred|100) ?(?:percent|per cent|%)|wrong (?:words?|answers?|advice|suggestions?|service|game|translation)|(?:not|less) (?:work|working) (?:as )?well|may not (?:work|fit|suit|understand|catch|notice|pick up)|does(?:n't| not) (?:always )?(?:fit|suit|understand|catch|notice|get)|mix\w* (?:\w+ ){0,2}up|confus\w* (?:who|which|what|names|words|people|speakers|voices)|over- or under-|under- or over-|overestimat\w*|underestimat\w*|false (?:alarms?|positives?|negatives?)|unhelpful|guess\w*|limited (?:validation|evidence|accuracy)|snapshot|(?:it's|it is|can be|may be|might be|is sometimes) (?:a (?:bit|little) |sometimes |occasionally )?off)\b",
    "risk_security": r"\b(?:bias\w*|breach\w*|hack\w*|unauthori[sz]ed (?:access|use|disclosure)|leak\w*|exposed|security incident|cyber\w*|disadvantag\w*|less accurate for|not (?:work|working) equally|unequal\w*|unfair\w*)\b",
    "risk_emergency": r"\b(?:emergenc\w*|crisis|988|911|in danger|not (?:monitored|watched)|(?:isn't|is not|not) (?:monitored|watched|checked) (?:in real time|around the clock|24|at night|live)|not a (?:substitute|replacement|diagnosis|therapist|counsel+or|doctor|person|human)|cannot (?:respond|help) (?:to a crisis|in a crisis|if you)|can't (?:respond|help|handle))\b",
    "risk_word": r"(?<!\bno )(?<!\bzero )(?<!\bwithout )(?<!\bwithout any )(?<!\bminimi[sz]e )(?<!\bminimi[sz]e the )(?<!\bfew )\b(?:risks?(?!-free)|limitations?|limits\b|downsides?|drawbacks?|caveats?)\b|\bno \w+ is (?:risk-free|perfect|flawless)",
    "risk_none": r"\b(?:no|zero|without any|very few|minimal|negligible) (?:real )?(?:risks?|downsides?|drawbacks?)\b|\brisk[- ]free\b",
    # human_oversight -------------------------------------------------------------------------
    "oversight_responsible": rf"\b{_STAFF}\b[^.?!]{{0,60}}?\b(?:(?:is|am|are|remains?|stays?|will be|'m|'re|be)\s+(?:\w+\s+){{0,2}}(?:responsible|accountable|in charge)|(?:keeps?|retains?|has|have) (?:the )?(?:final (?:say|word|decision)|responsibility))\b|\bresponsib\w* (?:for (?:your|the|all|every|clinical|treatment|what)|stays? with (?:me|us|your))|\b(?:final (?:say|word|decision)s?)\b[^.?!]{{0,30}}\b(?:me|your (?:clinician|therapist|counsel+or|provider)|staff|people|a person|humans?)\b|\b(?:a|the) (?:person|human|clinician) (?:is )?(?:always )?in the loop\b|\bhuman (?:review|oversight|check)\b(?![^.?!]*\bwithout\b)",
    "oversight_for_staff": r"\bfor (?:the |your |a |our )?(?:treating )?(?:clinician|therapist|counsel+or|provider|staff|doctor|nurse|supervisor|human|person|team)s? to (?:review|check|edit|approve|read|sign|confirm|look over|correct)\b",
    "oversight_mine": r"\b(?:decisions?|determinations?|judg(?:e)?ments?|calls|final (?:say|word))\b[^.?!]{0,40}\b(?:are|is|remain|stay|rests?)\s+(?:still |always |entirely |only )?(?:mine|ours|with me|with us|with your (?:clinician|therapist|counsel+or|provider)|my responsibility|our responsibility)\b|\b(?:my|our|your (?:clinician|therapist|counsel+or|provider)'s|the clinician's|the therapist's) (?:own )?(?:clinical |professional )?judg(?:e)?ment\b|\b(?:my|your (?:clinician|therapist|counsel+or)'s) (?:name|signature) (?:is |goes )?on\b|\bfinal (?:say|word)\b[^.?!]{0,40}\b(?:i do|we do|is mine)\b",
    "oversight_decisions": r"\b(?:decisions?|determinations?|judg(?:e)?ments?|calls)\b[^.?!]{0,60}\b(?:are|is|will be|get|remain|stay)\s+(?:always |still |only )?(?:made|taken|mine|yours|with)\b[^.?!]{0,30}\b(?:by )?(?:me|people|humans?|a (?:person|human)|your|staff|clinicians?|the clinician|the therapist|staff|the team)\b",
    "oversight_tool_not": rf"\b{_TOOLW}\b[^.?!]{{0,40}}\b(?:does(?:n't| not)|do(?:n't| not)|won't|will not|never|cannot|can't|is not (?:allowed|able) to|isn't (?:allowed|able) to)\b[^.?!]{{0,25}}\b(?:replace\w*|make\w* (?:any |the |final |clinical |treatment )?(?:decisions?|calls|diagnos[ie]s|judg\w+)|decide\w*|diagnos\w*|finali[sz]\w*|act\w* (?:on its own|alone|by itself)|take over|treat\w*|(?:get|have|has) the (?:final|last) (?:word|say))\b|\b(?:not|never) (?:by )?(?:the (?:tool|app|software|program|ai|system|computer)|a (?:computer|machine|program))\b(?=[^.?!]*$)",
    "oversight_auto": r"\bwithout (?:any )?(?:human|clinician|staff|people|a person|manual|my|our|your \w+'s) (?:review|involvement|input|oversight|check\w*|look\w*)|\bno (?:human|person|one) (?:review|involvement|checks?|reviews?|looks?|in the loop)\b|\bautomatically (?:added|entered|sent|filed|finali[sz]ed|approved|posted|submitted|signed|placed)\b|\b(?:decid\w*|decision|picks?|chooses?|choice|makes? the \w+)\b[^.?!]{0,60}, not (?:by )?a (?:person|human)\b|\b(?:decided|made|chosen|picked) (?:automatically|by the (?:computer|system|program|app|ai|software|algorithm))\b",
    "staff_check_in": r"\bcheck(?:s|ed|ing)? in with\b",
    "oversight_heading": r"\bwho (?:is in charge|checks?|reviews?|decides?|makes? (?:the )?decisions?|is responsible|reads? (?:it|them|the))|\bin charge\b|\bresponsib|\boversight\b|\bhuman review\b|\b(?:my|your (?:clinician|therapist|counsel+or)'s?|the clinician's|staff) role\b|^\W*(?:my|our) role\W*$|\bclinical (?:judg(?:e)?ment|responsibility)\b|\bpeople in charge\b",
    "staff_word": rf"\b{_STAFF}\b|\b(?:your|my|our|the) (?:\w+ )?(?:clinician|therapist|counsel+or|doctor|provider|nurse|psychiatrist|psychologist|social worker|case manager|coordinator|supervisor)\b",
    # voluntary -------------------------------------------------------------------------------
    "vol_choice": r"\b(?:voluntary|optional|opt-in|(?:at|in) (?:the \w+'s|your|the client's|the patient's|their|his|her) (?:own )?discretion|your (?:choice|call|decision|decide)|up to you|entirely yours|(?:completely|totally|entirely|fully) (?:your|up to)|you (?:get to|can|may) (?:decide|choose)(?: whether| if)?)\b",
    "vol_free": r"\b(?:(?:you(?:'re| are)?|(?:the )?(?:client|patient|student|child|parent|guardian|anyone|everyone|either of you|each of you|one of you|any of you)|i) (?:are |is )?(?:free to|can|may|could|are welcome to|have the right to|has the right to)|it's (?:fine|okay|ok) to|it is (?:fine|okay|ok) to|(?:okay|ok|fine) to|free to|right to)\s(?:\w+\s){0,2}(?:say no|say \"?no|decline|refuse|choose not|not (?:agree|use|take part|participate|sign)|not to|skip|ask for (?:a |an )?(?:human|person|real|in-person|different|another|the usual)|say no thanks)\b",
    "vol_not_required": r"\b(?:(?:nobody|no one|no-one|no client|no patient|no student) (?:is (?:ever )?(?:required|forced|obliged|expected|made) to|will be (?:required|forced|made) to|has to|needs to|must)|do(?:n't| not) (?:have|need) to|does(?:n't| not) (?:have|need) to|never have to|not (?:have|need) to|(?:is|are|isn't|aren't) not (?:required|mandatory|compulsory)|(?:isn't|aren't|not) (?:required|mandatory|compulsory|obligatory)|not a (?:condition|prerequisite|requirement)|no (?:pressure|obligation)|under no obligation|you don't need to say yes)\b",
    "vol_unaffected": r"\b(?:saying no|says? no|say no|no (?:is|as) (?:a|an|totally|completely|perfectly)|not now|if (?:[\w']+ ){0,6}?(?:uneasy|uncomfortable|not (?:comfortable|okay|ok|sure)|don't like|do not like|say no|says no|decline|declines|refuse|refuses|don't want|doesn't want|do not want|does not want|'d rather not|would rather not|prefer not|opt out|opts out|choose not|chooses not|skip|object|objects|aren't comfortable|are not comfortable|is not comfortable|isn't comfortable|'re not comfortable)|declin\w*|refus\w*|opting out|either way|whether or not|whether you|anyone who'?d rather not|if you'?d rather)\b[^.?!]{0,140}\b(?:affect\w*|chang\w*|same|fine|okay|ok|still|continue\w*|won't use|will not use|not use|carry on|just as|not result|penalt\w*|consequence\w*|impact|effect|unchanged|welcome|usual way|by hand|old-fashioned|instead|no problem|no effect|no difference|won't (?:turn|record)|will not (?:turn|record)|don't (?:turn|record|use)|do not (?:turn|record|use)|nothing)\b",
    "vol_no_effect": r"\b(?:won't|will not|doesn't|does not|shall not|is not|isn't|will never|never) (?:\w+ )?(?:affect|change|impact|alter|reduce|limit|harm)\w*\b[^.?!]{0,60}\b(?:care|treatment|services?|therapy|sessions?|relationship|place|eligibility|anything|work|us|support|help|counsel\w*|access|quality|appointments?|grades?|standing|benefits?)\b|\b(?:makes? no difference|no (?:effect|impact|bearing) on|nothing (?:about (?:your|our) \w+ )?(?:else )?(?:changes|will change)|(?:exactly|just|still) the same|same (?:care|services?|support|help|treatment)|(?:care|treatment|therapy|services?|support|counsel\w*) (?:is|are|stays?|remains?|will be|works?) (?:exactly |just |still )?(?:the same|unchanged|unaffected)|unaffected|no hard feelings|won't be offended|no questions asked|(?:no one's|nobody's|no-one's) (?:\w+ ){0,4}?(?:changes|will change|is affected|are affected|will be affected|is different)|(?:nothing|nobody's \w+|no one's \w+|(?:does|do|will)(?:n't| not)) (?:\w+ ){0,2}depends? on)\b",
    "vol_only_if": r"\bonly (?:use it |record |turn it on |do (?:it|this) )?(?:if|when|with) (?:every|each|all|you|your|both|everyone)\b[^.?!]{0,40}\b(?:agree|say yes|consent|okay|ok|comfortable|permission)\b|\bunless (?:[\w']+ ){0,5}?(?:agrees?|agreed|is comfortable|are comfortable|is okay|are okay|is ok|are ok|says? yes|consents?|on board)\b[^.?!]{0,30}\b(?:won't|will not|don't|do not|not)\b|\b(?:with|only with) your (?:permission|agreement|consent)\b|\bif you (?:agree|say yes|consent|allow)\b|\breply \w+ to (?:allow|accept|agree) or \w+ to (?:decline|refuse)",
    "mandatory": r"\b(?:use|using|consent|participation|enrol\w*|execution|signing|it|this|the (?:tool|app|program|feature|system|software|scribe|screening|service|platform))\b[^.?!]{0,50}\b(?:is|are|will be|becomes?)\s+(?:required|mandatory|compulsory|obligatory|a condition)\b|\brequired (?:for|of) (?:all|every|each|enrol\w*|admission|services|treatment|care)\b|\bmandatory\b|(?<!not a )(?<!never a )(?<!isn't a )\bcondition of (?:receiving |your |enrol\w* in |continued )?(?:treatment|services?|care|enrol\w*|admission|participation|service)\b|\b(?:enabled|on|turned on|active|switched on|activated)\s+by default\b|\bby (?:continuing|attending|using|proceeding|participating|signing up|booking|logging in|staying)\b[^.?!]{0,80}\b(?:agree|accept|consent)\w*|\bconstitutes? (?:your )?(?:acceptance|consent|agreement)\b|\b(?:all|every)\s+(?:patients?|clients?|students?|sessions?|visits?|participants?|members?|families|employees)\b[^.?!]{0,40}\b(?:will|must|are required to|shall|need to)\s+(?:complete|use|take part|participate|be (?:recorded|screened|scored|included|enrolled))|\bapplies to (?:all|every)\b|\bstandard (?:for|in|practice for) (?:all|every)\b|\b(?:cannot|can't|may not|are unable to|not able to) (?:opt out|decline|refuse|say no)\b|\bmust (?:agree|consent|accept|use|sign|complete|participate)\b|^[^:]{0,40}:\s*(?:required|mandatory|compulsory)\b",
    "mandatory_negated": r"\b(?:not|never|isn't|aren't|no)\b[^.?!]{0,25}\b(?:required|mandatory|compulsory|a condition|obligat\w*)\b|\b(?:required|mandatory) by (?:law|hipaa|state|federal)|\bas required\b|\bif required\b|\bwhen required\b|\brequired to (?:protect|keep|tell|report|follow|notify|disclose)\b|\b(?:only|except) (?:as|when|where)\b[^.?!]{0,30}\brequired\b",
    # withdrawal ------------------------------------------------------------------------------
    "wd_action": rf"\b(?:{_ACTION})",
    "wd_weak": rf"\b(?:{_WEAK_ACTION})\b",
    "wd_about_tool": r"\b(?:stop\w*|quit\w*|paus\w*|end\w*|cancel\w*|leav\w*) (?:using |the use of |use of )|\b(?:stop\w*|paus\w*|end\w*|cancel\w*|quit\w*) (?:it|the (?:recording|recorder|tool|app|scribe|program|transcription|feature|chat|check-?ins?|texts?|messages?|reminders?|analysis|service|interpret\w*|translation|ai)|recording|transcrib\w*)\b|\b(?:stop|pause)\w* (?:at )?any ?time\b",
    "wd_time": r"\b(?:any ?time|any (?:\w+ )?(?:week|month|day|session|visit|point|moment|stage)|anymore|any more|can always|come back|even if you (?:do|agree|say yes|start)|if you (?:later|ever)\b|at any (?:time|point|moment|stage)|any (?:session|day|visit|point)|at some point|whenever|later|in (?:the )?future|future (?:sessions?|visits?|appointments?)|from (?:then|now) on|next (?:time|week|session|visit|month)|halfway|in the middle|mid-?session|down the road|after (?:you start|starting|agreeing|you agree|today)|once you(?:'ve| have)? (?:start|agree|tried)|if you (?:later|ever)|feel differently|from your next|going forward|at a later date|for the rest)\b",
    "wd_trigger": r"\b(?:tell|ask|let (?:me|us|your \w+) know|request|notify|notice|reply|text|call|email|e-mail|write|toggle|tap|settings?|button|portal|in the app|by (?:telling|asking|calling|writing|replying))\b",
    "wd_not_tool": r"\b(?:stop|quit|end|leave|discontinu\w*|cancel|drop out of|withdraw from)\w*\s+(?:\w+\s+){0,3}(?:therapy|treatment|counsel\w*|coming|services|the group|group|the clinic|our clinic|our practice|the practice|appointments?|working with|seeing|providers?|the programme|the program)\b|\b(?:change|switch) (?:providers?|therapists?|counsel+ors?|clinics?)\b|\bend (?:couples |family |group )?(?:therapy|counsel\w*|treatment)\b",
    "wd_negated": r"\b(?:cannot|can't|can not|not be able to|unable to|won't be able to|no way to|not possible to)\b[^.?!]{0,20}\b(?:stop|withdraw|revoke|turn|switch|opt|cancel|undo|pause)\w*",
    "wd_stop_keyword": r"\breply\s+\"?(?:stop|pause|end|quit|cancel|unsubscribe|off)\b|\btext\s+\"?(?:stop|pause|end|quit|off)\b|\bsend\s+\"?(?:stop|pause|end|quit)\b",
    "wd_only_start": r"\bopt\w* out\b|\bsay no\b|\bdecline\b",
    # questions -------------------------------------------------------------------------------
    "q_any": r"\b(?:any|what|other|more|further|your|some) (?:\w+ )?questions\b(?![^.?!]{0,40}\b(?:on|about) (?:your |their |how )?(?:mood|feelings|sleep|stress|safety|symptoms)\b)|\bquestions?\s*\??\s*$|\bquestions?\s*\?|\bq'?s\s*\?|\bany qs\b|\bwho (?:do|can|should) i (?:ask|contact|talk to|call)\b|\b(?:have|got|has) (?:any |a few |some |other )?(?:questions|concerns|worries)\b|\bopportunity to ask\b|\bquestions (?:have been|were|are) answered\b|^\W*(?:any |got |have |more )?questions?\b[^.!]*\?|\bto ask (?:a |any |your |some )?questions?\b|\b(?:encourage|welcome|invite)s? (?:your |any |all )?questions\b",
    "q_contact": r"\b(?:questions?|concerns?|inquiries|enquiries|queries|worries|unsure|not sure|unclear|confusing|something isn't clear)\b[^.?!]{0,80}\b(?:ask|contact|call|phone|ring|e-?mail|reply|text|write|reach|directed|speak|let (?:me|us) know|talk (?:to|with|it|about)|get in touch|send|visit|stop by|come (?:to|by|see))\w*\b",
    "q_invite": r"\bask (?:me|us|them|your \w+)\W*$|\b(?:feel free to ask|(?:you can|you may|please|just|do|can always|may always|also) (?:also )?ask (?:me|us|your|the|at|now|anything|in|any|about|a|our)|ask (?:me|us) (?:anything|now|any ?time|about (?:it|this)|if|whatever|again)|ask away|(?:happy|glad|pleased) to (?:explain|discuss|talk|go over|answer|help|hear)|let's talk (?:it|about)|talk (?:it|this) (?:over|through)|talk about it|let (?:me|us) know (?:if|what)|reach out|get in touch|(?:contact|call|e-?mail|write to|text|reach|phone) (?:us|me)\b(?! to (?:stop|opt|cancel|turn))|my door is open|come (?:and )?(?:see|talk to|find) me|want to know more|anything (?:else )?(?:you'?d|you would|you) (?:like|want|need|wish) to (?:know|ask)|(?:want|like|wish|need) to ask (?:anything|something|me|us|about|questions?)|anything (?:i|we) (?:can|could) (?:explain|clarify|go over|answer)|(?:talk|speak|come) to (?:me|us)\b[^.?!]{0,40}\b(?:questions?|concerns?|worries|unsure)|what (?:would|else would|do) you (?:like|want) to (?:know|ask)|(?:reply|respond) (?:to this|here)|just text back|if (?:anything|something) (?:is|isn't|seems) (?:unclear|confusing|not clear)|to talk it over|we welcome your questions|(?:answer|go over) (?:any|your) (?:questions|concerns))\b",
    "q_request": r"\bask (?:me |us |you |your \w+ |the \w+ )?(?:to|that|for|whether|if you agree|you whether|permission|your permission|consent)\b|\bask (?:for|about) (?:a|an) (?:human|person|interpreter|paper|different)\b",
    "q_heading": r"\b(?:questions?|ask|want to know more|more (?:information|info|help)|concerns?|who (?:to|do i|can i) (?:contact|ask|call)|need help)\b",
    "q_heading_not": r"^\W*(?:frequently asked questions|faqs?|the questions|mood questions)\W*$",
    "contact_detail": r"(?<![\w.+-])[\w.+-]+@[\w-]+\.(?:com|org|net)\b|\b\d{3}[-. ]\d{4}\b|\b(?:ask|call|email|e-mail|text|phone|speak (?:to|with)|talk (?:to|with)|see|visit|contact|reach)\b",
    "question_sentence": r"\?\s*$",
    "client_responsible": r"\b(?:you|you're|you are) (?:are )?(?:responsible|in charge)\b",
    "vol_condition": r"\b(?:if|whether|either way|no|decline|opt|instead|rather|prefer|don't want)\b",
    "wd_tool_words": r"\b(?:using|use of|the (?:tool|app|scribe|recording|program|feature|transcription))\b",
    "wd_later_no": r"\b(?:say no|don't want|do not want|not want|rather (?:not|i didn't|we didn't)|but not)\b",
    "q_word": r"\bquestions?\b",
    "starts_negative": r"^\W*(?:nothing|none|no\b|not\b)",
    "it_word": r"\bit\b",
}


@functools.cache
def _r(name: str) -> re.Pattern[str]:
    return re.compile(_SOURCES[name], re.I)


def _has(name: str, text: str) -> bool:
    return _r(name).search(text) is not None


def _is_question(text: str) -> bool:
    """A question ("What are the risks?") states nothing; a long run-on that ends with "?" still does."""
    return _has("question_sentence", text) and text.count(" ") < 30


def _words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[a-z][a-z'-]*", text.lower()):
        out.add(w)
        if w.endswith("ies"):
            out.add(w[:-3] + "y")
        elif w.endswith("es") and w[:-2] in INFO_NOUNS:
            out.add(w[:-2])
        elif w.endswith("s"):
            out.add(w[:-1])
    return out


@functools.cache
def _topic_rx(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.I)


def _topic(heading: str | None, *words: str) -> bool:
    return bool(heading) and _topic_rx(words).search(heading) is not None


# The rules -----------------------------------------------------------------------------------
#: Where information comes from, not what it is ("notes from our sessions").
_SETTINGS = frozenset("session visit appointment encounter meeting call".split())
_STORAGE_VERBS = frozenset("store keep save retain hold log register".split())
_LISTEN_VERBS = frozenset("hear listen record capture pick transcribe watch film".split())

#: Verbs that, done to audio or a recording, say it was captured ("turns the recording into notes").
_MEDIA_VERBS = frozenset("analyse analyze use process transcribe convert turn disclose transmit share upload send summarise summarize".split())


def _is_function(c: Clause) -> bool:
    """The verb says what a tool does: drafts, scores, translates; makes a summary; adds up."""
    if c.verb == "pick" and c.prt == "up":
        return False  # "picks up our voices" takes in, it does not choose
    if c.verb in PARTICLE_VERBS:
        return c.prt in PARTICLE_VERBS[c.verb] or any(o.startswith(tuple(f"{p}:" for p in PARTICLE_VERBS[c.verb])) for o in c.objs)
    if c.verb in FUNCTION_VERBS:
        return not (c.verb in {"track", "monitor", "screen", "say", "speak", "talk"} and not c.has(*OUTPUT_NOUNS, "info"))
    if c.verb in MAKE_VERBS:
        return c.has(*OUTPUT_NOUNS)
    return c.verb == "take" and c.has("note")


def _mentions_tool(u: Unit, ctx: Context) -> bool:
    if _r("tool_word").search(u.text) or any(n in u.text for n in ctx.names):
        return True
    return ctx.tool_seen and _has("it_word", u.text)


def ai_description(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """What the tool does or produces: the tool drafts, translates, scores, flags, answers ..."""
    if u.is_heading or _has("ai_exclude", u.text) or _is_question(u.text):
        return 0.0
    for c in cl:
        if c.neg or c.embedded or not _is_function(c):
            continue
        if c.subj == "tool" or c.uses_tool or (c.passive and (c.agent == "tool" or c.instrument_tool)):
            return 1.0
        # The small parser often attaches a second verb to the wrong subject ("an app that
        # listens while we talk and writes ..."): trust an inherited subject less.
        if not c.direct and c.subj in {"tool", "staff", "other"} and _mentions_tool(u, ctx):
            return 1.0
        if c.passive and c.subj in {"info", "media"} and not c.direct and _mentions_tool(u, ctx):
            return 1.0
    if _has("ai_function_noun", u.text) or (_has("ai_helps", u.text) or _has("ai_tell", u.text)) and _mentions_tool(u, ctx):
        return 1.0
    return 0.0


def _clause_collects(c: Clause, u: Unit) -> bool:
    """One clause says the tool reads, records or keeps concrete client information."""
    concrete = c.has("info", "media")
    storage = c.verb in _STORAGE_VERBS
    if not c.neg and c.subj != "client" and (c.has("media") and not storage and (c.verb in INTAKE_VERBS or c.verb in _MEDIA_VERBS) or c.has("from:media")):
        return True  # saying the audio is processed or turned into notes tells the reader it is captured
    if not c.neg and c.subj == "tool" and c.verb in _LISTEN_VERBS and c.has("client", "everyone", "everybody"):
        return True  # "it hears everyone in the room"
    if not concrete or c.neg or c.subj == "client":
        return False
    if _has("idiom_object", u.text):
        return False  # "keep your appointment", "gets words wrong"
    if any(o.startswith("from:") and o[5:] in INFO_NOUNS - _SETTINGS for o in c.objs) and (_is_function(c) or c.verb in INTAKE_VERBS):
        return True  # "writes notes from your answers"
    if storage and c.passive and c.agent != "tool" and not c.instrument_tool and _has("protect_qualifier", u.text):
        return False  # "messages are stored securely and deleted after a year" is about protection
    if c.verb in INTAKE_VERBS and not (c.verb in {"send", "pass"} and c.subj == "staff"):
        return True
    if c.verb in SEE_VERBS and (c.subj == "tool" or c.instrument_tool or (c.passive and c.agent in {"tool", "none"})):
        # "your answers are used to ..." says what for, not what is taken in
        return not (c.verb == "use" and c.passive and not c.instrument_tool)
    return False


def data_collected(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """What client information it takes in: the tool reads, records or keeps concrete information."""
    if u.is_heading or _is_question(u.text):
        return 0.0
    if any(_clause_collects(c, u) for c in cl):
        return 1.0
    if _has("collected_phrase", u.text) and not _has("starts_negative", u.text):
        return 1.0
    if u.heading and _has("collected_heading", u.heading) and not _topic(u.heading, "protect", "safe", "secur", "how long", "where", "who (?:can )?see", "delet", "use[ds]? for", "purpose", "why", r"how\b[^?]*\bused"):
        ws = _words(u.text)
        if ws & INFO_NOUNS - {"record", "time", "date", "number", "plan", "goal", "result", "progress"} or ws & MEDIA_NOUNS:
            if not _has("starts_negative", u.text):
                return 1.0
    return 0.0


def data_use(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """What the information is used for, and whether it is shared, sold or used for training."""
    if u.is_heading or _is_question(u.text):
        return 0.0
    t = u.text
    if _has("use_purpose", t) or _has("use_training", t) or _has("use_only", t):
        return 1.0
    if _has("use_selling", t) or _has("use_sharing", t):
        return 1.0
    return 0.0


def data_protection(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """Concrete protection: encryption, storage, retention, deletion, access limits, agreements."""
    if u.is_heading or _is_question(u.text):
        return 0.0
    t = u.text
    if _has("protect_encrypt", t) or _has("protect_keep", t) or _has("protect_access", t) or _has("protect_agreement", t):
        return 1.0
    if _has("protect_delete", t) and not _has("protect_delete_app", t):
        return 1.0
    return 0.0


def risks_limitations(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """Errors, bias, breaches, not for emergencies."""
    t = u.text
    if u.answer == "yes" and _topic(u.heading, "wrong", "mistake", "error", "miss", "fail", "risk", "limit", "go wrong"):
        return 1.0
    if u.answer == "no" and _topic(u.heading, "perfect", "always (?:right|accurate|correct)", "100", "for emergenc", "monitored"):
        return 1.0
    if u.is_heading or _is_question(t):
        return 0.0
    if _has("risk_error", t) or _has("risk_security", t) or _has("risk_emergency", t):
        return 1.0
    if _has("risk_word", t) and not _has("risk_none", t):
        return 1.0
    return 0.0


def _staff_oversees(c: Clause, t: str) -> bool | None:
    """A clause whose subject (or agent) is staff: they review the output or make the
    decision (True), it is another kind of check (None: look no further at this clause),
    or neither (False).
    """
    if c.verb in REVIEW_VERBS and (c.has(*OUTPUT_NOUNS) or c.has("tool", "everything", "anything", "all", "each", "every", "what", "media", "transcript", "part")):
        if c.verb == "go" and not (c.prt in {"over", "through"} or any(o.startswith(("over:", "through:")) for o in c.objs)):
            return None
        if c.verb == "check" and _has("staff_check_in", t):
            return None
        if c.has("form", "consent", "agreement", "notice", "letter", "this") and not c.has(*OUTPUT_NOUNS - {"letter"}):
            return None
        return True
    if c.verb in {"decide", "determine"} or (c.verb in DECIDE_VERBS and c.has("decision", "judgment", "judgement", "call", "choice", "pick", "determination")):
        return True
    # "every note is checked by your therapist"
    return c.passive and c.agent == "staff" and c.verb in REVIEW_VERBS and (c.has(*OUTPUT_NOUNS) or c.has("tool", "everything", "all"))


def human_oversight(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """Staff review, correct or decide; the tool does not decide alone."""
    t = u.text
    if u.answer == "no" and _topic(u.heading, "decide", "decision", "rely", "replace", "on its own", "alone", "automatic"):
        return 1.0
    if u.answer == "yes" and _topic(u.heading, "review", "check", "human", "person", "someone", "clinician", "therapist", "counsel"):
        return 1.0
    if u.is_heading or _is_question(t) or _has("oversight_auto", t):
        return 0.0
    if u.heading and _has("oversight_heading", u.heading) and (_has("staff_word", t) or any(c.verb in REVIEW_VERBS for c in cl)):
        return 1.0
    for c in cl:
        staff = c.subj == "staff" or (c.passive and c.agent == "staff")
        if staff and not c.neg:
            verdict = _staff_oversees(c, t)
            if verdict is None:
                continue
            if verdict:
                return 1.0
        if c.subj == "tool" and c.neg and (c.verb in {"decide", "determine", "replace", "diagnose", "finalise", "finalize", "choose", "judge", "treat"} or (c.verb == "make" and c.has("decision", "diagnosis", "call", "judgment", "judgement", "choice"))):
            return 1.0
    if _has("oversight_responsible", t) or _has("oversight_decisions", t) or _has("oversight_tool_not", t) or _has("oversight_mine", t) or _has("oversight_for_staff", t):
        if not _has("client_responsible", t):
            return 1.0
    return 0.0


def voluntary(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """Saying no is presented as fine, and care is not affected."""
    t = u.text
    if u.answer == "no" and _topic(u.heading, "have to", "need to", "must", "required", "mandatory", "compulsory", "obligat", "forced"):
        return 1.0
    if u.answer == "yes" and _topic(u.heading, "say no", "decline", "refuse", "opt out", "not use", "choose", "optional", "voluntary") and not _has("wd_time", u.heading):
        return 1.0
    if u.is_heading or _is_question(t):
        return 0.0
    for name in ("vol_choice", "vol_free", "vol_not_required", "vol_unaffected", "vol_only_if"):
        if _has(name, t):
            return 1.0
    if _has("vol_no_effect", t) and (_topic(u.heading, "choice", "optional", "voluntary", "have to", "required", "say no", "decline", "participat") or _has("vol_condition", t)):
        return 1.0
    return 0.0


def withdrawal(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """The client can stop using the tool later, and how."""
    t = u.text
    if u.answer == "yes" and _topic(u.heading, "stop", "change my mind", "withdraw", "turn (?:it )?off", "switch (?:it )?off", "opt out", "quit", "pause", "later", "cancel"):
        return 1.0
    if u.is_heading or _is_question(t):
        return 0.0
    if _has("wd_not_tool", t) and not _has("wd_tool_words", t):
        return 0.0
    if _has("wd_negated", t):
        return 0.0
    if _has("wd_stop_keyword", t):
        return 1.0
    if _has("wd_action", t):
        return 1.0
    if _has("wd_weak", t) and (_has("wd_about_tool", t) or _has("wd_time", t) or _names_after_action(t, ctx) or _topic(u.heading, "stop", "later", "withdraw", "chang", "revo", "discontinu", "opt.out", "turn")):
        if not (_has("wd_only_start", t) and not _has("wd_time", t)):
            return 1.0
    if _has("wd_time", t) and _has("wd_later_no", t):
        return 1.0
    return 0.0


def _names_after_action(t: str, ctx: Context) -> bool:
    """Phrases like "stop Tonalis", "pause Sunny": a weak stopping verb whose object is the tool's name."""
    return bool(ctx.names) and _names_rx(ctx.names).search(t) is not None


@functools.cache
def _names_rx(names: frozenset[str]) -> re.Pattern[str]:
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(?:{_WEAK_ACTION})\s+(?:using\s+)?(?:{alts})\b", re.I)


def questions(u: Unit, cl: list[Clause], ctx: Context) -> float:
    """An invitation to ask questions, or whom to contact with them."""
    t = u.text
    if _has("q_heading_not", t):
        return 0.0
    if _has("q_any", t) and not _has("q_request", t):
        return 1.0
    if _has("q_contact", t) or _has("q_invite", t):
        if not (_has("q_request", t) and not _has("q_word", t)):
            return 1.0
    if not u.is_heading and u.heading and _has("q_heading", u.heading) and not _has("q_heading_not", u.heading):
        if _has("contact_detail", t):
            return 1.0
    return 0.0


RULES = {
    "ai_description": ai_description,
    "data_collected": data_collected,
    "data_use": data_use,
    "data_protection": data_protection,
    "risks_limitations": risks_limitations,
    "human_oversight": human_oversight,
    "voluntary": voluntary,
    "withdrawal": withdrawal,
    "questions": questions,
}

#: Elements whose rules read the dependency parse (others use words and layout only).
NEEDS_PARSE = ("ai_description", "data_collected", "human_oversight")


def score(element: str, u: Unit, cl: list[Clause], ctx: Context) -> float:
    """The score (0 to 1) of *element* for one unit."""
    return RULES[element](u, cl, ctx)


def vetoes(units: list[Unit], clause_lists: list[list[Clause]]) -> dict[str, str]:
    """Elements a statement elsewhere in the text cancels, with that statement.

    * voluntary: use is required, a condition of care, on by default, or accepted by
      attending ("optional" next to "required" is not a free choice);
    * data_use: "never shared" and "may share with partners" in one text;
    * human_oversight: the tool decides, or notes are finalised without human review.
    """
    out: dict[str, str] = {}
    never_share = None
    done: set[tuple] = set()
    for u, cl in zip(units, clause_lists, strict=True):
        key = (u.text, u.heading, u.answer, u.is_heading)
        if key in done:
            continue  # a repeated line cannot change the outcome
        done.add(key)
        if u.is_heading and u.answer is None and _is_question(u.text):
            continue  # "Is it mandatory?" asks; the answer decides
        # A row label such as "Participation: required" is part of the statement; a question heading is not.
        t = u.with_heading if not u.is_heading and not _is_question(u.heading or "") else u.text
        if "voluntary" not in out:
            if _has("mandatory", t) and not _has("mandatory_negated", t):
                out["voluntary"] = u.text
            elif u.answer == "yes" and _topic(u.heading, "have to", "need to", "required", "mandatory", "compulsory", "must"):
                out["voluntary"] = u.text
        if "data_use" not in out and not u.is_heading:
            if _has("share_never", u.text):
                never_share = never_share or u.text
            if never_share and never_share != u.text and _has("share_outside", u.text) and not _has("share_never", u.text):
                out["data_use"] = u.text
        if "human_oversight" not in out and not u.is_heading:
            if _has("oversight_auto", u.text):
                out["human_oversight"] = u.text
            for c in cl:
                if c.subj == "tool" and c.direct and not c.neg and not c.passive and (c.verb in {"decide", "determine"} or (c.verb == "make" and c.has("decision", "pick", "choice", "call"))):
                    out["human_oversight"] = u.text
    return out
