//! Trend charts as PNG images: wellbeing scores over time, for young people and link workers.
//!
//! Made to be read on a phone: big type, thick lines, big markers, the Okabe–Ito colours (safe
//! for colour blindness) and a different marker shape for each line, so no line is told apart
//! by colour alone. The font is bundled, so a chart looks the same on every machine.

use std::f64::consts::{FRAC_PI_2, FRAC_PI_4, SQRT_2, TAU};
use std::ops::Range;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::element::ComposedElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One line on the chart: a name for the legend and (time in unix milliseconds, value) points.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(i64, f64)>,
}

/// What to draw. All words are supplied by the caller (already translated).
///
/// Values are clamped to `y_min..=y_max`; NaN and infinite values, and times that are not
/// dates, are skipped. If `y_min..y_max` is not a usable range (not finite, or `y_min >=
/// y_max`), the values' own range is used instead. A series takes its colour and marker shape
/// from its place in `series`, so a measure keeps its look even when an earlier series has no
/// points (series without points are left out, legend too). Up to 7 series are told apart;
/// after that, colours and shapes repeat.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// For example "How you've been".
    pub title: String,
    /// For example 0.0.
    pub y_min: f64,
    /// For example 10.0.
    pub y_max: f64,
    /// One line under the title, for example "Higher is better, except Worried".
    pub note: Option<String>,
    pub series: Vec<Series>,
}

/// Width of the image in pixels.
pub const WIDTH: u32 = 1200;
/// Height of the image in pixels.
pub const HEIGHT: u32 = 900;

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No series has a point that can be drawn.
    #[error("nothing to draw")]
    Empty,
    /// Plotters failed, or the bundled font could not be read.
    #[error("drawing the chart: {0}")]
    Draw(String),
    /// The png crate failed.
    #[error("encoding the PNG: {0}")]
    Encode(String),
}

/// Draws `chart` as a WIDTH×HEIGHT PNG.
pub fn png(chart: &Chart) -> Result<Vec<u8>, Error> {
    let plan = Plan::new(chart)?;
    let font = bundled_font()?;
    let mut rgb = vec![0; WIDTH as usize * HEIGHT as usize * 3];
    draw(chart, &plan, font, &mut rgb)?;
    encode(&rgb)
}

/// Okabe–Ito colours, in the order lines take them.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x00, 0x00),
];

/// Marker shapes, in the order lines take them.
const SHAPES: [Shape; 7] =
    [Shape::Circle, Shape::TriangleUp, Shape::Square, Shape::Diamond, Shape::TriangleDown, Shape::Cross, Shape::Plus];

const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const SOFT_INK: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
const AXIS: RGBColor = RGBColor(0x99, 0x99, 0x99);

const TITLE_SIZE: u32 = 48;
const NOTE_SIZE: u32 = 32;
const LABEL_SIZE: u32 = 30;
const LINE_WIDTH: u32 = 6;
const MARKER_RADIUS: f64 = 11.0;
/// The white ring round each marker, so markers stand out where lines cross.
const MARKER_RING: f64 = 3.0;

const MARGIN: i32 = 40;
const TICK: i32 = 8;
const LEGEND_ROW: i32 = 52;
/// Length of the line drawn beside each name in the legend.
const LEGEND_SAMPLE: i32 = 64;
const LEGEND_GAP: i32 = 14;
const LEGEND_SPACING: i32 = 48;
/// Names longer than this are cut, so that two legend entries always fit on a row.
const LEGEND_NAME_MAX: f64 = 420.0;

const DAY_MS: f64 = 86_400_000.0;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle,
    TriangleUp,
    Square,
    Diamond,
    TriangleDown,
    Cross,
    Plus,
}

/// A series ready to draw: its place in the chart's list (which picks colour and shape) and its
/// points as (milliseconds, clamped value), oldest first.
struct Line<'a> {
    index: usize,
    name: &'a str,
    points: Vec<(f64, f64)>,
}

impl Line<'_> {
    fn colour(&self) -> RGBColor {
        PALETTE[self.index % PALETTE.len()]
    }

    fn shape(&self) -> Shape {
        SHAPES[self.index % SHAPES.len()]
    }
}

/// Which parts of a date an x tick label shows.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DateLabel {
    DayMonth,
    DayMonthYear,
    Year,
}

/// One axis: the values it spans and where its ticks and grid lines go.
#[derive(Debug, Clone)]
struct Axis {
    range: Range<f64>,
    ticks: Vec<f64>,
}

