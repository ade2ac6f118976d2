//! Turns a checked [`Dataset`] into the document the layout reads as `/data.json`:
//! numbers and dates written the Thai way (or as chosen), list markers computed, text cleaned
//! of control characters and given line-break hints. The layout only places what it is given.

use serde::Serialize;

use super::columns::{LayoutColumn, columns};
use super::model::{
    Block, DEFAULT_TITLE, Dataset, ListStyle, PLAN_TITLE, Period, Rich, TITLE_FROM_ITA_2569,
};
use crate::fonts::advance_em;
use crate::thai::breaks::{ZERO_WIDTH_SPACE, add_break_hints};
use crate::thai::dates::{Date, DateStyle, fiscal_year_bounds, format_period};
use crate::thai::digits::{thai_number, to_arabic_digits, to_thai_digits_in_prose};
use crate::thai::segment::{add_thai_break_hints, is_thai_letter};
use crate::thai::spaces::{glue_unbreakable_spaces, is_no_break_space};

/// Which digits the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DigitStyle {
    /// Numbers the tool writes (measure and list numbers, years, dates, pages) in Thai digits;
    /// the user's own text as written.
    #[default]
    AsWritten,
    /// Thai digits everywhere, except inside URLs, e-mail addresses and codes with Latin letters.
    Thai,
    /// Arabic digits everywhere.
    Arabic,
}

impl DigitStyle {
    /// Every style with its name on the command line and in the HTTP API.
    pub const NAMES: [(&'static str, DigitStyle); 3] = [
        ("as-written", DigitStyle::AsWritten),
        ("thai", DigitStyle::Thai),
        ("arabic", DigitStyle::Arabic),
    ];

    pub fn from_name(name: &str) -> Option<DigitStyle> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
    }
}

/// Which document a dataset becomes: the same measures at the start of the fiscal year (the
/// plan) and at its end (the results report).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Document {
    /// รายงานผลการดำเนินการ…: the six columns.
    #[default]
    Report,
    /// มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน: measure, method, responsible, period.
    Plan,
}

impl Document {
    /// Every document with its name on the command line and in the HTTP API.
    pub const NAMES: [(&'static str, Document); 2] =
        [("report", Document::Report), ("plan", Document::Plan)];

    pub fn from_name(name: &str) -> Option<Document> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| *d)
    }

    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, d)| *d == self)
            .map_or("report", |(n, _)| n)
    }
}

/// The ITA assessment year a dataset is submitted to: as given, else the year after its
/// fiscal year (ITA 2569 looks at the fiscal year 2568).
pub fn assessment_year(dataset: &Dataset) -> i32 {
    dataset.assessment_year.unwrap_or(dataset.fiscal_year + 1)
}

/// The ITA item a document answers in an assessment year, where it is known: ITA 2566 asked
/// for the measures (O42) and their results (O43), ITA 2569 for the results (O26).
pub fn known_ita_item(document: Document, assessment_year: i32) -> Option<&'static str> {
    match (document, assessment_year) {
        (Document::Plan, 2566) => Some("O42"),
        (Document::Report, 2566) => Some("O43"),
        (Document::Report, 2569) => Some("O26"),
        _ => None,
    }
}

/// The title a document carries: the plan's own; the report's as the dataset gives it, else
/// the title of its assessment year.
pub fn document_title(dataset: &Dataset, document: Document) -> &str {
    match document {
        Document::Plan => PLAN_TITLE,
        Document::Report => dataset.title.as_deref().unwrap_or({
            if assessment_year(dataset) >= 2569 {
                TITLE_FROM_ITA_2569
            } else {
                DEFAULT_TITLE
            }
        }),
    }
}

/// Choices that change how the data is written, not what it says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NormaliseOptions {
    pub date_style: DateStyle,
    pub digits: DigitStyle,
    /// Body text size in points; the layout's default (16 pt) when `None`.
    pub font_size: Option<f64>,
    /// Thai distributed justification of the introduction (ragged right when false).
    pub justify: bool,
    /// Break Thai lines between dictionary words (else where Typst's model chooses).
    pub dictionary_breaks: bool,
    /// The report or the plan.
    pub document: Document,
}

impl Default for NormaliseOptions {
    fn default() -> Self {
        NormaliseOptions {
            date_style: DateStyle::Short,
            digits: DigitStyle::AsWritten,
            font_size: None,
            justify: true,
            dictionary_breaks: true,
            document: Document::Report,
        }
    }
}

