//! Render options by name, as a portal's query string, the browser engine's `options` object
//! or a settings file give them: `{"pdf_standard": "a-3b,ua-1", "digits": "thai",
//! "date_style": "full", "font_size": 15, "justify": false, "line_breaks": "typst",
//! "attach": false, "document": "plan"}`. One parser for every face but the command line (whose flags clap checks).

use serde::Deserialize;

use super::{PdfStandard, RenderOptions, pdf::parse_standard};
use crate::dataset::normalise::{DigitStyle, Document};
use crate::thai::dates::DateStyle;

/// The sizes a body text may have, in points.
pub const FONT_SIZES: std::ops::RangeInclusive<f64> = 8.0..=28.0;

/// Render choices by name; what is absent keeps its default.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RenderChoices {
    pub pdf_standard: Option<String>,
    pub digits: Option<String>,
    pub date_style: Option<String>,
    pub font_size: Option<f64>,
    pub justify: Option<bool>,
    pub line_breaks: Option<String>,
    pub attach: Option<bool>,
    pub document: Option<String>,
}

impl RenderChoices {
    /// `defaults`, changed as these choices ask; an unknown name says which names there are.
    pub fn apply(&self, defaults: &RenderOptions) -> Result<RenderOptions, String> {
        let mut options = defaults.clone();
        if let Some(names) = &self.pdf_standard {
            options.standards = parse_standards(names)?;
        }
        if let Some(digits) = &self.digits {
            options.normalise.digits = DigitStyle::from_name(digits)
                .ok_or_else(|| format!("digits={digits:?}: use as-written, thai or arabic"))?;
        }
        if let Some(style) = &self.date_style {
            options.normalise.date_style = DateStyle::from_name(style)
                .ok_or_else(|| format!("date_style={style:?}: use short or full"))?;
        }
        if let Some(size) = self.font_size {
            if !FONT_SIZES.contains(&size) {
                return Err(format!(
                    "font_size={size}: give a size between 8 and 28 points"
                ));
            }
            options.normalise.font_size = Some(size);
        }
        if let Some(justify) = self.justify {
            options.normalise.justify = justify;
        }
        if let Some(breaks) = &self.line_breaks {
            options.normalise.dictionary_breaks = match breaks.as_str() {
                "dictionary" => true,
                "typst" => false,
                _ => return Err(format!("line_breaks={breaks:?}: use dictionary or typst")),
            };
        }
        if let Some(attach) = self.attach {
            options.attach = attach;
        }
        if let Some(document) = &self.document {
            options.normalise.document = Document::from_name(document)
                .ok_or_else(|| format!("document={document:?}: use report or plan"))?;
        }
        Ok(options)
    }
}

/// A comma-separated list of PDF standards (`a-3b,ua-1`; `1.7` for plain PDF).
pub fn parse_standards(names: &str) -> Result<Vec<PdfStandard>, String> {
    names
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|name| {
            parse_standard(name).ok_or_else(|| {
                format!("pdf_standard={name:?} is unknown: use a-3b, a-3a, a-2b, ua-1, 1.7, …")
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_only_what_they_name() {
        let choices: RenderChoices = serde_json::from_str(
            r#"{"digits": "thai", "font_size": 15, "attach": false, "document": "plan"}"#,
        )
        .unwrap();
        let options = choices.apply(&RenderOptions::default()).unwrap();
        assert_eq!(options.normalise.document, Document::Plan);
        assert_eq!(options.normalise.digits, DigitStyle::Thai);
        assert_eq!(options.normalise.font_size, Some(15.0));
        assert!(!options.attach);
        assert_eq!(options.standards, RenderOptions::default().standards);
    }

    #[test]
    fn unknown_names_and_sizes_are_refused_with_the_choices() {
        let bad = |json: &str| {
            serde_json::from_str::<RenderChoices>(json)
                .map_err(|e| e.to_string())
                .and_then(|c| c.apply(&RenderOptions::default()).map(|_| ()))
                .unwrap_err()
        };
        assert!(bad(r#"{"digits": "roman"}"#).contains("as-written"));
        assert!(bad(r#"{"document": "memo"}"#).contains("report or plan"));
        assert!(bad(r#"{"font_size": 40}"#).contains("between 8 and 28"));
        assert!(bad(r#"{"pdf_standard": "a-9"}"#).contains("a-3b"));
        assert!(bad(r#"{"colour": "red"}"#).contains("unknown field"));
    }
}
