"""Draw the cover diagram of each illustrative case report, once per language.

    content/cases/<slug>/cover.png      English labels (the cover named in meta.yaml)
    content/cases/<slug>/cover.tc.png   Traditional Chinese labels
    content/cases/<slug>/cover.sc.png   Simplified Chinese labels, converted from the Traditional
                                        with the site's own converter (plugins/multilingual)

Each page shows the cover in its own language (plugins/images: `cover.<lang>.png` beside
`cover.png`). A cover is a process flow of the technology (left) and the change in its main
results (right), `WIDTH` pixels wide. On a phone the cover is shown `PHONE_DISPLAY_WIDTH` CSS pixels
wide (a 390 px screen less the page's margins), so every label is drawn at least
`min_font_px()` image pixels high: 12 CSS pixels or more on that phone. Labels wrap to the width of
their box; a label that would not fit stops the tool with a message.

The labels need a CJK font: Noto Sans CJK (Debian: fonts-noto-cjk). Run from the repository root:
    .venv/bin/python tools/draw_case_diagrams.py
The output is deterministic: the same script, font and Pillow give the same bytes.
"""

import math
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CASES = ROOT / "content" / "cases"

#: The smallest text, in CSS pixels, on a 390 px phone screen.
MIN_CSS_PX = 12
#: How wide the cover is shown on a 390 px phone: the article column, 100vw - 2rem (plan.SIZES_BODY).
PHONE_DISPLAY_WIDTH = 390 - 32
WIDTH = 760