// Our own rather than plotters' f64 axis with `with_key_points`, which loses label formatting.
impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let share = (value - self.range.start) / (self.range.end - self.range.start);
        limit.0 + (share * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // Bold points only: one grid line per label.
        if hint.weight().allow_light_points() { Vec::new() } else { self.ticks.clone() }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// The chart's data and axes, worked out before any drawing.
struct Plan<'a> {
    lines: Vec<Line<'a>>,
    x: Axis,
    x_label: DateLabel,
    y: Axis,
    y_decimals: usize,
}

impl<'a> Plan<'a> {
    fn new(chart: &'a Chart) -> Result<Self, Error> {
        let mut lines: Vec<Line> = chart
            .series
            .iter()
            .enumerate()
            .map(|(index, series)| {
                let mut points: Vec<(i64, f64)> = series
                    .points
                    .iter()
                    .copied()
                    .filter(|&(t, v)| v.is_finite() && DateTime::from_timestamp_millis(t).is_some())
                    .collect();
                points.sort_by_key(|&(t, _)| t);
                Line { index, name: &series.name, points: points.into_iter().map(|(t, v)| (t as f64, v)).collect() }
            })
            .filter(|line| !line.points.is_empty())
            .collect();
        if lines.is_empty() {
            return Err(Error::Empty);
        }

        let values = lines.iter().flat_map(|line| line.points.iter().map(|&(_, v)| v));
        let (lo, hi) = y_bounds(chart.y_min, chart.y_max, values);
        for line in &mut lines {
            for point in &mut line.points {
                point.1 = point.1.clamp(lo, hi);
            }
        }
        let (y_ticks, y_decimals) = y_ticks(lo, hi);
        // Room above and below, so markers at the ends of the scale are not cut in half.
        let pad = (hi - lo) * 0.05;
        let range = if (lo - pad).is_finite() && (hi + pad).is_finite() { lo - pad..hi + pad } else { lo..hi };
        let y = Axis { range, ticks: y_ticks };

        let times = lines.iter().flat_map(|line| line.points.iter().map(|&(t, _)| t));
        let (first, last) = times.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), t| (a.min(t), b.max(t)));
        let (start, end) = if last - first < 2.0 * DAY_MS {
            let middle = first + (last - first) / 2.0;
            (middle - DAY_MS, middle + DAY_MS)
        } else {
            (first, last)
        };
        let pad = (end - start) * 0.05;
        let (ticks, x_label) = x_ticks(start - pad, end + pad);
        let x = Axis { range: start - pad..end + pad, ticks };

        Ok(Plan { lines, x, x_label, y, y_decimals })
    }
}

/// The y range to draw: the chart's own if usable, else the values' range, else something sane.
fn y_bounds(y_min: f64, y_max: f64, values: impl Iterator<Item = f64>) -> (f64, f64) {
    let usable = |(lo, hi): (f64, f64)| lo.is_finite() && hi.is_finite() && (hi - lo).is_finite() && hi - lo >= 1e-9;
    if usable((y_min, y_max)) {
        return (y_min, y_max);
    }
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let middle = lo / 2.0 + hi / 2.0;
    let widened = (middle - 1.0 - middle.abs() * 0.1, middle + 1.0 + middle.abs() * 0.1);
    [(lo, hi), widened].into_iter().find(|&range| usable(range)).unwrap_or((0.0, 1.0))
}

/// Evenly spaced round values from `lo` to `hi` for the y axis, and how many decimals to show.
fn y_ticks(lo: f64, hi: f64) -> (Vec<f64>, usize) {
    let span = hi - lo;
    let rough = span / 10.0;
    let magnitude = 10f64.powf(rough.log10().floor());
    let mut step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * magnitude).find(|&s| s >= rough).unwrap_or(rough);
    // Scores on short scales (1 to 5, say) are whole numbers: halves would be noise.
    if step < 1.0 && span >= 4.0 && lo.fract() == 0.0 && hi.fract() == 0.0 {
        step = 1.0;
    }
    if !step.is_finite() || step <= 0.0 {
        return (Vec::new(), 0);
    }
    let decimals = (-step.log10().floor()).clamp(0.0, 10.0) as usize;
    let first = (lo / step - 1e-9).ceil();
    let ticks = (0..25)
        .map(|i| (first + f64::from(i)) * step)
        .take_while(|&v| v <= hi + step * 1e-9)
        // -0 would be shown as "-0".
        .map(|v| if v == 0.0 { 0.0 } else { v })
        .collect();
    (ticks, decimals)
}

#[derive(Debug, Clone, Copy)]
enum Step {
    Days(i64),
    Months(i64),
    Years(i64),
}