/// What the layout receives.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutDocument {
    /// Version of this document's shape, for custom layouts.
    pub version: u32,
    /// "report" or "plan".
    pub document: &'static str,
    pub title: String,
    /// The ITA assessment year, as written in the report ("๒๕๖๙").
    pub assessment_year: String,
    /// The ITA item the document answers ("O26"), when known.
    pub ita_item: Option<String>,
    /// The reporting round ("รอบ ๖ เดือน"), when given.
    pub round: Option<String>,
    /// The table's columns, in order, with their widths.
    pub columns: Vec<LayoutColumn>,
    pub organization: LayoutOrganization,
    /// The fiscal year as written in the report, e.g. "๒๕๖๗".
    pub fiscal_year: String,
    pub introduction: Vec<LayoutBlock>,
    pub measures: Vec<LayoutMeasure>,
    pub signatories: Vec<LayoutSignatory>,
    /// The report date in full Thai form ("๒๐ ตุลาคม ๒๕๖๘"), when given.
    pub report_date: Option<String>,
    /// The document's date (ISO): the report date, else the last day of the fiscal year.
    pub document_date: String,
    pub options: LayoutOptions,
}

/// Presentation choices the layout applies.
#[derive(Debug, Clone, Serialize)]
pub struct LayoutOptions {
    /// "thai" or "arabic": the digits of page numbers.
    pub digits: &'static str,
    /// Body size in points, or null for the layout's default.
    pub font_size: Option<f64>,
    pub justify: bool,
    /// Every place a Thai line may break is marked in the text (U+200B; U+2060 where it may
    /// not), so the layout may turn off Typst's own Thai line breaking (see
    /// `typeset::language`).
    pub breaks_marked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayoutOrganization {
    pub name: String,
    pub short_name: Option<String>,
    /// "อำเภอโพธิ์ทอง", when given.
    pub district: Option<String>,
    /// "จังหวัดร้อยเอ็ด", when given.
    pub province: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayoutMeasure {
    /// The measure's number with its full stop, "๑.".
    pub number: String,
    pub measure: Vec<LayoutBlock>,
    pub method: Vec<LayoutBlock>,
    pub responsible: Vec<LayoutBlock>,
    pub period: Vec<LayoutBlock>,
    pub result: Vec<LayoutBlock>,
    pub outcome: Vec<LayoutBlock>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayoutSignatory {
    pub role: String,
    pub name: String,
    pub position: String,
}

/// A paragraph (its lines) or a list (its items with their markers).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LayoutBlock {
    Paragraph {
        lines: Vec<String>,
        /// Each line's natural width in ems of the regular face: a layout can tell how many
        /// lines a paragraph needs at least in a column.
        widths: Vec<f64>,
        /// The widest run of these lines that no break opportunity splits (between spaces
        /// and U+200B), in ems; a run with Thai letters counts only when its breaks are
        /// marked. A layout compares it with its column (a long code).
        widest: f64,
    },
    List {
        style: &'static str,
        items: Vec<LayoutItem>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LayoutItem {
    /// "๑.", "-", "•" or "".
    pub marker: String,
    pub body: Vec<LayoutBlock>,
}

/// The document date: the report date, else 30 September of the fiscal year.
pub fn document_date(dataset: &Dataset) -> Date {
    dataset
        .report_date
        .unwrap_or_else(|| fiscal_year_bounds(dataset.fiscal_year).1)
}

/// Builds the layout's document from a checked dataset.
pub fn normalise(dataset: &Dataset, options: NormaliseOptions) -> LayoutDocument {
    let w = Writer { options };
    let org = &dataset.organization;
    let assessed = assessment_year(dataset);
    let measures: Vec<LayoutMeasure> = dataset
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| LayoutMeasure {
            number: format!("{}.", w.number(i as u64 + 1)),
            measure: w.blocks(&m.measure),
            method: w.blocks(&m.method),
            responsible: w.blocks(&m.responsible),
            period: w.period(&m.period),
            result: w.blocks(&m.result),
            outcome: w.blocks(&m.outcome),
        })
        .collect();
    LayoutDocument {
        version: 1,
        document: options.document.name(),
        title: w.line(document_title(dataset, options.document)),
        assessment_year: w.number(assessed.max(0) as u64),
        ita_item: dataset
            .ita_item
            .as_deref()
            .or(known_ita_item(options.document, assessed))
            .map(|item| w.line(item)),
        round: dataset.round.as_deref().map(|r| w.line(r)),
        columns: columns(options.document, &measures, options.font_size),
        organization: LayoutOrganization {
            name: w.line(&org.name),
            short_name: org.short_name.as_deref().map(|n| w.line(n)),
            district: org
                .district
                .as_deref()
                .map(|d| w.line(&with_prefix("อำเภอ", d))),
            province: org
                .province
                .as_deref()
                .map(|p| w.line(&with_prefix("จังหวัด", p))),
        },
        fiscal_year: w.number(dataset.fiscal_year.max(0) as u64),
        introduction: w.blocks(&dataset.introduction),
        measures,
        signatories: dataset
            .signatories
            .iter()
            .map(|s| LayoutSignatory {
                role: w.line(&s.role),
                name: w.line(&s.name),
                position: w.line(&s.position),
            })
            .collect(),
        report_date: dataset.report_date.map(|d| w.generated(&d.thai_full())),
        document_date: document_date(dataset).to_string(),
        options: LayoutOptions {
            digits: if options.digits == DigitStyle::Arabic {
                "arabic"
            } else {
                "thai"
            },
            font_size: options.font_size,
            justify: options.justify,
            breaks_marked: options.dictionary_breaks,
        },
    }
}

/// Writes text for the layout under the chosen options.
struct Writer {
    options: NormaliseOptions,
}

impl Writer {
    /// A number the tool writes.
    fn number(&self, n: u64) -> String {
        match self.options.digits {
            DigitStyle::Arabic => n.to_string(),
            _ => thai_number(n),
        }
    }

    /// Text the tool writes in Thai digits (dates), as the digit style wants it.
    fn generated(&self, text: &str) -> String {
        match self.options.digits {
            DigitStyle::Arabic => to_arabic_digits(text),
            _ => text.to_owned(),
        }
    }

    /// One line of the user's text, ready to show: digits as chosen, break hints added, and
    /// spaces where no line may break glued (so `widest` is what Typst keeps on one line).
    fn display(&self, line: &str) -> String {
        let line = match self.options.digits {
            DigitStyle::AsWritten => line.to_owned(),
            DigitStyle::Thai => to_thai_digits_in_prose(line),
            DigitStyle::Arabic => to_arabic_digits(line),
        };
        let marked = self.options.dictionary_breaks;
        let hinted = if marked {
            add_break_hints(&add_thai_break_hints(&line))
        } else {
            add_break_hints(&line)
        };
        glue_unbreakable_spaces(&hinted, marked)
    }

    /// Text for a one-line place (names, titles): line breaks become spaces.
    fn line(&self, text: &str) -> String {
        self.display(&clean_text(text).split('\n').collect::<Vec<_>>().join(" "))
    }

    fn period(&self, period: &Period) -> Vec<LayoutBlock> {
        match period {
            Period::Dates(range) => {
                let text = format_period(range.start, range.end, self.options.date_style);
                self.paragraph(vec![keep_dates_together(&self.generated(&text))])
                    .into_iter()
                    .collect()
            }
            Period::Text(rich) => self.blocks(rich),
        }
    }

    /// A paragraph of these lines; none when they are all empty.
    fn paragraph(&self, lines: Vec<String>) -> Option<LayoutBlock> {
        if lines.iter().all(|l| l.is_empty()) {
            return None;
        }
        // Two decimals are plenty, and keep the data short.
        let ems = |width: f64| (width * 100.0).ceil() / 100.0;
        let widths = lines.iter().map(|line| ems(advance_em(line))).collect();
        let widest = lines
            .iter()
            // A no-break space joins ("๑ ต.ค. ๖๖ –" is one run, so is "( ๑ )": see
            // thai::spaces).
            .flat_map(|line| {
                line.split(|c: char| {
                    (c.is_whitespace() && !is_no_break_space(c)) || c == ZERO_WIDTH_SPACE
                })
            })
            // With Typst's own Thai breaks, a Thai run may break anywhere, except where the tool
            // glued it with no-break spaces (a date, a number and its unit).
            .filter(|run| {
                self.options.dictionary_breaks
                    || run.contains('\u{a0}')
                    || !run.chars().any(is_thai_letter)
            })
            .map(advance_em)
            .fold(0.0, f64::max);
        Some(LayoutBlock::Paragraph {
            lines,
            widths,
            widest: ems(widest),
        })
    }

    /// The blocks of rich text; empty paragraphs are dropped, so `""` and `[]` are both empty.
    fn blocks(&self, rich: &Rich) -> Vec<LayoutBlock> {
        rich.0
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph(text) => {
                    let lines: Vec<String> = clean_text(text)
                        .split('\n')
                        .map(|l| self.display(l))
                        .collect();
                    self.paragraph(lines)
                }
                Block::List(list) => Some(LayoutBlock::List {
                    style: style_name(list.style),
                    items: list
                        .list
                        .iter()
                        .enumerate()
                        .map(|(i, item)| LayoutItem {
                            marker: self.marker(list.style, i),
                            body: self.blocks(item),
                        })
                        .collect(),
                }),
            })
            .collect()
    }

    fn marker(&self, style: ListStyle, index: usize) -> String {
        match style {
            ListStyle::Numbered => format!("{}.", self.number(index as u64 + 1)),
            ListStyle::Dash => "-".into(),
            ListStyle::Bullet => "•".into(),
            ListStyle::Plain => String::new(),
        }
    }
}

/// A written period with no-break spaces inside each date and before the dash, so that a
/// line may only break after the dash: `๑ ต.ค. ๖๖ –` / `๓๐ ก.ย. ๖๗`. A full date is wider
/// than the period column, so its year (four digits) may go to the next line:
/// `๑ ตุลาคม` / `๒๕๖๖ –`. The text layer of the PDF gives plain spaces back (see
/// `typeset::text_layer`).
fn keep_dates_together(period: &str) -> String {
    let mut out = String::with_capacity(period.len() + 8);
    let mut previous = "";
    for (i, word) in period.split(' ').enumerate() {
        if i > 0 {
            let full_year = word.chars().count() == 4 && word.chars().all(|c| c.is_numeric());
            out.push(if previous == "–" || full_year {
                ' '
            } else {
                '\u{a0}'
            });
        }
        out.push_str(word);
        previous = word;
    }
    out
}

fn style_name(style: ListStyle) -> &'static str {
    ListStyle::ALL
        .iter()
        .find(|(_, s)| *s == style)
        .map_or("numbered", |(name, _)| name)
}

