"""The passport's charts, drawn by matplotlib as SVG so the PDF embeds them as vector paths.

Text stays text (``svg.fonttype = "none"``): the PDF draws it in its built-in Helvetica, so a
chart's labels can be searched and copied like the rest of the passport. Each function
returns ``None`` when its section has nothing to draw.
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # no display; must precede any pyplot import elsewhere in the process

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.axis import Axis  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import (  # noqa: E402
    FixedLocator,
    FuncFormatter,
    MaxNLocator,
    PercentFormatter,
)

from matbank.passports.data import GWP_INDICATORS, PassportData  # noqa: E402
from matbank.passports.presets import Preset  # noqa: E402
from matbank.passports.tables import environmental_selection  # noqa: E402

#: Colours of the passport: a dark teal for the building, then distinguishable muted tones.
PALETTE = (
    "#1f5f5b", "#4e9f8d", "#9ccfb9", "#e0b04f", "#c8553d", "#6d6875",
    "#3d7ea6", "#a3b18a", "#8d6a9f", "#d08c60", "#5c5c5c", "#b5838d",
)
INK = "#2b2b2b"
GRID = "#d9d9d9"
MM_PER_INCH = 25.4
_STYLE = {
    "svg.fonttype": "none",
    "svg.hashsalt": "matbank-passport",
    "font.family": "sans-serif",
    "font.sans-serif": ["Helvetica", "Arial", "DejaVu Sans"],
    "font.size": 8,
    # Not pure black: matplotlib then omits the fill, and fpdf2 would paint such text in
    # whatever fill colour it drew last.
    "text.color": INK,
    "axes.edgecolor": GRID,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
#: ``rc_context`` changes matplotlib's global settings: passport jobs running in threads of
#: one worker draw one chart at a time.
_RC_LOCK = threading.Lock()
_FONT_SIZE_PX = re.compile(r"font-size: ?([0-9.]+)px")
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)


@dataclass(frozen=True)
class Chart:
    """One chart: its SVG and the width and height (mm) it was drawn for."""

    svg: bytes
    width: float
    height: float


def _latin(text: str) -> str:
    """The PDF prints chart text in a built-in font, which covers Latin-1 only."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _thousands(value: float, _position: object = None) -> str:
    return f"{value:,.0f}"


def _compact(value: float, _position: object = None) -> str:
    """Axis ticks short enough for a half-page chart: 800k, 1.2M."""
    for limit, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:,.3g}{suffix}"
    return f"{value:,.3g}"


def _value_axis(axis: Axis, share: bool) -> None:
    """Shares as whole percentages; amounts as at most six short ticks."""
    if share:
        axis.set_major_locator(FixedLocator([0, 0.2, 0.4, 0.6, 0.8, 1.0]))
        axis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        return
    axis.set_major_locator(MaxNLocator(nbins=5))
    axis.set_major_formatter(FuncFormatter(_compact))


@dataclass(frozen=True)
class Frame:
    """Fixed margins (mm) around the plot: room for the category labels on the left and
    for the legend's rows under the axis. Fixed margins line charts up with each other and
    cost nothing to compute, unlike matplotlib's layout engines."""

    left: float = 18.0
    legend_rows: int = 0

    def adjust(self, figure: Figure, width: float, height: float) -> None:
        bottom = 10.5 + (self.legend_rows * 3.4 + 1.5 if self.legend_rows else 0.0)
        figure.subplots_adjust(
            left=min(self.left, width * 0.45) / width,
            right=1 - 5 / width,
            top=1 - 3 / height,
            bottom=min(bottom, height * 0.6) / height,
        )


def label_margin(labels: Sequence[str]) -> float:
    """Left margin (mm) for horizontal-bar labels of 8 pt text."""
    return 5.0 + 1.55 * max((len(label) for label in labels), default=4)