/// Dates from `start` to `end` (milliseconds) for the x axis: midnights, Mondays, firsts of the
/// month or new years, at most 6 (5 when labels need the year, which makes them wider).
fn x_ticks(start: f64, end: f64) -> (Vec<f64>, DateLabel) {
    let with_year = end - start > 300.0 * DAY_MS;
    let most = if with_year { 5 } else { 6 };
    let steps = [1, 2, 7, 14]
        .map(Step::Days)
        .into_iter()
        .chain([1, 2, 3, 6].map(Step::Months))
        .chain((0..7).flat_map(|power| [1, 2, 5].map(|m| Step::Years(m * 10i64.pow(power)))));
    for step in steps {
        let ticks = dates(step, start, end, most + 1);
        if ticks.len() <= most {
            let label = match step {
                Step::Years(_) => DateLabel::Year,
                _ if with_year => DateLabel::DayMonthYear,
                _ => DateLabel::DayMonth,
            };
            return (ticks, label);
        }
    }
    (Vec::new(), DateLabel::DayMonth)
}

/// Up to `limit` dates a `step` apart from `start` to `end` (milliseconds, UTC).
fn dates(step: Step, start: f64, end: f64, limit: usize) -> Vec<f64> {
    let midnight = |date: NaiveDate| date.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_millis() as f64);
    // Padding can take `start` before the first date chrono knows; no tick can be there.
    let start = start.max(DateTime::<Utc>::MIN_UTC.timestamp_millis() as f64);
    let first = DateTime::from_timestamp_millis(start as i64).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let (mut i, n, date_of): (i64, i64, fn(i64) -> Option<NaiveDate>) = match step {
        Step::Days(n) => ((start / DAY_MS).floor() as i64, n, |day| {
            DateTime::from_timestamp(day.checked_mul(86_400)?, 0).map(|t| t.date_naive())
        }),
        Step::Months(n) => (i64::from(first.year()) * 12 + i64::from(first.month0()), n, |month| {
            NaiveDate::from_ymd_opt(i32::try_from(month.div_euclid(12)).ok()?, month.rem_euclid(12) as u32 + 1, 1)
        }),
        Step::Years(n) => (i64::from(first.year()), n, |year| NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, 1, 1)),
    };
    // Weeks start on Mondays; day 4 of the unix epoch was one.
    let phase = if matches!(step, Step::Days(7 | 14)) { 4 } else { 0 };
    i += (n - (i - phase).rem_euclid(n)) % n;
    let mut ticks = Vec::new();
    while ticks.len() < limit {
        let Some(t) = date_of(i).and_then(midnight) else { break };
        if t > end {
            break;
        }
        if t >= start {
            ticks.push(t);
        }
        i += n;
    }
    ticks
}

/// "21 Nov", "21 Nov 2025" or "2025".
fn date_label(ms: f64, label: DateLabel) -> String {
    let format = match label {
        DateLabel::DayMonth => "%-d %b",
        DateLabel::DayMonthYear => "%-d %b %Y",
        DateLabel::Year => "%Y",
    };
    DateTime::from_timestamp_millis(ms as i64).map(|t| t.format(format).to_string()).unwrap_or_default()
}

fn draw_error(e: impl std::fmt::Display) -> Error {
    Error::Draw(e.to_string())
}

/// The bundled font, registered with plotters as [`FONT`], and what we need to place its
/// letters ourselves.
struct Font {
    data: &'static [u8],
    /// Ascender minus descender, in font units: the font size in pixels spans this.
    height: f64,
    /// The height of a capital H, in font units.
    cap_height: f64,
    cmap: usize,
    loca: usize,
    glyf: usize,
    long_loca: bool,
}

const FONT: &str = "sans-serif";
static FONT_DATA: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BUNDLED: OnceLock<Option<Font>> = OnceLock::new();

fn bundled_font() -> Result<&'static Font, Error> {
    BUNDLED
        .get_or_init(|| {
            plotters::style::register_font(FONT, FontStyle::Normal, FONT_DATA).ok()?;
            Font::read(FONT_DATA)
        })
        .as_ref()
        .ok_or_else(|| Error::Draw("the bundled font could not be read".into()))
}

fn be_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn be_i16(data: &[u8], at: usize) -> Option<i16> {
    be_u16(data, at).map(|v| v as i16)
}

fn be_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