FONT_FILES = {"regular": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"}
#: The face of the collection for each language (the glyph shapes readers expect).
FONT_INDEX = {"en": 2, "tc": 4, "sc": 2}  # Noto Sans CJK SC, HK, SC
#: The file each language's cover is written to.
FILE_NAMES = {"en": "cover.png", "tc": "cover.tc.png", "sc": "cover.sc.png"}

INK = (32, 42, 52)
MUTED = (80, 90, 100)
PAPER = (248, 250, 249)
LINE = (210, 216, 214)
BOX = (255, 255, 255)
BEFORE = (150, 158, 166)
AFTER = (0, 110, 100)
ACCENT = (0, 110, 100)


def min_font_px(width=WIDTH, display_width=PHONE_DISPLAY_WIDTH, css_px=MIN_CSS_PX):
    """The smallest font size, in image pixels, that shows as `css_px` CSS pixels when an image
    `width` pixels wide is displayed `display_width` CSS pixels wide."""
    return math.ceil(css_px * width / display_width)


BODY = min_font_px()  # flow steps, bar labels, legend, footer
TITLE = BODY + 6
FIGURE = BODY + 8  # the change, e.g. -85%

#: Words common to every cover.
WORDS = {
    "how": {"en": "How it works", "tc": "運作方式"},
    "results": {"en": "Results", "tc": "成效"},
    "before": {"en": "Before", "tc": "改善前"},
    "after": {"en": "After", "tc": "改善後"},
    "footer": {"en": "Illustrative case", "tc": "示例個案"},
    "mwh": {"en": "{value} MWh", "tc": "{value}兆瓦時"},
}


@dataclass(frozen=True)
class Bar:
    label: tuple  # (English, Traditional Chinese)
    before: int
    after: int
    unit: str  # "%": the values are an index (before = 100) and the change is a percentage; else "MWh"


# slug -> (title, flow steps, bars); each text is (English, Traditional Chinese).
DIAGRAMS = {
    "dongguan-printer-voc-carbon-recovery": (
        ("Gravure printing: solvent recovery by activated carbon", "凹版印刷：以活性炭回收溶劑"),
        [("Press dryers & hoods", "印刷機烘箱及集氣罩"), ("Activated carbon beds", "活性炭床"), ("Steam regeneration", "蒸汽再生"),
         ("Condenser & separator", "冷凝器及分離器"), ("Solvent back to ink room", "溶劑送回油墨房")],
        [Bar(("VOC emitted", "揮發性有機化合物排放"), 100, 15, "%"), Bar(("Solvent bought", "溶劑採購量"), 100, 60, "%")],
    ),
    "hong-kong-offset-printer-fountain-solution-filtration": (
        ("Offset printing: central fountain solution filtration", "柯式印刷：中央水斗液過濾"),
        [("Presses (dampening)", "印刷機（潤版）"), ("Return to central tank", "流回中央水箱"), ("Multi-stage filters", "多級過濾"),
         ("Dose & cool (IPA 4%)", "調配及冷卻（酒精4%）"), ("Back to presses", "送回印刷機")],
        [Bar(("IPA / VOC", "酒精／揮發性有機化合物"), 100, 45, "%"), Bar(("Solution dumped", "排放的水斗液"), 100, 30, "%")],
    ),
    "foshan-furniture-enclosed-spray-line": (
        ("Furniture finishing: enclosed spray line and catalytic combustion", "傢具塗裝：密封式噴塗線及催化燃燒"),
        [("Enclosed auto spray", "密封式自動噴塗"), ("Dry filter", "乾式過濾器"), ("Zeolite / carbon adsorber", "沸石／活性炭吸附器"),
         ("Desorb & concentrate", "脫附及濃縮"), ("Catalytic combustion", "催化燃燒")],
        [Bar(("VOC emitted", "揮發性有機化合物排放"), 100, 18, "%"), Bar(("Paint used", "油漆用量"), 100, 70, "%")],
    ),
    "zhongshan-carton-uv-curing-varnish": (
        ("Folding cartons: UV-curing varnish instead of solvent varnish", "紙盒：以紫外線固化上光油取代溶劑上光油"),
        [("Printed sheets", "印好的紙張"), ("Roller coater", "輥塗上光機"), ("UV lamps (seconds)", "紫外線燈（數秒）"),
         ("Cured sheet to die-cut", "固化後送往啤盒")],
        [Bar(("VOC emitted", "揮發性有機化合物排放"), 100, 22, "%"), Bar(("Drying energy", "烘乾能耗"), 100, 65, "%")],
    ),
    "dongguan-knitwear-nano-bubble-softening": (
        ("Knitwear finishing: nano-bubble softening", "針織布整理：納米氣泡柔軟"),
        [("Softener & water", "柔軟劑及水"), ("Nano-bubble generator", "納米氣泡發生器"), ("Bubble mist in tumbler", "氣泡霧噴入轉鼓"),
         ("Fabric softened", "布匹柔軟"), ("Little or no spent bath", "幾乎沒有殘液")],
        [Bar(("Water used", "用水"), 100, 30, "%"), Bar(("Wastewater", "污水"), 100, 35, "%"), Bar(("Energy", "能耗"), 100, 50, "%")],
    ),
    "guangzhou-denim-ozone-plasma-fading": (
        ("Denim finishing: ozone plasma fading", "牛仔布整理：臭氧等離子褪色"),
        [("Garments in sealed drum", "成衣放入密封轉鼓"), ("Ozone from plasma cell", "等離子發生器產生臭氧"), ("Dry fading of indigo", "靛藍乾態褪色"),
         ("Ozone destructor", "臭氧分解器"), ("Short rinse", "短時間過水")],
        [Bar(("Water used", "用水"), 100, 25, "%"), Bar(("Wastewater", "污水"), 100, 25, "%"), Bar(("Energy", "能耗"), 100, 60, "%")],
    ),
    "shenzhen-metal-etching-etchant-regeneration": (
        ("Metal etching: etchant regeneration and copper recovery", "金屬蝕刻：再生蝕刻液及回收銅"),
        [("Etching line", "蝕刻線"), ("Spent etchant", "廢蝕刻液"), ("Electrolytic cell", "電解槽"),
         ("Copper plate (sold)", "銅板（出售）"), ("Regenerated etchant back", "再生蝕刻液送回")],
        [Bar(("Wastewater", "污水"), 100, 40, "%"), Bar(("Etchant bought", "蝕刻液採購量"), 100, 15, "%")],
    ),
    "jiangmen-electroplating-rinse-water-recycling": (
        ("Electroplating: rinse water recycling by ion exchange and RO", "電鍍：以離子交換及反滲透回用清洗水"),
        [("Rinse tanks", "清洗槽"), ("Pre-filter & carbon", "預過濾及活性炭"), ("Ion exchange", "離子交換"),
         ("Reverse osmosis", "反滲透"), ("Pure water back to rinse", "純水送回清洗槽")],
        [Bar(("Fresh water", "新鮮水用量"), 100, 35, "%"), Bar(("Wastewater", "污水"), 100, 32, "%")],
    ),
    "dongguan-metal-parts-sealed-vacuum-cleaning": (
        ("Metal parts: sealed vacuum solvent cleaning", "五金零件：密封真空溶劑清洗"),
        [("Parts basket", "零件籃"), ("Sealed chamber", "密封清洗室"), ("Vacuum wash & vapour rinse", "真空浸洗及蒸氣清洗"),
         ("Vacuum drying", "真空乾燥"), ("Solvent distilled, reused", "溶劑蒸餾後重用")],
        [Bar(("VOC emitted", "揮發性有機化合物排放"), 100, 12, "%"), Bar(("Solvent bought", "溶劑採購量"), 100, 15, "%")],
    ),
    "zhaoqing-glass-furnace-sncr": (
        ("Glass furnace: SNCR with urea injection", "玻璃熔爐：噴射尿素的選擇性非催化還原"),
        [("Urea solution", "尿素溶液"), ("Metering module", "計量模組"), ("Injectors at 850–1,050 °C", "噴槍（攝氏850至1,050度）"),
         ("NOx → N₂ + H₂O", "氮氧化物還原為氮氣和水"), ("Stack with NOx monitor", "煙囪及氮氧化物監測儀")],
        [Bar(("NOx emitted", "氮氧化物排放"), 100, 50, "%")],
    ),
    "foshan-ceramics-spray-dryer-pulse-jet-filter": (
        ("Ceramic tiles: pulse-jet bag filter on the spray dryer", "瓷磚：噴霧乾燥塔加裝脈衝袋式除塵器"),
        [("Spray dryer", "噴霧乾燥塔"), ("Cyclone", "旋風分離器"), ("Pulse-jet bag filter", "脈衝袋式除塵器"),
         ("Clean air to stack", "潔淨空氣經煙囪排出"), ("Fine powder back to process", "細粉送回生產工序")],
        [Bar(("Dust emitted", "粉塵排放"), 100, 22, "%")],
    ),
    "huizhou-food-factory-natural-gas-boiler": (
        ("Food factory: coal boiler replaced by natural gas", "食品廠：以天然氣取代燃煤鍋爐"),
        [("Coal boiler (retired)", "燃煤鍋爐（停用）"), ("Natural gas supply", "天然氣供應"), ("Gas steam boiler", "燃氣蒸汽鍋爐"),
         ("Economiser", "節能器"), ("Steam to cookers", "蒸汽送往煮食設備")],
        [Bar(("SO2", "二氧化硫"), 100, 20, "%"), Bar(("Particulates", "懸浮粒子"), 100, 25, "%"), Bar(("NOx", "氮氧化物"), 100, 55, "%")],
    ),
    "guangzhou-herbal-drink-falling-film-evaporator": (
        ("Herbal drink concentrate: double-effect falling-film evaporator", "涼茶濃縮：雙效降膜蒸發器"),
        [("Extract feed", "藥液進料"), ("Effect 1 falling film", "第一效降膜蒸發"), ("Thermal vapour recompressor", "熱力蒸汽再壓縮器"),
         ("Effect 2 falling film", "第二效降膜蒸發"), ("Concentrate", "濃縮液")],
        [Bar(("Steam used", "蒸汽用量"), 100, 45, "%")],
    ),
    "jiangmen-pu-leather-dmf-recovery": (
        ("PU synthetic leather: DMF recovery by condensation", "聚氨酯合成革：以冷凝回收DMF"),
        [("Coating line ovens", "塗層線烘箱"), ("Heat exchanger", "換熱器"), ("Condenser & scrubber", "冷凝器及洗滌塔"),
         ("Distillation column", "精餾塔"), ("DMF reused", "DMF重用")],
        [Bar(("DMF emitted", "DMF排放"), 100, 20, "%"), Bar(("DMF bought", "DMF採購量"), 100, 55, "%")],
    ),
    "zhuhai-sulphite-plant-sealed-centrifuge": (
        ("Sulphite crystals: sealed screw filter centrifuge", "亞硫酸鹽晶體：密封螺旋過濾離心機"),
        [("Crystal slurry", "晶漿"), ("Sealed feed", "密封進料"), ("Screw filter centrifuge", "螺旋過濾離心機"),
         ("Vent to scrubber", "廢氣引往洗滌塔"), ("Crystals to dryer", "晶體送往乾燥機")],
        [Bar(("SO2 released", "二氧化硫排放"), 100, 30, "%")],
    ),
    "shenzhen-plastics-infrared-heating-servo": (
        ("Injection moulding: infrared barrel heating and servo pumps", "注塑：紅外線料筒加熱及伺服油泵"),
        [("Infrared heaters", "紅外線加熱器"), ("Insulated barrel", "隔熱料筒"), ("Servo motor & pump", "伺服電機及油泵"),
         ("Power on demand", "按需要供電"), ("Energy meter", "電錶")],
        [Bar(("Electricity", "耗電量"), 100, 60, "%")],
    ),
    "dongguan-tissue-mill-variable-frequency-drives": (
        ("Tissue mill: variable-frequency drives on pumps and fans", "生活用紙廠：水泵及風機加裝變頻器"),
        [("Assessment of 40 motors", "評估40台電機"), ("12 motors selected", "選出12台"), ("VFDs fitted, valves opened", "加裝變頻器，全開節流閥"),
         ("Speed follows demand", "轉速隨需求調節"), ("Metered savings", "節電量經計量")],
        [Bar(("Electricity of these motors", "這些電機的耗電量"), 100, 65, "%")],
    ),
    "qingyuan-furniture-rooftop-photovoltaic": (
        ("Furniture factory: 500 kWp grid-connected rooftop solar", "傢具廠：500千瓦峰值天台併網太陽能"),
        [("PV panels, 500 kWp", "光伏板（500千瓦峰值）"), ("Inverters", "逆變器"), ("Factory switchboard", "工廠配電屏"),
         ("Grid connection", "電網接口"), ("Meter & monitoring", "電錶及監控")],
        [Bar(("Electricity bought from the grid a year", "每年向電網購電"), 1600, 1120, "MWh")],
    ),
}


def _font(size, weight, lang):
    return ImageFont.truetype(FONT_FILES[weight], size, index=FONT_INDEX[lang])


def _tokens(text, lang):
    """Units a line may break between: words in English, characters in Chinese (keeping Latin
    words and numbers whole, and punctuation with the character before it)."""
    if lang == "en":
        return [word + " " for word in text.split(" ")]
    tokens = []
    for char in text:
        if tokens and (char.isascii() and char not in " " and tokens[-1][-1:].isascii() and tokens[-1][-1:] != " "
                       or char in "，。、：；）」％%"):
            tokens[-1] += char
        else:
            tokens.append(char)
    return tokens


def wrap(text, font, max_width, lang):
    """The lines of `text` in `font` no wider than `max_width`; raises ValueError if one word is wider."""
    lines, line = [], ""
    for token in _tokens(text, lang):
        if line and font.getlength((line + token).rstrip()) > max_width:
            lines.append(line.rstrip())
            line = token.lstrip() if lang != "en" else token
        else:
            line += token
    lines.append(line.rstrip())
    for found in lines:
        if font.getlength(found) > max_width:
            raise ValueError(f"'{found}' is wider than {max_width} px at {font.size} px")
    return lines


def text_block(draw, box, text, font, lang, fill=INK, align="center", max_lines=3):
    """Draw `text` wrapped and centred vertically in `box`; return its height."""
    x0, y0, x1, y1 = box
    lines = wrap(text, font, x1 - x0, lang)
    if len(lines) > max_lines:
        raise ValueError(f"'{text}' needs {len(lines)} lines at {font.size} px; shorten it")
    line_height = round(font.size * 1.25)
    height = line_height * len(lines)
    if height > y1 - y0:
        raise ValueError(f"'{text}' is {height} px high at {font.size} px; its box is {y1 - y0} px")
    middle = y0 + (y1 - y0 - height) / 2 + line_height / 2  # of the first line
    for line in lines:
        if align == "center":
            draw.text(((x0 + x1) / 2, middle), line, font=font, fill=fill, anchor="mm")
        else:
            draw.text((x0, middle), line, font=font, fill=fill, anchor="lm")
        middle += line_height
    return height


def arrow_down(draw, x, y0, y1):
    draw.line([(x, y0), (x, y1 - 10)], fill=ACCENT, width=4)
    draw.polygon([(x, y1), (x - 9, y1 - 13), (x + 9, y1 - 13)], fill=ACCENT)


def draw_cover(slug, lang):
    """The cover of case `slug` with labels in `lang` ("en", "tc" or "sc")."""
    title, steps, bars = DIAGRAMS[slug]

    def say(pair):  # (English, Traditional) -> the text in `lang`
        return _say(pair, lang)

    regular, bold = _font(BODY, "regular", lang), _font(BODY, "bold", lang)
    title_font, figure_font = _font(TITLE, "bold", lang), _font(FIGURE, "bold", lang)
    margin, gap = 24, 24
    flow_width = 380
    left, right = margin, margin + flow_width + gap + 8  # the results column starts here
    # Measure first (the image's height follows from the title and the steps), then draw.
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    title_lines = wrap(say(title), title_font, WIDTH - 2 * margin, lang)
    title_height = round(TITLE * 1.25) * len(title_lines) + 28
    step_lines = [len(wrap(say(step), regular, flow_width - 24, lang)) for step in steps]
    step_heights = [round(BODY * 1.25) * lines + 22 for lines in step_lines]
    arrow_gap = 30
    heading_height = round(BODY * 1.25) + 14
    flow_height = sum(step_heights) + arrow_gap * (len(steps) - 1)
    bar_height = round(BODY * 1.1)
    bar_block = [round(BODY * 1.25) * len(wrap(say(bar.label), regular, WIDTH - right - margin - 120, lang)) + 2 * bar_height + 28
                 for bar in bars]
    body_height = max(flow_height, sum(bar_block) + round(BODY * 1.25) + 16)
    footer_height = round(BODY * 1.25) + 24
    height = title_height + 16 + heading_height + body_height + 20 + footer_height
    del probe

    image = Image.new("RGB", (WIDTH, height), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, title_height], fill=ACCENT)
    text_block(draw, (margin, 0, WIDTH - margin, title_height), say(title), title_font, lang, fill=(255, 255, 255), align="left")
    top = title_height + 16
    draw.text((left, top), say(WORDS["how"]), font=bold, fill=MUTED)
    draw.text((right, top), say(WORDS["results"]), font=bold, fill=MUTED)
    top += heading_height
    draw.line([(right - gap / 2 - 4, top), (right - gap / 2 - 4, top + body_height)], fill=LINE, width=2)
    # The flow: one box a step, arrows down.
    y = top
    for index, (step, box_height) in enumerate(zip(steps, step_heights)):
        draw.rounded_rectangle([left, y, left + flow_width, y + box_height], radius=12, fill=BOX, outline=ACCENT, width=3)
        text_block(draw, (left + 12, y, left + flow_width - 12, y + box_height), say(step), regular, lang)
        y += box_height
        if index < len(steps) - 1:
            arrow_down(draw, left + flow_width / 2, y + 3, y + arrow_gap - 3)
            y += arrow_gap
    # The results: per measure, its label and change, then a bar before and a bar after.
    results_width = WIDTH - right - margin
    legend_y = top
    draw.rectangle([right, legend_y + 6, right + BODY - 6, legend_y + BODY], fill=BEFORE)
    draw.text((right + BODY + 2, legend_y), say(WORDS["before"]), font=regular, fill=INK)
    after_x = right + BODY + 14 + regular.getlength(say(WORDS["before"]))
    draw.rectangle([after_x, legend_y + 6, after_x + BODY - 6, legend_y + BODY], fill=AFTER)
    draw.text((after_x + BODY + 2, legend_y), say(WORDS["after"]), font=regular, fill=INK)
    y = top + round(BODY * 1.25) + 16
    peak = max(bar.before for bar in bars)
    for bar in bars:
        label_lines = wrap(say(bar.label), regular, results_width - 120, lang)
        for number, line in enumerate(label_lines):
            draw.text((right, y + number * round(BODY * 1.25)), line, font=regular, fill=INK)
        change = f"−{round((bar.before - bar.after) * 100 / bar.before)}%"
        draw.text((WIDTH - margin - figure_font.getlength(change), y - 4), change, font=figure_font, fill=ACCENT)
        y += round(BODY * 1.25) * len(label_lines) + 8
        for value, colour in ((bar.before, BEFORE), (bar.after, AFTER)):
            length = results_width * value / peak
            if bar.unit != "%":
                label = say(WORDS["mwh"]).format(value=f"{value:,}")
                length = (results_width - regular.getlength(label) - 8) * value / peak
                draw.rectangle([right, y, right + length, y + bar_height], fill=colour)
                draw.text((right + length + 8, y + (bar_height - BODY) / 2 - 2), label, font=regular, fill=INK)
            else:
                draw.rectangle([right, y, right + length, y + bar_height], fill=colour)
            y += bar_height + 6
        y += 14
    draw.text((margin, height - footer_height + 8), say(WORDS["footer"]), font=regular, fill=MUTED)
    return image


def _say(pair, lang):
    if isinstance(pair, dict):
        pair = (pair["en"], pair["tc"])
    english, traditional = pair
    if lang == "en":
        return english
    if lang == "tc":
        return traditional
    return _mainland().convert(traditional)


def _mainland():
    """The Simplified site's conversion: OpenCC hk2s, then the Hong Kong -> mainland wording table."""
    global _WORDING
    if _WORDING is None:
        from plugins.multilingual import mainland

        _WORDING = mainland.load(ROOT / "content")
    return _WORDING


_WORDING = None


def main():
    for slug in sorted(DIAGRAMS):
        folder = CASES / slug
        if not folder.is_dir():
            raise SystemExit(f"draw_case_diagrams: no case folder {folder}")
        for lang, name in FILE_NAMES.items():
            try:
                image = draw_cover(slug, lang)
            except ValueError as error:
                raise SystemExit(f"draw_case_diagrams: {slug} ({lang}): {error}") from None
            image.save(folder / name, optimize=True)
            print(f"draw_case_diagrams: wrote {(folder / name).relative_to(ROOT)} ({image.width}x{image.height})")


if __name__ == "__main__":
    main()
