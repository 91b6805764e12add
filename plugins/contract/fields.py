"""What each field of the content contract means, for editors: one place, used by the scaffold
(`make new-case`) for its comments, and checked against schema.py by the tests (every field of
every model has its help here, and the editor guides name every field).
"""

from dataclasses import dataclass
from typing import Optional

from .schema import FRONT_MODELS, META_MODELS


@dataclass(frozen=True)
class FieldHelp:
    name: str
    en: str  # what to write, in English
    tc: str  # the same in Traditional Chinese
    example: str  # a valid YAML value, as written after "name: "
    vocabulary: Optional[str] = None  # data/<vocabulary>.yaml whose keys are allowed
    slugs_of: Optional[str] = None  # content/<kind>/ whose folder names are allowed


_DATE = FieldHelp("date", "publication date, YYYY-MM-DD", "發布日期，格式 YYYY-MM-DD", "2014-11-20")
_COVER = FieldHelp(
    "cover", "optional: an image in this folder shown at the top; describe it in cover_alt of each language file",
    "選填：本資料夾內的圖片，顯示於頁首；請在各語言檔的 cover_alt 描述圖片", "cover.jpg",
)
_ILLUSTRATIVE = FieldHelp(
    "illustrative", "optional: true only for example content that describes no real project (a notice is shown)",
    "選填：只有示例內容（並非真實項目）才寫 true，頁面會顯示提示", "false",
)
_ISSUES = FieldHelp("issues", "environmental issues, at least one", "涉及的環境問題，最少一項", "[voc]", vocabulary="issues")

META_HELP = {
    "cases": [
        _DATE,
        FieldHelp("sector", "the factory's industry", "工廠所屬行業", "printing", vocabulary="sectors"),
        FieldHelp("technologies", "technology briefs used, at least one (folder names in content/technologies/)",
                  "採用的技術（content/technologies/ 內的資料夾名稱），最少一項", "[activated-carbon-regeneration]",
                  slugs_of="technologies"),
        _ISSUES,
        FieldHelp("city", "where the factory is", "工廠所在城市", "dongguan", vocabulary="cities"),
        FieldHelp("project", "type of project: demonstration, verification or assessment",
                  "項目類別：demonstration（示範）、verification（核實）或 assessment（實地評估）", "demonstration"),
        FieldHelp("results", "measured results, at least one: metric key, colon, number (85 for 85%, 1200000 for HK$1,200,000)",
                  "實測成效，最少一項：指標鍵、冒號、數字（85 即 85%，1200000 即 HK$1,200,000）",
                  "{voc_reduction_pct: 85}", vocabulary="metrics"),
        FieldHelp("investment_hkd", "optional: the investment in Hong Kong dollars, a number without HK$ or commas",
                  "選填：投資額（港元），只寫數字，不加 HK$ 或逗號", "1800000"),
        FieldHelp("payback_years", "optional: payback period in years", "選填：回本期（年）", "1.5"),
        _COVER,
        _ILLUSTRATIVE,
    ],
    "technologies": [
        FieldHelp("category", "Annex B category", "技術類別（附件B）", "voc", vocabulary="technology-categories"),
        _ISSUES,
        FieldHelp("sectors", "industries where it applies, at least one", "適用行業，最少一項", "[printing, furniture]",
                  vocabulary="sectors"),
        FieldHelp("reduction_pct", "optional: typical reduction as [minimum, maximum] percent",
                  "選填：一般減排幅度，[最低, 最高] 百分比", "[60, 90]"),
        FieldHelp("date", "optional: date the brief was written or last reviewed, YYYY-MM-DD",
                  "選填：撰寫或最後審閱日期，格式 YYYY-MM-DD", "2014-06-01"),
        _COVER,
    ],
    "events": [
        FieldHelp("type", "kind of event", "活動類別", "seminar", vocabulary="event-types"),
        FieldHelp("start", "start: YYYY-MM-DD (all day) or YYYY-MM-DDTHH:MM, Hong Kong time",
                  "開始：YYYY-MM-DD（全日）或 YYYY-MM-DDTHH:MM，香港時間", "2015-02-05T10:00"),
        FieldHelp("end", "optional: end, written like start", "選填：結束，寫法與 start 相同", "2015-02-05T12:30"),
        FieldHelp("city", "where it takes place", "舉行城市", "guangzhou", vocabulary="cities"),
        FieldHelp("attendees", "optional: number of participants (after the event)", "選填：參加人數（活動後填寫）", "120"),
        FieldHelp("registration", "optional: registration page, starting with https://",
                  "選填：報名網址，以 https:// 開始", "https://www.example.org/register"),
        FieldHelp("organisers", "optional: organisers", "選填：主辦機構", "[hkpc, epd]", vocabulary="organisations"),
        FieldHelp("languages", "optional: spoken languages", "選填：使用語言", "[cantonese, putonghua]", vocabulary="languages"),
        FieldHelp("enquiry", "optional: enquiry phone number or e-mail address", "選填：查詢電話或電郵地址",
                  "enquiry@example.org"),
        _ILLUSTRATIVE,
        _COVER,
    ],
    "pages": [
        FieldHelp("order", "optional: position among the pages (smaller first; default 100)", "選填：頁面排序（數字小者先；預設 100）", "10"),
        FieldHelp("nav", "optional: true to list the page in the main navigation", "選填：寫 true 即在主選單列出", "false"),
        _COVER,
    ],
}

FRONT_HELP = {
    "title": FieldHelp("title", "the title in this language", "此語言的標題", "A Dongguan printer recovers its solvent"),
    "summary": FieldHelp("summary", "one or two sentences shown in lists and search results (optional for pages)",
                         "一兩句摘要，顯示於列表及搜尋結果（一般頁面可不填）", "Solvent-laden air now passes through carbon beds."),
    "cover_alt": FieldHelp("cover_alt", "what the cover image shows, for readers who cannot see it (needed when meta.yaml has a cover)",
                           "封面圖片的文字描述（替代文字），供看不到圖片的讀者（meta.yaml 有 cover 時必須填寫）",
                           "Diagram of the press hall ducted to two carbon beds"),
    "venue": FieldHelp("venue", "events: where, in this language", "活動地點（以此語言書寫）", "HKPC Building, Kowloon Tong"),
}


def meta_fields(kind):
    """[(FieldHelp, required)] for every field of the kind's meta.yaml, in the schema's order."""
    model = META_MODELS[kind]
    helps = {help.name: help for help in META_HELP[kind]}
    return [(helps[name], info.is_required()) for name, info in model.model_fields.items()]


def front_fields(kind):
    model = FRONT_MODELS[kind]
    return [(FRONT_HELP[name], info.is_required()) for name, info in model.model_fields.items()]