impl Font {
    /// Reads the few tables we need from a TrueType font (`hhea`, `head`, `cmap`, `loca`, `glyf`).
    fn read(data: &'static [u8]) -> Option<Font> {
        let table = |tag: &[u8; 4]| {
            let record = (0..usize::from(be_u16(data, 4)?))
                .map(|i| 12 + 16 * i)
                .find(|&record| data.get(record..record + 4) == Some(tag.as_slice()))?;
            Some(be_u32(data, record + 8)? as usize)
        };
        let hhea = table(b"hhea")?;
        let height = f64::from(be_i16(data, hhea + 4)?) - f64::from(be_i16(data, hhea + 6)?);
        let cmaps = table(b"cmap")?;
        // A Unicode subtable in format 4, which covers the Basic Multilingual Plane.
        let cmap = (0..usize::from(be_u16(data, cmaps + 2)?)).find_map(|i| {
            let record = cmaps + 4 + 8 * i;
            let unicode = matches!((be_u16(data, record)?, be_u16(data, record + 2)?), (0, _) | (3, 1));
            let subtable = cmaps + be_u32(data, record + 4)? as usize;
            (unicode && be_u16(data, subtable)? == 4).then_some(subtable)
        })?;
        let mut font = Font {
            data,
            height,
            cap_height: 0.0,
            cmap,
            loca: table(b"loca")?,
            glyf: table(b"glyf")?,
            long_loca: be_i16(data, table(b"head")? + 50)? == 1,
        };
        font.cap_height = f64::from(font.glyph_box('H')?.1);
        (font.height > 0.0 && font.cap_height > 0.0).then_some(font)
    }

    fn glyph_id(&self, c: char) -> Option<u16> {
        let c = u16::try_from(u32::from(c)).ok()?;
        let (data, table) = (self.data, self.cmap);
        let segments = usize::from(be_u16(data, table + 6)? / 2);
        let ends = table + 14;
        let starts = ends + 2 * segments + 2;
        let deltas = starts + 2 * segments;
        let offsets = deltas + 2 * segments;
        for i in 0..segments {
            if be_u16(data, ends + 2 * i)? < c {
                continue;
            }
            let start = be_u16(data, starts + 2 * i)?;
            if start > c {
                return None;
            }
            let delta = be_u16(data, deltas + 2 * i)?;
            let offset = usize::from(be_u16(data, offsets + 2 * i)?);
            if offset == 0 {
                return Some(c.wrapping_add(delta));
            }
            let glyph = be_u16(data, offsets + 2 * i + offset + 2 * usize::from(c - start))?;
            return (glyph != 0).then(|| glyph.wrapping_add(delta));
        }
        None
    }

    /// The left edge and the top of the letter `c`, in font units; `None` if it has no outline
    /// (a space, or a letter the font lacks).
    fn glyph_box(&self, c: char) -> Option<(i16, i16)> {
        let (data, id) = (self.data, usize::from(self.glyph_id(c)?));
        let (start, end) = if self.long_loca {
            (be_u32(data, self.loca + 4 * id)?, be_u32(data, self.loca + 4 * id + 4)?)
        } else {
            (u32::from(be_u16(data, self.loca + 2 * id)?) * 2, u32::from(be_u16(data, self.loca + 2 * id + 2)?) * 2)
        };
        if end <= start {
            return None;
        }
        let glyph = self.glyf + start as usize;
        Some((be_i16(data, glyph + 2)?, be_i16(data, glyph + 8)?))
    }

    /// The height of a capital letter at `size`, in pixels.
    fn cap(&self, size: u32) -> i32 {
        (self.cap_height * f64::from(size) / self.height).round() as i32
    }
}

fn text_style(size: u32, colour: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(colour).pos(Pos::new(HPos::Left, VPos::Top))
}

/// Writes text on the image, placing each letter itself: plotters 0.3.7 (with ab_glyph) drops
/// each letter's left side bearing, which spaces letters unevenly ("bet ter").
struct Writer<'a, 'b> {
    area: &'a DrawingArea<BitMapBackend<'b>, Shift>,
    font: &'static Font,
}

impl Writer<'_, '_> {
    /// How wide `text` is at `size`, in pixels.
    fn width(&self, text: &str, size: u32) -> Result<f64, Error> {
        // Measured 16 times bigger, for fractions of a pixel.
        let (width, _) = self.area.estimate_text_size(text, &text_style(size * 16, &INK)).map_err(draw_error)?;
        Ok(f64::from(width) / 16.0)
    }

    /// `text` on one line, cut short with "…" if it is wider than `max` pixels.
    fn fit(&self, text: &str, size: u32, max: f64) -> Result<String, Error> {
        let mut text: String = text.chars().take(300).map(|c| if c.is_control() { ' ' } else { c }).collect();
        if self.width(&text, size)? <= max {
            return Ok(text);
        }
        while text.pop().is_some() {
            let cut = format!("{}…", text.trim_end());
            if self.width(&cut, size)? <= max {
                return Ok(cut);
            }
        }
        Ok(String::new())
    }

