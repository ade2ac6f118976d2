//! The language the command line speaks to people: English by default, Thai with `--lang th`
//! or a Thai locale (LC_ALL, then LC_MESSAGES, then LANG, as gettext reads them). Chosen once
//! at start; `--format json` carries both languages whatever is chosen.

use std::sync::atomic::{AtomicBool, Ordering};

use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// English.
    En,
    /// Thai (ไทย).
    Th,
}

static THAI: AtomicBool = AtomicBool::new(false);

/// Sets the language: the flag if given, else the locale of the environment.
pub fn choose(flag: Option<Lang>) {
    let lang = flag.unwrap_or_else(|| from_locale(|name| std::env::var(name).ok()));
    THAI.store(lang == Lang::Th, Ordering::Relaxed);
}

/// Whether messages for people are written in Thai.
pub fn thai() -> bool {
    THAI.load(Ordering::Relaxed)
}

/// The language a locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set and
/// not empty; `th`, `th_TH.UTF-8`… mean Thai.
fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l == "th" || l.starts_with("th_") || l.starts_with("th.") => Lang::Th,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(pairs: &[(&str, &str)]) -> Lang {
        from_locale(|name| {
            pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn thai_locales_mean_thai_in_gettext_order() {
        assert_eq!(locale(&[("LANG", "th_TH.UTF-8")]), Lang::Th);
        assert_eq!(locale(&[("LANG", "th")]), Lang::Th);
        assert_eq!(locale(&[("LANG", "en_US.UTF-8")]), Lang::En);
        assert_eq!(locale(&[]), Lang::En);
        assert_eq!(
            locale(&[("LC_ALL", "C"), ("LANG", "th_TH.UTF-8")]),
            Lang::En
        );
        assert_eq!(
            locale(&[("LC_ALL", ""), ("LC_MESSAGES", "th_TH"), ("LANG", "en_GB")]),
            Lang::Th
        );
        assert_eq!(locale(&[("LANG", "thx")]), Lang::En);
    }
}