/// Text with Windows and Word line breaks made `\n`, tabs made spaces, other control
/// characters removed, and each line's outer spaces trimmed.
fn clean_text(text: &str) -> String {
    let unified = text
        .replace("\r\n", "\n")
        .replace(['\r', '\u{0b}', '\u{2028}', '\u{2029}'], "\n");
    let mut out = String::with_capacity(unified.len());
    for (i, line) in unified.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line: String = line
            .chars()
            .filter_map(|c| match c {
                '\t' => Some(' '),
                '\u{FEFF}' => None,
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        out.push_str(line.trim());
    }
    out.trim_matches('\n').to_owned()
}

fn with_prefix(prefix: &str, name: &str) -> String {
    let name = name.trim();
    if name.starts_with(prefix) {
        name.to_owned()
    } else {
        format!("{prefix}{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::model::{List, Measure, Organization};

    fn dataset(measure: Rich, period: Period) -> Dataset {
        Dataset {
            schema: None,
            organization: Organization {
                name: "องค์การบริหารส่วนตำบลสว่าง".into(),
                short_name: None,
                district: Some("โพธิ์ทอง".into()),
                province: Some("จังหวัดร้อยเอ็ด".into()),
            },
            fiscal_year: 2567,
            title: None,
            assessment_year: None,
            ita_item: None,
            round: None,
            introduction: Rich::default(),
            measures: vec![Measure {
                measure,
                method: Rich(vec![Block::Paragraph(String::new())]),
                responsible: Rich::default(),
                period,
                result: Rich::default(),
                outcome: Rich::default(),
            }],
            signatories: vec![],
            report_date: None,
        }
    }

    /// Text without the invisible break hints.
    fn plain(text: &str) -> String {
        crate::thai::segment::without_break_marks(text)
    }

    fn plain_lines(blocks: &[LayoutBlock]) -> Vec<String> {
        blocks
            .iter()
            .flat_map(|b| match b {
                LayoutBlock::Paragraph { lines, .. } => {
                    lines.iter().map(|l| plain(l)).collect::<Vec<_>>()
                }
                LayoutBlock::List { items, .. } => {
                    items.iter().flat_map(|i| plain_lines(&i.body)).collect()
                }
            })
            .collect()
    }

    #[test]
    fn thai_numbers_prefixes_and_dates() {
        let d = dataset(Rich::default(), Period::Text(Rich::default()));
        let doc = normalise(&d, NormaliseOptions::default());
        assert_eq!(doc.fiscal_year, "๒๕๖๗");
        assert_eq!(plain(&doc.title), DEFAULT_TITLE);
        assert_eq!(
            doc.organization.district.as_deref().map(plain).as_deref(),
            Some("อำเภอโพธิ์ทอง")
        );
        assert_eq!(
            doc.organization.province.as_deref().map(plain).as_deref(),
            Some("จังหวัดร้อยเอ็ด")
        );
        assert_eq!(doc.measures[0].number, "๑.");
        assert_eq!(doc.document_date, "2024-09-30");
        assert!(doc.measures[0].method.is_empty());
    }

    #[test]
    fn periods_are_written_in_thai() {
        let range = crate::dataset::model::DateRange {
            start: Date::parse_iso("2023-10-01").unwrap(),
            end: Date::parse_iso("2024-09-30").unwrap(),
        };
        let doc = normalise(
            &dataset(Rich::default(), Period::Dates(range)),
            NormaliseOptions::default(),
        );
        assert_eq!(
            paragraph_lines(&doc.measures[0].period),
            ["๑\u{a0}ต.ค.\u{a0}๖๖\u{a0}– ๓๐\u{a0}ก.ย.\u{a0}๖๗"]
        );
        // A full date may break before its year, or the column could not hold it.
        let full = NormaliseOptions {
            date_style: crate::thai::dates::DateStyle::Full,
            ..NormaliseOptions::default()
        };
        let doc = normalise(&dataset(Rich::default(), Period::Dates(range)), full);
        assert_eq!(
            paragraph_lines(&doc.measures[0].period),
            ["๑\u{a0}ตุลาคม ๒๕๖๖\u{a0}– ๓๐\u{a0}กันยายน ๒๕๖๗"]
        );
    }

    fn paragraph_lines(blocks: &[LayoutBlock]) -> Vec<String> {
        match blocks {
            [LayoutBlock::Paragraph { lines, .. }] => lines.clone(),
            other => panic!("not one paragraph: {other:?}"),
        }
    }

    fn widest(text: &str, options: NormaliseOptions) -> f64 {
        let rich = Rich(vec![Block::Paragraph(text.into())]);
        match &normalise(&dataset(rich, Period::Text(Rich::default())), options).measures[0].measure
            [..]
        {
            [LayoutBlock::Paragraph { widest, .. }] => *widest,
            other => panic!("not one paragraph: {other:?}"),
        }
    }

    #[test]
    fn paragraphs_know_their_widest_unbreakable_run() {
        let options = NormaliseOptions::default();
        // Words break between them: the widest is one word, not the line.
        let code = widest("ดู T:6Mi+]G๑๒๓ ที่นี่", options);
        assert!((code - advance_em("T:6Mi+]G๑๒๓")).abs() < 0.01, "{code}");
        let thai = widest("องค์การบริหารส่วนตำบลสว่าง", options);
        assert!(thai < advance_em("องค์การบริหาร"), "{thai}");
        // With Typst's own Thai breaks, Thai runs are Typst's business.
        let typst = NormaliseOptions {
            dictionary_breaks: false,
            ..options
        };
        assert_eq!(widest("องค์การบริหารส่วนตำบลสว่าง", typst), 0.0);
    }

    #[test]
    fn a_space_typst_does_not_break_at_does_not_end_a_run() {
        // No line break before ':' or ')' even after a space (UAX #14): the run goes on, and
        // the data says so with a no-break space, which the layout's run check follows too.
        let options = NormaliseOptions::default();
        let run = "T:6Mi+]G} :T:6Mi+]G";
        let glued = widest(&format!("ดู {run} นี้"), options);
        assert!((glued - advance_em(run)).abs() < 0.02, "{glued}");
        let rich = Rich(vec![Block::Paragraph("ก ( ๑ ) ข".into())]);
        let doc = normalise(&dataset(rich, Period::Text(Rich::default())), options);
        assert_eq!(
            paragraph_lines(&doc.measures[0].measure),
            ["ก (\u{a0}๑\u{a0}) ข"]
        );
    }

    #[test]
    fn paragraphs_know_their_lines_widths() {
        let rich = Rich(vec![Block::Paragraph("ก ข\nT:6Mi".into())]);
        let doc = normalise(
            &dataset(rich, Period::Text(Rich::default())),
            NormaliseOptions::default(),
        );
        let [LayoutBlock::Paragraph { widths, .. }] = &doc.measures[0].measure[..] else {
            panic!("not one paragraph");
        };
        assert_eq!(widths.len(), 2);
        assert!((widths[0] - advance_em("ก ข")).abs() < 0.01, "{widths:?}");
        assert!((widths[1] - advance_em("T:6Mi")).abs() < 0.01, "{widths:?}");
    }

    #[test]
    fn lists_get_markers_and_nest() {
        let inner = Rich(vec![Block::List(List {
            list: vec![Rich(vec![Block::Paragraph("ย่อย".into())])],
            style: ListStyle::Dash,
        })]);
        let rich = Rich(vec![Block::List(List {
            list: vec![Rich(vec![Block::Paragraph("หนึ่ง".into())]), inner],
            style: ListStyle::Numbered,
        })]);
        let doc = normalise(
            &dataset(rich, Period::Text(Rich::default())),
            NormaliseOptions::default(),
        );
        let LayoutBlock::List { items, .. } = &doc.measures[0].measure[0] else {
            panic!()
        };
        assert_eq!(items[0].marker, "๑.");
        assert_eq!(items[1].marker, "๒.");
        let LayoutBlock::List {
            items: inner,
            style,
        } = &items[1].body[0]
        else {
            panic!()
        };
        assert_eq!((inner[0].marker.as_str(), *style), ("-", "dash"));
    }

    #[test]
    fn digit_styles() {
        let rich = Rich(vec![Block::Paragraph(
            "คะแนน 99.82 และ ๑๐ ที่ https://x.go.th/2567".into(),
        )]);
        let range = crate::dataset::model::DateRange {
            start: Date::parse_iso("2023-10-01").unwrap(),
            end: Date::parse_iso("2024-09-30").unwrap(),
        };
        let d = dataset(rich, Period::Dates(range));
        let with = |digits| {
            normalise(
                &d,
                NormaliseOptions {
                    digits,
                    ..NormaliseOptions::default()
                },
            )
        };

        let as_written = with(DigitStyle::AsWritten);
        assert_eq!(
            plain_lines(&as_written.measures[0].measure),
            ["คะแนน 99.82 และ ๑๐ ที่ https://x.go.th/2567"]
        );
        assert_eq!(as_written.fiscal_year, "๒๕๖๗");
        assert_eq!(as_written.options.digits, "thai");

        let thai = with(DigitStyle::Thai);
        assert_eq!(
            plain_lines(&thai.measures[0].measure),
            ["คะแนน ๙๙.๘๒ และ ๑๐ ที่ https://x.go.th/2567"]
        );

        let arabic = with(DigitStyle::Arabic);
        assert_eq!(
            plain_lines(&arabic.measures[0].measure),
            ["คะแนน 99.82 และ 10 ที่ https://x.go.th/2567"]
        );
        assert_eq!(arabic.fiscal_year, "2567");
        assert_eq!(arabic.measures[0].number, "1.");
        assert_eq!(
            plain_lines(&arabic.measures[0].period),
            ["1 ต.ค. 66 – 30 ก.ย. 67"]
        );
        assert_eq!(arabic.options.digits, "arabic");
    }

    #[test]
    fn text_is_cleaned_not_changed() {
        assert_eq!(clean_text("  ก\r\nข\u{0b}ค\u{0}ง\tจ  "), "ก\nข\nคง จ");
        assert_eq!(
            clean_text("# $ * _ @ < > [ ] \\ //"),
            "# $ * _ @ < > [ ] \\ //"
        );
        let w = Writer {
            options: NormaliseOptions::default(),
        };
        assert_eq!(w.line("ก\nข"), "ก ข");
    }
}