def _render(
    draw: Callable[[Axes], None], width: float, height: float, frame: Frame = Frame()
) -> Chart:
    """Draw on a fresh figure (no pyplot state, so nothing to close) and return its SVG.

    matplotlib writes font sizes in ``px`` of its point-based user space; fpdf2 reads ``px``
    as 0.75 pt, so they are rewritten as ``pt`` to print at the size they were laid out in.
    """
    with _RC_LOCK, matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(width / MM_PER_INCH, height / MM_PER_INCH))
        frame.adjust(figure, width, height)
        axes = figure.add_subplot()
        draw(axes)
        axes.grid(axis="x" if axes.get_ylabel() == "" else "y", color=GRID, linewidth=0.5)
        axes.set_axisbelow(True)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    svg = _METADATA.sub("", buffer.getvalue())
    return Chart(_FONT_SIZE_PX.sub(r"font-size: \1pt", svg).encode(), width, height)


def _legend(axes: Axes, columns: int) -> None:
    """The legend under the plot, in the room its ``Frame`` keeps."""
    axes.figure.legend(
        loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=columns, frameon=False,
        fontsize=7, handlelength=1.0, columnspacing=1.2, borderaxespad=0.2,
    )


def _hbars(
    axes: Axes,
    labels: Sequence[str],
    values: Sequence[float],
    xlabel: str,
    share: bool,
    total_last: bool = False,
) -> None:
    """Horizontal bars, first label on top, with each value printed at the bar's end; a
    building total given last gets the accent colour."""
    positions = range(len(labels))[::-1]
    colours = [PALETTE[0]] * len(labels)
    if total_last:
        colours[-1] = PALETTE[3]
    bars = axes.barh(list(positions), values, color=colours, height=0.6)
    axes.set_yticks(list(positions), [_latin(label) for label in labels])
    _value_axis(axes.xaxis, share)
    labels = [f"{v:.0%}" if share else _thousands(v) for v in values]
    axes.bar_label(bars, labels=labels, padding=2, fontsize=7, color=INK)
    axes.set_xlabel(_latin(xlabel))
    axes.margins(x=0.15)
    if share:
        axes.set_xlim(0, 1.15)


def mass_chart(data: PassportData, t: dict[str, str], width: float, height: float) -> Chart | None:
    """Mass per shearing layer, each bar stacked by material family."""
    layers = [layer for layer, kg in data.mass.layers.items() if kg > 0]
    families = sorted(data.mass.families, key=lambda f: -data.mass.families[f])
    if not layers or not families:
        return None

    def draw(axes: Axes) -> None:
        positions = list(range(len(layers)))[::-1]
        left = [0.0] * len(layers)
        for index, family in enumerate(families):
            values = [data.mass.matrix.get(layer, {}).get(family, 0.0) for layer in layers]
            colour = PALETTE[index % len(PALETTE)]
            axes.barh(positions, values, left=left, height=0.6, color=colour, label=_latin(family))
            left = [a + b for a, b in zip(left, values, strict=True)]
        axes.set_yticks(positions, [_latin(layer) for layer in layers])
        _value_axis(axes.xaxis, share=False)
        axes.set_xlabel(_latin(t["mass"]))
        _legend(axes, min(len(families), 4))

    frame = Frame(label_margin(layers), legend_rows=math.ceil(len(families) / 4))
    return _render(draw, width, height, frame)


def circularity_chart(
    data: PassportData, t: dict[str, str], width: float, height: float
) -> Chart | None:
    """The material circularity indicator of each layer and of the whole building."""
    scores = {layer: s.ci for layer, s in data.circularity.layers.items() if s.mass > 0}
    if not scores:
        return None
    scores[t["total"]] = data.circularity.building.ci  # as the table: before the corrections

    values = list(scores.values())
    return _render(
        lambda axes: _hbars(axes, list(scores), values, t["mci"], True, total_last=True),
        width,
        height,
        Frame(label_margin(scores)),
    )


INPUT_FLOWS = (
    "input_renewable_sustainable", "input_renewable_other", "input_non_renewable",
    "input_reused", "input_recycled",
)
OUTPUT_FLOWS = ("output_reuse", "output_recycle", "output_landfill", "output_incineration")