    /// Writes `text` with its baseline at `y` and its left, centre or right (`align`) at `x`.
    fn write(
        &self,
        text: &str,
        size: u32,
        colour: &'static RGBColor,
        (x, y): (i32, i32),
        align: HPos,
    ) -> Result<(), Error> {
        let style = text_style(size, colour);
        let width = self.width(text, size)?;
        let left = f64::from(x)
            - match align {
                HPos::Left => 0.0,
                HPos::Center => width / 2.0,
                HPos::Right => width,
            };
        // Plotters puts the baseline half the font size below the top it is given.
        let top = y - size as i32 / 2;
        let scale = f64::from(size) / self.font.height;
        let mut letter = [0; 4];
        for (i, c) in text.char_indices() {
            let Some((x_min, _)) = self.font.glyph_box(c) else { continue };
            let pen = self.width(&text[..i], size)?;
            let at = (left + pen + (f64::from(x_min) * scale).floor()).round() as i32;
            self.area.draw_text(c.encode_utf8(&mut letter), &style, (at, top)).map_err(draw_error)?;
        }
        Ok(())
    }
}

/// The corners of `shape` around (0, 0), `grow` pixels bigger all round than a plain marker.
fn corners(shape: Shape, grow: f64) -> Vec<(i32, i32)> {
    let r = MARKER_RADIUS;
    let regular = |n: usize, radius: f64, turn: f64| -> Vec<(f64, f64)> {
        (0..n)
            .map(|i| {
                let angle = turn + TAU * i as f64 / n as f64;
                (radius * angle.cos(), radius * angle.sin())
            })
            .collect()
    };
    let cross = |turn: f64| -> Vec<(f64, f64)> {
        let (long, half) = (r * 1.15 + grow, r * 0.36 + grow);
        let arm = [(-half, -long), (half, -long), (half, -half)];
        // Four quarter turns of one arm; y grows downwards, as on screen.
        (0..4)
            .flat_map(|quarter| {
                let angle = turn + FRAC_PI_2 * f64::from(quarter);
                arm.map(|(x, y)| (x * angle.cos() - y * angle.sin(), x * angle.sin() + y * angle.cos()))
            })
            .collect()
    };
    // Sizes chosen so every shape has about the same area as the circle.
    let points = match shape {
        Shape::Circle => regular(32, r + grow, 0.0),
        Shape::TriangleUp => regular(3, r * 1.45 + 2.0 * grow, -FRAC_PI_2),
        Shape::TriangleDown => regular(3, r * 1.45 + 2.0 * grow, FRAC_PI_2),
        Shape::Square => regular(4, r * 1.25 + grow * SQRT_2, FRAC_PI_4),
        Shape::Diamond => regular(4, r * 1.3 + grow * SQRT_2, -FRAC_PI_2),
        Shape::Cross => cross(FRAC_PI_4),
        Shape::Plus => cross(0.0),
    };
    points.into_iter().map(|(x, y)| (x.round() as i32, y.round() as i32)).collect()
}

type Marker<'a, C> = ComposedElement<C, BitMapBackend<'a>, Polygon<(i32, i32)>, Polygon<(i32, i32)>>;

/// A filled marker with a white ring, centred on `at`.
fn marker<'a, C>(at: C, shape: Shape, colour: RGBColor) -> Marker<'a, C> {
    EmptyElement::at(at)
        + Polygon::new(corners(shape, MARKER_RING), WHITE.filled())
        + Polygon::new(corners(shape, 0.0), colour.filled())
}

