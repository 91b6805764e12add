"""Draw the cover diagram of each illustrative case report: content/cases/<slug>/cover.png.

Each cover is 1200x675: a process flow of the technology on the left and a before/after bar chart of
its main results on the right. Labels are short English words and numbers only (Pillow has no CJK
font here); the Chinese description of each picture is the `cover_alt` of tc.md.

Run from the repository root:  .venv/bin/python tools/draw_case_diagrams.py
The output is deterministic: the same script gives the same bytes.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "content" / "cases"

WIDTH, HEIGHT = 1200, 675
INK = (32, 42, 52)
MUTED = (96, 108, 120)
PAPER = (248, 250, 249)
LINE = (210, 216, 214)
BOX = (255, 255, 255)
BEFORE = (150, 158, 166)
AFTER = (0, 110, 100)
ACCENT = (0, 110, 100)

# slug -> (title, flow steps, bars). A bar is (label, before, after, unit); with unit "%" the
# values are an index (before = 100) and the change is printed as a percentage.
DIAGRAMS = {
    "dongguan-printer-voc-carbon-recovery": (
        "Gravure printing: solvent recovery by activated carbon",
        ["Press dryers\n& hoods", "Activated\ncarbon beds", "Steam\nregeneration", "Condenser &\nseparator", "Solvent\nback to ink room"],
        [("VOC emitted", 100, 15, "%"), ("Solvent bought", 100, 60, "%")],
    ),
    "hong-kong-offset-printer-fountain-solution-filtration": (
        "Offset printing: central fountain solution filtration",
        ["Presses\n(dampening)", "Return to\ncentral tank", "Multi-stage\nfilters", "Dose & cool\n(IPA 4%)", "Back to\npresses"],
        [("IPA / VOC", 100, 45, "%"), ("Solution\ndumped", 100, 30, "%")],
    ),
    "foshan-furniture-enclosed-spray-line": (
        "Furniture finishing: enclosed spray line and catalytic combustion",
        ["Enclosed\nauto spray", "Dry filter", "Zeolite /\ncarbon adsorber", "Desorb &\nconcentrate", "Catalytic\ncombustion"],
        [("VOC emitted", 100, 18, "%"), ("Paint used", 100, 70, "%")],
    ),
    "zhongshan-carton-uv-curing-varnish": (
        "Folding cartons: UV-curing varnish instead of solvent varnish",
        ["Printed\nsheets", "Roller\ncoater", "UV lamps\n(seconds)", "Cured sheet\nto die-cut"],
        [("VOC emitted", 100, 22, "%"), ("Drying energy", 100, 65, "%")],
    ),
    "dongguan-knitwear-nano-bubble-softening": (
        "Knitwear finishing: nano-bubble softening",
        ["Softener &\nwater", "Nano-bubble\ngenerator", "Bubble mist\nin tumbler", "Fabric\nsoftened", "Little or no\nspent bath"],
        [("Water used", 100, 30, "%"), ("Wastewater", 100, 35, "%"), ("Energy", 100, 50, "%")],
    ),
    "guangzhou-denim-ozone-plasma-fading": (
        "Denim finishing: ozone plasma fading",
        ["Garments in\nsealed drum", "Ozone from\nplasma cell", "Dry fading\nof indigo", "Ozone\ndestructor", "Short\nrinse"],
        [("Water used", 100, 25, "%"), ("Wastewater", 100, 25, "%"), ("Energy", 100, 60, "%")],
    ),
    "shenzhen-metal-etching-etchant-regeneration": (
        "Metal etching: etchant regeneration and copper recovery",
        ["Etching\nline", "Spent\netchant", "Electrolytic\ncell", "Copper plate\n(sold)", "Regenerated\netchant back"],
        [("Wastewater", 100, 40, "%"), ("Etchant bought", 100, 15, "%")],
    ),
    "jiangmen-electroplating-rinse-water-recycling": (
        "Electroplating: rinse water recycling by ion exchange and RO",
        ["Rinse\ntanks", "Pre-filter\n& carbon", "Ion\nexchange", "Reverse\nosmosis", "Pure water\nback to rinse"],
        [("Fresh water", 100, 35, "%"), ("Wastewater", 100, 32, "%")],
    ),
    "dongguan-metal-parts-sealed-vacuum-cleaning": (
        "Metal parts: sealed vacuum solvent cleaning",
        ["Parts\nbasket", "Sealed\nchamber", "Vacuum wash\n& vapour rinse", "Vacuum\ndrying", "Solvent\ndistilled, reused"],
        [("VOC emitted", 100, 12, "%"), ("Solvent bought", 100, 15, "%")],
    ),
    "zhaoqing-glass-furnace-sncr": (
        "Glass furnace: SNCR with urea injection",
        ["Urea\nsolution", "Metering\nmodule", "Injectors\n850-1050 C", "NOx -> N2\n+ H2O", "Stack with\nNOx monitor"],
        [("NOx emitted", 100, 50, "%")],
    ),
    "foshan-ceramics-spray-dryer-pulse-jet-filter": (
        "Ceramic tiles: pulse-jet bag filter on the spray dryer",
        ["Spray\ndryer", "Cyclone", "Pulse-jet\nbag filter", "Clean air\nto stack", "Fine powder\nback to process"],
        [("Dust emitted", 100, 22, "%")],
    ),
    "huizhou-food-factory-natural-gas-boiler": (
        "Food factory: coal boiler replaced by natural gas",
        ["Coal boiler\n(retired)", "Natural gas\nsupply", "Gas steam\nboiler", "Economiser", "Steam to\ncookers"],
        [("SO2", 100, 20, "%"), ("Particulates", 100, 25, "%"), ("NOx", 100, 55, "%")],
    ),
    "guangzhou-herbal-drink-falling-film-evaporator": (
        "Herbal drink concentrate: double-effect falling-film evaporator",
        ["Extract\nfeed", "Effect 1\nfalling film", "Thermal vapour\nrecompressor", "Effect 2\nfalling film", "Concentrate"],
        [("Steam used", 100, 45, "%")],
    ),
    "jiangmen-pu-leather-dmf-recovery": (
        "PU synthetic leather: DMF recovery by condensation",
        ["Coating line\novens", "Heat\nexchanger", "Condenser\n& scrubber", "Distillation\ncolumn", "DMF reused"],
        [("DMF emitted", 100, 20, "%"), ("DMF bought", 100, 55, "%")],
    ),
    "zhuhai-sulphite-plant-sealed-centrifuge": (
        "Sulphite crystals: sealed screw filter centrifuge",
        ["Crystal\nslurry", "Sealed feed", "Screw filter\ncentrifuge", "Vent to\nscrubber", "Crystals\nto dryer"],
        [("SO2 released", 100, 30, "%")],
    ),
    "shenzhen-plastics-infrared-heating-servo": (
        "Injection moulding: infrared barrel heating and servo pumps",
        ["Infrared\nheaters", "Insulated\nbarrel", "Servo motor\n& pump", "Power on\ndemand", "Energy\nmeter"],
        [("Electricity", 100, 60, "%")],
    ),
    "dongguan-tissue-mill-variable-frequency-drives": (
        "Tissue mill: variable-frequency drives on pumps and fans",
        ["Assessment\nof 40 motors", "12 motors\nselected", "VFDs fitted,\nvalves opened", "Speed follows\ndemand", "Metered\nsavings"],
        [("Electricity of\nthese motors", 100, 65, "%")],
    ),
    "qingyuan-furniture-rooftop-photovoltaic": (
        "Furniture factory: 500 kWp grid-connected rooftop solar",
        ["PV panels\n500 kWp", "Inverters", "Factory\nswitchboard", "Grid\nconnection", "Meter &\nmonitoring"],
        [("Grid power\nMWh/yr", 1600, 1120, "MWh")],
    ),
}


def font(size):
    return ImageFont.load_default(size=size)


def centred(draw, box, text, size, fill=INK):
    x0, y0, x1, y1 = box
    f = font(size)
    left, top, right, bottom = draw.multiline_textbbox((0, 0), text, font=f, align="center", spacing=4)
    x = x0 + (x1 - x0 - (right - left)) / 2 - left
    y = y0 + (y1 - y0 - (bottom - top)) / 2 - top
    draw.multiline_text((x, y), text, font=f, fill=fill, align="center", spacing=4)


def arrow(draw, start, end):
    draw.line([start, end], fill=ACCENT, width=4)
    (x0, y0), (x1, y1) = start, end
    if x1 != x0:  # horizontal, pointing right
        draw.polygon([(x1, y1), (x1 - 12, y1 - 8), (x1 - 12, y1 + 8)], fill=ACCENT)
    else:  # vertical, pointing down
        draw.polygon([(x1, y1), (x1 - 8, y1 - 12), (x1 + 8, y1 - 12)], fill=ACCENT)


def flow(draw, steps, area):
    """Boxes joined by arrows: a zig-zag of two rows when there are more than three steps."""
    x0, y0, x1, y1 = area
    top_row = steps[:3]
    bottom_row = steps[3:]
    box_w, box_h, gap = 200, 110, 50
    rows = [top_row] + ([bottom_row] if bottom_row else [])
    first_y = y0 + (90 if bottom_row else 170)
    row_y = [first_y, first_y + box_h + 100]
    centres = []
    for r, row in enumerate(rows):
        for i, step in enumerate(row):
            col = i if r == 0 else len(top_row) - len(row) + i
            bx = x0 + 10 + col * (box_w + gap)
            by = row_y[r]
            draw.rounded_rectangle([bx, by, bx + box_w, by + box_h], radius=14, fill=BOX, outline=ACCENT, width=3)
            centred(draw, (bx, by, bx + box_w, by + box_h), step, 22)
            centres.append((bx, by, r))
    for (ax, ay, ar), (bx, by, br) in zip(centres, centres[1:]):
        if ar == br:
            arrow(draw, (ax + box_w + 4, ay + box_h // 2), (bx - 4, by + box_h // 2))
        else:  # from the end of the top row down to the start of the bottom row
            cx = ax + box_w // 2
            mid = ay + box_h + 50
            draw.line([(cx, ay + box_h + 4), (cx, mid)], fill=ACCENT, width=4)
            draw.line([(cx, mid), (bx + box_w // 2, mid)], fill=ACCENT, width=4)
            arrow(draw, (bx + box_w // 2, mid), (bx + box_w // 2, by - 4))


def bars(draw, series, area):
    x0, y0, x1, y1 = area
    base = y1 - 60
    top = y0 + 60 if all(unit == "%" for *_, unit in series) else y0 + 90
    peak = max(before for _, before, _, _ in series)
    group_w = (x1 - x0) / len(series)
    bar_w = min(60, group_w / 3)
    for g, (label, before, after, unit) in enumerate(series):
        gx = x0 + g * group_w + group_w / 2
        for k, (value, colour) in enumerate(((before, BEFORE), (after, AFTER))):
            h = (base - top) * value / peak
            bx = gx - bar_w - 4 if k == 0 else gx + 4
            draw.rectangle([bx, base - h, bx + bar_w, base], fill=colour)
            if unit != "%":
                centred(draw, (bx - 20, base - h - 30, bx + bar_w + 20, base - h - 4), f"{value:,}", 18, MUTED)
        if unit == "%":
            change = f"{round((after - before) * 100 / before)}%"
        else:
            change = f"-{before - after:,}"
        centred(draw, (gx - group_w / 2, y0 + 10, gx + group_w / 2, y0 + 46), change, 30, ACCENT)
        centred(draw, (gx - group_w / 2, base + 8, gx + group_w / 2, base + 60), label, 18)
    draw.line([(x0, base), (x1, base)], fill=INK, width=2)
    # legend, beside the heading
    lx, ly = x0 + 130, y0 - 16
    draw.rectangle([lx, ly - 16, lx + 16, ly], fill=BEFORE)
    draw.text((lx + 24, ly - 18), "Before", font=font(17), fill=INK)
    draw.rectangle([lx + 110, ly - 16, lx + 126, ly], fill=AFTER)
    draw.text((lx + 134, ly - 18), "After", font=font(17), fill=INK)


def draw_cover(title, steps, series):
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 84], fill=ACCENT)
    draw.text((40, 24), title, font=font(32), fill=(255, 255, 255))
    draw.line([(790, 120), (790, 600)], fill=LINE, width=2)
    draw.text((40, 104), "HOW IT WORKS", font=font(18), fill=MUTED)
    flow(draw, steps, (20, 120, 780, 600))
    draw.text((820, 104), "RESULTS", font=font(18), fill=MUTED)
    bars(draw, series, (820, 140, 1170, 660))
    draw.text((40, 636), "Illustrative case  |  Cleaner Production Partnership Programme", font=font(17), fill=MUTED)
    return image


def main():
    for slug, (title, steps, series) in sorted(DIAGRAMS.items()):
        folder = CASES / slug
        if not folder.is_dir():
            raise SystemExit(f"draw_case_diagrams: no case folder {folder}")
        draw_cover(title, steps, series).save(folder / "cover.png", optimize=True)
        print(f"draw_case_diagrams: wrote {folder.relative_to(ROOT)}/cover.png")


if __name__ == "__main__":
    main()