def flows_chart(
    data: PassportData, t: dict[str, str], width: float, height: float
) -> Chart | None:
    """Two stacked bars: where the input comes from and where the output goes, as shares."""
    shares = data.flows.shares.model_dump()
    if not any(shares[name] for name in (*INPUT_FLOWS, *OUTPUT_FLOWS)):
        return None

    def draw(axes: Axes) -> None:
        for row, names in ((1, INPUT_FLOWS), (0, OUTPUT_FLOWS)):
            left = 0.0
            for name in names:
                colour = PALETTE[(INPUT_FLOWS + OUTPUT_FLOWS).index(name) % len(PALETTE)]
                label = _latin(t.get(f"flow_{name}", name))
                axes.barh(row, shares[name], left=left, height=0.55, color=colour, label=label)
                left += shares[name]
        axes.set_yticks([1, 0], [_latin(t["flow_input"]), _latin(t["flow_output"])])
        _value_axis(axes.xaxis, share=True)
        axes.set_xlim(0, 1)
        axes.set_xlabel(_latin(t["share"]))
        _legend(axes, 2)

    labels = (t["flow_input"], t["flow_output"])
    rows = math.ceil((len(INPUT_FLOWS) + len(OUTPUT_FLOWS)) / 2)
    return _render(draw, width, height, Frame(label_margin(labels), legend_rows=rows))


def detachability_chart(
    data: PassportData, t: dict[str, str], width: float, height: float
) -> Chart | None:
    """The detachability index of each layer that has one, and of the building."""
    scores = {n: s.index for n, s in data.detachability.layers.items() if s.index is not None}
    if not scores or data.detachability.building.index is None:
        return None
    scores[t["total"]] = data.detachability.building.index
    values = [float(v or 0.0) for v in scores.values()]
    return _render(
        lambda axes: _hbars(axes, list(scores), values, t["index"], True, total_last=True),
        width,
        height,
        Frame(label_margin(scores)),
    )


def environmental_chart(
    data: PassportData, t: dict[str, str], preset: Preset, width: float, height: float
) -> Chart | None:
    """One indicator (the preset's first, else global warming potential) per module."""
    indicator, modules = environmental_selection(data, preset)
    if indicator is None or not any(modules.values()):
        return None

    def draw(axes: Axes) -> None:
        names = list(modules)
        colours = [PALETTE[4] if value < 0 else PALETTE[1] for value in modules.values()]
        axes.bar(names, list(modules.values()), color=colours, width=0.65)
        axes.axhline(0, color=INK, linewidth=0.6)
        axes.set_ylabel(_latin(t["gwp"] if indicator in GWP_INDICATORS else indicator))
        _value_axis(axes.yaxis, share=False)
        axes.tick_params(axis="x", labelsize=6.5)

    return _render(draw, width, height, Frame(left=25.0))


def financial_chart(
    data: PassportData, t: dict[str, str], width: float, height: float
) -> Chart | None:
    """The current residual value of each material family, largest first."""
    families = sorted(data.financial.families.items(), key=lambda item: -abs(item[1]))[:12]
    if not families or not any(value for _, value in families):
        return None
    label = f"{t['current_value']} ({data.financial.currency})"
    values = [value for _, value in families]
    names = [name for name, _ in families]
    return _render(
        lambda axes: _hbars(axes, names, values, label, share=False),
        width,
        height,
        Frame(label_margin(names)),
    )


def section_chart(
    section: str, data: PassportData, t: dict[str, str], preset: Preset, size: tuple[float, float]
) -> Chart | None:
    """The chart of one result section, drawn ``size`` (width, height in mm)."""
    width, height = size
    if section == "environmental":
        return environmental_chart(data, t, preset, width, height)
    drawers = {
        "mass": mass_chart,
        "circularity": circularity_chart,
        "flows": flows_chart,
        "detachability": detachability_chart,
        "financial": financial_chart,
    }
    drawer = drawers.get(section)
    return drawer(data, t, width, height) if drawer else None