fn draw(chart: &Chart, plan: &Plan, font: &'static Font, rgb: &mut [u8]) -> Result<(), Error> {
    let root = BitMapBackend::with_buffer(rgb, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(draw_error)?;
    let text = Writer { area: &root, font };
    let width = f64::from(WIDTH as i32 - 2 * MARGIN);

    let mut baseline = MARGIN + font.cap(TITLE_SIZE);
    text.write(&text.fit(&chart.title, TITLE_SIZE, width)?, TITLE_SIZE, &INK, (MARGIN, baseline), HPos::Left)?;
    if let Some(note) = chart.note.as_deref().filter(|note| !note.trim().is_empty()) {
        baseline += NOTE_SIZE as i32 + 22;
        text.write(&text.fit(note, NOTE_SIZE, width)?, NOTE_SIZE, &SOFT_INK, (MARGIN, baseline), HPos::Left)?;
    }

    let rows = legend_rows(&text, plan, width)?;
    let legend_top = HEIGHT as i32 - MARGIN - LEGEND_ROW * rows.len() as i32;
    let plot = root.margin(baseline + 36, HEIGHT as i32 - legend_top + 12, MARGIN, MARGIN);
    draw_plot(&plot, &text, plan)?;

    for (row, entries) in rows.iter().enumerate() {
        let row_width =
            entries.iter().map(|e| e.width).sum::<f64>() + f64::from(LEGEND_SPACING) * (entries.len() - 1) as f64;
        let mut x = MARGIN + ((width - row_width) / 2.0).round() as i32;
        let y = legend_top + LEGEND_ROW * row as i32 + LEGEND_ROW / 2;
        for entry in entries {
            let line = &plan.lines[entry.line];
            let sample = PathElement::new(vec![(x, y), (x + LEGEND_SAMPLE, y)], line.colour().stroke_width(LINE_WIDTH));
            root.draw(&sample).map_err(draw_error)?;
            root.draw(&marker((x + LEGEND_SAMPLE / 2, y), line.shape(), line.colour())).map_err(draw_error)?;
            let name_at = (x + LEGEND_SAMPLE + LEGEND_GAP, y + font.cap(LABEL_SIZE) / 2);
            text.write(&entry.name, LABEL_SIZE, &INK, name_at, HPos::Left)?;
            x += (entry.width + f64::from(LEGEND_SPACING)).round() as i32;
        }
    }

    root.present().map_err(draw_error)
}

struct LegendEntry {
    line: usize,
    name: String,
    width: f64,
}

/// The legend's entries (a line, a marker and a name each), flowed into rows `width` wide.
fn legend_rows(text: &Writer, plan: &Plan, width: f64) -> Result<Vec<Vec<LegendEntry>>, Error> {
    let mut rows: Vec<Vec<LegendEntry>> = Vec::new();
    let mut used = 0.0;
    for (line, series) in plan.lines.iter().enumerate() {
        let name = text.fit(series.name, LABEL_SIZE, LEGEND_NAME_MAX)?;
        let width_here = f64::from(LEGEND_SAMPLE + LEGEND_GAP) + text.width(&name, LABEL_SIZE)?;
        let entry = LegendEntry { line, name, width: width_here };
        match rows.last_mut() {
            Some(row) if used + f64::from(LEGEND_SPACING) + entry.width <= width => {
                used += f64::from(LEGEND_SPACING) + entry.width;
                row.push(entry);
            }
            _ => {
                used = entry.width;
                rows.push(vec![entry]);
            }
        }
    }
    Ok(rows)
}

fn draw_plot(area: &DrawingArea<BitMapBackend, Shift>, text: &Writer, plan: &Plan) -> Result<(), Error> {
    let y_label = |v: f64| format!("{v:.0$}", plan.y_decimals);
    let mut y_label_width: f64 = 0.0;
    for &v in &plan.y.ticks {
        y_label_width = y_label_width.max(text.width(&y_label(v), LABEL_SIZE)?);
    }

    let mut chart = ChartBuilder::on(area)
        .margin_right(36)
        .x_label_area_size(LABEL_SIZE + 30)
        .y_label_area_size(y_label_width.ceil() as i32 + TICK + 16)
        .build_cartesian_2d(plan.x.clone(), plan.y.clone())
        .map_err(draw_error)?;
    // Labels are written below, by `text`: plotters would space their letters unevenly.
    chart
        .configure_mesh()
        .bold_line_style(GRID.stroke_width(2))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(2))
        .set_all_tick_mark_size(TICK)
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|_| String::new())
        .draw()
        .map_err(draw_error)?;
    let cap = text.font.cap(LABEL_SIZE);
    for &v in &plan.y.ticks {
        let (x, y) = chart.backend_coord(&(plan.x.range.start, v));
        text.write(&y_label(v), LABEL_SIZE, &SOFT_INK, (x - TICK - 10, y + cap / 2), HPos::Right)?;
    }
    for &t in &plan.x.ticks {
        let (x, y) = chart.backend_coord(&(t, plan.y.range.start));
        text.write(&date_label(t, plan.x_label), LABEL_SIZE, &SOFT_INK, (x, y + TICK + 12 + cap), HPos::Center)?;
    }

    // Each segment on its own: plotters joins a thick path with mitres, which spike at sharp
    // turns. The markers cover the joins.
    for line in &plan.lines {
        let style = line.colour().stroke_width(LINE_WIDTH);
        chart
            .draw_series(line.points.windows(2).map(|pair| PathElement::new(pair.to_vec(), style)))
            .map_err(draw_error)?;
    }
    // Markers after every line, so no line hides a marker.
    for line in &plan.lines {
        chart
            .draw_series(line.points.iter().map(|&point| marker(point, line.shape(), line.colour())))
            .map_err(draw_error)?;
    }
    Ok(())
}

fn encode(rgb: &[u8]) -> Result<Vec<u8>, Error> {
    let encode_error = |e: png::EncodingError| Error::Encode(e.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(rgb).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400_000;
    /// 21 November 2025, 12:00 UTC.
    const NOV_21: i64 = 1_763_726_400_000;

    fn chart(series: Vec<Series>) -> Chart {
        Chart {
            title: "How you've been".into(),
            y_min: 0.0,
            y_max: 10.0,
            note: Some("Higher is better, except Worried".into()),
            series,
        }
    }

    fn series(name: &str, points: &[(i64, f64)]) -> Series {
        Series { name: name.into(), points: points.to_vec() }
    }

    /// Four measures, five check-ins each over about four months.
    fn sample() -> Chart {
        let days = [0, 27, 55, 86, 118];
        let scores = |values: [f64; 5]| -> Vec<(i64, f64)> {
            days.iter().zip(values).map(|(&d, v)| (NOV_21 + d * DAY + 3_600_000 * (d % 7), v)).collect()
        };
        chart(vec![
            Series { name: "Life".into(), points: scores([4.0, 5.0, 5.0, 6.0, 7.0]) },
            Series { name: "Worthwhile".into(), points: scores([5.0, 5.0, 6.0, 7.0, 7.0]) },
            Series { name: "Happy".into(), points: scores([3.0, 4.0, 6.0, 5.0, 7.0]) },
            Series { name: "Worried".into(), points: scores([8.0, 7.0, 7.0, 5.0, 4.0]) },
        ])
    }

    /// Decodes a PNG, checking its size, into RGB bytes.
    fn decode(bytes: &[u8]) -> Vec<u8> {
        assert!(bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]));
        let mut reader = png::Decoder::new(bytes).read_info().unwrap();
        let mut rgb = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut rgb).unwrap();
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        rgb.truncate(info.buffer_size());
        rgb
    }

    /// How many pixels are `colour`, give or take a little.
    fn count(rgb: &[u8], colour: RGBColor) -> usize {
        let RGBColor(r, g, b) = colour;
        rgb.chunks_exact(3).filter(|p| p[0].abs_diff(r) <= 6 && p[1].abs_diff(g) <= 6 && p[2].abs_diff(b) <= 6).count()
    }

    #[test]
    fn draws_a_png_of_the_right_size_with_each_line_in_its_colour() {
        let sample = sample();
        let rgb = decode(&png(&sample).unwrap());
        let white = count(&rgb, RGBColor(255, 255, 255));
        assert!(white > (WIDTH * HEIGHT / 2) as usize, "mostly white: {white}");
        for colour in &PALETTE[..4] {
            let n = count(&rgb, *colour);
            assert!(n > 3000, "{colour:?}: {n} pixels");
        }
        assert!(count(&rgb, PALETTE[4]) < 50, "a fifth colour with four series");
        // A sample to look at: LINKUP_CHART_SAMPLE=/tmp/chart-sample.png cargo test --lib chart
        if let Ok(path) = std::env::var("LINKUP_CHART_SAMPLE") {
            std::fs::write(path, png(&sample).unwrap()).unwrap();
        }
    }

    #[test]
    fn one_check_in_is_drawn_in_the_middle() {
        let one = chart(vec![series("Life", &[(NOV_21, 7.0)])]);
        let rgb = decode(&png(&one).unwrap());
        assert!(count(&rgb, PALETTE[0]) > 300);
        let plan = Plan::new(&one).unwrap();
        let middle = plan.x.range.start / 2.0 + plan.x.range.end / 2.0;
        assert_eq!(middle, NOV_21 as f64);
        assert!(plan.x.range.end - plan.x.range.start >= 2.0 * DAY as f64);
    }

    #[test]
    fn nothing_to_draw_is_empty() {
        assert!(matches!(png(&chart(vec![])), Err(Error::Empty)));
        assert!(matches!(png(&chart(vec![series("Life", &[])])), Err(Error::Empty)));
        let unusable = series("Life", &[(NOV_21, f64::NAN), (NOV_21, f64::INFINITY), (i64::MAX, 5.0)]);
        assert!(matches!(png(&chart(vec![unusable])), Err(Error::Empty)));
    }

    #[test]
    fn odd_values_are_skipped_or_clamped_without_panicking() {
        let odd = series(
            "Odd",
            &[
                (NOV_21, f64::NAN),
                (NOV_21 + DAY, -5.0),
                (NOV_21 + 2 * DAY, 1e300),
                (NOV_21 - DAY, f64::NEG_INFINITY),
                (i64::MIN, 3.0),
                (NOV_21 + 3 * DAY, 5.0),
            ],
        );
        let plan_chart = chart(vec![odd.clone()]);
        let plan = Plan::new(&plan_chart).unwrap();
        assert_eq!(plan.lines[0].points.iter().map(|p| p.1).collect::<Vec<_>>(), [0.0, 10.0, 5.0]);
        decode(&png(&plan_chart).unwrap());

        for (y_min, y_max) in [(10.0, 0.0), (5.0, 5.0), (f64::NAN, 10.0), (f64::NEG_INFINITY, f64::INFINITY)] {
            decode(&png(&Chart { y_min, y_max, ..chart(vec![odd.clone()]) }).unwrap());
        }
        let extremes = series("Extremes", &[(0, f64::MAX), (1, -f64::MAX)]);
        decode(&png(&Chart { y_min: f64::NAN, ..chart(vec![extremes]) }).unwrap());
        let far = series("Far", &[(-8_000_000_000_000_000, 1.0), (8_000_000_000_000_000, 2.0)]);
        decode(&png(&chart(vec![far])).unwrap());
    }

    #[test]
    fn many_series_with_long_or_empty_names_and_titles_still_draw() {
        let long = "A very long name that goes on and on ".repeat(20);
        let many: Vec<Series> =
            (0..9).map(|i| series(if i == 3 { "" } else { &long }, &[(NOV_21 + i * DAY, i as f64)])).collect();
        let rgb = decode(&png(&Chart { title: long.clone(), note: Some("\n".into()), ..chart(many) }).unwrap());
        for colour in PALETTE {
            assert!(count(&rgb, colour) > 100, "{colour:?}");
        }
    }

    #[test]
    fn series_without_points_are_left_out_but_others_keep_their_colours() {
        let chart = chart(vec![series("Life", &[(NOV_21, f64::NAN)]), series("Worthwhile", &[(NOV_21, 5.0)])]);
        let plan = Plan::new(&chart).unwrap();
        assert_eq!(plan.lines.len(), 1);
        assert_eq!(
            (plan.lines[0].name, plan.lines[0].colour(), plan.lines[0].shape()),
            ("Worthwhile", PALETTE[1], SHAPES[1])
        );
        let rgb = decode(&png(&chart).unwrap());
        assert!(count(&rgb, PALETTE[0]) < 50);
        assert!(count(&rgb, PALETTE[1]) > 300);
    }

    #[test]
    fn the_bundled_font_is_measured() {
        let font = bundled_font().unwrap();
        // DejaVu Sans: ascender 1901, descender -483, capital H 1493 units high.
        assert_eq!((font.height, font.cap_height), (2384.0, 1493.0));
        assert_eq!(font.glyph_box(' '), None);
        assert_eq!(font.glyph_box('\u{10FFFF}'), None);
        let (t, h) = (font.glyph_box('t').unwrap(), font.glyph_box('H').unwrap());
        assert!(t.0 != h.0, "letters have their own left bearings: t {t:?}, H {h:?}");
    }

    #[test]
    fn y_ticks_are_whole_numbers_on_scores() {
        assert_eq!(y_ticks(0.0, 10.0), ((0..=10).map(f64::from).collect(), 0));
        assert_eq!(y_ticks(1.0, 5.0), ((1..=5).map(f64::from).collect(), 0));
        assert_eq!(y_ticks(14.0, 70.0), ([20, 30, 40, 50, 60, 70].map(f64::from).to_vec(), 0));
        assert_eq!(y_ticks(0.0, 1.0).1, 1);
    }

    #[test]
    fn x_ticks_are_a_few_dates() {
        let at = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap().and_hms_opt(0, 0, 0).unwrap().and_utc();
        let ms = |t: DateTime<Utc>| t.timestamp_millis() as f64;
        let labels = |start, end| {
            let (ticks, label) = x_ticks(ms(start), ms(end));
            ticks.iter().map(|&t| date_label(t, label)).collect::<Vec<_>>()
        };
        assert_eq!(labels(at(2025, 11, 10), at(2026, 3, 20)), ["1 Dec", "1 Jan", "1 Feb", "1 Mar"]);
        assert_eq!(labels(at(2025, 11, 20), at(2025, 11, 23)), ["20 Nov", "21 Nov", "22 Nov", "23 Nov"]);
        assert_eq!(labels(at(2025, 11, 1), at(2025, 11, 30)), ["3 Nov", "10 Nov", "17 Nov", "24 Nov"]);
        assert_eq!(labels(at(2024, 6, 1), at(2026, 3, 1)), ["1 Jul 2024", "1 Jan 2025", "1 Jul 2025", "1 Jan 2026"]);
        for (start, end) in [(at(2025, 1, 1), at(2025, 1, 9)), (at(1900, 1, 1), at(2100, 1, 1))] {
            let (ticks, _) = x_ticks(ms(start), ms(end));
            assert!((2..=6).contains(&ticks.len()), "{start} to {end}: {ticks:?}");
        }
    }
}
